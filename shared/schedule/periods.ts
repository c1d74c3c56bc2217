/** Due dates, holiday adjustment and day counting for a schedule. */
import { addMonths, civilDate, dayNumber, days360, daysInMonth, weekday, type DayNumber } from '../dates/calendar';
import type { DayCount, Frequency, HolidayCalendar, ScheduleTerms } from './types';

export function monthsPerPeriod(frequency: Frequency): number {
  return frequency === 'quarterly' ? 3 : frequency === 'monthly' ? 1 : 0;
}

export function daysPerPeriod(frequency: Frequency): number {
  return frequency === 'weekly' ? 7 : frequency === 'bi-weekly' ? 14 : 0;
}

export function periodsPerYear(frequency: Frequency): number {
  return { monthly: 12, quarterly: 4, weekly: 52, 'bi-weekly': 26 }[frequency];
}

/** The date one regular period after `date`. */
export function addPeriods(date: DayNumber, frequency: Frequency, count: number, dayOfMonth?: number): DayNumber {
  const months = monthsPerPeriod(frequency);
  return months > 0 ? addMonths(date, months * count, dayOfMonth) : date + daysPerPeriod(frequency) * count;
}

/** The first due date: as given, else the next fixed repayment day, else one period after disbursement. */
export function firstDueDate(terms: Pick<ScheduleTerms, 'disbursementDate' | 'firstDueDate' | 'repaymentDay' | 'frequency'>): DayNumber {
  if (terms.firstDueDate !== null) return terms.firstDueDate;
  if (terms.repaymentDay !== null) {
    // This month's repayment day if it is still ahead, otherwise next month's.
    const thisMonth = addMonths(terms.disbursementDate, 0, terms.repaymentDay);
    const monthly = thisMonth > terms.disbursementDate ? thisMonth : addMonths(terms.disbursementDate, 1, terms.repaymentDay);
    return addMonths(monthly, monthsPerPeriod(terms.frequency) - 1, terms.repaymentDay);
  }
  return addPeriods(terms.disbursementDate, terms.frequency, 1);
}

/** Unadjusted period end dates 1..n. Month-based dates are computed from the first, never chained. */
export function periodEnds(terms: ScheduleTerms, count: number): DayNumber[] {
  const first = firstDueDate(terms);
  // Keep the schedule's day of month through short months: disbursed Jan 31 → Feb 28, Mar 31, Apr 30.
  const dayOfMonth = terms.repaymentDay ?? civilDate(terms.firstDueDate ?? terms.disbursementDate).day;
  const ends = new Array<DayNumber>(count);
  const months = monthsPerPeriod(terms.frequency);
  if (months === 0) {
    const step = daysPerPeriod(terms.frequency);
    for (let k = 0; k < count; k++) ends[k] = first + step * k;
    return ends;
  }
  // Month arithmetic without a civil-date conversion per period (this runs for every installment).
  const { year, month } = civilDate(first);
  const base = year * 12 + month - 1;
  for (let k = 0; k < count; k++) {
    const index = base + months * k;
    const y = Math.floor(index / 12);
    const m = index - y * 12 + 1;
    ends[k] = dayNumber(y, m, Math.min(dayOfMonth, daysInMonth(y, m)));
  }
  return ends;
}

export function isBusinessDay(date: DayNumber, calendar: HolidayCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

export function adjustDueDate(date: DayNumber, calendar: HolidayCalendar): DayNumber {
  if (calendar.rule === 'keep') return date;
  const step = calendar.rule === 'next-business-day' ? 1 : -1;
  let adjusted = date;
  // A calendar year never has more than a few weeks of consecutive holidays.
  for (let guard = 0; guard < 60 && !isBusinessDay(adjusted, calendar); guard++) adjusted += step;
  return adjusted;
}

/**
 * Days of interest from start to end under the day count. Under 30/360 a regular monthly period is
 * 30 days and a quarter 90 whatever the calendar (每月按30天计); an irregular stretch (a first period
 * of odd length, part of a period before a prepayment) counts 30E/360 days.
 */
export function accrualDays(start: DayNumber, end: DayNumber, dayCount: DayCount, frequency: Frequency, regular = false): number {
  const months = monthsPerPeriod(frequency);
  if (dayCount === '30/360' && months > 0) return regular ? 30 * months : days360(start, end);
  return end - start;
}

export function dayBasis(dayCount: DayCount): number {
  return dayCount === 'ACT/365' ? 365 : 360;
}

/** The nominal periodic rate as the fraction periodDays / basis of the annual rate. */
export function nominalPeriodFraction(frequency: Frequency, dayCount: DayCount): { days: number; basis: number } {
  const months = monthsPerPeriod(frequency);
  if (months > 0) return { days: months, basis: 12 };
  return { days: daysPerPeriod(frequency), basis: dayBasis(dayCount) };
}

/** True when the first period is exactly one regular period long. */
export function firstPeriodIsRegular(terms: ScheduleTerms, firstEnd: DayNumber): boolean {
  const months = monthsPerPeriod(terms.frequency);
  if (months > 0) return addMonths(terms.disbursementDate, months) === firstEnd;
  return firstEnd - terms.disbursementDate === daysPerPeriod(terms.frequency);
}
