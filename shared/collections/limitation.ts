/**
 * 诉讼时效 (Civil Code arts. 188, 189, 195): three years, for installment debt from the last installment's
 * due date; restarted by a demand that reached the debtor, the debtor's acknowledgement (a payment, a plan,
 * a request for time) or a lawsuit. A guarantor's guarantee period: six months after the main debt falls
 * due, never restarted.
 */
import { addMonths, formatIsoDate, parseIsoDate } from '../dates/calendar';

export interface Interruption {
  date: string;
  kind: 'demand' | 'acknowledgement' | 'lawsuit';
}

export interface Limitation {
  start: string;
  /** The latest interruption on or after the start, if any. */
  lastInterruption: Interruption | null;
  expiry: string;
  guarantorPeriodEnd: string;
}

export function limitationOf(start: string, interruptions: readonly Interruption[], years = 3, guarantorMonths = 6): Limitation {
  const counted = interruptions.filter((i) => i.date >= start).sort((a, b) => a.date.localeCompare(b.date));
  const last = counted.at(-1) ?? null;
  const from = last ? last.date : start;
  return {
    start,
    lastInterruption: last,
    expiry: formatIsoDate(addMonths(parseIsoDate(from)!, years * 12)),
    guarantorPeriodEnd: formatIsoDate(addMonths(parseIsoDate(start)!, guarantorMonths)),
  };
}

/** The last start (or interruption) whose period ends on or before `until`: addMonths only clamps, so step to it. */
export function latestStartEndingBy(until: string, years = 3): string {
  const end = parseIsoDate(until)!;
  let day = addMonths(end, -years * 12);
  while (addMonths(day + 1, years * 12) <= end) day++;
  while (addMonths(day, years * 12) > end) day--;
  return formatIsoDate(day);
}
