/**
 * The single entry point every transport (Electron IPC, browser host, CLI) calls: check who is
 * calling, validate the input, check the permission, run the service (writes in one transaction,
 * with an audit entry), return plain JSON.
 */
import type Database from 'better-sqlite3';
import { contract, isChannelName, type ChannelName, type ChannelOutput, type Result } from '../../shared/contract';
import type { OffThreadLane } from '../../shared/contract/channel';
import { systemClock, type Clock } from '../../shared/dates/clock';
import { AppError, fromZodError, type AppErrorPayload } from '../../shared/contract/errors';
import { can, type Actor } from '../../shared/platform/permissions';
import type { AppDatabase } from '../../db/open';
import type { RuntimeControl, ServiceContext } from './context';
import { handlers as defaultHandlers, type HandlerMap } from './handlers';
import { appendAudit, withoutSecrets, type AuditEntry } from './platform/audit';

export interface DispatchEnvironment {
  /** The current database (a restore replaces it). */
  database: () => { db: AppDatabase; sqlite: Database.Database; app: ServiceContext['app'] };
  runtime: RuntimeControl;
  now?: Clock;
  handlers?: HandlerMap;
  /** Re-validate outputs against the contract (on in tests; costs time on big lists). */
  checkOutputs?: boolean;
  /** Resolves a session token to the signed-in actor (null when absent, expired or deactivated). */
  resolveSession: (token: string | null) => Actor | null;
  onInternalError?: (channel: string, error: unknown) => void;
  /**
   * Runs an offThread channel elsewhere (the worker thread of its lane, with its own dispatch), for this
   * actor, at this instant: the worker's clock starts from the caller's, so both see one business date.
   */
  offload?: (channel: string, input: unknown, actor: Actor, lane: OffThreadLane, at: Date) => Promise<Result<unknown>>;
}

/** Who is calling: a session token (IPC, browser host) or an actor already authenticated (CLI). */
export type Caller = { session: string | null } | { actor: Actor };

export type Dispatch = (channel: string, input: unknown, caller: Caller) => Promise<Result<unknown>>;

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
  const now = env.now ?? systemClock;
  return async (channel, rawInput, caller) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: `unknown channel "${channel}"` } };
    }
    const spec = contract[channel];
    const sessionToken = 'session' in caller ? caller.session : null;
    const actor = 'actor' in caller ? caller.actor : env.resolveSession(sessionToken);
    if (spec.permission !== 'public') {
      if (!actor) {
        return { ok: false, error: { code: 'unauthenticated', message: 'sign in first (or the session expired)', reason: 'signInRequired' } };
      }
      if (!can(actor.role, spec.permission)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: `${actor.userName} (${actor.role}) may not call ${channel}`, reason: 'forbidden', params: { permission: spec.permission } },
        };
      }
    }
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) return { ok: false, error: fromZodError(parsed.error, rawInput).toPayload() };
    if ('offThread' in spec && spec.offThread && env.offload && actor) return env.offload(channel, parsed.data, actor, spec.offThread, now());

    const { db, sqlite, app } = env.database();
    let audited = 0;
    const ctx: ServiceContext = {
      db,
      sqlite,
      actor,
      sessionToken,
      now,
      app,
      runtime: env.runtime,
      // Looked up on use: a restore replaces the database in the middle of its call.
      audit(entry: AuditEntry) {
        const who = entry.actor ?? ctx.actor ?? { userName: 'anonymous', role: 'none' };
        appendAudit(env.database().db, { at: now().toISOString(), userName: who.userName, role: who.role, channel }, entry);
        audited++;
      },
      transaction: (work) => env.database().sqlite.transaction(work).immediate(),
    };
    const handler = handlers[channel] as (ctx: ServiceContext, input: unknown) => ChannelOutput<ChannelName> | Promise<ChannelOutput<ChannelName>>;
    // Every write leaves at least one audit entry: services record what changed; otherwise the call itself.
    const ensureAudited = () => {
      if (audited === 0) ctx.audit({ entityType: 'call', entityId: null, before: null, after: withoutSecrets(parsed.data) });
    };
    try {
      let value: unknown;
      if (spec.mutates && !('asyncWrites' in spec && spec.asyncWrites)) {
        // Synchronous writes: the whole service and its audit entries in one transaction.
        value = sqlite
          .transaction(() => {
            const result = handler(ctx, parsed.data);
            if (result instanceof Promise) throw new Error(`${channel} writes but its handler is asynchronous`);
            ensureAudited();
            return result;
          })
          .immediate();
      } else {
        value = await handler(ctx, parsed.data);
        if (spec.mutates && audited === 0) ctx.transaction(ensureAudited);
      }
      if (env.checkOutputs) spec.output.parse(value);
      return { ok: true, value };
    } catch (error) {
      const payload = toPayload(error);
      if (payload) return { ok: false, error: payload };
      env.onInternalError?.(channel, error);
      return { ok: false, error: { code: 'internal', message: `internal error in ${channel}: ${(error as Error).message ?? String(error)}` } };
    }
  };
}
