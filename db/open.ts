/**
 * Opening the database: pragmas, integrity check, version guard, backup-then-migrate.
 * SQLite specifics live here and in the repositories' driver calls, nowhere else.
 */
import { systemClock, type Clock } from '../shared/dates/clock';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError } from '../shared/contract/errors';
import * as schema from './schema';

export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenedDatabase {
  db: AppDatabase;
  sqlite: Database.Database;
  file: string;
  schemaVersion: number;
  /** The copy taken before migrations ran, when there was something to migrate. */
  preMigrationBackup: string | null;
  close(): void;
}

export interface OpenOptions {
  file: string;
  migrationsFolder: string;
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  /** Where the pre-migration copy goes; defaults to a backups folder beside the file. */
  backupFolder?: string;
  /**
   * Another connection to a file this process has already opened, checked and migrated (a worker
   * thread's): no integrity check and no migration, but the schema must be exactly the current one.
   */
  secondConnection?: boolean;
  /**
   * Skip the integrity check when the last session closed cleanly (a multi-gigabyte book takes seconds to
   * check): a marker file beside the database says a session is open; found at start, it means a crash or
   * power cut, and the check runs. (A restore still checks the copy it restores.)
   */
  checkOnlyAfterUncleanClose?: boolean;
  /** The clock that names the pre-migration copy (default: the machine's). */
  now?: Clock;
}

/** The marker a quick-starting session leaves while the database is open. */
export function openMarker(file: string): string {
  return `${file}.open`;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function readJournal(migrationsFolder: string): JournalEntry[] {
  const journalPath = path.join(migrationsFolder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

function appliedMigrations(sqlite: Database.Database): { count: number; newest: number } {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return { count: 0, newest: 0 };
  const row = sqlite.prepare('SELECT COUNT(*) AS count, MAX(created_at) AS newest FROM __drizzle_migrations').get() as {
    count: number;
    newest: number | null;
  };
  return { count: row.count, newest: row.newest ?? 0 };
}

function utcStamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

export async function openDatabase(options: OpenOptions): Promise<OpenedDatabase> {
  const file = path.resolve(options.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = options.nativeBinding
    ? new Database(file, { nativeBinding: options.nativeBinding })
    : new Database(file);
  try {
    sqlite.pragma('busy_timeout = 5000');
    const closedCleanly = options.checkOnlyAfterUncleanClose === true && !fs.existsSync(openMarker(file)) && fs.existsSync(file) && fs.statSync(file).size > 0;
    const check = options.secondConnection || closedCleanly ? 'ok' : sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new AppError('database-damaged', `the database ${file} failed its integrity check: ${String(check)}`);
    }
    sqlite.pragma('journal_mode = WAL');
    // FULL: a committed repayment survives a power cut, not only a crash.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // 64 MiB of page cache (the default is 2 MiB): a 100,000-loan book's indexes stay in memory, and
    // a bulk load or daily close does not spill pages to the WAL before it commits.
    sqlite.pragma('cache_size = -65536');

    const journal = readJournal(options.migrationsFolder);
    const newestKnown = Math.max(0, ...journal.map((entry) => entry.when));
    const applied = appliedMigrations(sqlite);
    if (applied.newest > newestKnown || applied.count > journal.length) {
      throw new AppError(
        'database-too-new',
        `the database ${file} was written by a newer version of LoanBridge (schema ${applied.count}, this version knows ${journal.length}); install the newer version to open it`,
      );
    }

    if (options.secondConnection && applied.count !== journal.length) {
      throw new AppError('database-too-new', `the database ${file} is at schema ${applied.count}, not ${journal.length}: open it first to migrate it`);
    }
    let preMigrationBackup: string | null = null;
    if (applied.count < journal.length && applied.count > 0) {
      const folder = options.backupFolder ?? path.join(path.dirname(file), 'backups');
      fs.mkdirSync(folder, { recursive: true });
      preMigrationBackup = path.join(folder, `loanbridge-pre-migration-${utcStamp((options.now ?? systemClock)())}.db`);
      await sqlite.backup(preMigrationBackup);
    }

    const db = drizzle(sqlite, { schema });
    // drizzle applies all pending migrations inside one BEGIN ... COMMIT.
    if (!options.secondConnection) migrate(db, { migrationsFolder: options.migrationsFolder });

    const marked = options.checkOnlyAfterUncleanClose === true;
    if (marked) fs.writeFileSync(openMarker(file), `${process.pid}\n`);
    return {
      db,
      sqlite,
      file,
      schemaVersion: journal.length,
      preMigrationBackup,
      close: () => {
        sqlite.close();
        if (marked) fs.rmSync(openMarker(file), { force: true });
      },
    };
  } catch (error) {
    sqlite.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      throw new AppError('database-damaged', `the database ${file} is damaged (${(error as Error).message})`);
    }
    throw error;
  }
}

export interface DatabaseInspection {
  ok: boolean;
  problem: string | null;
  schemaVersion: number;
}

/**
 * Checks a file is a sound LoanBridge database this version can open, without changing it:
 * used before a restore and when looking for the latest good backup.
 */
export function inspectDatabaseFile(file: string, migrationsFolder: string): DatabaseInspection {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const check = sqlite.pragma('integrity_check', { simple: true });
    if (check !== 'ok') return { ok: false, problem: `integrity check failed: ${String(check)}`, schemaVersion: 0 };
    const applied = appliedMigrations(sqlite);
    if (applied.count === 0) return { ok: false, problem: 'not a LoanBridge database (no schema history)', schemaVersion: 0 };
    const journal = readJournal(migrationsFolder);
    if (applied.count > journal.length) {
      return { ok: false, problem: `written by a newer LoanBridge (schema ${applied.count})`, schemaVersion: applied.count };
    }
    return { ok: true, problem: null, schemaVersion: applied.count };
  } catch (error) {
    return { ok: false, problem: `cannot be read as a database: ${(error as Error).message}`, schemaVersion: 0 };
  } finally {
    sqlite?.close();
  }
}
