/**
 * The one date the suite runs at, whatever the machine's clock says: every test runtime, CLI run and
 * browser host starts its clock here unless the test pins its own. Fixtures' hard-coded dates are
 * written against it (a loan disbursed on 2026-11-01 has its first installment due after it).
 */
import { clockFrom, type Clock } from '../../shared/dates/clock';

/** 10:00 in Shanghai (the office's default zone), far from midnight on either side. */
export const TEST_NOW = new Date('2026-11-20T02:00:00.000Z');
/** The business date a test book has until a close moves it: TEST_NOW's date in Shanghai. */
export const TEST_DATE = '2026-11-20';

/** A fresh clock from TEST_NOW (or `start`), running at the monotonic clock's pace. */
export function testClock(start: Date = TEST_NOW): Clock {
  return clockFrom(start);
}

/** The ISO date `days` after (or before, when negative) `from`. */
export function addDays(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
