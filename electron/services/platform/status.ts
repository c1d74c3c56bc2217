import { readSetting, writeSetting } from '../../../db/repositories/platform/settings';
import { calendarDateIn, DEFAULT_OFFICE_TIME_ZONE } from '../../../shared/dates/business-date';
import type { ChannelOutput } from '../../../shared/contract';
import { instant, type ServiceContext } from '../context';

const BUSINESS_DATE = 'platform.businessDate';
const OFFICE_TIME_ZONE = 'platform.officeTimeZone';

export function officeTimeZone(ctx: ServiceContext): string {
  const value = readSetting(ctx.db, OFFICE_TIME_ZONE);
  return typeof value === 'string' ? value : DEFAULT_OFFICE_TIME_ZONE;
}

/** The as-of business date; until a daily close sets it, today's date in the office's zone. */
export function businessDate(ctx: ServiceContext): string {
  const value = readSetting(ctx.db, BUSINESS_DATE);
  return typeof value === 'string' ? value : calendarDateIn(officeTimeZone(ctx), ctx.now());
}

export function setBusinessDate(ctx: ServiceContext, date: string): void {
  writeSetting(ctx.db, BUSINESS_DATE, date, ctx.actor.userName, instant(ctx));
}

export function platformStatus(ctx: ServiceContext): ChannelOutput<'platform.status'> {
  return {
    appVersion: ctx.app.appVersion,
    schemaVersion: ctx.app.schemaVersion,
    databaseFile: ctx.app.databaseFile,
    businessDate: businessDate(ctx),
    actor: ctx.actor,
  };
}
