import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRuntime, type Runtime } from '../../electron/services/runtime';
import { LOCAL_ADMINISTRATOR, type Actor } from '../../shared/platform/permissions';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import type { AppErrorPayload } from '../../shared/contract/errors';
import type { ServiceContext } from '../../electron/services/context';
import { appendAudit } from '../../electron/services/platform/audit';
import { tsxWorker } from '../../electron/services/platform/tsx-worker';
import type { Clock } from '../../shared/dates/clock';
import { testClock } from './clock';

/** Each test gets its own data folder: tests never share a database. */
export function tempDataDir(label = 'lb'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export interface TestRuntime extends Runtime {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>, actor?: Actor): Promise<ChannelOutput<C>>;
  fail(channel: string, input: unknown, actor?: Actor): Promise<AppErrorPayload>;
}

/**
 * `worker: true` runs the long channels in the background worker, as the desktop app and the browser host do.
 * The clock starts at TEST_NOW unless the test brings its own.
 */
export async function testRuntime(options: { now?: Clock; dataDir?: string; worker?: boolean } = {}): Promise<TestRuntime> {
  const runtime = await openRuntime({
    dataDir: options.dataDir ?? tempDataDir(),
    checkOutputs: true,
    now: options.now ?? testClock(),
    ...(options.worker ? { worker: tsxWorker } : {}),
  });
  return {
    dataDir: runtime.dataDir,
    migrationsFolder: runtime.migrationsFolder,
    // A getter, not a copy: a restore replaces the database.
    get database() {
      return runtime.database;
    },
    sessions: runtime.sessions,
    now: runtime.now,
    dispatch: runtime.dispatch,
    dailyBackupIfDue: runtime.dailyBackupIfDue,
    close: runtime.close,
    async call(channel, input, actor = LOCAL_ADMINISTRATOR) {
      const result = await runtime.dispatch(channel, input, { actor });
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value as never;
    },
    async fail(channel, input, actor = LOCAL_ADMINISTRATOR) {
      const result = await runtime.dispatch(channel, input, { actor });
      if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return result.error;
    },
  };
}

/**
 * A service context over the test runtime's database, for services no channel exposes on its own
 * (the bulk book load): the same audit and transaction plumbing as a dispatched call.
 */
export function serviceContext(rt: TestRuntime, actor: Actor = LOCAL_ADMINISTRATOR, channel = 'test'): ServiceContext {
  const { db, sqlite, file, schemaVersion } = rt.database;
  const now = rt.now;
  return {
    db,
    sqlite,
    actor,
    sessionToken: null,
    now,
    app: { appVersion: 'test', schemaVersion, databaseFile: file },
    runtime: { dataDir: rt.dataDir, migrationsFolder: rt.migrationsFolder, sessions: rt.sessions, replaceDatabase: () => Promise.reject(new Error('not in tests')) },
    audit: (entry) => appendAudit(db, { at: now().toISOString(), userName: actor.userName, role: actor.role, channel }, entry),
    transaction: (work) => sqlite.transaction(work).immediate(),
  };
}
