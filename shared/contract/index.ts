/**
 * The channel map: every call the renderer, the browser host or the CLI can make, named once.
 */
import type { z } from 'zod';
import type { AppErrorPayload } from './errors';
import { guaranteeChannels } from './guarantees';
import { collectionChannels } from './collections';
import { ledgerChannels } from './ledgers';
import { lendingChannels } from './lending';
import { platformChannels } from './platform';
import { scheduleChannels } from './schedule';

export const contract = {
  ...platformChannels,
  ...lendingChannels,
  ...scheduleChannels,
  ...guaranteeChannels,
  ...collectionChannels,
  ...ledgerChannels,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What a caller sends (before defaults and transforms). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the service receives (after validation). */
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload };
