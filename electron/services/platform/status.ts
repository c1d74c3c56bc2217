import { readSetting, writeSetting } from '../../../db/repositories/platform/settings';
import { countUsers, findUser } from '../../../db/repositories/platform/users';
import { calendarDateIn } from '../../../shared/dates/business-date';
import type { ChannelOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { instant, type ServiceContext } from '../context';
import { setting } from './settings';
import { toUserView } from './users';

/** State, not a setting: the daily close moves it. */
const BUSINESS_DATE = 'platform.businessDate';

/** The as-of business date; until a daily close sets it, today's date in the office's zone. */
export function businessDate(ctx: Pick<ServiceContext, 'db' | 'now'>): string {
  const value = readSetting(ctx.db, BUSINESS_DATE);
  return typeof value === 'string' ? value : calendarDateIn(setting(ctx, 'platform.officeTimeZone'), ctx.now());
}

/** The given date, or the business date; never later than the business date (no booking in the future). */
export function dateUpToBusinessDate(ctx: Pick<ServiceContext, 'db' | 'now'>, given: string | undefined, field = 'date'): string {
  return dateUpTo(businessDate(ctx), given, field);
}

/** dateUpToBusinessDate with the business date at hand (a bulk load reads it once). */
export function dateUpTo(today: string, given: string | undefined, field = 'date'): string {
  const date = given ?? today;
  if (date > today) {
    throw new AppError('validation', `${field}: ${date} is after the business date ${today}`, { field, reason: 'afterBusinessDate', params: { businessDate: today } });
  }
  return date;
}

export function setBusinessDate(ctx: ServiceContext, date: string, by: string): void {
  writeSetting(ctx.db, BUSINESS_DATE, date, by, instant(ctx));
}

export function platformStatus(ctx: ServiceContext): ChannelOutput<'platform.status'> {
  const userRow = ctx.actor?.userId === undefined ? undefined : findUser(ctx.db, ctx.actor.userId);
  return {
    appVersion: ctx.app.appVersion,
    schemaVersion: ctx.app.schemaVersion,
    databaseFile: ctx.app.databaseFile,
    businessDate: businessDate(ctx),
    companyName: setting(ctx, 'company.name'),
    letterhead: setting(ctx, 'company.letterhead'),
    setupRequired: countUsers(ctx.db) === 0,
    user: userRow ? toUserView(userRow) : null,
    idleLockMinutes: setting(ctx, 'security.idleLockMinutes'),
  };
}
