/**
 * `loanbridge restore FILE | --latest`: works even when the database is damaged and cannot be opened,
 * which is exactly when a restore is needed. The damaged file is kept aside, never deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { inspectDatabaseFile } from '../../../db/open';
import { migrationsFolder } from '../../../db/migrations-path';
import type { ChannelOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { appendAudit } from '../../services/platform/audit';
import { listBackupFiles, placeDatabaseFile, recoverFromLatestBackup } from '../../services/platform/backups';
import { DATABASE_FILE_NAME, openRuntime } from '../../services/runtime';
import { CliFailure, localAdministrator, type CliContext } from '../context';
import { printValue } from '../output';

export function registerRestoreCommand(program: Command, cli: CliContext, dataDir: () => string): void {
  program
    .command('restore [file]')
    .description('replace the database with a backup (verified first; the current data is kept as a copy)')
    .option('--latest', 'the newest backup in the data folder\'s backups that passes verification')
    .action(async (file: string | undefined, o: { latest?: boolean }) => {
      if (!file && !o.latest) throw new CliFailure({ code: 'bad-request', field: 'file', message: 'file: give a backup file or --latest' });
      try {
        await cli.runtime();
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'database-damaged')) throw error;
        await coldRestore(cli, dataDir(), file, Boolean(o.latest));
        return;
      }
      const source = file ?? latestIn(path.join(dataDir(), 'backups'));
      const result = await cli.call<ChannelOutput<'backup.restore'>>('backup.restore', { file: source });
      printValue(cli.output, result, () => `restored from ${result.restoredFrom}; the data before was saved as ${result.safetyCopy}`);
    });
}

function latestIn(folder: string): string {
  const newest = listBackupFiles(folder)[0];
  if (!newest) throw new CliFailure({ code: 'not-found', field: 'file', message: `--latest: no backups in ${folder}` });
  return path.join(folder, newest.name);
}

/** The database will not open: put a verified backup in its place, then record the restore. */
async function coldRestore(cli: CliContext, dataDir: string, file: string | undefined, latest: boolean): Promise<void> {
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  const migrations = migrationsFolder();
  const now = cli.now();
  let restoredFrom: string;
  if (latest) {
    const found = recoverFromLatestBackup(databaseFile, migrations, [path.join(dataDir, 'backups')], now);
    if (!found) throw new CliFailure({ code: 'not-found', field: 'file', message: '--latest: no backup passes verification' });
    restoredFrom = found.name;
  } else {
    const source = path.resolve(file!);
    if (!fs.existsSync(source)) throw new CliFailure({ code: 'not-found', field: 'file', message: `file: ${source} does not exist` });
    const inspection = inspectDatabaseFile(source, migrations);
    if (!inspection.ok) throw new CliFailure({ code: 'validation', field: 'file', message: `file: ${source} cannot be restored: ${inspection.problem}`, reason: 'backupDamaged' });
    placeDatabaseFile(databaseFile, source, { keepPreviousAs: now });
    restoredFrom = path.basename(source);
  }
  const runtime = await openRuntime({ dataDir, now: cli.now });
  try {
    const actor = localAdministrator();
    runtime.database.sqlite
      .transaction(() =>
        appendAudit(runtime.database.db, { at: now.toISOString(), userName: actor.userName, role: actor.role, channel: 'cli.restore' }, {
          entityType: 'database',
          entityId: null,
          before: { damaged: true },
          after: { restoredFrom },
        }),
      )
      .immediate();
  } finally {
    runtime.close();
  }
  printValue(cli.output, { restoredFrom, damagedFileKept: true }, () => `the database was damaged; restored from ${restoredFrom} (the damaged file is kept beside it as .replaced-…)`);
}
