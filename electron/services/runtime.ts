/**
 * Opens a data folder and builds the dispatcher over it: what the Electron main process, the
 * browser host and the CLI each do at start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { migrationsFolder as defaultMigrationsFolder } from '../../db/migrations-path';
import { createDispatch, type Dispatch } from './dispatch';
import { APP_VERSION } from './version';

export const DATABASE_FILE_NAME = 'loanbridge.db';

export interface Runtime {
  dataDir: string;
  database: OpenedDatabase;
  dispatch: Dispatch;
  close(): void;
}

export interface RuntimeOptions {
  dataDir: string;
  migrationsFolder?: string;
  nativeBinding?: string;
  checkOutputs?: boolean;
  now?: () => Date;
  onInternalError?: (channel: string, error: unknown) => void;
}

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const openOptions: Parameters<typeof openDatabase>[0] = {
    file: path.join(dataDir, DATABASE_FILE_NAME),
    migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder(),
    backupFolder: path.join(dataDir, 'backups'),
  };
  if (options.nativeBinding) openOptions.nativeBinding = options.nativeBinding;
  const database = await openDatabase(openOptions);
  const dispatch = createDispatch({
    db: database.db,
    sqlite: database.sqlite,
    app: { appVersion: APP_VERSION, schemaVersion: database.schemaVersion, databaseFile: database.file },
    ...(options.now ? { now: options.now } : {}),
    ...(options.checkOutputs ? { checkOutputs: true } : {}),
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
  return { dataDir, database, dispatch, close: () => database.close() };
}
