/**
 * A loan's entry: application (the terms, the APR disclosed, the servicing rules frozen from the
 * product or the settings), approval, and disbursement, where the schedule is fixed.
 */
import { findBorrowerRow } from '../../../db/repositories/lending/borrowers';
import { countContractsWithPrefix, findLoan, findLoanByContract, insertInstallments, insertLoan, lendingExposure, updateLoan, type LoanRow, type NewLoanRow } from '../../../db/repositories/lending/loans';
import { netAssetsAsOf } from '../../../db/repositories/platform/net-assets';
import { lendingLimitBreaches } from '../../../shared/lending/limits';
import { relatedParties } from './related-borrowers';
import { findProductByCode, type ProductRow } from '../../../db/repositories/lending/products';
import type { ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatIsoDate } from '../../../shared/dates/calendar';
import { disbursedState, penaltyRateFor } from '../../../shared/lending/lifecycle/state';
import type { LoanDetail } from '../../../shared/lending/loan';
import { DEFAULT_ALLOCATION } from '../../../shared/lending/product';
import type { RoundingMode } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { formatPercent, parsePercent } from '../../../shared/rates/rate';
import { generateSchedule } from '../../../shared/schedule/generate';
import { termsSchema, toScheduleTerms, type TermsInput } from '../../../shared/schedule/terms';
import type { Schedule } from '../../../shared/schedule/types';
import type { WireSchedule } from '../../../shared/schedule/wire';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { businessDate, dateUpToBusinessDate } from '../platform/status';
import { assertStatus, loanOrThrow, recordEvent } from './loan-access';
import { refreshLoan } from './daily-close';
import { scheduleRows, storedTerms, type ServicingColumns } from './loan-state';
import { loanDetail } from './loan-views';
import { offeredSchedule, rateCaps, type RateCaps } from './schedule';

const y = fenToYuan;

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

/** What entering a loan reads besides its application: the settings' defaults, the caps, who and when. Plain data, gathered once per load. */
export interface EntryRules {
  caps: RateCaps;
  penaltyMarkup: number;
  compoundInterest: boolean;
  /** Frozen on each loan: penalty accrues on this day basis and rounding for the loan's whole life. */
  dayBasis: 360 | 365;
  roundingMode: RoundingMode;
  at: string;
  by: string;
}

export function entryRules(ctx: ServiceContext): EntryRules {
  return {
    caps: rateCaps(ctx),
    penaltyMarkup: parsePercent(setting(ctx, 'lending.penaltyMarkupPercent'))!,
    compoundInterest: setting(ctx, 'lending.compoundInterest'),
    dayBasis: setting(ctx, 'lending.daysPerYear'),
    roundingMode: setting(ctx, 'lending.roundingMode'),
    at: instant(ctx),
    by: actorOf(ctx).userName,
  };
}

/**
 * The application as a loan row: servicing rules from the product (or the settings' defaults), frozen
 * here; the terms in their public form; the APR as disclosed.
 */
export function applicationRow(entry: EntryRules, input: ChannelParsedInput<'loan.create'>, product: ProductRow | undefined, offer: { schedule: Schedule; apr: WireSchedule['apr'] }, contractNo: string): NewLoanRow & ServicingColumns {
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
    penaltyRate: penaltyRateFor(terms.annualRate, markup, parsePercent(entry.caps.hardCap)),
    compoundInterest: product?.compoundInterest ?? entry.compoundInterest,
    graceDays: product?.graceDays ?? 0,
    allocationOrder: product?.allocationOrder ?? JSON.stringify(DEFAULT_ALLOCATION),
    allocationStrategy: product?.allocationStrategy ?? 'by-component',
    dayBasis: entry.dayBasis,
    roundingMode: entry.roundingMode,
    penaltyMarkup: markup,
    aprPercent: offer.apr.simple,
    status: 'applied',
    maturityDate: offer.schedule.installments.length > 0 ? formatIsoDate(offer.schedule.installments.at(-1)!.dueDate) : null,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
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

export function createLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.create'>): LoanDetail {
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
  recordEvent(ctx, loan, 'applied', businessDate(ctx), JSON.stringify({ apr: offer.apr.simple, warnings: offer.warnings.map((w) => w.reason) }));
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: null, after: loan });
  return loanDetail(ctx, loan.contractNo);
}

/** The lending limits this loan would break if approved (shared/lending/limits), against the net assets on file. */
function limitBreaches(ctx: ServiceContext, loan: LoanRow) {
  const related = relatedParties(ctx, loan.borrowerId);
  const borrowerExposure = lendingExposure(ctx.db, [loan.borrowerId], loan.id) + loan.principal;
  const net = netAssetsAsOf(ctx.db, businessDate(ctx));
  return lendingLimitBreaches({
    netAssets: net ? { amount: net.amount, periodEnd: net.periodEnd } : null,
    borrowerExposure,
    groupExposure: related.length > 0 ? borrowerExposure + lendingExposure(ctx.db, related, loan.id) : null,
    relatedCount: related.length,
    singleLimit: parsePercent(setting(ctx, 'lending.singleBorrowerLimitPercent'))!,
    relatedLimit: parsePercent(setting(ctx, 'lending.relatedBorrowerLimitPercent'))!,
  });
}

/**
 * Approval (审批) or rejection. An approval within the lending limits goes ahead; one over a limit, or with
 * no net assets on file to check them, needs the approver's recorded reason (`limitOverride`).
 */
export function approveLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.approve'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  const approved = input.decision === 'approve';
  assertStatus(loan, ['applied'], approved ? 'approved' : 'rejected');
  const breaches = approved ? limitBreaches(ctx, loan) : [];
  if (breaches.length > 0 && !input.limitOverride) {
    const [first] = breaches;
    throw new AppError('conflict', `limitOverride: ${breaches.map((b) => b.message).join('; ')} — record why the loan is approved nonetheless`, {
      field: 'limitOverride',
      reason: first!.reason,
      params: { ...first!.params, breaches: breaches.map((b) => b.reason).join(',') },
    });
  }
  const override = breaches.length > 0 ? { reason: input.limitOverride, breaches: breaches.map((b) => b.reason) } : undefined;
  const by = actorOf(ctx).userName;
  updateLoan(ctx.db, loan.id, { status: approved ? 'approved' : 'rejected', approvedBy: by, approvalComment: input.comment, updatedAt: instant(ctx), updatedBy: by });
  recordEvent(ctx, loan, approved ? 'approved' : 'rejected', businessDate(ctx), JSON.stringify({ comment: input.comment, ...(override ? { limitOverride: override } : {}) }));
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { status: loan.status }, after: { status: approved ? 'approved' : 'rejected', comment: input.comment, ...(override ? { limitOverride: override } : {}) } });
  return loanDetail(ctx, loan.contractNo);
}

/** Disbursement (放款): the schedule runs from the real date and is fixed as version 1. */
export function disburseLoan(ctx: ServiceContext, input: ChannelParsedInput<'loan.disburse'>): LoanDetail {
  const loan = loanOrThrow(ctx, input.contractNo);
  assertStatus(loan, ['approved'], 'disbursed');
  const terms = storedTerms(loan);
  const date = dateUpToBusinessDate(ctx, input.date ?? terms.disbursementDate);
  if (date !== terms.disbursementDate) {
    // Lent on another day than applied for: the schedule runs from the real date.
    terms.disbursementDate = date;
    if (terms.firstDueDate && terms.firstDueDate <= date) terms.firstDueDate = null;
  }
  const schedule = generateSchedule(toScheduleTerms(termsSchema.parse(terms)));
  insertInstallments(ctx.db, scheduleRows(loan.id, 1, disbursedState(schedule).schedule, loan.penaltyRate));
  updateLoan(ctx.db, loan.id, {
    status: 'disbursed',
    terms: JSON.stringify(terms),
    disbursementDate: date,
    maturityDate: formatIsoDate(schedule.installments.at(-1)!.dueDate),
    scheduleVersion: 1,
    outstandingPrincipal: loan.principal,
    updatedAt: instant(ctx),
    updatedBy: actorOf(ctx).userName,
  });
  recordEvent(ctx, loan, 'disbursed', date, JSON.stringify({ principal: y(loan.principal), installments: schedule.installments.length }));
  refreshLoan(ctx, loan.id, businessDate(ctx));
  ctx.audit({ entityType: 'loan', entityId: loan.contractNo, before: { status: loan.status }, after: { status: 'disbursed', date } });
  return loanDetail(ctx, loan.contractNo);
}
