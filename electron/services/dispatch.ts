/**
 * The single entry point every transport (Electron IPC, browser host, CLI) calls: validate the
 * input, check the permission, run the service (writes in one transaction), return plain JSON.
 */
import type Database from 'better-sqlite3';
import { contract, isChannelName, type ChannelName, type ChannelOutput, type Result } from '../../shared/contract';
import { AppError, fromZodError, type AppErrorPayload } from '../../shared/contract/errors';
import { can, type Actor } from '../../shared/platform/permissions';
import type { AppDatabase } from '../../db/open';
import type { ServiceContext } from './context';
import { handlers as defaultHandlers, type HandlerMap } from './handlers';

export interface DispatchEnvironment {
  db: AppDatabase;
  sqlite: Database.Database;
  app: ServiceContext['app'];
  now?: () => Date;
  handlers?: HandlerMap;
  /** Re-validate outputs against the contract (on in tests; costs time on big lists). */
  checkOutputs?: boolean;
  onInternalError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: string, input: unknown, actor: Actor) => Promise<Result<unknown>>;

/** SQLite constraint failures that slipped past the services' own checks become conflicts. */
function toPayload(error: unknown): AppErrorPayload | null {
  if (error instanceof AppError) return error.toPayload();
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'conflict', message: `the change conflicts with existing records (${code})`, reason: 'constraint' };
  }
  return null;
}

export function createDispatch(env: DispatchEnvironment): Dispatch {
  const handlers = env.handlers ?? defaultHandlers;
  const now = env.now ?? (() => new Date());
  return async (channel, rawInput, actor) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: `unknown channel "${channel}"` } };
    }
    const spec = contract[channel];
    if (!can(actor.role, spec.permission)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: `${actor.userName} (${actor.role}) may not call ${channel}`,
          reason: 'forbidden',
          params: { permission: spec.permission },
        },
      };
    }
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) return { ok: false, error: fromZodError(parsed.error, rawInput).toPayload() };
    const ctx: ServiceContext = { db: env.db, actor, now, app: env.app };
    const handler = handlers[channel] as (ctx: ServiceContext, input: unknown) => ChannelOutput<ChannelName> | Promise<ChannelOutput<ChannelName>>;
    try {
      const run = () => handler(ctx, parsed.data);
      // Writes are synchronous so the whole service runs inside one transaction; reads may await (files).
      const value = spec.mutates ? env.sqlite.transaction(run).immediate() : await run();
      if (value instanceof Promise) throw new Error(`${channel} mutates but its handler is asynchronous`);
      if (env.checkOutputs) spec.output.parse(value);
      return { ok: true, value };
    } catch (error) {
      const payload = toPayload(error);
      if (payload) return { ok: false, error: payload };
      env.onInternalError?.(channel, error);
      return {
        ok: false,
        error: { code: 'internal', message: `internal error in ${channel}: ${(error as Error).message ?? String(error)}` },
      };
    }
  };
}
