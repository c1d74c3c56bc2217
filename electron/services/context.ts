import type { AppDatabase } from '../../db/open';
import type { Actor } from '../../shared/platform/permissions';

/** What a service sees: the database, who is acting and the clock. No Electron, no transport. */
export interface ServiceContext {
  db: AppDatabase;
  actor: Actor;
  now: () => Date;
  app: { appVersion: string; schemaVersion: number; databaseFile: string };
}

/** Audit instants are UTC, ISO 8601 with milliseconds. */
export function instant(ctx: ServiceContext): string {
  return ctx.now().toISOString();
}
