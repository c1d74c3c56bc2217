/**
 * The amortization loop shared by new schedules, prepayments and restructurings: given a balance, the
 * remaining period ends and a plan, it produces installments. Interest of every period is
 * round(base × annual rate × days / basis) with one rounding; the last installment repays what is
 * left, so it absorbs every rounding residue.
 */
import type { DayNumber } from '../dates/calendar';
import { mulDivRound } from '../money/rounding';
import type { Fen } from '../money/yuan';
import { RATE_SCALE } from '../rates/rate';
import { accrualDays, adjustDueDate, dayBasis } from './periods';
import type { Installment, ScheduleTerms } from './types';

export type AmortizationPlan =
  /** Equal installment (等额本息): principal = payment − interest. */
  | { kind: 'level-payment'; payment: Fen }
  /** Equal principal (等额本金) and flat (等本等息): the same principal each period. */
  | { kind: 'level-principal'; principal: Fen }
  /** Interest only, principal with the last period (先息后本, bullet). */
  | { kind: 'interest-only' };

export interface Continuation {
  terms: ScheduleTerms;
  /** Number of the first installment produced. */
  firstNumber: number;
  /** Accrual start of the first period (disbursement, or a prepayment date). */
  start: DayNumber;
  /** Unadjusted end of each remaining period. */
  ends: readonly DayNumber[];
  balance: Fen;
  /** How many of the remaining periods are interest-only before the plan applies. */
  interestOnlyPeriods: number;
  plan: AmortizationPlan;
  /** Flat loans charge interest on the original principal, not the balance. */
  flatInterestBase: Fen | null;
  /** Stop as soon as the balance is repaid (keep-the-installment prepayment shortens the term). */
  stopWhenRepaid: boolean;
  /** False when the first period is of odd length (irregular first period, or starts at a prepayment). */
  firstPeriodRegular: boolean;
}

/** Interest on `base` from `start` to `end` under the terms' day count and rounding. */
export function accruedInterest(terms: ScheduleTerms, base: Fen, start: DayNumber, end: DayNumber): { interest: Fen; days: number } {
  const days = accrualDays(start, end, terms.dayCount, terms.frequency);
  if (days <= 0 || base === 0) return { interest: 0, days: Math.max(days, 0) };
  const interest = mulDivRound(base, terms.annualRate * days, RATE_SCALE * dayBasis(terms.dayCount), terms.roundingMode);
  return { interest, days };
}

export function amortize(c: Continuation): Installment[] {
  const { terms, plan, ends } = c;
  const count = ends.length;
  const installments: Installment[] = [];
  const basis = RATE_SCALE * dayBasis(terms.dayCount);
  const adjust = terms.calendar.rule !== 'keep';
  let balance = c.balance;
  let start = c.start;
  for (let k = 0; k < count; k++) {
    const end = ends[k]!;
    const days = accrualDays(start, end, terms.dayCount, terms.frequency, k > 0 || c.firstPeriodRegular);
    const base = c.flatInterestBase ?? balance;
    const interest = days > 0 && base > 0 ? mulDivRound(base, terms.annualRate * days, basis, terms.roundingMode) : 0;
    let principal: Fen;
    if (k === count - 1) principal = balance;
    else if (k < c.interestOnlyPeriods || plan.kind === 'interest-only') principal = 0;
    else if (plan.kind === 'level-payment') principal = Math.min(Math.max(plan.payment - interest, 0), balance);
    else principal = Math.min(plan.principal, balance);
    const fees = terms.periodicFee;
    const closing = balance - principal;
    installments.push({
      number: c.firstNumber + k,
      periodStart: start,
      periodEnd: end,
      dueDate: adjust ? adjustDueDate(end, terms.calendar) : end,
      days,
      openingBalance: balance,
      principal,
      interest,
      fees,
      total: principal + interest + fees,
      closingBalance: closing,
    });
    balance = closing;
    start = end;
    if (balance === 0 && c.stopWhenRepaid) break;
  }
  return installments;
}
