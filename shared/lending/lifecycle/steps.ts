/**
 * The steps of a loan's life after disbursement, as pure functions: applyStep(contract, state, step)
 * gives the next state, the schedule the step made (if any), the money it received and the event to
 * record, or refuses with the field and the reason. The one-loan services and the bulk loaders apply
 * these same steps; a reversal replays them without the reversed one (replay.ts).
 */
import { formatIsoDate, type DayNumber } from '../../dates/calendar';
import { fenToYuan, type Fen } from '../../money/yuan';
import { formatPercent, type RateMicros } from '../../rates/rate';
import { generateSchedule } from '../../schedule/generate';
import { prepay, PrepaymentError, type PrepaymentMode } from '../../schedule/prepayment';
import type { Installment, RepaymentMethod } from '../../schedule/types';
import type { LoanClass } from '../classification';
import type { ChargedCost, ServicingState } from '../servicing';
import { isPaidOff, serviceState, settlementQuote, type LoanContract, type LoanInstallment, type LoanSchedule, type LoanState, type Receipt } from './state';

const y = fenToYuan;

/** Money a step receives: its payment's identity (`ref`), date, amount and how it came. */
interface MoneyIn {
  ref: number;
  date: DayNumber;
  amount: Fen;
  channel: string;
  reference: string | null;
}

export type LoanStep =
  | ({ kind: 'repayment' } & MoneyIn)
  /** Partial prepayment (部分提前还款): keep the term (a lower installment) or the installment (a shorter term). */
  | ({ kind: 'prepayment'; mode: PrepaymentMode } & MoneyIn)
  /** Early settlement (提前结清): `amount` null takes the payoff on the date; a replay receives what was received. */
  | ({ kind: 'early-settlement' } & Omit<MoneyIn, 'amount'> & { amount: Fen | null })
  /** Extension (展期) or restructuring (重组) of what is outstanding over `periods` from the date. */
  | {
      kind: 'extension' | 'restructuring';
      date: DayNumber;
      periods: number;
      annualRate: RateMicros | null;
      method: RepaymentMethod | null;
      /** The new installments' penalty rate, priced when the step was taken (the rate × the loan's markup, within the cap then). */
      penaltyRate: RateMicros;
      reason: string;
    }
  /** Write-off (核销) of what is outstanding on the date. */
  | { kind: 'write-off'; date: DayNumber; reason: string }
  /** Money received after a write-off (核销后收回). */
  | ({ kind: 'recovery' } & MoneyIn)
  /** A manual classification (null: back to the automatic class); `from` is the class it had, for the history. */
  | { kind: 'classification'; date: DayNumber; from: string; to: LoanClass | null; reason: string };

export type LoanStepKind = LoanStep['kind'];

/** The event each step is recorded as (loan_events.event). */
export const STEP_EVENTS = {
  repayment: 'repayment',
  prepayment: 'prepayment',
  'early-settlement': 'early-settlement',
  extension: 'extended',
  restructuring: 'restructured',
  'write-off': 'written-off',
  recovery: 'recovery',
  classification: 'classified',
} as const satisfies Record<LoanStepKind, string>;

/** A step refused: the field it names, why (a code the screens translate) and the words for the log. */
export class LoanRefusal extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    /** What is wrong, without the field (the message leads with it). */
    readonly text: string,
    readonly code: 'validation' | 'conflict' = 'conflict',
    readonly params?: Record<string, string | number>,
  ) {
    super(`${field}: ${text}`);
    this.name = 'LoanRefusal';
  }
}

/** What else a step needs besides the loan: the enforcement costs charged to it (from its legal cases). */
export interface StepEnvironment {
  costs: readonly ChargedCost[];
}

export interface StepOutcome {
  /** The step as it is recorded: an early settlement with the payoff it received, so a replay receives the same. */
  step: LoanStep;
  state: LoanState;
  /** The schedule the step put in force (a new version), or null when it kept the schedule. */
  schedule: LoanSchedule | null;
  /** The payment the step records (an early settlement's amount is its payoff), or null. */
  receipt: Receipt | null;
  /** The event's detail as the loan's history shows it: amounts in yuan. */
  detail: Record<string, unknown>;
}

function live(state: LoanState, action: string): void {
  if (state.status !== 'live') throw new LoanRefusal('contractNo', 'loanStatus', `the loan is ${state.status}: it cannot be ${action}`, 'conflict', { status: state.status, action });
}

function onOrAfterDisbursement(contract: LoanContract, date: DayNumber): void {
  if (date < contract.terms.disbursementDate) {
    throw new LoanRefusal('date', 'beforeDisbursement', `${formatIsoDate(date)} is before the disbursement on ${formatIsoDate(contract.terms.disbursementDate)}`, 'validation');
  }
}

function positive(amount: Fen): void {
  if (!(amount > 0)) throw new LoanRefusal('amount', 'notPositive', 'must be more than zero', 'validation');
}

/** New installments carry on the penalty rate of those they replace (nothing, when that is the contract's). */
function withPenaltyRate(list: readonly Installment[], penaltyRate: RateMicros | undefined): LoanInstallment[] {
  return penaltyRate === undefined ? [...list] : list.map((i) => ({ ...i, penaltyRate }));
}

function renumbered(list: readonly LoanInstallment[], first: number): LoanInstallment[] {
  return list.map((i, k) => ({ ...i, number: first + k }));
}

export function applyStep(contract: LoanContract, state: LoanState, step: LoanStep, env: StepEnvironment): StepOutcome {
  switch (step.kind) {
    case 'repayment': {
      live(state, 'repaid');
      positive(step.amount);
      onOrAfterDisbursement(contract, step.date);
      const receipt: Receipt = { ref: step.ref, date: step.date, amount: step.amount, kind: 'repayment' };
      return { step, state: { ...state, receipts: [...state.receipts, receipt] }, schedule: null, receipt, detail: { amount: y(step.amount), channel: step.channel, reference: step.reference } };
    }
    case 'prepayment':
      return prepayment(contract, state, step, env);
    case 'early-settlement':
      return earlySettlement(contract, state, step, env);
    case 'extension':
    case 'restructuring':
      return restructuring(contract, state, step, env);
    case 'write-off': {
      live(state, 'written off');
      onOrAfterDisbursement(contract, step.date);
      const serviced = serviceState(contract, state, step.date, env.costs);
      if (isPaidOff(serviced)) throw new LoanRefusal('contractNo', 'loanStatus', 'the loan is settled: it cannot be written off', 'conflict', { status: 'settled', action: 'written off' });
      // Money held for installments not yet due belongs to the borrower: apply or refund it before writing off the rest.
      if (serviced.unappliedCredit > 0) throw new LoanRefusal('contractNo', 'creditHeld', `${y(serviced.unappliedCredit)} of credit is held: apply or refund it first`, 'conflict', { credit: y(serviced.unappliedCredit) });
      return {
        step,
        state: { ...state, status: 'written-off', writtenOff: serviced.outstandingPrincipal, writtenOffOn: step.date },
        schedule: null,
        receipt: null,
        detail: { principal: y(serviced.outstandingPrincipal), interest: y(serviced.overdueInterest), penalty: y(serviced.penaltyOutstanding), reason: step.reason },
      };
    }
    case 'recovery': {
      if (state.status !== 'written-off') throw new LoanRefusal('contractNo', 'loanStatus', `the loan is ${state.status}: only a written-off loan takes a recovery`, 'conflict', { status: state.status, action: 'recovered' });
      positive(step.amount);
      if (step.date < state.writtenOffOn!) throw new LoanRefusal('date', 'dateOrder', `${formatIsoDate(step.date)} is before the write-off on ${formatIsoDate(state.writtenOffOn!)}`, 'validation');
      const receipt: Receipt = { ref: step.ref, date: step.date, amount: step.amount, kind: 'recovery' };
      return { step, state: { ...state, receipts: [...state.receipts, receipt], recovered: state.recovered + step.amount }, schedule: null, receipt, detail: { amount: y(step.amount) } };
    }
    case 'classification':
      live(state, 'reclassified');
      return { step, state: { ...state, classOverride: step.to }, schedule: null, receipt: null, detail: { from: step.from, to: step.to ?? 'automatic', reason: step.reason } };
  }
}

/** Refuses a change of schedule while an open installment is part-paid or credit is held: those payments would replay against installments that are gone. */
function assertClean(serviced: ServicingState, from: number, field: string, message: string): void {
  const open = serviced.installments.slice(from);
  if (serviced.unappliedCredit > 0 || open.some((i) => i.paidOn !== null || i.principalPaid + i.interestPaid + i.feesPaid + i.penaltyPaid > 0)) {
    throw new LoanRefusal(field, 'partlyPaid', message);
  }
}

function prepayment(contract: LoanContract, state: LoanState, step: Extract<LoanStep, { kind: 'prepayment' }>, env: StepEnvironment): StepOutcome {
  live(state, 'prepaid');
  positive(step.amount);
  onOrAfterDisbursement(contract, step.date);
  const serviced = serviceState(contract, state, step.date, env.costs);
  if (serviced.overduePrincipal + serviced.overdueInterest + serviced.overdueFees + serviced.penaltyOutstanding + serviced.costsOutstanding > 0) {
    throw new LoanRefusal('amount', 'overdueFirst', 'installments are overdue; collect them first, then prepay');
  }
  const paidInstallments = serviced.installments.filter((i) => i.paidOn !== null).length;
  assertClean(serviced, paidInstallments, 'amount', 'an installment is partly paid (or credit is held); settle it first, then prepay');
  const { schedule } = state;
  let result;
  try {
    result = prepay(schedule, { date: step.date, amount: step.amount, mode: step.mode, paidInstallments });
  } catch (error) {
    if (error instanceof PrepaymentError) throw new LoanRefusal('amount', error.reason, error.message, 'validation');
    throw error;
  }
  // The prepayment becomes an installment of its own, due and paid on the date, between the kept and the re-amortized ones.
  const kept = schedule.installments.slice(0, paidInstallments);
  const start = kept.at(-1)?.periodEnd ?? contract.terms.disbursementDate;
  const rate = schedule.installments[paidInstallments]?.penaltyRate;
  const prepaid: LoanInstallment = {
    number: paidInstallments + 1,
    periodStart: start,
    periodEnd: step.date,
    dueDate: step.date,
    days: step.date - start,
    openingBalance: serviced.outstandingPrincipal,
    principal: result.principalPaid,
    interest: result.interestPaid,
    fees: 0,
    total: step.amount,
    closingBalance: serviced.outstandingPrincipal - result.principalPaid,
    ...(rate === undefined ? {} : { penaltyRate: rate }),
    paidBy: step.ref,
  };
  const rest = renumbered(withPenaltyRate(result.schedule.installments.slice(paidInstallments), rate), paidInstallments + 2);
  const next: LoanSchedule = { terms: schedule.terms, installments: [...kept, prepaid, ...rest], levelAmount: result.schedule.levelAmount };
  const receipt: Receipt = { ref: step.ref, date: step.date, amount: step.amount, kind: 'repayment' };
  return {
    step,
    state: { ...state, schedule: next, receipts: [...state.receipts, receipt] },
    schedule: next,
    receipt,
    detail: { amount: y(step.amount), principal: y(result.principalPaid), interest: y(result.interestPaid), mode: step.mode, channel: step.channel, reference: step.reference },
  };
}

/**
 * Early settlement: installments already due or paid stay; the rest become one installment due on the
 * date carrying the remaining principal and the interest for the days used; the payoff is received.
 */
function earlySettlement(contract: LoanContract, state: LoanState, step: Extract<LoanStep, { kind: 'early-settlement' }>, env: StepEnvironment): StepOutcome {
  live(state, 'settled');
  onOrAfterDisbursement(contract, step.date);
  const serviced = serviceState(contract, state, step.date, env.costs);
  if (isPaidOff(serviced)) throw new LoanRefusal('contractNo', 'loanStatus', 'the loan is settled already', 'conflict', { status: 'settled', action: 'settled' });
  const quote = settlementQuote(state.schedule, serviced, step.date);
  const { installments } = state.schedule;
  const kept = installments.filter((r, k) => r.dueDate < step.date || serviced.installments[k]!.paidOn !== null);
  const keptNumbers = new Set(kept.map((r) => r.number));
  const last = kept.at(-1);
  const start = last?.periodEnd ?? contract.terms.disbursementDate;
  const remaining = installments.filter((r) => !keptNumbers.has(r.number)).reduce((s, r) => s + r.principal, 0);
  const final: LoanInstallment = {
    number: (last?.number ?? 0) + 1,
    periodStart: start,
    periodEnd: step.date,
    dueDate: step.date,
    days: step.date - start,
    openingBalance: remaining,
    principal: remaining,
    interest: quote.accruedInterest,
    fees: 0,
    total: remaining + quote.accruedInterest,
    closingBalance: 0,
  };
  const rate = installments.find((r) => !keptNumbers.has(r.number))?.penaltyRate;
  if (rate !== undefined) final.penaltyRate = rate;
  const next: LoanSchedule = { terms: state.schedule.terms, installments: [...kept, final], levelAmount: null };
  const amount = step.amount ?? quote.total;
  const receipt: Receipt | null = amount > 0 ? { ref: step.ref, date: step.date, amount, kind: 'repayment' } : null;
  return {
    step: { ...step, amount },
    state: { ...state, schedule: next, receipts: receipt ? [...state.receipts, receipt] : state.receipts },
    schedule: next,
    receipt,
    detail: { payoff: y(amount), accruedInterest: y(quote.accruedInterest) },
  };
}

/**
 * Extension (展期) or restructuring (重组): settled installments stay; whatever is unpaid (overdue
 * principal included) becomes the opening balance of a new schedule from the date. Unpaid interest,
 * fees and penalty up to the date, and the interest of the broken period, are capitalised into an
 * installment due on the date. A new rate prices the new installments' penalty, not the old ones'.
 */
function restructuring(contract: LoanContract, state: LoanState, step: Extract<LoanStep, { kind: 'extension' | 'restructuring' }>, env: StepEnvironment): StepOutcome {
  live(state, step.kind === 'extension' ? 'extended' : 'restructured');
  onOrAfterDisbursement(contract, step.date);
  const serviced = serviceState(contract, state, step.date, env.costs);
  const paid = serviced.installments.findIndex((i) => i.paidOn === null);
  if (paid < 0 || serviced.outstandingPrincipal === 0) throw new LoanRefusal('contractNo', 'loanStatus', 'nothing is outstanding to reschedule', 'conflict', { status: 'settled', action: step.kind === 'extension' ? 'extended' : 'restructured' });
  assertClean(serviced, paid, 'contractNo', 'an open installment is partly paid (or credit is held); settle or reverse it first');
  const old = state.schedule.terms;
  const annualRate = step.annualRate ?? old.annualRate;
  const terms = {
    ...old,
    principal: serviced.outstandingPrincipal,
    annualRate,
    periods: step.periods,
    method: step.method ?? old.method,
    interestOnlyPeriods: 0,
    disbursementDate: step.date,
    firstDueDate: null,
    repaymentDay: null,
    upfrontFee: 0,
  };
  const quote = settlementQuote(state.schedule, serviced, step.date);
  const kept = state.schedule.installments.slice(0, paid);
  const start = kept.at(-1)?.periodEnd ?? contract.terms.disbursementDate;
  const { penaltyRate } = step;
  const capitalised = quote.accruedInterest + quote.overdue.interest + quote.overdue.fees + quote.overdue.penalty;
  const bridge: LoanInstallment[] =
    capitalised > 0
      ? [{ number: paid + 1, periodStart: start, periodEnd: step.date, dueDate: step.date, days: step.date - start, openingBalance: serviced.outstandingPrincipal, principal: 0, interest: capitalised, fees: 0, total: capitalised, closingBalance: serviced.outstandingPrincipal, penaltyRate }]
      : [];
  const fresh = generateSchedule(terms);
  const next: LoanSchedule = {
    terms,
    installments: [...kept, ...bridge, ...renumbered(withPenaltyRate(fresh.installments, penaltyRate), paid + bridge.length + 1)],
    levelAmount: fresh.levelAmount,
  };
  return {
    step,
    state: { ...state, schedule: next },
    schedule: next,
    receipt: null,
    detail: { reason: step.reason, principal: y(serviced.outstandingPrincipal), periods: step.periods, annualRate: formatPercent(annualRate), method: terms.method, penaltyRate: formatPercent(penaltyRate) },
  };
}
