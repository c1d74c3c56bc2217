/** Collateral and guarantors: records, revaluations, links to loans, coverage. */
import { findBorrowerRow } from '../../../db/repositories/lending/borrowers';
import { findLoan, queryLoans, type LoanRow } from '../../../db/repositories/lending/loans';
import { counterSecuredTotal } from '../../../db/repositories/guarantees/guarantees';
import { loanOrThrow } from './loan-access';
import { toLoanSummary } from './loan-summary';
import {
  collateralOfLoan,
  collateralOwnedBy,
  findCollateral,
  guaranteesGivenBy,
  guarantorsOfLoan,
  insertCollateral,
  insertLoanCollateral,
  insertLoanGuarantor,
  insertValuation,
  securedTotal,
  updateCollateral,
  valuationsOf,
  type CollateralRow,
} from '../../../db/repositories/lending/security';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { addMonths, formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import { percentString } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { collateralRevalued } from '../guarantees/monitoring';
import { actorOf, instant, type ServiceContext } from '../context';

const y = fenToYuan;

/** What loans and guarantee contracts together already claim of an item's value. */
function claimedOf(ctx: ServiceContext, collateralId: number): number {
  return securedTotal(ctx.db, collateralId) + counterSecuredTotal(ctx.db, collateralId);
}

function collateralView(ctx: ServiceContext, row: CollateralRow): ChannelOutput<'collateral.get'> {
  const secured = claimedOf(ctx, row.id);
  return {
    id: row.id,
    ownerBorrowerId: row.ownerBorrowerId,
    ownerName: row.ownerName,
    kind: row.kind,
    description: row.description,
    certificateNo: row.certificateNo,
    lienRank: row.lienRank,
    appraisedValue: y(row.appraisedValue),
    appraisedOn: row.appraisedOn,
    insuranceExpiry: row.insuranceExpiry,
    status: row.status,
    securedTotal: y(secured),
    available: y(Math.max(0, row.appraisedValue - secured)),
    valuations: valuationsOf(ctx.db, row.id).map((v) => ({ value: y(v.value), valuedOn: v.valuedOn, appraiser: v.appraiser })),
  };
}

function collateralOrThrow(ctx: ServiceContext, id: number): CollateralRow {
  const row = findCollateral(ctx.db, id);
  if (!row) throw new AppError('not-found', `collateralId: no collateral ${id}`, { field: 'collateralId', reason: 'collateralNotFound' });
  return row;
}

export function createCollateral(ctx: ServiceContext, input: ChannelParsedInput<'collateral.create'>): ChannelOutput<'collateral.create'> {
  const owner = input.ownerBorrowerId ? findBorrowerRow(ctx.db, input.ownerBorrowerId) : undefined;
  if (input.ownerBorrowerId && !owner) throw new AppError('not-found', `ownerBorrowerId: no borrower ${input.ownerBorrowerId}`, { field: 'ownerBorrowerId', reason: 'borrowerNotFound' });
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const id = insertCollateral(ctx.db, {
    ownerBorrowerId: input.ownerBorrowerId ?? null,
    ownerName: owner?.name ?? input.ownerName!,
    kind: input.kind,
    description: input.description,
    certificateNo: input.certificateNo,
    lienRank: input.lienRank,
    appraisedValue: input.appraisedValue,
    appraisedOn: input.appraisedOn,
    insuranceExpiry: input.insuranceExpiry ?? null,
    status: 'pledged',
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  });
  insertValuation(ctx.db, { collateralId: id, value: input.appraisedValue, valuedOn: input.appraisedOn, appraiser: input.appraiser, at, by });
  const view = collateralView(ctx, findCollateral(ctx.db, id)!);
  ctx.audit({ entityType: 'collateral', entityId: id, before: null, after: view });
  return view;
}

export function revalueCollateral(ctx: ServiceContext, input: ChannelParsedInput<'collateral.revalue'>): ChannelOutput<'collateral.revalue'> {
  const row = collateralOrThrow(ctx, input.id);
  if (input.valuedOn < row.appraisedOn) {
    throw new AppError('validation', `valuedOn: a revaluation must not be older than the current one (${row.appraisedOn})`, { field: 'valuedOn', reason: 'dateOrder' });
  }
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  insertValuation(ctx.db, { collateralId: row.id, value: input.value, valuedOn: input.valuedOn, appraiser: input.appraiser, at, by });
  updateCollateral(ctx.db, row.id, { appraisedValue: input.value, appraisedOn: input.valuedOn, updatedAt: at, updatedBy: by });
  collateralRevalued(ctx, row.id, input.value, input.valuedOn);
  const view = collateralView(ctx, findCollateral(ctx.db, row.id)!);
  ctx.audit({ entityType: 'collateral', entityId: row.id, before: { appraisedValue: y(row.appraisedValue), appraisedOn: row.appraisedOn }, after: { appraisedValue: view.appraisedValue, appraisedOn: view.appraisedOn } });
  return view;
}

export function getCollateral(ctx: ServiceContext, input: { id: number }): ChannelOutput<'collateral.get'> {
  return collateralView(ctx, collateralOrThrow(ctx, input.id));
}

export function listCollateral(ctx: ServiceContext, input: ChannelParsedInput<'collateral.list'>): ChannelOutput<'collateral.list'> {
  return collateralOwnedBy(ctx.db, input.ownerBorrowerId).map((row) => collateralView(ctx, row));
}

export function linkCollateral(ctx: ServiceContext, input: ChannelParsedInput<'loan.linkCollateral'>): ChannelOutput<'loan.linkCollateral'> {
  const loan = loanOrThrow(ctx, input.contractNo);
  const item = collateralOrThrow(ctx, input.collateralId);
  if (item.status !== 'pledged') throw new AppError('conflict', `collateralId: collateral ${item.id} is ${item.status}`, { field: 'collateralId', reason: 'collateralNotAvailable' });
  const available = item.appraisedValue - claimedOf(ctx, item.id);
  // One item can secure several loans, up to its value.
  if (input.securedAmount > available) {
    throw new AppError('validation', `securedAmount: only ${y(Math.max(0, available))} of this collateral's value is still free`, {
      field: 'securedAmount',
      reason: 'exceedsCollateralValue',
      params: { available: y(Math.max(0, available)) },
    });
  }
  insertLoanCollateral(ctx.db, { loanId: loan.id, collateralId: item.id, securedAmount: input.securedAmount, linkedAt: instant(ctx), linkedBy: actorOf(ctx).userName });
  ctx.audit({ entityType: 'loan-collateral', entityId: loan.contractNo, before: null, after: { collateralId: item.id, securedAmount: y(input.securedAmount) } });
  return loanSecurity(ctx, loan);
}

export function addGuarantor(ctx: ServiceContext, input: ChannelParsedInput<'loan.addGuarantor'>): ChannelOutput<'loan.addGuarantor'> {
  const loan = loanOrThrow(ctx, input.contractNo);
  if (!findBorrowerRow(ctx.db, input.guarantorId)) {
    throw new AppError('not-found', `guarantorId: no borrower record ${input.guarantorId} (register the guarantor as a borrower record first)`, { field: 'guarantorId', reason: 'borrowerNotFound' });
  }
  if (input.guarantorId === loan.borrowerId) {
    throw new AppError('validation', 'guarantorId: the borrower cannot guarantee their own loan', { field: 'guarantorId', reason: 'selfGuarantee' });
  }
  const maturity = loan.maturityDate ?? formatIsoDate(parseIsoDate(loan.createdAt.slice(0, 10))!);
  const periodEnd = input.periodEnd ?? formatIsoDate(addMonths(parseIsoDate(maturity)!, 6));
  insertLoanGuarantor(ctx.db, { loanId: loan.id, guarantorId: input.guarantorId, kind: input.kind, amount: input.amount, periodEnd, groupName: input.groupName, linkedAt: instant(ctx), linkedBy: actorOf(ctx).userName });
  ctx.audit({ entityType: 'loan-guarantor', entityId: loan.contractNo, before: null, after: { guarantorId: input.guarantorId, kind: input.kind, amount: y(input.amount), periodEnd } });
  return loanSecurity(ctx, loan);
}

/** The loan's collateral and guarantors with coverage and loan-to-value. */
export function loanSecurity(ctx: ServiceContext, loan: LoanRow): ChannelOutput<'loan.linkCollateral'> {
  const links = collateralOfLoan(ctx.db, loan.id);
  const secured = links.reduce((s, l) => s + l.link.securedAmount, 0);
  const appraised = links.reduce((s, l) => s + l.item.appraisedValue, 0);
  const exposure = loan.status === 'applied' || loan.status === 'approved' ? loan.principal : loan.outstandingPrincipal;
  return {
    collateral: links.map((l) => ({
      collateralId: l.item.id,
      kind: l.item.kind,
      description: l.item.description,
      ownerName: l.item.ownerName,
      appraisedValue: y(l.item.appraisedValue),
      securedAmount: y(l.link.securedAmount),
      lienRank: l.item.lienRank,
    })),
    guarantors: guarantorsOfLoan(ctx.db, loan.id).map((g) => ({
      guarantorId: g.link.guarantorId,
      name: g.name,
      kind: g.link.kind,
      amount: y(g.link.amount),
      periodEnd: g.link.periodEnd,
      groupName: g.link.groupName,
    })),
    collateralCoverage: links.length ? percentString(secured, exposure) : null,
    loanToValue: appraised > 0 ? percentString(exposure, appraised) : null,
  };
}

/** Everything a borrower owes or stands behind: own loans, guarantees for others, collateral owned. */
export function borrowerExposure(ctx: ServiceContext, input: { id: number }): ChannelOutput<'borrower.exposure'> {
  const borrower = findBorrowerRow(ctx.db, input.id);
  if (!borrower) throw new AppError('not-found', `id: no borrower ${input.id}`, { field: 'id', reason: 'borrowerNotFound' });
  const own = queryLoans(ctx.db, { borrowerId: input.id, sort: 'disbursementDate', direction: 'desc', page: 1, pageSize: 500 });
  const guarantees = guaranteesGivenBy(ctx.db, input.id).map((g) => {
    const loan = findLoan(ctx.db, g.loanId)!;
    return { contractNo: loan.contractNo, borrowerName: findBorrowerRow(ctx.db, loan.borrowerId)!.name, kind: g.kind, amount: y(g.amount), periodEnd: g.periodEnd, loanStatus: loan.status, fen: g.amount, active: loan.status === 'disbursed' };
  });
  const outstanding = own.rows.reduce((s, r) => s + r.loan.outstandingPrincipal, 0);
  const overdue = own.rows.reduce((s, r) => s + r.loan.overduePrincipal, 0);
  const guaranteed = guarantees.filter((g) => g.active).reduce((s, g) => s + g.fen, 0);
  return {
    loans: own.rows.map((r) => toLoanSummary(r.loan, { name: r.borrowerName, kind: r.borrowerKind }, null)),
    guaranteesGiven: guarantees.map(({ fen: _fen, active: _active, ...rest }) => rest),
    collateral: collateralOwnedBy(ctx.db, input.id).map((row) => collateralView(ctx, row)),
    totals: { outstandingPrincipal: y(outstanding), overduePrincipal: y(overdue), guaranteed: y(guaranteed), exposure: y(outstanding + guaranteed) },
  };
}
