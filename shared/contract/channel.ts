import type { z } from 'zod';
import type { ChannelPermission } from '../platform/permissions';

/**
 * One channel of the typed bridge. The same definition drives input validation in the main
 * process, the preload's function per channel, the renderer's client and the CLI.
 */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: ChannelPermission;
  /** Writes run in one transaction and leave an audit entry; reads never write. */
  mutates: boolean;
  /**
   * The handler awaits (password hashing, file copies) and opens its own short write transactions
   * with ctx.transaction; it still must leave an audit entry.
   */
  asyncWrites?: boolean;
  /**
   * Where the transport has worker threads, the call runs in one on its own connection, so the main
   * process's event loop stays free for the window: `jobs` for long work (exports, imports, the daily
   * close, the demo), `reports` for the screens that read the whole book (the dashboard, ratios,
   * reports, queues) — two lanes, so a report does not wait behind an hour-long export.
   */
  offThread?: OffThreadLane;
}

export type OffThreadLane = 'jobs' | 'reports';

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}
