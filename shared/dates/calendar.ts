/**
 * Calendar dates as day numbers (days since 1970-01-01), so schedule arithmetic is integer work with
 * no time zones and no Date objects in hot loops. Algorithms: H. Hinnant, "chrono-compatible
 * low-level date algorithms".
 */
export type DayNumber = number;

export function dayNumber(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilDate(dayNo: DayNumber): CivilDate {
  const z = dayNo + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** Parses YYYY-MM-DD; null when it is not a real calendar date. */
export function parseIsoDate(text: string): DayNumber | null {
  const known = parsed.get(text);
  if (known !== undefined) return known;
  const day = parseNew(text);
  if (day !== null && parsed.size < 120_000) parsed.set(text, day);
  return day;
}

const parsed = new Map<string, DayNumber>();

function parseNew(text: string): DayNumber | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumber(year, month, day);
}

/** Dates formatted so far: a book of loans formats the same few thousand days millions of times. */
const formatted = new Map<DayNumber, string>();

export function formatIsoDate(dayNo: DayNumber): string {
  let text = formatted.get(dayNo);
  if (text === undefined) {
    const { year, month, day } = civilDate(dayNo);
    text = `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
    // Bounded: ±150 years of days is ~110,000 entries; beyond that, format without keeping.
    if (formatted.size < 120_000) formatted.set(dayNo, text);
  }
  return text;
}

/**
 * The date `months` months after `anchor` on `dayOfMonth` (default: the anchor's day), clamped to the
 * month's last day: Jan 31 + 1 month = Feb 28/29, and + 2 months = Mar 31 again.
 */
export function addMonths(anchor: DayNumber, months: number, dayOfMonth?: number): DayNumber {
  const { year, month, day } = civilDate(anchor);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return dayNumber(y, m, Math.min(dayOfMonth ?? day, daysInMonth(y, m)));
}

/** The last day of the month `day` falls in. */
export function monthEndOf(day: DayNumber): DayNumber {
  const { year, month } = civilDate(day);
  return dayNumber(year, month, daysInMonth(year, month));
}

/** Month ends on or after `from` and before `to`: the ones a close from `from` to `to` passes. */
export function monthEndsBetween(from: DayNumber, to: DayNumber): DayNumber[] {
  const ends: DayNumber[] = [];
  for (let end = monthEndOf(from); end < to; end = monthEndOf(end + 1)) ends.push(end);
  return ends;
}

/** A month "YYYY-MM" moved by `months` (negative: back): shiftMonth('2026-01', -1) = '2025-12'. */
export function shiftMonth(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(dayNo: DayNumber): number {
  return (((dayNo + 4) % 7) + 7) % 7;
}

/**
 * Days between two dates under 30E/360 (Eurobond basis): every month counts 30 days, a 31st counts
 * as the 30th. A whole month is 30 days, a quarter 90, a year 360.
 */
export function days360(start: DayNumber, end: DayNumber): number {
  const a = civilDate(start);
  const b = civilDate(end);
  const d1 = Math.min(a.day, 30);
  const d2 = Math.min(b.day, 30);
  return (b.year - a.year) * 360 + (b.month - a.month) * 30 + (d2 - d1);
}
