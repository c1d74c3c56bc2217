/** The handler map: one service function per channel of the contract. */
import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import type { ServiceContext } from './context';
import { calculateSchedule, exportScheduleXlsx } from './lending/schedule';
import { createBorrower, getBorrower, listBorrowers, updateBorrower } from './lending/borrowers';
import { generateDemo } from './platform/demo/generate';
import { platformStatus } from './platform/status';

export type Handler<C extends ChannelName> = (
  ctx: ServiceContext,
  input: ChannelParsedInput<C>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type HandlerMap = { [C in ChannelName]: Handler<C> };

export const handlers: HandlerMap = {
  'platform.status': platformStatus,
  'platform.demo': generateDemo,
  'borrower.create': createBorrower,
  'borrower.update': updateBorrower,
  'borrower.get': getBorrower,
  'borrower.list': listBorrowers,
  'schedule.calculate': calculateSchedule,
  'schedule.exportXlsx': exportScheduleXlsx,
};
