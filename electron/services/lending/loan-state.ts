/**
 * A loan's rows as the pure model sees them, and back: the contract frozen on the loan row, its steps
 * from its events and payments, its schedule as installment rows, the register snapshot of a servicing.
 * The one-loan services and the bulk book load both go through these, so they write the same rows.
 */
import type { InstallmentRow, LoanEventRow, LoanRow, NewLoanRow, PaymentRow } from '../../../db/repositories/lending/loans';
import { formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import { agingBucket, classify, type ClassificationDays, type LoanClass } from '../../../shared/lending/classification';
import type { RecordedStep } from '../../../shared/lending/lifecycle/replay';
import type { LoanContract, LoanSchedule, LoanState, Receipt } from '../../../shared/lending/lifecycle/state';
import { STEP_EVENTS, type LoanStep, type LoanStepKind } from '../../../shared/lending/lifecycle/steps';
import { monthEndPositions } from '../../../shared/lending/month-ends';
import type { AllocationComponent } from '../../../shared/lending/product';
import { serviceLoan, type ServicingState, type ServicingTerms } from '../../../shared/lending/servicing';
import { parseYuan } from '../../../shared/money/yuan';
import { parsePercent } from '../../../shared/rates/rate';
import { termsSchema, toScheduleTerms, type TermsInput } from '../../../shared/schedule/terms';
import type { PrepaymentMode } from '../../../shared/schedule/prepayment';
import type { RepaymentMethod } from '../../../shared/schedule/types';
import type { ServiceContext } from '../context';
import { setting } from '../platform/settings';

/** The reporting settings a register snapshot reads (classification and buckets), gathered once per call. */
export interface LendingRules {
  classificationDays: ClassificationDays;
  bucketUpperDays: readonly number[];
}

export function lendingRules(ctx: Pick<ServiceContext, 'db'>): LendingRules {
  return {
    classificationDays: setting(ctx, 'lending.classificationDays'),
    bucketUpperDays: setting(ctx, 'lending.bucketUpperDays'),
  };
}

export function storedTerms(loan: Pick<LoanRow, 'terms'>): TermsInput {
  return JSON.parse(loan.terms) as TermsInput;
}

/** The loan row's columns that hold its servicing rules, frozen when it was entered. */
export type ServicingColumns = Pick<LoanRow, 'penaltyRate' | 'compoundInterest' | 'graceDays' | 'dayBasis' | 'roundingMode' | 'allocationStrategy' | 'allocationOrder'>;
/** ... and with its terms, the whole contract. */
export type ContractColumns = ServicingColumns & Pick<LoanRow, 'terms'>;

export function servicingTermsOf(loan: ServicingColumns): ServicingTerms {
  return {
    penaltyRate: loan.penaltyRate,
    compoundInterest: loan.compoundInterest,
    graceDays: loan.graceDays,
    dayBasis: loan.dayBasis === 365 ? 365 : 360,
    roundingMode: loan.roundingMode,
    allocationStrategy: loan.allocationStrategy,
    allocationOrder: JSON.parse(loan.allocationOrder) as AllocationComponent[],
  };
}

/** The contract frozen on the loan: its terms as disbursed and its servicing rules. */
export function contractOf(loan: ContractColumns): LoanContract {
  return { terms: toScheduleTerms(termsSchema.parse(storedTerms(loan))), servicing: servicingTermsOf(loan) };
}

export type NewInstallmentRow = Omit<InstallmentRow, 'id'>;

/**
 * The schedule's installment rows, each with its penalty rate (the loan's, unless a restructuring gave
 * it another); `paymentOf` gives the payment id of a receipt's ref (a prepayment's own installment).
 */
export function scheduleRows(loanId: number, version: number, schedule: LoanSchedule, loanPenaltyRate: number, paymentOf: (ref: number) => number = (ref) => ref): NewInstallmentRow[] {
  return schedule.installments.map((i) => ({
    loanId,
    scheduleVersion: version,
    number: i.number,
    periodStart: formatIsoDate(i.periodStart),
    periodEnd: formatIsoDate(i.periodEnd),
    dueDate: formatIsoDate(i.dueDate),
    days: i.days,
    openingBalance: i.openingBalance,
    principal: i.principal,
    interest: i.interest,
    fees: i.fees,
    closingBalance: i.closingBalance,
    penaltyRate: i.penaltyRate ?? loanPenaltyRate,
    paidBy: i.paidBy === undefined ? null : paymentOf(i.paidBy),
  }));
}

/** A receipt as its payment row records it: the money, and how it came (from the step that received it). */
export function receiptColumns(step: LoanStep, receipt: Receipt) {
  return {
    valueDate: formatIsoDate(receipt.date),
    amount: receipt.amount,
    channel: 'channel' in step ? step.channel : 'bank',
    reference: 'reference' in step ? step.reference : null,
    kind: receipt.kind,
  } satisfies Partial<PaymentRow>;
}

type PaymentLike = Pick<PaymentRow, 'id' | 'valueDate' | 'amount' | 'status' | 'kind'>;

/** The posted repayments serviced against the stored schedule as of `asOf` (the register's refresh). */
export function serviceRows(
  loan: ServicingColumns,
  rows: readonly Pick<NewInstallmentRow, 'number' | 'dueDate' | 'principal' | 'interest' | 'fees' | 'penaltyRate' | 'paidBy'>[],
  payments: readonly PaymentLike[],
  asOf: string,
  costs: ReadonlyArray<{ date: string; amount: number }> = [],
  checkpointDays: readonly number[] = [],
): ServicingState {
  return serviceLoan(
    rows.map((r) => ({ number: r.number, dueDate: parseIsoDate(r.dueDate)!, principal: r.principal, interest: r.interest, fees: r.fees, penaltyRate: r.penaltyRate, ...(r.paidBy == null ? {} : { paidBy: r.paidBy }) })),
    payments
      .filter((p) => p.status === 'posted' && p.kind === 'repayment')
      .map((p) => ({ id: p.id, date: parseIsoDate(p.valueDate)!, amount: p.amount })),
    servicingTermsOf(loan),
    parseIsoDate(asOf)!,
    costs.map((c) => ({ date: parseIsoDate(c.date)!, amount: c.amount })),
    checkpointDays,
  );
}

const STEP_OF_EVENT = new Map<string, LoanStepKind>(Object.entries(STEP_EVENTS).map(([kind, event]) => [event, kind as LoanStepKind]));

/** The event a step is recorded as: its detail with the payment it received first and the schedule version it made last. */
export function stepEventDetail(detail: Record<string, unknown>, paymentId: number | null, scheduleVersion: number | null): string {
  // Most events are a repayment's: its detail as it is, with nothing to add.
  if (paymentId === null && scheduleVersion === null) return JSON.stringify(detail);
  return JSON.stringify({ ...(paymentId === null ? {} : { paymentId }), ...detail, ...(scheduleVersion === null ? {} : { scheduleVersion }) });
}

/**
 * The step an event records, read back from the event and its payment; null for the events that are
 * not steps (application, approval, disbursement, settled, reversal). Older events lack the fields added
 * since (a restructuring's method and penalty rate): they read as the loan's own.
 */
export function stepOf(event: Pick<LoanEventRow, 'event' | 'businessDate' | 'detail'>, payment: Pick<PaymentRow, 'id' | 'amount' | 'channel' | 'reference'> | undefined, loan: Pick<LoanRow, 'penaltyRate'>): LoanStep | null {
  const kind = STEP_OF_EVENT.get(event.event);
  if (!kind) return null;
  const date = parseIsoDate(event.businessDate)!;
  const detail = (event.detail === null ? {} : JSON.parse(event.detail)) as Record<string, string | number | null | undefined>;
  const money = { ref: payment?.id ?? 0, date, amount: payment?.amount ?? 0, channel: payment?.channel ?? 'bank', reference: payment?.reference ?? null };
  switch (kind) {
    case 'repayment':
    case 'recovery':
      return { kind, ...money };
    case 'prepayment':
      return { kind, ...money, mode: detail.mode as PrepaymentMode };
    case 'early-settlement':
      return { kind, ...money, amount: payment?.amount ?? 0 };
    case 'extension':
    case 'restructuring': {
      const rate = typeof detail.annualRate === 'string' ? parsePercent(detail.annualRate) : null;
      return { kind, date, periods: Number(detail.periods), annualRate: rate, method: (detail.method as RepaymentMethod | undefined) ?? null, penaltyRate: typeof detail.penaltyRate === 'string' ? parsePercent(detail.penaltyRate)! : loan.penaltyRate, reason: String(detail.reason ?? '') };
    }
    case 'write-off':
      return { kind, date, reason: String(detail.reason ?? '') };
    case 'classification':
      return { kind, date, from: String(detail.from ?? ''), to: detail.to === 'automatic' || detail.to == null ? null : (detail.to as LoanClass), reason: String(detail.reason ?? '') };
  }
}

/** The loan's steps in the order taken, without the reversed ones. */
export function stepsOf(loan: Pick<LoanRow, 'penaltyRate'>, events: readonly LoanEventRow[], payments: readonly PaymentRow[]): RecordedStep[] {
  const byId = new Map(payments.map((p) => [p.id, p]));
  const steps: RecordedStep[] = [];
  for (const event of events) {
    if (event.reversedBy !== null) continue;
    const step = stepOf(event, event.paymentId === null ? undefined : byId.get(event.paymentId), loan);
    if (step) steps.push({ id: event.id, step });
  }
  return steps;
}

/** The loan row's columns a state decides (the register snapshot aside, which the refresh writes). */
export function stateColumns(state: LoanState, scheduleVersion: number) {
  const last = state.schedule.installments.at(-1);
  return {
    scheduleVersion,
    maturityDate: last ? formatIsoDate(last.dueDate) : null,
    annualRate: state.schedule.terms.annualRate,
    writtenOff: state.writtenOff,
    recovered: state.recovered,
    classOverride: state.classOverride,
  } satisfies Partial<NewLoanRow>;
}

/** The month-end rows of a servicing's checkpoints (see shared/lending/month-ends). */
export function monthEndRows(rules: LendingRules, loanId: number, state: ServicingState) {
  return monthEndPositions(state.checkpoints, rules.bucketUpperDays).map((p) => ({
    month: formatIsoDate(p.day).slice(0, 7),
    loanId,
    bucket: p.bucket,
    dpd: p.dpd,
    outstandingPrincipal: p.outstandingPrincipal,
  }));
}

/** The register's figures for a serviced loan as of `asOf`, and whether the balance settles it. */
export function snapshotOf(rules: LendingRules, classOverride: string | null, state: ServicingState, asOf: string) {
  const next = state.installments.find((i) => i.paidOn === null && i.dueDate >= parseIsoDate(asOf)!);
  const fullyPaid = state.outstandingPrincipal === 0 && state.installments.every((i) => i.paidOn !== null) && state.penaltyOutstanding === 0 && state.costsOutstanding === 0;
  return {
    asOf,
    outstandingPrincipal: state.outstandingPrincipal,
    principalRepaid: state.principalRepaid,
    overduePrincipal: state.overduePrincipal,
    overdueInterest: state.overdueInterest,
    penaltyOutstanding: state.penaltyOutstanding,
    costsOutstanding: state.costsOutstanding,
    dpd: state.dpd,
    bucket: agingBucket(state.dpd, rules.bucketUpperDays),
    classification: (classOverride as LoanClass | null) ?? classify(state.dpd, rules.classificationDays),
    nextDueDate: next ? formatIsoDate(next.dueDate) : null,
    status: fullyPaid ? ('settled' as const) : ('disbursed' as const),
  } satisfies Partial<NewLoanRow>;
}

/** What a write-off on a date takes off the register: the outstanding principal leaves as written off. */
export function writeOffChanges(state: ServicingState, date: string) {
  return {
    status: 'written-off' as const,
    outstandingPrincipal: 0,
    principalRepaid: state.principalRepaid,
    overduePrincipal: 0,
    overdueInterest: 0,
    penaltyOutstanding: 0,
    classification: 'loss',
    asOf: date,
    nextDueDate: null,
  } satisfies Partial<NewLoanRow>;
}

/** Yuan text of a stored detail back to fen (details show amounts as yuan). */
export function detailFen(text: unknown): number {
  return typeof text === 'string' ? (parseYuan(text) ?? 0) : 0;
}
