import type Database from 'better-sqlite3';
import type { AppDatabase } from '../../db/open';
import { AppError } from '../../shared/contract/errors';
import type { Actor } from '../../shared/platform/permissions';
import type { AuditEntry } from './platform/audit';
import type { SessionStore } from './platform/sessions';

/** What the platform services need from the process that owns the database. */
export interface RuntimeControl {
  dataDir: string;
  migrationsFolder: string;
  sessions: SessionStore;
  /** Closes the database, puts `file` in its place and reopens it (restore). */
  replaceDatabase(file: string): Promise<void>;
}

/** What a service sees: the database, who is acting and the clock. No Electron, no transport. */
export interface ServiceContext {
  db: AppDatabase;
  sqlite: Database.Database;
  /** Null only on public channels (status, first-run setup, sign-in). */
  actor: Actor | null;
  /** The caller's session token, for signing out. */
  sessionToken: string | null;
  now: () => Date;
  app: { appVersion: string; schemaVersion: number; databaseFile: string };
  runtime: RuntimeControl;
  /** Records an audit entry for the current call (inside its transaction). */
  audit(entry: AuditEntry): void;
  /** Runs `work` in one write transaction, for handlers that must await before writing. */
  transaction<T>(work: () => T): T;
}

/** Audit instants are UTC, ISO 8601 with milliseconds. */
export function instant(ctx: ServiceContext): string {
  return ctx.now().toISOString();
}

/** The signed-in actor; public channels that need one call this to refuse anonymous callers. */
export function actorOf(ctx: Pick<ServiceContext, 'actor'>): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated', 'sign in first', { reason: 'signInRequired' });
  return ctx.actor;
}
