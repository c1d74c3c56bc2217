/**
 * Month ends (月末) as the vintage and roll-rate tables see a loan: its aging bucket at the end of each
 * month it is on the book, then the month it leaves (settled or written off).
 */
import type { DayNumber } from '../dates/calendar';
import { agingBucket } from './classification';
import type { Checkpoint } from './servicing';

/** How a loan left the book, in the bucket column of a month end. */
export const exitBuckets = ['settled', 'written-off'] as const;

/** The bucket order of the tables: current, M1 … for the configured upper days, then the oldest. */
export function bucketOrder(upperDays: readonly number[]): string[] {
  return ['current', ...upperDays.map((d) => agingBucket(d, upperDays)), agingBucket(upperDays.at(-1)! + 1, upperDays)];
}

export interface MonthEndPosition {
  /** The checkpoint day (a month end). */
  day: DayNumber;
  bucket: string;
  dpd: number;
  outstandingPrincipal: number;
}

/** Positions for the checkpoints of a replay: each month end on the book, then the one it was settled by. */
export function monthEndPositions(checkpoints: readonly Checkpoint[], upperDays: readonly number[]): MonthEndPosition[] {
  const positions: MonthEndPosition[] = [];
  for (const c of checkpoints) {
    if (c.paidOff) {
      positions.push({ day: c.day, bucket: 'settled', dpd: 0, outstandingPrincipal: 0 });
      break;
    }
    positions.push({ day: c.day, bucket: agingBucket(c.dpd, upperDays), dpd: c.dpd, outstandingPrincipal: c.outstandingPrincipal });
  }
  return positions;
}
