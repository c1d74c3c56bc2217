/**
 * Payoff quotes and partial prepayments (提前还款). Interest is owed only for the days actually used
 * (Civil Code art. 677): the current period accrues from its start to the payment date.
 */
import type { DayNumber } from '../dates/calendar';
import { accruedInterest, amortize, type AmortizationPlan } from './amortize';
import { levelAmountOf, planFor, totalsOf } from './generate';
import { firstPeriodIsRegular } from './periods';
import type { Installment, Schedule } from './types';

export interface PayoffQuote {
  asOf: DayNumber;
  /** Installments whose period has ended but are unpaid: due in full. */
  overdue: { count: number; principal: number; interest: number; fees: number };
  /** Principal still outstanding after the overdue installments. */
  outstandingPrincipal: number;
  /** Interest of the current period from its start to asOf. */
  accruedInterest: number;
  total: number;
}

export class PrepaymentError extends Error {
  constructor(
    readonly reason: 'overdueFirst' | 'amountTooSmall' | 'amountSettlesLoan' | 'dateOutsideTerm',
    message: string,
  ) {
    super(message);
    this.name = 'PrepaymentError';
  }
}

/** Index of the first installment whose period has not ended by `asOf`, starting after the paid ones. */
function currentIndex(installments: readonly Installment[], asOf: DayNumber, paid: number): number {
  let index = paid;
  while (index < installments.length && installments[index]!.periodEnd <= asOf) index++;
  return index;
}

export function payoffQuote(schedule: Pick<Schedule, 'terms' | 'installments'>, asOf: DayNumber, paidInstallments: number): PayoffQuote {
  const { installments, terms } = schedule;
  const current = currentIndex(installments, asOf, paidInstallments);
  const overdue = { count: current - paidInstallments, principal: 0, interest: 0, fees: 0 };
  for (let k = paidInstallments; k < current; k++) {
    overdue.principal += installments[k]!.principal;
    overdue.interest += installments[k]!.interest;
    overdue.fees += installments[k]!.fees;
  }
  const period = installments[current];
  const outstandingPrincipal = period ? period.openingBalance : 0;
  const base = terms.method === 'flat' && period ? terms.principal : outstandingPrincipal;
  const accrued = period && asOf > period.periodStart ? accruedInterest(terms, base, period.periodStart, asOf).interest : 0;
  return {
    asOf,
    overdue,
    outstandingPrincipal,
    accruedInterest: accrued,
    total: overdue.principal + overdue.interest + overdue.fees + outstandingPrincipal + accrued,
  };
}

export type PrepaymentMode = 'keep-term' | 'keep-installment';

/** What a prepayment continues: the installments in force and the level amount they keep. */
export type OpenSchedule = Pick<Schedule, 'terms' | 'installments' | 'levelAmount'>;

export interface PrepaymentResult {
  interestPaid: number;
  principalPaid: number;
  schedule: OpenSchedule & Pick<Schedule, 'totals'>;
}

/**
 * Applies `amount` on `date`: first the interest accrued in the current period, the rest to principal.
 * keep-term lowers the installment; keep-installment keeps it and shortens the term.
 */
export function prepay(
  schedule: OpenSchedule,
  request: { date: DayNumber; amount: number; mode: PrepaymentMode; paidInstallments: number },
): PrepaymentResult {
  const { terms, installments } = schedule;
  if (request.date < terms.disbursementDate) {
    throw new PrepaymentError('dateOutsideTerm', 'the prepayment date is before the disbursement');
  }
  const quote = payoffQuote(schedule, request.date, request.paidInstallments);
  if (quote.overdue.count > 0) {
    throw new PrepaymentError('overdueFirst', `${quote.overdue.count} installment(s) are due and unpaid: settle them first`);
  }
  if (quote.outstandingPrincipal === 0) throw new PrepaymentError('dateOutsideTerm', 'nothing is outstanding on that date');
  if (request.amount <= quote.accruedInterest) {
    throw new PrepaymentError('amountTooSmall', `the amount does not exceed the accrued interest of ${quote.accruedInterest} fen`);
  }
  const principalPaid = request.amount - quote.accruedInterest;
  if (principalPaid >= quote.outstandingPrincipal) {
    throw new PrepaymentError('amountSettlesLoan', `the amount settles the loan: use the payoff quote of ${quote.total} fen`);
  }
  const current = request.paidInstallments;
  const remaining = installments.slice(current);
  const balance = quote.outstandingPrincipal - principalPaid;
  const amortizes = terms.method === 'equal-installment' || terms.method === 'equal-principal';
  const interestOnlyLeft = amortizes ? Math.max(0, terms.interestOnlyPeriods - current) : 0;
  const keepInstallment = request.mode === 'keep-installment' && schedule.levelAmount !== null;
  let plan: AmortizationPlan;
  if (keepInstallment) {
    plan = terms.method === 'equal-installment'
      ? { kind: 'level-payment', payment: schedule.levelAmount! }
      : { kind: 'level-principal', principal: schedule.levelAmount! };
  } else {
    plan = planFor(terms, balance, remaining.length - interestOnlyLeft);
  }
  const continuation = amortize({
    terms,
    firstNumber: current + 1,
    start: request.date,
    ends: remaining.map((i) => i.periodEnd),
    balance,
    interestOnlyPeriods: interestOnlyLeft,
    plan,
    flatInterestBase: terms.method === 'flat' ? balance : null,
    stopWhenRepaid: keepInstallment,
    firstPeriodRegular: request.date === remaining[0]!.periodStart && (current > 0 || firstPeriodIsRegular(terms, remaining[0]!.periodEnd)),
  });
  const all = [...installments.slice(0, current), ...continuation];
  return {
    interestPaid: quote.accruedInterest,
    principalPaid,
    schedule: {
      terms,
      installments: all,
      levelAmount: keepInstallment ? schedule.levelAmount : levelAmountOf(plan),
      totals: totalsOf(all, terms.upfrontFee),
    },
  };
}
