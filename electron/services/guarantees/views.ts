/** A guarantee contract as the screens and the CLI see it: figures, timeline, counter-guarantees, monitoring. */
import { findBorrowerRow } from '../../../db/repositories/lending/borrowers';
import { findCollateral } from '../../../db/repositories/lending/security';
import { counterGuaranteesOf, findBank, findGuaranteeByNo, guaranteeEventsOf, type GuaranteeRow } from '../../../db/repositories/guarantees/guarantees';
import { AppError } from '../../../shared/contract/errors';
import { checksOf, signalsOf } from '../../../db/repositories/guarantees/monitoring';
import type { GuaranteeView } from '../../../shared/guarantees/guarantee';
import type { LoanClass } from '../../../shared/lending/classification';
import { percentString } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { formatPercent } from '../../../shared/rates/rate';
import type { ServiceContext } from '../context';
import { businessDate } from '../platform/status';
import { can } from '../../../shared/platform/permissions';
import { maskIdNumber } from '../../../shared/identity/masking';
import { feeEarnedBy, feeOverTerm } from '../../../shared/guarantees/ratios';

const y = fenToYuan;

function outstandingOf(row: GuaranteeRow): number {
  return row.status === 'in-force' ? row.guaranteedAmount - row.repaidToBank : 0;
}

export function contractOrThrow(ctx: ServiceContext, contractNo: string): GuaranteeRow {
  const row = findGuaranteeByNo(ctx.db, contractNo);
  if (!row) throw new AppError('not-found', `contractNo: no guarantee contract ${contractNo}`, { field: 'contractNo', reason: 'guaranteeNotFound' });
  return row;
}

export function guaranteeView(ctx: ServiceContext, row: GuaranteeRow, warnings: GuaranteeView['warnings'] = []): GuaranteeView {
  const events = guaranteeEventsOf(ctx.db, row.id);
  const client = findBorrowerRow(ctx.db, row.clientId)!;
  const today = businessDate(ctx);
  const masked = !ctx.actor || !can(ctx.actor.role, 'personal-data.read');
  const signals = signalsOf(ctx.db, row.id);
  const asRatioContract = { ...row, events: events.map((e) => ({ event: e.event, date: e.businessDate, amount: e.amount ?? 0 })) };
  return {
    contractNo: row.contractNo,
    clientId: row.clientId,
    clientName: client.name,
    clientKind: client.kind,
    clientIdNumber: masked ? maskIdNumber(client.idNumber) : client.idNumber,
    bankId: row.bankId,
    bankName: findBank(ctx.db, row.bankId)!.name,
    guaranteeType: row.guaranteeType,
    clientSize: row.clientSize,
    issuerRating: row.issuerRating,
    guaranteedAmount: y(row.guaranteedAmount),
    outstanding: y(outstandingOf(row)),
    releasedAmount: y(row.releasedAmount),
    compensatedAmount: y(row.compensatedAmount),
    recoveredAmount: y(row.recoveredAmount),
    lossAmount: y(row.lossAmount),
    compensationBalance: y(row.compensatedAmount - row.recoveredAmount - row.lossAmount),
    bankLoanRate: formatPercent(row.bankLoanRate),
    feeRate: formatPercent(row.feeRate),
    feeCharging: row.feeCharging,
    marginDeposit: y(row.marginDeposit),
    loanStart: row.loanStart,
    loanEnd: row.loanEnd,
    bankRiskShare: formatPercent(row.bankRiskShare),
    releasedOn: row.releasedOn,
    compensatedOn: row.compensatedOn,
    overdueAtBank: row.status === 'in-force' && (row.loanEnd < today || signals.some((s) => s.signal === 'interest-unpaid' && s.clearedOn === null)),
    status: row.status,
    watchList: row.watchList,
    officer: row.officer,
    feeOverTerm: y(feeOverTerm(asRatioContract)),
    feeEarned: y(feeEarnedBy(asRatioContract, today)),
    events: events.map((e) => ({ event: e.event, businessDate: e.businessDate, amount: e.amount === null ? null : y(e.amount), detail: e.detail === null ? null : (JSON.parse(e.detail) as unknown), by: e.by })),
    ...counterGuaranteeSummary(ctx, row),
    warnings,
    ...monitoringOf(ctx, row.id, signals),
  };
}

function counterGuaranteeSummary(ctx: ServiceContext, row: GuaranteeRow): Pick<GuaranteeView, 'counterGuarantees' | 'counterCoverage'> {
  const links = counterGuaranteesOf(ctx.db, row.id);
  const describe = (l: (typeof links)[number]) => {
    if (l.collateralId) return findCollateral(ctx.db, l.collateralId)?.description ?? `collateral ${l.collateralId}`;
    if (l.guarantorId) return findBorrowerRow(ctx.db, l.guarantorId)?.name ?? `guarantor ${l.guarantorId}`;
    return 'margin';
  };
  const secured = links.reduce((s, l) => s + l.securedAmount, 0);
  return {
    counterGuarantees: links.map((l) => ({ kind: l.kind, description: describe(l), securedAmount: y(l.securedAmount) })),
    counterCoverage: links.length ? percentString(secured, row.guaranteedAmount) : null,
  };
}

/** The checks and signals of a contract, for its view. */
function monitoringOf(ctx: ServiceContext, contractId: number, signals: ReturnType<typeof signalsOf>): Pick<GuaranteeView, 'monitoring' | 'signals'> {
  return {
    monitoring: checksOf(ctx.db, contractId).map((c) => ({
      id: c.id,
      dueDate: c.dueDate,
      reason: c.reason,
      status: c.status,
      officer: c.officer,
      checkedOn: c.checkedOn,
      checkType: c.checkType,
      findings: c.findings,
      riskGrade: c.riskGrade as LoanClass | null,
      nextCheckOn: c.nextCheckOn,
      closedNote: c.closedNote,
      closedBy: c.closedBy,
    })),
    signals: signals.map((s) => ({ id: s.id, signal: s.signal, source: s.source, raisedOn: s.raisedOn, detail: s.detail, raisedBy: s.raisedBy, clearedOn: s.clearedOn, clearReason: s.clearReason })),
  };
}

/**
 * A channel answering with the contract's view after a write. The writes themselves return the row, so
 * bulk paths (the demo, the import) do not build a view nobody reads.
 */
export function answeredWithView<I>(write: (ctx: ServiceContext, input: I) => GuaranteeRow): (ctx: ServiceContext, input: I) => GuaranteeView {
  return (ctx, input) => guaranteeView(ctx, write(ctx, input));
}
