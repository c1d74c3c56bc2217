/**
 * How a loan's stored rows become figures: the replay of its payments, the register snapshot, the
 * payoff quote and the early-settlement schedule. Pure over what is passed in, so the one-loan
 * services and the bulk book load compute exactly the same fen.
 */
import type { InstallmentRow, LoanRow, NewLoanRow, PaymentRow } from '../../../db/repositories/lending/loans';
import { formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import { agingBucket, classify, type ClassificationDays, type LoanClass } from '../../../shared/lending/classification';
import { monthEndPositions } from '../../../shared/lending/month-ends';
import type { AllocationComponent } from '../../../shared/lending/product';
import { serviceLoan, type ServicingState } from '../../../shared/lending/servicing';
import type { RoundingMode } from '../../../shared/money/rounding';
import { accruedInterest } from '../../../shared/schedule/amortize';
import { generateSchedule } from '../../../shared/schedule/generate';
import { termsSchema, toScheduleTerms, type TermsInput } from '../../../shared/schedule/terms';
import type { Installment, Schedule } from '../../../shared/schedule/types';
import type { ServiceContext } from '../context';
import { setting } from '../platform/settings';

/** The settings servicing reads, gathered once per call (a bulk load reads them once for all loans). */
export interface LendingRules {
  dayBasis: 360 | 365;
  roundingMode: RoundingMode;
  classificationDays: ClassificationDays;
  bucketUpperDays: readonly number[];
}

export function lendingRules(ctx: Pick<ServiceContext, 'db'>): LendingRules {
  return {
    dayBasis: setting(ctx, 'lending.daysPerYear'),
    roundingMode: setting(ctx, 'lending.roundingMode'),
    classificationDays: setting(ctx, 'lending.classificationDays'),
    bucketUpperDays: setting(ctx, 'lending.bucketUpperDays'),
  };
}

export function storedTerms(loan: Pick<LoanRow, 'terms'>): TermsInput {
  return JSON.parse(loan.terms) as TermsInput;
}

export function scheduleFor(terms: TermsInput): Schedule {
  return generateSchedule(toScheduleTerms(termsSchema.parse(terms)));
}

export type NewInstallmentRow = Omit<InstallmentRow, 'id'>;

export function installmentRows(loanId: number, version: number, list: readonly Installment[]): NewInstallmentRow[] {
  return list.map((i) => ({
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
  }));
}

type ServicedLoan = Pick<LoanRow, 'penaltyRate' | 'compoundInterest' | 'graceDays' | 'allocationOrder'>;
type PaymentLike = Pick<PaymentRow, 'id' | 'valueDate' | 'amount' | 'status' | 'kind'>;

/** Replays the posted repayments against the schedule as of `asOf`. */
export function replay(
  rules: LendingRules,
  loan: ServicedLoan,
  rows: readonly NewInstallmentRow[],
  payments: readonly PaymentLike[],
  asOf: string,
  costs: ReadonlyArray<{ date: string; amount: number }> = [],
  checkpointDays: readonly number[] = [],
): ServicingState {
  return serviceLoan(
    rows.map((r) => ({ number: r.number, dueDate: parseIsoDate(r.dueDate)!, principal: r.principal, interest: r.interest, fees: r.fees })),
    payments.filter((p) => p.status === 'posted' && p.kind === 'repayment').map((p) => ({ id: p.id, date: parseIsoDate(p.valueDate)!, amount: p.amount })),
    {
      penaltyRate: loan.penaltyRate,
      compoundInterest: loan.compoundInterest,
      graceDays: loan.graceDays,
      dayBasis: rules.dayBasis,
      roundingMode: rules.roundingMode,
      allocationOrder: JSON.parse(loan.allocationOrder) as AllocationComponent[],
    },
    parseIsoDate(asOf)!,
    costs.map((c) => ({ date: parseIsoDate(c.date)!, amount: c.amount })),
    checkpointDays,
  );
}

/** The month-end rows of a replay's checkpoints (see shared/lending/month-ends). */
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

export interface Quote {
  overdue: { principal: number; interest: number; fees: number; penalty: number };
  outstandingPrincipal: number;
  accruedInterest: number;
  total: number;
  paidInstallments: number;
  state: ServicingState;
}

/** What settles the loan on `date`: everything overdue with its penalty, the principal, and interest for the days used. */
export function quoteFrom(loan: Pick<LoanRow, 'terms'>, rows: readonly NewInstallmentRow[], state: ServicingState, date: string): Quote {
  const terms = toScheduleTerms(termsSchema.parse(storedTerms(loan)));
  const day = parseIsoDate(date)!;
  // The current period: the first unsettled installment not yet fallen due.
  const current = state.installments.findIndex((i) => i.paidOn === null && i.dueDate >= day);
  let accrued = 0;
  if (current >= 0) {
    const row = rows[current]!;
    const start = parseIsoDate(row.periodStart)!;
    const base = terms.method === 'flat' ? terms.principal : state.outstandingPrincipal - state.overduePrincipal;
    accrued = day > start ? Math.min(accruedInterest(terms, base, start, day).interest, row.interest) : 0;
  }
  const overdue = { principal: state.overduePrincipal, interest: state.overdueInterest, fees: state.overdueFees, penalty: state.penaltyOutstanding };
  const outstanding = state.outstandingPrincipal - state.overduePrincipal;
  const total = Math.max(0, state.costsOutstanding + overdue.principal + overdue.interest + overdue.fees + overdue.penalty + outstanding + accrued - state.unappliedCredit);
  return { overdue, outstandingPrincipal: outstanding, accruedInterest: accrued, total, paidInstallments: current < 0 ? rows.length : current, state };
}

/**
 * The early-settlement schedule version: installments already due or paid stay; the rest become one
 * installment due on `date` carrying the remaining principal and the interest for the days used.
 */
export function settlementRows(loan: Pick<LoanRow, 'id' | 'disbursementDate' | 'scheduleVersion'>, rows: readonly NewInstallmentRow[], q: Quote, date: string): NewInstallmentRow[] {
  const day = parseIsoDate(date)!;
  const kept = rows.filter((r) => parseIsoDate(r.dueDate)! < day || q.state.installments.find((i) => i.number === r.number)?.paidOn !== null);
  const keptNumbers = new Set(kept.map((r) => r.number));
  const lastKept = kept.at(-1);
  const version = loan.scheduleVersion + 1;
  const remainingPrincipal = rows.filter((r) => !keptNumbers.has(r.number)).reduce((s, r) => s + r.principal, 0);
  return [
    ...kept.map((r) => {
      const { id: _id, ...copy } = r as InstallmentRow;
      return { ...copy, scheduleVersion: version };
    }),
    {
      loanId: loan.id,
      scheduleVersion: version,
      number: (lastKept?.number ?? 0) + 1,
      periodStart: lastKept?.periodEnd ?? loan.disbursementDate!,
      periodEnd: date,
      dueDate: date,
      days: day - parseIsoDate(lastKept?.periodEnd ?? loan.disbursementDate!)!,
      openingBalance: remainingPrincipal,
      principal: remainingPrincipal,
      interest: q.accruedInterest,
      fees: 0,
      closingBalance: 0,
    },
  ];
}

/** What a write-off on a date takes off the book: the outstanding principal leaves as written off. */
export function writeOffChanges(state: ServicingState, date: string) {
  return {
    status: 'written-off' as const,
    writtenOff: state.outstandingPrincipal,
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
