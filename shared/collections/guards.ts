/**
 * Lawful-conduct guards on collection contacts, as pure functions: the debtor's local time of a contact,
 * whether it falls within the allowed hours, and the frequency limit.
 */
// A debtor's zone is checked and read the way the office's is.
export { isKnownTimeZone as isTimeZone, wallClock as localDateTime } from '../dates/zone-time';
import { zoneOffset } from '../dates/zone-time';

const MINUTE = 60_000;

/** The instant at which the wall clock in `timeZone` reads `local` ("YYYY-MM-DDTHH:mm"). */
export function instantOfLocal(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new RangeError(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that moment; a second pass settles the hour around a daylight-saving change.
  let guess = wall;
  for (let pass = 0; pass < 2; pass++) {
    // The wall clock at the guess, to the minute as a clock shows it, read as if it were UTC.
    const shownUtc = Math.floor((guess + zoneOffset(timeZone, guess)) / MINUTE) * MINUTE;
    guess += wall - shownUtc;
  }
  return new Date(guess);
}

/** Allowed from `from` up to, not including, `to` ("08:00"–"21:00": 20:59 yes, 21:00 no). */
export function withinContactHours(localTime: string, from: string, to: string): boolean {
  const hhmm = localTime.slice(-5);
  return hhmm >= from && hhmm < to;
}

/** Whether one more call would go past the limit: `calls` already made in the `days` before it. */
export function pastCallLimit(previousCalls: readonly Date[], at: Date, limit: { calls: number; days: number }): boolean {
  const since = at.getTime() - limit.days * 86_400_000;
  return previousCalls.filter((c) => c.getTime() > since && c.getTime() <= at.getTime()).length >= limit.calls;
}
