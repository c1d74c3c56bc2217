/** generateSchedule: terms in, every installment to the fen and the APR disclosure out. */
import { divRound } from '../money/rounding';
import { amortize, type AmortizationPlan } from './amortize';
import { fromAnnualRate, fromPeriodicRate, periodicIrr, xirr } from './apr';
import { levelPayment } from './level-payment';
import { firstPeriodIsRegular, nominalPeriodFraction, periodEnds, periodsPerYear } from './periods';
import type { AprDisclosure, Installment, Schedule, ScheduleTerms, ScheduleTotals } from './types';
import { RATE_SCALE } from '../rates/rate';

/** The nominal rate per period as an exact fraction (annual / 12 for monthly, and so on). */
export function nominalPeriodicRate(terms: ScheduleTerms): { numerator: number; denominator: number } {
  const fraction = nominalPeriodFraction(terms.frequency, terms.dayCount);
  return { numerator: terms.annualRate * fraction.days, denominator: RATE_SCALE * fraction.basis };
}

export function amortizingPeriods(terms: ScheduleTerms): number {
  return terms.method === 'equal-installment' || terms.method === 'equal-principal'
    ? terms.periods - terms.interestOnlyPeriods
    : terms.periods;
}

/** The plan for amortizing `balance` over `periods` periods under the terms' method. */
export function planFor(terms: ScheduleTerms, balance: number, periods: number): AmortizationPlan {
  switch (terms.method) {
    case 'equal-installment':
      return {
        kind: 'level-payment',
        payment: levelPayment(balance, nominalPeriodicRate(terms), periods, terms.installmentMultiple, terms.roundingMode),
      };
    case 'equal-principal':
    case 'flat':
      return { kind: 'level-principal', principal: periods > 0 ? divRound(balance, periods, terms.roundingMode) : balance };
    default:
      return { kind: 'interest-only' };
  }
}

export function levelAmountOf(plan: AmortizationPlan): number | null {
  if (plan.kind === 'level-payment') return plan.payment;
  if (plan.kind === 'level-principal') return plan.principal;
  return null;
}

export function totalsOf(installments: readonly Installment[], upfrontFee: number): ScheduleTotals {
  let principal = 0;
  let interest = 0;
  let fees = 0;
  for (const i of installments) {
    principal += i.principal;
    interest += i.interest;
    fees += i.fees;
  }
  return {
    principal,
    interest,
    fees,
    total: principal + interest + fees,
    upfrontFee,
    costOfBorrowing: interest + fees + upfrontFee,
  };
}

/** APR on the principal actually received: IRR for regular periods, XIRR on actual days otherwise. */
export function discloseApr(terms: ScheduleTerms, installments: readonly Installment[]): AprDisclosure {
  const received = terms.principal - terms.upfrontFee;
  const perYear = periodsPerYear(terms.frequency);
  if (terms.method === 'bullet') {
    const only = installments[0]!;
    const span = only.dueDate - terms.disbursementDate;
    const termRate = only.total / received - 1;
    const annual = xirr([received, -only.total], [0, span]);
    return { periodicRate: termRate, simple: (termRate * 365) / span, compound: annual, method: 'xirr' };
  }
  const regular =
    firstPeriodIsRegular(terms, installments[0]!.periodEnd) && installments.every((i) => i.dueDate === i.periodEnd);
  const flows = [received, ...installments.map((i) => -i.total)];
  if (regular) {
    const guess = nominalPeriodicRate(terms).numerator / nominalPeriodicRate(terms).denominator || 0.01;
    return fromPeriodicRate(periodicIrr(flows, guess), perYear);
  }
  const offsets = [0, ...installments.map((i) => i.dueDate - terms.disbursementDate)];
  return fromAnnualRate(xirr(flows, offsets), perYear);
}

export function generateSchedule(terms: ScheduleTerms): Schedule {
  const allEnds = periodEnds(terms, terms.periods);
  const bullet = terms.method === 'bullet';
  const ends = bullet ? [allEnds[allEnds.length - 1]!] : allEnds;
  const interestOnlyPeriods =
    terms.method === 'equal-installment' || terms.method === 'equal-principal' ? terms.interestOnlyPeriods : 0;
  const plan = planFor(terms, terms.principal, amortizingPeriods(terms));
  const installments = amortize({
    terms,
    firstNumber: 1,
    start: terms.disbursementDate,
    ends,
    balance: terms.principal,
    interestOnlyPeriods,
    plan,
    flatInterestBase: terms.method === 'flat' ? terms.principal : null,
    stopWhenRepaid: false,
    firstPeriodRegular: firstPeriodIsRegular(terms, ends[0]!),
  });
  return {
    terms,
    installments,
    levelAmount: levelAmountOf(plan),
    totals: totalsOf(installments, terms.upfrontFee),
    apr: discloseApr(terms, installments),
  };
}
