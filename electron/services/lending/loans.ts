/**
 * Loans from application to settlement: create → approve → disburse (schedule frozen) → repay /
 * reverse → settle. Every step is a dated business event with who did it; nothing is overwritten.
 */
import { recordProvision } from '../ledgers/provision';
import { findBorrowerRow } from '../../../db/repositories/lending/borrowers';
import {
  allocationsOf,
  costsOfLoans,
  countContractsWithPrefix,
  eventsOf,
  findLoan,
  findLoanByContract,
  findPayment,
  insertInstallments,
  insertLoan,
  insertLoanEvent,
  insertPayment,
  installmentsOf,
  loanIdsToRefresh,
  anyLoan,
  countLoansWithStatus,
  paymentsOf,
  queryLoans,
  replaceAllocations,
  servicingRowsOf,
  updateLoan,
  updateLoanSnapshot,
  updatePayment,
  type InstallmentRow,
  type AllocationRow,
  type LoanRow,
  type NewLoanRow,
} from '../../../db/repositories/lending/loans';
import { findProduct, findProductByCode, type ProductRow } from '../../../db/repositories/lending/products';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatIsoDate, monthEndsBetween, parseIsoDate } from '../../../shared/dates/calendar';
import { completeMonthEnd, recordMonthEnds } from '../../../db/repositories/ledgers/month-end-sources';
import type { LoanClass } from '../../../shared/lending/classification';
import type { LoanDetail, LoanSummary } from '../../../shared/lending/loan';
import { DEFAULT_ALLOCATION } from '../../../shared/lending/product';
import type { ServicingState } from '../../../shared/lending/servicing';
import { mulDivRound } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { formatPercent, parsePercent, RATE_SCALE } from '../../../shared/rates/rate';
import { generateSchedule } from '../../../shared/schedule/generate';
import { prepay, PrepaymentError } from '../../../shared/schedule/prepayment';
import { termsSchema, toScheduleTerms, type TermsInput } from '../../../shared/schedule/terms';
import type { Installment, Schedule } from '../../../shared/schedule/types';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { businessDate, dateUpToBusinessDate, setBusinessDate } from '../platform/status';
import { deleteSetting, readSetting, writeSetting } from '../../../db/repositories/platform/settings';
import { offeredSchedule, rateCaps, type RateCaps } from './schedule';
import type { WireSchedule } from '../../../shared/schedule/wire';
import { installmentRows, lendingRules, monthEndRows, quoteFrom, replay, scheduleFor, settlementRows, snapshotOf, storedTerms, writeOffChanges, type Quote } from './loan-state';
import { loanSecurity } from './security';

const y = fenToYuan;

export function loanOrThrow(ctx: ServiceContext, contractNo: string): LoanRow {
  const loan = findLoanByContract(ctx.db, contractNo);
  if (!loan) throw new AppError('not-found', `contractNo: no loan ${contractNo}`, { field: 'contractNo', reason: 'loanNotFound' });
  return loan;
}

function assertStatus(loan: LoanRow, allowed: LoanRow['status'][], action: string): void {
  if (!allowed.includes(loan.status)) {
    throw new AppError('conflict', `loan ${loan.contractNo} is ${loan.status}: it cannot be ${action}`, {
      reason: 'loanStatus',
      params: { status: loan.status, action },
    });
  }
}

function event(ctx: ServiceContext, loan: LoanRow, name: string, date: string, detail: unknown): void {
  insertLoanEvent(ctx.db, { loanId: loan.id, event: name, businessDate: date, detail: detail === undefined || detail === null ? null : JSON.stringify(detail), at: instant(ctx), by: actorOf(ctx).userName });
}

/** Penalty rate = contract rate × (1 + markup), held within the hard cap on all-in cost. */
function penaltyRateFor(annualRate: number, markup: number, capPercent: string): number {
  const marked = mulDivRound(annualRate, RATE_SCALE + markup, RATE_SCALE, 'half-up');
  return Math.min(marked, parsePercent(capPercent) ?? marked);
}

function sameAllocations(stored: readonly AllocationRow[], fresh: ReadonlyArray<Omit<AllocationRow, 'id'>>): boolean {
  return (
    stored.length === fresh.length &&
    stored.every((a, k) => {
      const b = fresh[k]!;
      return a.paymentId === b.paymentId && a.installmentNumber === b.installmentNumber && a.component === b.component && a.amount === b.amount;
    })
  );
}

function servicingOf(ctx: ServiceContext, loan: LoanRow, rows: InstallmentRow[], asOf: string): ServicingState {
  return replay(lendingRules(ctx), loan, rows, paymentsOf(ctx.db, loan.id), asOf, costsOfLoans(ctx.db, [loan.id]));
}

/**
 * Replays each loan's payments as of `asOf`, rewrites the allocations (when they changed) and the
 * register snapshot, and moves the status between disbursed and settled as the balance requires.
 * Reads the whole set in four queries: the daily close passes hundreds of loans at a time.
 */
export function refreshLoans(ctx: ServiceContext, ids: readonly number[], asOf: string, rules = lendingRules(ctx), monthEnds: readonly number[] = []): void {
  const rows = servicingRowsOf(ctx.db, ids);
  for (const loan of rows.loans) {
    if (loan.status !== 'disbursed' && loan.status !== 'settled') continue;
    const state = replay(rules, loan, rows.installments.get(loan.id)!, rows.payments.get(loan.id)!, asOf, rows.costs.get(loan.id)!, monthEnds);
    // The month ends a close passes, as this replay saw them (the other loans are completed from the register).
    if (monthEnds.length > 0) recordMonthEnds(ctx.db, monthEndRows(rules, loan.id, state));
    const allocations = state.allocations.map((a) => ({ paymentId: a.paymentId, loanId: loan.id, installmentNumber: a.installment, component: a.component, amount: a.amount }));
    // Most days nothing is newly allocated (credit meets an installment only on its due date): keep the rows.
    if (!sameAllocations(rows.allocations.get(loan.id)!, allocations)) replaceAllocations(ctx.db, loan.id, allocations);
    const snapshot = snapshotOf(rules, loan.classOverride, state, asOf);
    updateLoanSnapshot(ctx.db, loan.id, snapshot);
    if (snapshot.status !== loan.status) event(ctx, loan, snapshot.status === 'settled' ? 'settled' : 'reopened', asOf, null);
  }
}

export function refreshLoan(ctx: ServiceContext, loanId: number, asOf: string): void {
  refreshLoans(ctx, [loanId], asOf);
}

/** Contract numbers DK{yyyymm}-{sequence} in the business month, skipping any already in use. */
export function contractNumbers(ctx: ServiceContext): () => string {
  const prefix = `DK${businessDate(ctx).slice(0, 7).replace('-', '')}-`;
  let sequence = countContractsWithPrefix(ctx.db, prefix);
  const numbered = () => `${prefix}${String(sequence).padStart(5, '0')}`;
  return () => {
    do sequence++;
    while (findLoanByContract(ctx.db, numbered()));
    return numbered();
  };
}

/** createLoan without building the detail (bulk work: demo, import). Returns the contract number. */
export function createLoanRecord(ctx: ServiceContext, input: ChannelParsedInput<'loan.create'>): string {
  if (!findBorrowerRow(ctx.db, input.borrowerId)) {
    throw new AppError('not-found', `borrowerId: no borrower ${input.borrowerId}`, { field: 'borrowerId', reason: 'borrowerNotFound' });
  }
  const product = input.productCode ? findProductByCode(ctx.db, input.productCode) : undefined;
  if (input.productCode && (!product || !product.active)) {
    throw new AppError('validation', `productCode: no active product ${input.productCode}`, { field: 'productCode', reason: 'productNotFound' });
  }
  if (input.contractNo && findLoanByContract(ctx.db, input.contractNo)) {
    throw new AppError('conflict', `contractNo: ${input.contractNo} exists`, { field: 'contractNo', reason: 'contractNoTaken' });
  }
  // The schedule engine and the rate caps decide whether these terms may be offered at all.
  const entry = entryRules(ctx);
  const offer = offeredSchedule(entry.caps, { terms: input.terms, allowAboveCap: input.allowAboveCap });
  const id = insertLoan(ctx.db, applicationRow(entry, input, product, offer, input.contractNo ?? contractNumbers(ctx)()));
  const loan = findLoan(ctx.db, id)!;
  event(ctx, loan, 'applied', businessDate(ctx), { apr: offer.apr.simple, warnings: offer.warnings.map((w) => w.reason) });
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: null, after: loan });
  return loan.contractNo;
}

/** What entering a loan reads besides its application: the settings' defaults, the caps, who and when. Plain data, gathered once per load. */
export interface EntryRules {
  caps: RateCaps;
  penaltyMarkup: number;
  compoundInterest: boolean;
  at: string;
  by: string;
}

export function entryRules(ctx: ServiceContext): EntryRules {
  return {
    caps: rateCaps(ctx),
    penaltyMarkup: parsePercent(setting(ctx, 'lending.penaltyMarkupPercent'))!,
    compoundInterest: setting(ctx, 'lending.compoundInterest'),
    at: instant(ctx),
    by: actorOf(ctx).userName,
  };
}

/**
 * The application as a loan row: servicing rules from the product (or the settings' defaults), the
 * terms in their public form, and the APR as disclosed.
 */
export function applicationRow(entry: EntryRules, input: ChannelParsedInput<'loan.create'>, product: ProductRow | undefined, offer: { schedule: Schedule; apr: WireSchedule['apr'] }, contractNo: string): NewLoanRow {
  const terms = input.terms;
  const markup = product?.penaltyMarkup ?? entry.penaltyMarkup;
  const { at, by } = entry;
  return {
    contractNo,
    borrowerId: input.borrowerId,
    productId: product?.id ?? null,
    purpose: input.purpose,
    securityType: input.securityType,
    loanOfficer: by,
    principal: terms.principal,
    annualRate: terms.annualRate,
    method: terms.method,
    periods: terms.periods,
    terms: JSON.stringify(termsToPublic(input)),
    penaltyRate: penaltyRateFor(terms.annualRate, markup, entry.caps.hardCap),
    compoundInterest: product?.compoundInterest ?? entry.compoundInterest,
    graceDays: product?.graceDays ?? 0,
    allocationOrder: product?.allocationOrder ?? JSON.stringify(DEFAULT_ALLOCATION),
    aprPercent: offer.apr.simple,
    status: 'applied',
    maturityDate: offer.schedule.installments.length > 0 ? formatIsoDate(offer.schedule.installments.at(-1)!.dueDate) : null,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
}

export function createLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.create'>): LoanDetail {
  return loanDetail(ctx, createLoanRecord(ctx, input));
}

/** The terms as the public format (yuan and percent strings), the form they are stored and shown in. */
function termsToPublic(input: { terms: ChannelParsedInput<'loan.create'>['terms'] }): TermsInput {
  const t = input.terms;
  return {
    principal: y(t.principal),
    annualRate: formatPercent(t.annualRate),
    periods: t.periods,
    frequency: t.frequency,
    method: t.method,
    interestOnlyPeriods: t.interestOnlyPeriods,
    disbursementDate: formatIsoDate(t.disbursementDate),
    firstDueDate: t.firstDueDate == null ? null : formatIsoDate(t.firstDueDate),
    repaymentDay: t.repaymentDay ?? null,
    dayCount: t.dayCount,
    roundingMode: t.roundingMode,
    installmentMultiple: y(t.installmentMultiple),
    upfrontFee: y(t.upfrontFee),
    periodicFee: y(t.periodicFee),
    holidays: t.holidays.map(formatIsoDate),
    workdays: t.workdays.map(formatIsoDate),
    dueDateRule: t.dueDateRule,
  };
}

/** approveLoan without building the detail (bulk work: demo, import). Returns the contract number. */
export function approveLoanRecord(ctx: ServiceContext, input: ChannelParsedInput<'loan.approve'>): string {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['applied'], input.decision === 'approve' ? 'approved' : 'rejected');
  const by = actorOf(ctx).userName;
  updateLoan(ctx.db, loan.id, { status: input.decision === 'approve' ? 'approved' : 'rejected', approvedBy: by, approvalComment: input.comment, updatedAt: instant(ctx), updatedBy: by });
  event(ctx, loan, input.decision === 'approve' ? 'approved' : 'rejected', businessDate(ctx), { comment: input.comment });
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { status: loan.status }, after: { status: input.decision === 'approve' ? 'approved' : 'rejected', comment: input.comment } });
  return loan.contractNo;
}

export function approveLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.approve'>): LoanDetail {
  return loanDetail(ctx, approveLoanRecord(ctx, input));
}

/** disburseLoan without building the detail (bulk work: demo, import). Returns the contract number. */
export function disburseLoanRecord(ctx: ServiceContext, input: ChannelParsedInput<'loan.disburse'>): string {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['approved'], 'disbursed');
  const terms = storedTerms(loan);
  const date = dateUpToBusinessDate(ctx, input.date ?? terms.disbursementDate);
  if (date !== terms.disbursementDate) {
    // Lent on another day than applied for: the schedule runs from the real date.
    terms.disbursementDate = date;
    if (terms.firstDueDate && terms.firstDueDate <= date) terms.firstDueDate = null;
  }
  const schedule = scheduleFor(terms);
  insertInstallments(ctx.db, installmentRows(loan.id, 1, schedule.installments));
  const by = actorOf(ctx).userName;
  updateLoan(ctx.db, loan.id, {
    status: 'disbursed',
    terms: JSON.stringify(terms),
    disbursementDate: date,
    maturityDate: formatIsoDate(schedule.installments.at(-1)!.dueDate),
    scheduleVersion: 1,
    outstandingPrincipal: loan.principal,
    updatedAt: instant(ctx),
    updatedBy: by,
  });
  event(ctx, loan, 'disbursed', date, { principal: y(loan.principal), installments: schedule.installments.length });
  refreshLoan(ctx, loan.id, businessDate(ctx));
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { status: loan.status }, after: { status: 'disbursed', date } });
  return loan.contractNo;
}

export function disburseLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.disburse'>): LoanDetail {
  return loanDetail(ctx, disburseLoanRecord(ctx, input));
}

export function repayLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.repay'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'repaid');
  const date = dateUpToBusinessDate(ctx, input.date);
  if (date < loan.disbursementDate!) {
    throw new AppError('validation', `date: ${date} is before the disbursement on ${loan.disbursementDate}`, { field: 'date', reason: 'beforeDisbursement' });
  }
  const id = insertPayment(ctx.db, { loanId: loan.id, valueDate: date, amount: input.amount, channel: input.channel, reference: input.reference, status: 'posted', createdAt: instant(ctx), createdBy: actorOf(ctx).userName });
  event(ctx, loan, 'repayment', date, { paymentId: id, amount: y(input.amount), channel: input.channel, reference: input.reference });
  refreshLoan(ctx, loan.id, businessDate(ctx));
  ctx.audit({ entityType: 'payment', entityId: id, before: null, after: { contractNo: loan.contractNo, date, amount: y(input.amount), channel: input.channel } });
  return loanDetail(ctx, loan.contractNo);
}

export function reversePayment(ctx: ServiceContext, input: ChannelParsedInput<'loan.reverse'>): LoanDetail {
  const payment = findPayment(ctx.db, input.paymentId);
  if (!payment) throw new AppError('not-found', `paymentId: no payment ${input.paymentId}`, { field: 'paymentId', reason: 'paymentNotFound' });
  if (payment.status === 'reversed') throw new AppError('conflict', `payment ${payment.id} is already reversed`, { field: 'paymentId', reason: 'alreadyReversed' });
  const loan = findLoan(ctx.db, payment.loanId)!;
  updatePayment(ctx.db, payment.id, { status: 'reversed', reversalReason: input.reason, reversedAt: instant(ctx), reversedBy: actorOf(ctx).userName });
  event(ctx, loan, 'reversal', businessDate(ctx), { paymentId: payment.id, amount: y(payment.amount), reason: input.reason });
  refreshLoan(ctx, loan.id, businessDate(ctx));
  ctx.audit({ entityType: 'payment', entityId: payment.id, before: { status: 'posted' }, after: { status: 'reversed', reason: input.reason } });
  return loanDetail(ctx, loan.contractNo);
}

function quote(ctx: ServiceContext, loan: LoanRow, date: string): Quote {
  const rows = installmentsOf(ctx.db, loan.id, loan.scheduleVersion);
  return quoteFrom(loan, rows, servicingOf(ctx, loan, rows, date), date);
}

export function payoffLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.payoff'>): ChannelOutput<'loan.payoff'> {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'paid off');
  const date = input.date ?? businessDate(ctx);
  const q = quote(ctx, loan, date);
  return {
    contractNo: loan.contractNo,
    date,
    overdue: { principal: y(q.overdue.principal), interest: y(q.overdue.interest), fees: y(q.overdue.fees), penalty: y(q.overdue.penalty) },
    outstandingPrincipal: y(q.outstandingPrincipal),
    accruedInterest: y(q.accruedInterest),
    costsOutstanding: y(q.state.costsOutstanding),
    creditHeld: y(q.state.unappliedCredit),
    total: y(q.total),
  };
}

/**
 * Early settlement: the schedule gets a new version in which the periods after `date` are replaced by
 * one installment due that day (remaining principal + interest for the days used), then the payoff
 * amount is posted and replayed. The previous schedule version stays on file.
 */
/** settleLoan without building the detail (bulk work: demo, import). Returns the contract number. */
export function settleLoanRecord(ctx: ServiceContext, input: ChannelParsedInput<'loan.settle'>): string {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'settled');
  const date = dateUpToBusinessDate(ctx, input.date);
  const q = quote(ctx, loan, date);
  const rows = installmentsOf(ctx.db, loan.id, loan.scheduleVersion);
  const version = loan.scheduleVersion + 1;
  insertInstallments(ctx.db, settlementRows(loan, rows, q, date));
  updateLoan(ctx.db, loan.id, { scheduleVersion: version, maturityDate: date, updatedAt: instant(ctx), updatedBy: actorOf(ctx).userName });
  event(ctx, loan, 'early-settlement', date, { payoff: y(q.total), accruedInterest: y(q.accruedInterest), scheduleVersion: version });
  if (q.total > 0) {
    insertPayment(ctx.db, { loanId: loan.id, valueDate: date, amount: q.total, channel: input.channel, reference: input.reference, status: 'posted', createdAt: instant(ctx), createdBy: actorOf(ctx).userName });
  }
  refreshLoan(ctx, loan.id, date > businessDate(ctx) ? date : businessDate(ctx));
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { status: loan.status, scheduleVersion: loan.scheduleVersion }, after: { status: 'settled', payoff: y(q.total), date } });
  return loan.contractNo;
}

export function settleLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.settle'>): LoanDetail {
  return loanDetail(ctx, settleLoanRecord(ctx, input));
}

export function toLoanSummary(loan: LoanRow, borrower: { name: string; kind: LoanSummary['borrowerKind'] }, productCode: string | null): LoanSummary {
  return {
    contractNo: loan.contractNo,
    borrowerId: loan.borrowerId,
    borrowerName: borrower.name,
    borrowerKind: borrower.kind,
    productCode,
    purpose: loan.purpose,
    securityType: loan.securityType,
    loanOfficer: loan.loanOfficer,
    method: loan.method,
    periods: loan.periods,
    annualRate: formatPercent(loan.annualRate),
    penaltyRate: formatPercent(loan.penaltyRate),
    apr: loan.aprPercent,
    principal: y(loan.principal),
    outstandingPrincipal: y(loan.outstandingPrincipal),
    principalRepaid: y(loan.principalRepaid),
    writtenOff: y(loan.writtenOff),
    recovered: y(loan.recovered),
    classOverride: (loan.classOverride as LoanClass | null) ?? null,
    overduePrincipal: y(loan.overduePrincipal),
    overdueInterest: y(loan.overdueInterest),
    penaltyOutstanding: y(loan.penaltyOutstanding),
    costsOutstanding: y(loan.costsOutstanding),
    dpd: loan.dpd,
    bucket: loan.bucket,
    classification: loan.classification as LoanClass,
    status: loan.status,
    disbursementDate: loan.disbursementDate,
    maturityDate: loan.maturityDate,
    nextDueDate: loan.nextDueDate,
    asOf: loan.asOf,
  };
}

export function loanDetail(ctx: ServiceContext, contractNo: string): LoanDetail {
  const loan = loanOrThrow(ctx, contractNo);
  const borrower = findBorrowerRow(ctx.db, loan.borrowerId)!;
  const product = loan.productId ? findProduct(ctx.db, loan.productId) : undefined;
  const asOf = businessDate(ctx);
  const rows = loan.scheduleVersion > 0 ? installmentsOf(ctx.db, loan.id, loan.scheduleVersion) : [];
  const state = rows.length ? servicingOf(ctx, loan, rows, asOf) : null;
  const live = state !== null && (loan.status === 'disbursed' || loan.status === 'settled');
  const today = parseIsoDate(asOf)!;
  const allocations = allocationsOf(ctx.db, loan.id);
  const summary = toLoanSummary(loan, borrower, product?.code ?? null);
  // The detail is live as of the business date; the register keeps the snapshot of the last refresh.
  if (state && live) {
    const snapshot = snapshotOf(lendingRules(ctx), loan.classOverride, state, asOf);
    Object.assign(summary, {
      outstandingPrincipal: y(state.outstandingPrincipal),
      principalRepaid: y(state.principalRepaid),
      overduePrincipal: y(state.overduePrincipal),
      overdueInterest: y(state.overdueInterest),
      penaltyOutstanding: y(state.penaltyOutstanding),
      costsOutstanding: y(state.costsOutstanding),
      dpd: state.dpd,
      bucket: snapshot.bucket,
      classification: snapshot.classification,
      asOf,
    });
  }
  return {
    ...summary,
    terms: JSON.parse(loan.terms) as Record<string, unknown>,
    installments: rows.map((r, k) => {
      const s = state!.installments[k]!;
      const paid = s.principalPaid + s.interestPaid + s.feesPaid;
      const stateName = s.paidOn !== null ? 'paid' : s.dueDate < today ? 'overdue' : paid > 0 ? 'partly-paid' : 'due';
      return {
        number: r.number,
        periodStart: r.periodStart,
        dueDate: r.dueDate,
        principal: y(r.principal),
        interest: y(r.interest),
        fees: y(r.fees),
        total: y(r.principal + r.interest + r.fees),
        principalPaid: y(s.principalPaid),
        interestPaid: y(s.interestPaid),
        feesPaid: y(s.feesPaid),
        penaltyAccrued: y(s.penaltyAccrued),
        penaltyPaid: y(s.penaltyPaid),
        closingBalance: y(r.closingBalance),
        state: stateName,
        paidOn: s.paidOn === null ? null : formatIsoDate(s.paidOn),
      };
    }),
    payments: paymentsOf(ctx.db, loan.id).map((p) => ({
      id: p.id,
      date: p.valueDate,
      amount: y(p.amount),
      channel: p.channel,
      reference: p.reference,
      status: p.status,
      kind: p.kind,
      reversalReason: p.reversalReason,
      allocations: allocations.filter((a) => a.paymentId === p.id).map((a) => ({ installment: a.installmentNumber, component: a.component, amount: y(a.amount) })),
    })),
    events: eventsOf(ctx.db, loan.id).map((e) => ({ event: e.event, businessDate: e.businessDate, detail: e.detail === null ? null : (JSON.parse(e.detail) as unknown), at: e.at, by: e.by })),
    unappliedCredit: y(state?.unappliedCredit ?? 0),
    security: loanSecurity(ctx, loan),
  };
}

export function getLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.get'>): LoanDetail {
  return loanDetail(ctx, input.contractNo);
}

export function listLoans(ctx: ServiceContext, input: ChannelParsedInput<'loan.list'>): ChannelOutput<'loan.list'> {
  const product = input.productCode ? findProductByCode(ctx.db, input.productCode) : undefined;
  if (input.productCode && !product) return { items: [], total: 0, page: input.page, pageSize: input.pageSize, totals: { principal: '0.00', outstandingPrincipal: '0.00', overduePrincipal: '0.00' } };
  const { rows, total, sums } = queryLoans(ctx.db, { ...input, productId: product?.id });
  const codes = new Map<number, string>();
  const codeOf = (id: number | null) => {
    if (id === null) return null;
    if (!codes.has(id)) codes.set(id, findProduct(ctx.db, id)?.code ?? '');
    return codes.get(id)!;
  };
  // A close recomputes only the loans whose figures can change; the rest stand as of the business date.
  const registerDate = readSetting(ctx.db, CLOSE_RUN) === undefined ? businessDate(ctx) : null;
  const asOfFor = (loan: LoanRow) => (loan.status === 'disbursed' && registerDate && (loan.asOf ?? '') < registerDate ? registerDate : loan.asOf);
  return {
    items: rows.map((r) => toLoanSummary({ ...r.loan, asOf: asOfFor(r.loan) }, { name: r.borrowerName, kind: r.borrowerKind }, codeOf(r.loan.productId))),
    total,
    page: input.page,
    pageSize: input.pageSize,
    totals: { principal: y(sums.principal), outstandingPrincipal: y(sums.outstanding), overduePrincipal: y(sums.overdue) },
  };
}

const CLOSE_RUN = 'platform.closeRun';
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

/**
 * Write-off (核销): what is outstanding on the date leaves the book as written off; the schedule,
 * payments and history stay, and later receipts are recorded as recoveries.
 */
/** writeOffLoan without building the detail (bulk work: demo, import). Returns the contract number. */
export function writeOffLoanRecord(ctx: ServiceContext, input: ChannelParsedInput<'loan.writeOff'>): string {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'written off');
  const date = dateUpToBusinessDate(ctx, input.date);
  const state = servicingOf(ctx, loan, installmentsOf(ctx.db, loan.id, loan.scheduleVersion), date);
  updateLoan(ctx.db, loan.id, { ...writeOffChanges(state, date), updatedAt: instant(ctx), updatedBy: actorOf(ctx).userName });
  event(ctx, loan, 'written-off', date, { principal: y(state.outstandingPrincipal), interest: y(state.overdueInterest), penalty: y(state.penaltyOutstanding), reason: input.reason });
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { status: loan.status }, after: { status: 'written-off', writtenOff: y(state.outstandingPrincipal), reason: input.reason } });
  return loan.contractNo;
}

export function writeOffLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.writeOff'>): LoanDetail {
  return loanDetail(ctx, writeOffLoanRecord(ctx, input));
}

/** recoverLoan without building the detail (bulk work: demo, import). Returns the contract number. */
export function recoverLoanRecord(ctx: ServiceContext, input: ChannelParsedInput<'loan.recover'>): string {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['written-off'], 'recovered');
  const date = dateUpToBusinessDate(ctx, input.date);
  const id = insertPayment(ctx.db, { loanId: loan.id, valueDate: date, amount: input.amount, channel: input.channel, reference: input.reference, status: 'posted', kind: 'recovery', createdAt: instant(ctx), createdBy: actorOf(ctx).userName });
  updateLoan(ctx.db, loan.id, { recovered: loan.recovered + input.amount, updatedAt: instant(ctx), updatedBy: actorOf(ctx).userName });
  event(ctx, loan, 'recovery', date, { paymentId: id, amount: y(input.amount) });
  ctx.audit({ entityType: 'payment', entityId: id, before: null, after: { contractNo: loan.contractNo, kind: 'recovery', amount: y(input.amount), date } });
  return loan.contractNo;
}

export function recoverLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.recover'>): LoanDetail {
  return loanDetail(ctx, recoverLoanRecord(ctx, input));
}

export function classifyLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.classify'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'reclassified');
  updateLoan(ctx.db, loan.id, { classOverride: input.classification, updatedAt: instant(ctx), updatedBy: actorOf(ctx).userName });
  event(ctx, loan, 'classified', businessDate(ctx), { from: loan.classification, to: input.classification ?? 'automatic', reason: input.reason });
  refreshLoan(ctx, loan.id, businessDate(ctx));
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { classOverride: loan.classOverride }, after: { classOverride: input.classification, reason: input.reason } });
  return loanDetail(ctx, loan.contractNo);
}

/** The stored schedule as the engine's Schedule, so the engine's prepayment can continue it. */
function storedSchedule(loan: LoanRow, rows: InstallmentRow[]): Schedule {
  const terms = toScheduleTerms(termsSchema.parse(storedTerms(loan)));
  const generated = generateSchedule(terms);
  const installments: Installment[] = rows.map((r) => ({
    number: r.number,
    periodStart: parseIsoDate(r.periodStart)!,
    periodEnd: parseIsoDate(r.periodEnd)!,
    dueDate: parseIsoDate(r.dueDate)!,
    days: r.days,
    openingBalance: r.openingBalance,
    principal: r.principal,
    interest: r.interest,
    fees: r.fees,
    total: r.principal + r.interest + r.fees,
    closingBalance: r.closingBalance,
  }));
  return { ...generated, installments };
}

/** Replaces the current schedule with a new version; the old one stays on file. */
function newScheduleVersion(ctx: ServiceContext, loan: LoanRow, list: readonly Installment[]): number {
  const version = loan.scheduleVersion + 1;
  insertInstallments(ctx.db, installmentRows(loan.id, version, list));
  updateLoan(ctx.db, loan.id, { scheduleVersion: version, maturityDate: formatIsoDate(list.at(-1)!.dueDate), updatedAt: instant(ctx), updatedBy: actorOf(ctx).userName });
  return version;
}

export function prepayLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.prepay'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], 'prepaid');
  const date = dateUpToBusinessDate(ctx, input.date);
  const rows = installmentsOf(ctx.db, loan.id, loan.scheduleVersion);
  const state = servicingOf(ctx, loan, rows, date);
  if (state.overduePrincipal + state.overdueInterest + state.penaltyOutstanding > 0) {
    throw new AppError('conflict', 'amount: installments are overdue; collect them first, then prepay', { field: 'amount', reason: 'overdueFirst' });
  }
  const paidInstallments = state.installments.filter((i) => i.paidOn !== null).length;
  if (state.unappliedCredit > 0 || state.installments.some((i) => i.paidOn === null && i.principalPaid + i.interestPaid > 0)) {
    throw new AppError('conflict', 'amount: an installment is partly paid (or credit is held); settle it first, then prepay', { field: 'amount', reason: 'partlyPaid' });
  }
  let result;
  try {
    result = prepay(storedSchedule(loan, rows), { date: parseIsoDate(date)!, amount: input.amount, mode: input.mode, paidInstallments });
  } catch (error) {
    if (error instanceof PrepaymentError) throw new AppError('validation', `amount: ${error.message}`, { field: 'amount', reason: error.reason });
    throw error;
  }
  // The prepayment becomes an installment of its own, due and paid on the date, between the kept and the new ones.
  const kept = result.schedule.installments.slice(0, paidInstallments);
  const rest = result.schedule.installments.slice(paidInstallments);
  const start = kept.at(-1)?.periodEnd ?? parseIsoDate(loan.disbursementDate!)!;
  const prepaid: Installment = {
    number: paidInstallments + 1,
    periodStart: start,
    periodEnd: parseIsoDate(date)!,
    dueDate: parseIsoDate(date)!,
    days: parseIsoDate(date)! - start,
    openingBalance: state.outstandingPrincipal,
    principal: result.principalPaid,
    interest: result.interestPaid,
    fees: 0,
    total: input.amount,
    closingBalance: state.outstandingPrincipal - result.principalPaid,
  };
  const renumbered = rest.map((i, k) => ({ ...i, number: paidInstallments + 2 + k }));
  const version = newScheduleVersion(ctx, loan, [...kept, prepaid, ...renumbered]);
  insertPayment(ctx.db, { loanId: loan.id, valueDate: date, amount: input.amount, channel: input.channel, reference: input.reference, status: 'posted', createdAt: instant(ctx), createdBy: actorOf(ctx).userName });
  event(ctx, loan, 'prepayment', date, { amount: y(input.amount), principal: y(result.principalPaid), interest: y(result.interestPaid), mode: input.mode, scheduleVersion: version });
  refreshLoan(ctx, loan.id, businessDate(ctx));
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { scheduleVersion: loan.scheduleVersion }, after: { scheduleVersion: version, prepaid: y(input.amount), mode: input.mode } });
  return loanDetail(ctx, loan.contractNo);
}

/**
 * Extension (展期) or restructuring (重组): settled installments stay; whatever is unpaid (overdue
 * principal included) becomes the opening balance of a new schedule from the date. Unpaid interest
 * and penalty up to the date are capitalised into a first installment due on the date.
 */
export function restructureLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.restructure'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['disbursed'], input.kind === 'extension' ? 'extended' : 'restructured');
  const date = dateUpToBusinessDate(ctx, input.date);
  const rows = installmentsOf(ctx.db, loan.id, loan.scheduleVersion);
  const state = servicingOf(ctx, loan, rows, date);
  const paid = state.installments.findIndex((i) => i.paidOn === null);
  const open = state.installments.slice(paid);
  // Part-payments of open installments would be replayed twice against the new schedule: refuse them.
  if (paid < 0 || state.unappliedCredit > 0 || open.some((i) => i.paidOn !== null || i.principalPaid + i.interestPaid + i.feesPaid + i.penaltyPaid > 0)) {
    throw new AppError('conflict', 'an open installment is partly paid (or credit is held); settle or reverse it first', { reason: 'partlyPaid' });
  }
  const old = storedTerms(loan);
  const rate = input.annualRate ?? old.annualRate;
  const newTerms: TermsInput = {
    ...old,
    principal: y(state.outstandingPrincipal),
    annualRate: rate,
    periods: input.periods,
    method: input.method ?? old.method,
    interestOnlyPeriods: 0,
    disbursementDate: date,
    firstDueDate: null,
    repaymentDay: null,
    upfrontFee: '0.00',
  };
  const parsed = termsSchema.safeParse(newTerms);
  if (!parsed.success) throw new AppError('validation', `terms: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { field: 'periods', reason: 'invalid' });
  // Interest accrued in the broken period and overdue interest/penalty are due on the date itself.
  const q = quote(ctx, loan, date);
  const keptRows = rows.slice(0, paid);
  const kept: Installment[] = storedSchedule(loan, keptRows).installments;
  const start = kept.at(-1)?.periodEnd ?? parseIsoDate(loan.disbursementDate!)!;
  const capitalised = q.accruedInterest + q.overdue.interest + q.overdue.fees + q.overdue.penalty;
  const bridge: Installment[] = capitalised > 0
    ? [{ number: paid + 1, periodStart: start, periodEnd: parseIsoDate(date)!, dueDate: parseIsoDate(date)!, days: parseIsoDate(date)! - start, openingBalance: state.outstandingPrincipal, principal: 0, interest: capitalised, fees: 0, total: capitalised, closingBalance: state.outstandingPrincipal }]
    : [];
  const fresh = generateSchedule(toScheduleTerms(parsed.data)).installments.map((i, k) => ({ ...i, number: paid + bridge.length + 1 + k }));
  const version = newScheduleVersion(ctx, loan, [...kept, ...bridge, ...fresh]);
  updateLoan(ctx.db, loan.id, { terms: JSON.stringify({ ...old, restructuredFrom: date }) });
  event(ctx, loan, input.kind === 'extension' ? 'extended' : 'restructured', date, { reason: input.reason, principal: y(state.outstandingPrincipal), periods: input.periods, annualRate: rate, scheduleVersion: version });
  refreshLoan(ctx, loan.id, businessDate(ctx));
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { scheduleVersion: loan.scheduleVersion, maturityDate: loan.maturityDate }, after: { kind: input.kind, scheduleVersion: version, reason: input.reason } });
  return loanDetail(ctx, loan.contractNo);
}
