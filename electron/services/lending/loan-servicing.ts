/**
 * The loan's life after disbursement, one step at a time: each service builds the step from its input,
 * applies it to the loan's state (its steps replayed) with the pure rules of shared/lending/lifecycle,
 * and writes what the step made — the payment, the schedule version, the event — then refreshes the
 * register. A reversal replays the loan without the reversed step and writes the difference.
 */
import {
  costsOfLoans,
  eventOfPayment,
  eventsOf,
  findLoan,
  findLoanEvent,
  findPayment,
  insertInstallments,
  insertPayment,
  markEventReversed,
  paymentsOf,
  updateLoan,
  updatePayment,
  type LoanRow,
} from '../../../db/repositories/lending/loans';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatIsoDate, parseIsoDate, type DayNumber } from '../../../shared/dates/calendar';
import { takeAction, type ActionRecord, type LoanAction } from '../../../shared/lending/lifecycle/actions';
import { replaySteps, StepRefused, type RecordedStep } from '../../../shared/lending/lifecycle/replay';
import { penaltyRateFor, serviceState, settlementQuote, type LoanContract, type LoanState } from '../../../shared/lending/lifecycle/state';
import type { LoanStep, StepEnvironment } from '../../../shared/lending/lifecycle/steps';
import type { LoanDetail } from '../../../shared/lending/loan';
import { fenToYuan } from '../../../shared/money/yuan';
import { parsePercent } from '../../../shared/rates/rate';
import { generateSchedule } from '../../../shared/schedule/generate';
import type { Schedule } from '../../../shared/schedule/types';
import { actorOf, instant, type ServiceContext } from '../context';
import { businessDate, dateUpToBusinessDate } from '../platform/status';
import { assertStatus, loanOrThrow, recordEvent, refused } from './loan-access';
import { refreshLoan } from './daily-close';
import { contractOf, receiptColumns, scheduleRows, stateColumns, stepEventDetail, stepsOf, writeOffChanges } from './loan-state';
import { loanDetail } from './loan-views';
import { rateCaps } from './schedule';

const y = fenToYuan;

/** A loan as its steps have it: the contract, the schedule it was lent on, the steps taken, its costs. */
interface LoanCase {
  contract: LoanContract;
  lent: Schedule;
  steps: RecordedStep[];
  env: StepEnvironment;
}

function loanCase(ctx: ServiceContext, loan: LoanRow): LoanCase {
  const contract = contractOf(loan);
  return {
    contract,
    lent: generateSchedule(contract.terms),
    steps: stepsOf(loan, eventsOf(ctx.db, loan.id), paymentsOf(ctx.db, loan.id)),
    env: { costs: costsOfLoans(ctx.db, [loan.id]).map((c) => ({ date: parseIsoDate(c.date)!, amount: c.amount })) },
  };
}

/** The loan's state now: every step it has taken, replayed. */
function stateOf(loan: LoanRow, c: LoanCase): LoanState {
  try {
    return replaySteps(c.contract, c.lent, c.steps, c.env).state;
  } catch (error) {
    // Every stored step was accepted when it was taken: a history that no longer replays is a defect, not an input error.
    if (error instanceof StepRefused) throw new Error(`the history of loan ${loan.contractNo} does not replay at event ${error.step.id}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The register's columns after a state: written off (the snapshot as of the write-off), or live (the refresh decides settled). */
function registerAfter(ctx: ServiceContext, loan: LoanRow, c: LoanCase, state: LoanState): void {
  if (loan.status === 'written-off') updateLoan(ctx.db, loan.id, { status: 'disbursed' });
  // The days past due stand as of today, written off or not; a written-off loan's balances leave the book.
  refreshLoan(ctx, loan.id, businessDate(ctx));
  if (state.status === 'written-off') {
    const date = state.writtenOffOn!;
    updateLoan(ctx.db, loan.id, writeOffChanges(serviceState(c.contract, state, date, c.env.costs), formatIsoDate(date)));
  }
}

/**
 * Takes the action on the loan (a step, or the reversal of one) and writes what it made: the payment
 * received or the one reversed, the schedule version, the event; then the register.
 */
function act(ctx: ServiceContext, loan: LoanRow, action: LoanAction): { paymentId: number | null; record: ActionRecord } {
  const c = loanCase(ctx, loan);
  const record = refused(() => takeAction(c.contract, c.lent, { steps: c.steps, state: stateOf(loan, c) }, action, 0, c.env));
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const paymentId = record.receipt && action.kind === 'step' ? insertPayment(ctx.db, { loanId: loan.id, ...receiptColumns(action.step, record.receipt), status: 'posted', createdAt: at, createdBy: by }) : null;
  const reversedPayment = record.reversedReceipt?.ref ?? null;
  if (reversedPayment !== null) updatePayment(ctx.db, reversedPayment, { status: 'reversed', reversalReason: action.kind === 'reversal' ? action.reason : null, reversedAt: at, reversedBy: by });
  let version = loan.scheduleVersion;
  // The step's own receipt has no id until written (ref 0): its installment points at the payment just inserted.
  if (record.schedule) insertInstallments(ctx.db, scheduleRows(loan.id, ++version, record.schedule, loan.penaltyRate, (ref) => (ref === 0 ? paymentId! : ref)));
  updateLoan(ctx.db, loan.id, { ...stateColumns(record.state, version), updatedAt: at, updatedBy: by });
  const named = paymentId ?? reversedPayment;
  const eventId = recordEvent(ctx, loan, record.event.name, formatIsoDate(record.event.date), stepEventDetail(record.event.detail, named, record.schedule ? version : null), named);
  if (record.reversed) markEventReversed(ctx.db, record.reversed.id, eventId);
  registerAfter(ctx, findLoan(ctx.db, loan.id)!, c, record.state);
  return { paymentId, record };
}

/** Takes `step` on the loan and writes what it made; returns the payment it recorded, if any. */
function takeStep(ctx: ServiceContext, loan: LoanRow, step: LoanStep): { paymentId: number | null; receipt: ActionRecord['receipt'] } {
  const { paymentId, record } = act(ctx, loan, { kind: 'step', step });
  return { paymentId, receipt: record.receipt };
}

const day = (date: string): DayNumber => parseIsoDate(date)!;

export function repayLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.repay'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'repaid');
  const date = dateUpToBusinessDate(ctx, input.date);
  const { paymentId } = takeStep(ctx, loan, { kind: 'repayment', ref: 0, date: day(date), amount: input.amount, channel: input.channel, reference: input.reference });
  ctx.audit({ entityType: 'payment', entityId: paymentId, before: null, after: { contractNo: loan.contractNo, date, amount: y(input.amount), channel: input.channel } });
  return loanDetail(ctx, loan.contractNo);
}

/** Partial prepayment (部分提前还款): a schedule version of its own, the old one kept. */
export function prepayLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.prepay'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'prepaid');
  const date = dateUpToBusinessDate(ctx, input.date);
  takeStep(ctx, loan, { kind: 'prepayment', mode: input.mode, ref: 0, date: day(date), amount: input.amount, channel: input.channel, reference: input.reference });
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { scheduleVersion: loan.scheduleVersion }, after: { scheduleVersion: loan.scheduleVersion + 1, prepaid: y(input.amount), mode: input.mode } });
  return loanDetail(ctx, loan.contractNo);
}

/**
 * Early settlement (提前结清): the periods after the date become one installment due that day
 * (remaining principal + interest for the days used), and the payoff is received.
 */
export function settleLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.settle'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'settled');
  const date = dateUpToBusinessDate(ctx, input.date);
  const { receipt } = takeStep(ctx, loan, { kind: 'early-settlement', ref: 0, date: day(date), amount: null, channel: input.channel, reference: input.reference });
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { status: loan.status, scheduleVersion: loan.scheduleVersion }, after: { status: 'settled', payoff: y(receipt?.amount ?? 0), date } });
  return loanDetail(ctx, loan.contractNo);
}

/** Extension (展期) or restructuring (重组) of what is outstanding, from the date. */
export function restructureLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.restructure'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], input.kind === 'extension' ? 'extended' : 'restructured');
  const date = dateUpToBusinessDate(ctx, input.date);
  const annualRate = input.annualRate === undefined ? null : parsePercent(input.annualRate);
  if (input.annualRate !== undefined && annualRate === null) throw new AppError('validation', `annualRate: "${input.annualRate}" is not a percentage`, { field: 'annualRate', reason: 'percent' });
  // The new rate prices the new installments' penalty with the loan's own markup, within today's cap.
  const rate = annualRate ?? loan.annualRate;
  const penaltyRate = penaltyRateFor(rate, loan.penaltyMarkup, parsePercent(rateCaps(ctx).hardCap));
  takeStep(ctx, loan, { kind: input.kind, date: day(date), periods: input.periods, annualRate, method: input.method ?? null, penaltyRate, reason: input.reason });
  const after = findLoan(ctx.db, loan.id)!;
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { scheduleVersion: loan.scheduleVersion, maturityDate: loan.maturityDate }, after: { kind: input.kind, scheduleVersion: after.scheduleVersion, reason: input.reason } });
  return loanDetail(ctx, loan.contractNo);
}

/** Write-off (核销): what is outstanding on the date leaves the book; the schedule, payments and history stay. */
export function writeOffLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.writeOff'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'written off');
  const date = dateUpToBusinessDate(ctx, input.date);
  takeStep(ctx, loan, { kind: 'write-off', date: day(date), reason: input.reason });
  const after = findLoan(ctx.db, loan.id)!;
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { status: loan.status }, after: { status: 'written-off', writtenOff: y(after.writtenOff), reason: input.reason } });
  return loanDetail(ctx, loan.contractNo);
}

/** A recovery after write-off (核销后收回). */
export function recoverLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.recover'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['written-off'], 'recovered');
  const date = dateUpToBusinessDate(ctx, input.date);
  const { paymentId } = takeStep(ctx, loan, { kind: 'recovery', ref: 0, date: day(date), amount: input.amount, channel: input.channel, reference: input.reference });
  ctx.audit({ entityType: 'payment', entityId: paymentId, before: null, after: { contractNo: loan.contractNo, kind: 'recovery', amount: y(input.amount), date } });
  return loanDetail(ctx, loan.contractNo);
}

export function classifyLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.classify'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'reclassified');
  takeStep(ctx, loan, { kind: 'classification', date: day(businessDate(ctx)), from: loan.classification, to: input.classification, reason: input.reason });
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { classOverride: loan.classOverride }, after: { classOverride: input.classification, reason: input.reason } });
  return loanDetail(ctx, loan.contractNo);
}

/**
 * Reversal (冲正) of a payment or any other step: the loan is replayed without it, so a schedule it
 * replaced comes back and later steps apply again to what is left. The step and its payment stay on
 * file, marked reversed by the reversal event; a changed schedule is written as a new version.
 */
export function reverseLoanStep(ctx: ServiceContext, input: ChannelParsedInput<'loan.reverse'>): LoanDetail {
  const event = input.paymentId !== undefined ? paymentStep(ctx, input.paymentId) : findLoanEvent(ctx.db, input.eventId!);
  if (!event) throw new AppError('not-found', `eventId: no event ${input.eventId}`, { field: 'eventId', reason: 'eventNotFound' });
  if (event.reversedBy !== null) throw new AppError('conflict', `${input.paymentId !== undefined ? `payment ${input.paymentId}` : `event ${event.id}`} is already reversed`, { field: input.paymentId !== undefined ? 'paymentId' : 'eventId', reason: 'alreadyReversed' });
  const loan = findLoan(ctx.db, event.loanId)!;
  assertStatus(loan, ['disbursed', 'settled', 'written-off'], 'changed');
  act(ctx, loan, { kind: 'reversal', of: event.id, date: day(businessDate(ctx)), reason: input.reason });
  ctx.audit({ entityType: event.paymentId !== null ? 'payment' : 'loan-event', entityId: event.paymentId ?? event.id, before: { status: 'posted', event: event.event }, after: { status: 'reversed', reason: input.reason } });
  return loanDetail(ctx, loan.contractNo);
}

function paymentStep(ctx: ServiceContext, paymentId: number) {
  const payment = findPayment(ctx.db, paymentId);
  if (!payment) throw new AppError('not-found', `paymentId: no payment ${paymentId}`, { field: 'paymentId', reason: 'paymentNotFound' });
  const event = eventOfPayment(ctx.db, paymentId);
  if (!event) throw new AppError('conflict', `paymentId: no step of the loan received payment ${paymentId}`, { field: 'paymentId', reason: 'notReversible' });
  if (payment.status === 'reversed') throw new AppError('conflict', `payment ${payment.id} is already reversed`, { field: 'paymentId', reason: 'alreadyReversed' });
  return event;
}

/** The payoff quote (提前结清试算) for a date: what settles the loan then. */
export function payoffLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.payoff'>): ChannelOutput<'loan.payoff'> {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'paid off');
  const date = input.date ?? businessDate(ctx);
  const c = loanCase(ctx, loan);
  const state = stateOf(loan, c);
  const serviced = serviceState(c.contract, state, day(date), c.env.costs);
  const q = settlementQuote(state.schedule, serviced, day(date));
  return {
    contractNo: loan.contractNo,
    date,
    overdue: { principal: y(q.overdue.principal), interest: y(q.overdue.interest), fees: y(q.overdue.fees), penalty: y(q.overdue.penalty) },
    outstandingPrincipal: y(q.outstandingPrincipal),
    accruedInterest: y(q.accruedInterest),
    costsOutstanding: y(serviced.costsOutstanding),
    creditHeld: y(serviced.unappliedCredit),
    total: y(q.total),
  };
}
