/**
 * A loan's life as plain data: the contract frozen at disbursement, the state its steps have brought
 * it to, and what servicing that state on a date gives. No database, no settings: the services and
 * the bulk loaders both build these from their rows and get the same fen.
 */
import type { DayNumber } from '../../dates/calendar';
import { mulDivRound } from '../../money/rounding';
import type { Fen } from '../../money/yuan';
import { RATE_SCALE, type RateMicros } from '../../rates/rate';
import { accruedInterest } from '../../schedule/amortize';
import type { Installment, Schedule, ScheduleTerms } from '../../schedule/types';
import type { LoanClass } from '../classification';
import { serviceLoan, type ChargedCost, type ServicingState, type ServicingTerms } from '../servicing';

/**
 * The terms that decide money, fixed when the loan is disbursed: the schedule terms as lent, the
 * servicing rules (penalty, grace, day basis, rounding, allocation). A later change of the settings
 * never reaches them; only a step of the loan's own does (a restructuring prices its own installments).
 */
export interface LoanContract {
  /** The terms as disbursed (the real disbursement date). */
  terms: ScheduleTerms;
  servicing: ServicingTerms;
}

/** An installment, with the penalty rate it carries when not the contract's (a restructuring's new rate applies to its own installments only). */
export interface LoanInstallment extends Installment {
  penaltyRate?: RateMicros;
  /** The receipt (its ref) that alone pays it: a prepayment's own installment. */
  paidBy?: number;
}

/** The schedule in force: its installments, the terms they were made under and the level amount a prepayment keeps. */
export interface LoanSchedule {
  terms: ScheduleTerms;
  installments: LoanInstallment[];
  /** The installment (equal installment) or principal (equal principal) amount now in force, or null. */
  levelAmount: Fen | null;
}

/** Money received: serviced against the schedule (a repayment) or after a write-off (a recovery). */
export interface Receipt {
  /** The payment's identity: its id in the database, its slot in a bulk load. */
  ref: number;
  date: DayNumber;
  amount: Fen;
  kind: 'repayment' | 'recovery';
}

export interface LoanState {
  /** Live (disbursed; settled is a matter of the date it is serviced to) or written off. */
  status: 'live' | 'written-off';
  schedule: LoanSchedule;
  receipts: Receipt[];
  /** Principal taken off the book by the write-off (核销). */
  writtenOff: Fen;
  writtenOffOn: DayNumber | null;
  recovered: Fen;
  classOverride: LoanClass | null;
}

/** Penalty rate = annual rate × (1 + markup), within the cap on all-in cost. */
export function penaltyRateFor(annualRate: RateMicros, markup: RateMicros, cap: RateMicros | null): RateMicros {
  const marked = mulDivRound(annualRate, RATE_SCALE + markup, RATE_SCALE, 'half-up');
  return cap === null ? marked : Math.min(marked, cap);
}

/** The state on the day of disbursement: the schedule the terms give, nothing received. */
export function disbursedState(schedule: Schedule): LoanState {
  return {
    status: 'live',
    schedule: { terms: schedule.terms, installments: schedule.installments, levelAmount: schedule.levelAmount },
    receipts: [],
    writtenOff: 0,
    writtenOffOn: null,
    recovered: 0,
    classOverride: null,
  };
}

/** The repayments serviced against the schedule as of `asOf`. */
export function serviceState(
  contract: LoanContract,
  state: Pick<LoanState, 'schedule' | 'receipts'>,
  asOf: DayNumber,
  costs: readonly ChargedCost[] = [],
  checkpointDays: readonly DayNumber[] = [],
): ServicingState {
  const repayments = state.receipts.filter((r) => r.kind === 'repayment').map((r) => ({ id: r.ref, date: r.date, amount: r.amount }));
  return serviceLoan(state.schedule.installments, repayments, contract.servicing, asOf, costs, checkpointDays);
}

/** Every installment, its penalty and the costs paid: the loan is settled. */
export function isPaidOff(serviced: ServicingState): boolean {
  return serviced.outstandingPrincipal === 0 && serviced.installments.every((i) => i.paidOn !== null) && serviced.penaltyOutstanding === 0 && serviced.costsOutstanding === 0;
}

export interface SettlementQuote {
  overdue: { principal: Fen; interest: Fen; fees: Fen; penalty: Fen };
  /** Principal not yet fallen due. */
  outstandingPrincipal: Fen;
  /** Interest of the current period for the days used (Civil Code art. 677). */
  accruedInterest: Fen;
  /** What settles the loan on the date, less credit held. */
  total: Fen;
  /** The installments paid or fallen due before the date: the early settlement keeps them. */
  paidInstallments: number;
}

/** What settles the loan on `day`: everything overdue with its penalty, the principal, and interest for the days used. */
export function settlementQuote(schedule: LoanSchedule, serviced: ServicingState, day: DayNumber): SettlementQuote {
  const terms = schedule.terms;
  // The current period: the first unsettled installment not yet fallen due.
  const current = serviced.installments.findIndex((i) => i.paidOn === null && i.dueDate >= day);
  let accrued = 0;
  if (current >= 0) {
    const period = schedule.installments[current]!;
    const base = terms.method === 'flat' ? terms.principal : serviced.outstandingPrincipal - serviced.overduePrincipal;
    accrued = day > period.periodStart ? Math.min(accruedInterest(terms, base, period.periodStart, day).interest, period.interest) : 0;
  }
  const overdue = { principal: serviced.overduePrincipal, interest: serviced.overdueInterest, fees: serviced.overdueFees, penalty: serviced.penaltyOutstanding };
  const outstanding = serviced.outstandingPrincipal - serviced.overduePrincipal;
  const total = Math.max(0, serviced.costsOutstanding + overdue.principal + overdue.interest + overdue.fees + overdue.penalty + outstanding + accrued - serviced.unappliedCredit);
  return { overdue, outstandingPrincipal: outstanding, accruedInterest: accrued, total, paidInstallments: current < 0 ? schedule.installments.length : current };
}
