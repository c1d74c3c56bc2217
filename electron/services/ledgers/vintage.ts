/**
 * Vintage (账龄迁徙 by disbursement month) and roll-rate (滚动率) tables, from the month-end positions the
 * daily close and the book loader keep. Both run to the last month end that is complete: on or before
 * `asOf` and before the business date (the business date's own day is still open).
 */
import { bucketMoves, cohortPositions, cohorts, recordedMonths } from '../../../db/repositories/ledgers/month-end-sources';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatIsoDate, monthEndOf, parseIsoDate, shiftMonth } from '../../../shared/dates/calendar';
import { bucketOrder, exitBuckets } from '../../../shared/lending/month-ends';
import { fractionString } from '../../../shared/money/rounding';
import { fenToYuan as y } from '../../../shared/money/yuan';
import type { ServiceContext } from '../context';
import { lendingRules } from '../lending/loan-state';
import { businessDate } from '../platform/status';

/** The month (YYYY-MM) of the last complete month end on or before `asOf`. */
export function lastCompleteMonth(ctx: ServiceContext, asOf: string | undefined): string {
  const today = businessDate(ctx);
  if (asOf && asOf > today) {
    throw new AppError('validation', `asOf: ${asOf} is after the business date ${today}`, { field: 'asOf', reason: 'afterBusinessDate', params: { businessDate: today } });
  }
  const cutoff = Math.min(parseIsoDate(asOf ?? today)!, parseIsoDate(today)! - 1);
  const end = monthEndOf(cutoff) === cutoff ? cutoff : parseIsoDate(`${formatIsoDate(cutoff).slice(0, 7)}-01`)! - 1;
  return formatIsoDate(end).slice(0, 7);
}

/** Months from one to another (YYYY-MM, inclusive), oldest first. */
function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; m = shiftMonth(m, 1)) months.push(m);
  return months;
}

/**
 * For each disbursement month, at each month end on the book (MOB 0 = the month it was lent): the
 * balance more than `dpdOver` days past due plus everything written off so far, over what was lent.
 */
export function vintageTable(ctx: ServiceContext, input: ChannelParsedInput<'report.vintage'>): ChannelOutput<'report.vintage'> {
  const last = lastCompleteMonth(ctx, input.asOf);
  const first = shiftMonth(last, 1 - input.months);
  const recorded = new Set(recordedMonths(ctx.db, first, last));
  const cells = new Map(cohortPositions(ctx.db, first, last, input.dpdOver).map((r) => [`${r.cohort}|${r.month}`, r]));
  return {
    lastMonth: last,
    dpdOver: input.dpdOver,
    missingMonths: monthsFrom(first, last).filter((m) => !recorded.has(m)),
    cohorts: cohorts(ctx.db, first, `${last}-31`).map((c) => {
      let writtenOff = 0;
      return {
        cohort: c.cohort,
        loans: Number(c.loans),
        disbursed: y(Number(c.principal)),
        cells: monthsFrom(c.cohort, last).map((month, mob) => {
          const at = cells.get(`${c.cohort}|${month}`);
          writtenOff += Number(at?.writtenOff ?? 0);
          const bad = Number(at?.bad ?? 0) + writtenOff;
          return { mob, month, bad: y(bad), ratio: recorded.has(month) ? fractionString(bad, Number(c.principal)) : null };
        }),
      };
    }),
  };
}

/** Loans by bucket at the previous month end, and where each bucket's balance stood a month later. */
function rollMatrix(ctx: ServiceContext, month: string, buckets: readonly string[]) {
  const moves = bucketMoves(ctx.db, shiftMonth(month, -1), month);
  const targets = [...buckets, ...exitBuckets];
  return buckets.map((from) => {
    const row = moves.filter((m) => m.fromBucket === from);
    const outstanding = row.reduce((s, m) => s + Number(m.outstanding), 0);
    return {
      from,
      loans: row.reduce((s, m) => s + Number(m.loans), 0),
      outstanding,
      cells: targets.map((to) => {
        const cell = row.find((m) => m.toBucket === to);
        const moved = Number(cell?.outstanding ?? 0);
        return { to, loans: Number(cell?.loans ?? 0), outstanding: moved, share: fractionString(moved, outstanding) };
      }),
    };
  });
}

/**
 * The month's roll-rate matrix (by balance at the previous month end, and by count), and for the months
 * before it each bucket's forward roll: the share moving one bucket worse (the oldest: to write-off).
 */
export function rollRateTable(ctx: ServiceContext, input: ChannelParsedInput<'report.rollRate'>): ChannelOutput<'report.rollRate'> {
  const month = input.month ?? lastCompleteMonth(ctx, input.asOf);
  const buckets = bucketOrder(lendingRules(ctx).bucketUpperDays);
  const recorded = new Set(recordedMonths(ctx.db, shiftMonth(month, -input.months), month));
  const forward = (from: string) => buckets[buckets.indexOf(from) + 1] ?? 'written-off';
  const isComplete = (m: string) => recorded.has(m) && recorded.has(shiftMonth(m, -1));
  const matrices = new Map(monthsFrom(shiftMonth(month, 1 - input.months), month).map((m) => [m, isComplete(m) ? rollMatrix(ctx, m, buckets) : null]));
  const trend = [...matrices].map(([m, matrix]) => ({
    month: m,
    rates: buckets.map((from) => {
      const row = matrix?.find((r) => r.from === from);
      return { from, to: forward(from), share: row?.cells.find((c) => c.to === forward(from))?.share ?? null };
    }),
  }));
  return {
    month,
    previousMonth: shiftMonth(month, -1),
    complete: isComplete(month),
    buckets,
    targets: [...buckets, ...exitBuckets],
    matrix: (matrices.get(month) ?? []).map((r) => ({ ...r, outstanding: y(r.outstanding), cells: r.cells.map((c) => ({ ...c, outstanding: y(c.outstanding) })) })),
    trend,
  };
}
