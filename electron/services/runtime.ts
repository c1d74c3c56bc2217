/**
 * Opens a data folder and builds the dispatcher over it: what the Electron main process, the
 * browser host and the CLI each do at start-up. Owns the sessions and can replace the database
 * (restore) while running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { migrationsFolder as defaultMigrationsFolder } from '../../db/migrations-path';
import { createDispatch, type Dispatch } from './dispatch';
import type { ServiceContext } from './context';
import { dailyBackupIfDue, placeDatabaseFile, type BackupFile } from './platform/backups';
import { SessionStore } from './platform/sessions';
import { setting } from './platform/settings';
import { actorForUser } from './platform/users';
import { APP_VERSION } from './version';
import type { OffThreadLane } from '../../shared/contract/channel';
import { createOffload, type Offload, type OffloadOptions } from './platform/offload';
import type { Actor } from '../../shared/platform/permissions';
import { systemClock, type Clock } from '../../shared/dates/clock';

export const DATABASE_FILE_NAME = 'loanbridge.db';

export interface Runtime {
  dataDir: string;
  migrationsFolder: string;
  /** The database now open (a restore replaces it). */
  readonly database: OpenedDatabase;
  sessions: SessionStore;
  /** The runtime's clock: what its services read as now (the business date follows it until a close sets one). */
  now: Clock;
  dispatch: Dispatch;
  /** The daily automatic backup, if one is due. */
  dailyBackupIfDue(): Promise<BackupFile | null>;
  close(): void;
}

export interface RuntimeOptions {
  dataDir: string;
  migrationsFolder?: string;
  nativeBinding?: string;
  checkOutputs?: boolean;
  /** The clock (default: the machine's); tests pin it. */
  now?: Clock;
  onInternalError?: (channel: string, error: unknown) => void;
  /** A worker thread's runtime: the folder is open elsewhere already (no check, no migration, no offload). */
  secondConnection?: boolean;
  /** Check the database's integrity only after an unclean close (see db/open): the desktop app and the host. */
  quickStart?: boolean;
  /** Run the offThread channels in worker threads (one per lane) with this entry file. */
  worker?: { script: string | URL; execArgv?: string[] };
  /** Start the reports worker soon after opening rather than on the first report (the app and the host). */
  warmWorkers?: boolean;
}

const WARM_AFTER_MS = 1_500;

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  const now = options.now ?? systemClock;
  const open = () =>
    openDatabase({
      file,
      migrationsFolder,
      backupFolder: path.join(dataDir, 'backups'),
      now,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.secondConnection ? { secondConnection: true } : {}),
      ...(options.quickStart ? { checkOnlyAfterUncleanClose: true } : {}),
    });
  let database = await open();
  const sessions = new SessionStore(now);
  const lanes = options.worker ? offloadLanes({ ...options.worker, dataDir, migrationsFolder, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) }) : null;
  // Started once the first screen has had the CPU (an old PC has two cores), still long before a user has
  // typed a password and asked for the dashboard.
  const warming = lanes && options.warmWorkers ? setTimeout(() => lanes.reports.warm(), WARM_AFTER_MS) : null;
  warming?.unref();
  const resetLanes = () => {
    if (warming) clearTimeout(warming);
    return Promise.all(Object.values(lanes ?? {}).map((lane) => lane.reset()));
  };

  const replaceDatabase = async (source: string) => {
    await resetLanes();
    database.close();
    try {
      // The caller took a safety copy through the backup API before calling this.
      placeDatabaseFile(file, source);
    } finally {
      database = await open();
    }
    // Users and roles may differ in the restored book: everyone signs in again.
    sessions.clear();
  };

  const dispatch = createDispatch({
    database: () => ({
      db: database.db,
      sqlite: database.sqlite,
      app: { appVersion: APP_VERSION, schemaVersion: database.schemaVersion, databaseFile: database.file },
    }),
    runtime: { dataDir, migrationsFolder, sessions, replaceDatabase },
    now,
    resolveSession: (token) => {
      const userId = sessions.touch(token, setting(database, 'security.idleLockMinutes'));
      return userId === null ? null : actorForUser(database, userId);
    },
    ...(options.checkOutputs ? { checkOutputs: true } : {}),
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
    ...(lanes ? { offload: (channel: string, input: unknown, actor: Actor, lane: OffThreadLane, at: Date) => lanes[lane].run(channel, input, actor, at) } : {}),
  });

  return {
    dataDir,
    migrationsFolder,
    get database() {
      return database;
    },
    sessions,
    now,
    dispatch,
    dailyBackupIfDue: () => dailyBackupIfDue({ db: database.db, sqlite: database.sqlite, now } as Pick<ServiceContext, 'db' | 'sqlite' | 'now'>, dataDir),
    close: () => {
      void resetLanes();
      database.close();
    },
  };
}

/** A worker per lane: long jobs and whole-book reports do not queue behind each other. */
function offloadLanes(options: OffloadOptions): Record<OffThreadLane, Offload> {
  return { jobs: createOffload({ ...options, plans: true }), reports: createOffload(options) };
}
