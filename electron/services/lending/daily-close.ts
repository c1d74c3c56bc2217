/**
 * The register's figures brought up to a date: one loan after each of its events, every serviced loan at
 * the daily close (日终), which also moves the business date and completes the month ends it passes.
 */
import { recordProvision } from '../ledgers/provision';
import { anyLoan, countLoansWithStatus, loanIdsToRefresh, replaceAllocations, servicingRowsOf, updateLoanSnapshot, type AllocationRow } from '../../../db/repositories/lending/loans';
import { completeMonthEnd, recordMonthEnds } from '../../../db/repositories/ledgers/month-end-sources';
import { deleteSetting, readSetting, writeSetting } from '../../../db/repositories/platform/settings';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatIsoDate, monthEndsBetween, parseIsoDate } from '../../../shared/dates/calendar';
import { actorOf, instant, type ServiceContext } from '../context';
import { businessDate, setBusinessDate } from '../platform/status';
import { recordEvent } from './loan-access';
import { lendingRules, monthEndRows, serviceRows, snapshotOf } from './loan-state';

function sameAllocations(stored: readonly AllocationRow[], fresh: ReadonlyArray<Omit<AllocationRow, 'id'>>): boolean {
  return (
    stored.length === fresh.length &&
    stored.every((a, k) => {
      const b = fresh[k]!;
      return a.paymentId === b.paymentId && a.installmentNumber === b.installmentNumber && a.component === b.component && a.amount === b.amount;
    })
  );
}

/**
 * Services each loan's payments as of `asOf`, rewrites the allocations (when they changed) and the
 * register snapshot, and moves the status between disbursed and settled as the balance requires.
 * Reads the whole set in five queries: the daily close passes hundreds of loans at a time.
 */
export function refreshLoans(ctx: ServiceContext, ids: readonly number[], asOf: string, rules = lendingRules(ctx), monthEnds: readonly number[] = []): void {
  const rows = servicingRowsOf(ctx.db, ids);
  for (const loan of rows.loans) {
    if (loan.status !== 'disbursed' && loan.status !== 'settled') continue;
    const state = serviceRows(loan, rows.installments.get(loan.id)!, rows.payments.get(loan.id)!, asOf, rows.costs.get(loan.id)!, monthEnds);
    // The month ends a close passes, as this servicing saw them (the other loans are completed from the register).
    if (monthEnds.length > 0) recordMonthEnds(ctx.db, monthEndRows(rules, loan.id, state));
    const allocations = state.allocations.map((a) => ({ paymentId: a.paymentId, loanId: loan.id, installmentNumber: a.installment, component: a.component, amount: a.amount }));
    // Most days nothing is newly allocated (credit meets an installment only on its due date): keep the rows.
    if (!sameAllocations(rows.allocations.get(loan.id)!, allocations)) replaceAllocations(ctx.db, loan.id, allocations);
    const snapshot = snapshotOf(rules, loan.classOverride, state, asOf);
    updateLoanSnapshot(ctx.db, loan.id, snapshot);
    if (snapshot.status !== loan.status) recordEvent(ctx, loan, snapshot.status === 'settled' ? 'settled' : 'reopened', asOf, null);
  }
}

export function refreshLoan(ctx: ServiceContext, loanId: number, asOf: string): void {
  refreshLoans(ctx, [loanId], asOf);
}

export const CLOSE_RUN = 'platform.closeRun';
const CLOSE_CHUNK = 500;

interface CloseRun {
  from: string;
  to: string;
  lastLoanId: number;
  /** Loans refreshed so far and in all, for the progress bar. */
  done?: number;
  total?: number;
}

/** The close in progress, if any (read by the screen to show progress). */
export function closeStatus(ctx: ServiceContext): ChannelOutput<'day.closeStatus'> {
  const run = readSetting(ctx.db, CLOSE_RUN) as CloseRun | undefined;
  return run ? { running: true, from: run.from, to: run.to, done: run.done ?? 0, total: run.total ?? 0 } : { running: false, from: null, to: null, done: 0, total: 0 };
}

/**
 * Daily close (日终): the business date moves to `to` and every serviced loan is brought up to it, in
 * chunks of 500 loans, each its own transaction, yielding to the event loop between chunks. Progress
 * is recorded, so a close killed midway resumes where it stopped; rerunning a finished close
 * recomputes the same figures (the replay is a pure function of the book and the date).
 */
// Loans whose figures cannot change by `to` (current, next due date later) are not rewritten: the
// register reads them as of the business date.
export async function closeDay(ctx: ServiceContext, input: ChannelParsedInput<'day.close'>): Promise<ChannelOutput<'day.close'>> {
  const run = ctx.transaction((): CloseRun => {
    const pending = readSetting(ctx.db, CLOSE_RUN) as CloseRun | undefined;
    if (pending) {
      if (pending.to !== input.to) {
        throw new AppError('conflict', `to: an unfinished close to ${pending.to} must be completed first`, { field: 'to', reason: 'closeUnfinished', params: { to: pending.to } });
      }
      return pending;
    }
    const from = businessDate(ctx);
    // An empty book may start on any date (an office moving in from spreadsheets); after that, only forward.
    const bookIsEmpty = !anyLoan(ctx.db);
    if (input.to < from && !bookIsEmpty) {
      throw new AppError('validation', `to: ${input.to} is before the business date ${from}; the business date only moves forward`, { field: 'to', reason: 'dateOrder' });
    }
    const fresh = { from, to: input.to, lastLoanId: 0 };
    writeSetting(ctx.db, CLOSE_RUN, fresh, actorOf(ctx).userName, instant(ctx));
    setBusinessDate(ctx, input.to, actorOf(ctx).userName);
    return fresh;
  });
  const rules = lendingRules(ctx);
  const monthEnds = monthEndsBetween(parseIsoDate(run.from)!, parseIsoDate(input.to)!);
  const ids = loanIdsToRefresh(ctx.db, input.to, run.lastLoanId);
  const total = (run.done ?? 0) + ids.length;
  for (let k = 0; k < ids.length; k += CLOSE_CHUNK) {
    const chunk = ids.slice(k, k + CLOSE_CHUNK);
    ctx.transaction(() => {
      refreshLoans(ctx, chunk, input.to, rules, monthEnds);
      writeSetting(ctx.db, CLOSE_RUN, { ...run, lastLoanId: chunk.at(-1)!, done: (run.done ?? 0) + k + chunk.length, total }, actorOf(ctx).userName, instant(ctx));
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  const loans = countLoansWithStatus(ctx.db, 'disbursed');
  ctx.transaction(() => {
    for (const end of monthEnds) completeMonthEnd(ctx.db, formatIsoDate(end));
    recordProvision(ctx, input.to);
    deleteSetting(ctx.db, CLOSE_RUN);
    ctx.audit({ entityType: 'business-date', entityId: null, before: { date: run.from }, after: { date: input.to, resumed: run.lastLoanId > 0 } });
  });
  return { from: run.from, to: input.to, loans };
}
