/** A loan's detail (live as of the business date) and the loan register (台账) page by page. */
import { findBorrowerRow } from '../../../db/repositories/lending/borrowers';
import { allocationsOf, costsOfLoans, eventsOf, installmentsOf, paymentsOf, queryLoans, type LoanRow } from '../../../db/repositories/lending/loans';
import { findProduct, findProductByCode } from '../../../db/repositories/lending/products';
import { readSetting } from '../../../db/repositories/platform/settings';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import type { LoanDetail } from '../../../shared/lending/loan';
import { fenToYuan } from '../../../shared/money/yuan';
import type { ServiceContext } from '../context';
import { businessDate } from '../platform/status';
import { CLOSE_RUN } from './daily-close';
import { loanOrThrow } from './loan-access';
import { lendingRules, serviceRows, snapshotOf } from './loan-state';
import { toLoanSummary } from './loan-summary';
import { loanSecurity } from './security';

const y = fenToYuan;

export function loanDetail(ctx: ServiceContext, contractNo: string): LoanDetail {
  const loan = loanOrThrow(ctx, contractNo);
  const borrower = findBorrowerRow(ctx.db, loan.borrowerId)!;
  const product = loan.productId ? findProduct(ctx.db, loan.productId) : undefined;
  const asOf = businessDate(ctx);
  const rows = loan.scheduleVersion > 0 ? installmentsOf(ctx.db, loan.id, loan.scheduleVersion) : [];
  const state = rows.length ? serviceRows(loan, rows, paymentsOf(ctx.db, loan.id), asOf, costsOfLoans(ctx.db, [loan.id])) : null;
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
    events: eventsOf(ctx.db, loan.id).map((e) => ({ id: e.id, event: e.event, businessDate: e.businessDate, detail: e.detail === null ? null : (JSON.parse(e.detail) as unknown), reversed: e.reversedBy !== null, at: e.at, by: e.by })),
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
