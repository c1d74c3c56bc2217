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
   * Long work (exports, imports, the daily close): where the transport has a worker thread, the call
   * runs there on its own connection, so the main process's event loop stays free for the window.
   */
  offThread?: boolean;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}
