/**
 * Guarantee contracts with partner banks: applied → approved → in force (在保) → released (解保) |
 * compensated (代偿) → recovering (追偿) → closed or loss. Illegal transitions are refused; every step
 * is a dated event.
 */
import { findBorrowerRow } from '../../../db/repositories/lending/borrowers';
import { netAssetsAsOf } from '../../../db/repositories/platform/net-assets';
import { findCollateral, securedTotal } from '../../../db/repositories/lending/security';
import {
  allBanks,
  bankUsage,
  clientInForce,
  countGuarantees,
  counterSecuredTotal,
  insertCounterGuarantee,
  findBank,
  findGuaranteeByNo,
  insertBank,
  insertGuarantee,
  insertGuaranteeEvent,
  queryGuarantees,
  updateGuarantee,
  ratioBook,
  weightedLiabilityNow,
  type BankRow,
  type GuaranteeRow,
  type NewGuaranteeRow,
} from '../../../db/repositories/guarantees/guarantees';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import type { GuaranteeView } from '../../../shared/guarantees/guarantee';
import { weightedLiability, type RatioContract } from '../../../shared/guarantees/ratios';
import { percentString } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { formatPercent, parsePercent } from '../../../shared/rates/rate';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { scheduleFirstCheck, stopMonitoring } from './monitoring';
import { activationStep, approvalStep, bankRepaymentStep, compensationStep, lossStep, recoveryStep, releaseStep, type ContractStep } from './transitions';
import { contractOrThrow, guaranteeView } from './views';
import { ratioSettings } from './ratios';
import { relatedParties } from '../lending/related-borrowers';
import { businessDate, dateUpToBusinessDate } from '../platform/status';

const y = fenToYuan;

function bankView(ctx: ServiceContext, bank: BankRow): ChannelOutput<'bank.create'> {
  const used = bankUsage(ctx.db, bank.id);
  return {
    id: bank.id,
    name: bank.name,
    branch: bank.branch,
    contact: bank.contact,
    phone: bank.phone,
    creditLine: y(bank.creditLine),
    used: y(used),
    available: y(Math.max(0, bank.creditLine - used)),
    usedPercent: percentString(used, bank.creditLine) ?? '0.00',
    lineValidFrom: bank.lineValidFrom,
    lineValidTo: bank.lineValidTo,
    marginPercent: formatPercent(bank.marginRatio),
    riskSharePercent: formatPercent(bank.riskShare),
    active: bank.active,
  };
}

export function createBank(ctx: ServiceContext, input: ChannelParsedInput<'bank.create'>): ChannelOutput<'bank.create'> {
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const id = insertBank(ctx.db, {
    name: input.name,
    branch: input.branch,
    contact: input.contact,
    phone: input.phone,
    creditLine: input.creditLine,
    lineValidFrom: input.lineValidFrom,
    lineValidTo: input.lineValidTo,
    marginRatio: input.marginPercent,
    riskShare: input.riskSharePercent,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  });
  const view = bankView(ctx, findBank(ctx.db, id)!);
  ctx.audit({ entityType: 'partner-bank', entityId: id, before: null, after: view });
  return view;
}

export function listBanks(ctx: ServiceContext): ChannelOutput<'bank.list'> {
  return allBanks(ctx.db).map((bank) => bankView(ctx, bank));
}



/** Applies a step of the contract's life (transitions.ts) to the database. */
function apply(ctx: ServiceContext, row: GuaranteeRow, step: ContractStep): GuaranteeRow {
  if (step.stopsMonitoring) stopMonitoring(ctx, row, step.stopsMonitoring);
  return record(ctx, row, step.event, step.date, step.amount, step.detail, step.changes);
}

function record(ctx: ServiceContext, row: GuaranteeRow, event: string, date: string, amount: number | null, detail: unknown, changes: Partial<GuaranteeRow>): GuaranteeRow {
  const by = actorOf(ctx).userName;
  updateGuarantee(ctx.db, row.id, { ...changes, updatedAt: instant(ctx), updatedBy: by });
  insertGuaranteeEvent(ctx.db, { contractId: row.id, event, businessDate: date, amount, detail: detail === undefined ? null : JSON.stringify(detail), at: instant(ctx), by });
  ctx.audit({ entityType: 'guarantee', entityId: row.contractNo, before: { status: row.status }, after: { event, status: changes.status ?? row.status, amount: amount === null ? null : y(amount) } });
  return findGuaranteeByNo(ctx.db, row.contractNo)!;
}

/** Warnings at entry: the bank's line and the client's concentration against net assets. */
function entryWarnings(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.create'>, bank: BankRow): GuaranteeView['warnings'] {
  const warnings: GuaranteeView['warnings'] = [];
  const today = businessDate(ctx);
  if (bank.lineValidTo < today) warnings.push({ reason: 'creditLineExpired', message: `the credit line of ${bank.name} expired on ${bank.lineValidTo}` });
  const used = bankUsage(ctx.db, bank.id);
  if (used + input.guaranteedAmount > bank.creditLine) {
    warnings.push({ reason: 'creditLineExceeded', message: `${bank.name}: ${y(used)} used + ${y(input.guaranteedAmount)} exceeds the line of ${y(bank.creditLine)}` });
  }
  const net = netAssetsAsOf(ctx.db, today);
  if (net) {
    const limitOf = (key: 'guarantees.singleClientLimitPercent' | 'guarantees.relatedClientLimitPercent') => parsePercent(setting(ctx, key))!;
    const exposure = clientInForce(ctx.db, [input.clientId]) + input.guaranteedAmount;
    if (exposure * 1_000_000 > net.amount * limitOf('guarantees.singleClientLimitPercent')) {
      warnings.push({ reason: 'concentrationExceeded', message: `the client's guaranteed balance ${y(exposure)} exceeds ${formatPercent(limitOf('guarantees.singleClientLimitPercent'))}% of net assets ${y(net.amount)}` });
    }
    const related = relatedParties(ctx, input.clientId);
    const groupExposure = exposure + clientInForce(ctx.db, related);
    if (related.length > 0 && groupExposure * 1_000_000 > net.amount * limitOf('guarantees.relatedClientLimitPercent')) {
      warnings.push({
        reason: 'relatedConcentrationExceeded',
        message: `the client with ${related.length} related parties would have ${y(groupExposure)} guaranteed, over ${formatPercent(limitOf('guarantees.relatedClientLimitPercent'))}% of net assets ${y(net.amount)}`,
      });
    }
    // Leverage after the new contract: the book's weighted liability now, with the client's own part
    // weighed again with the new contract in force (the 75% depends on the client's total).
    const settings = ratioSettings(ctx);
    const clientBook = ratioBook(ctx.db, input.clientId);
    const candidate: RatioContract = {
      clientId: input.clientId,
      clientSize: input.clientSize,
      guaranteeType: input.guaranteeType,
      issuerRating: input.issuerRating ?? null,
      guaranteedAmount: input.guaranteedAmount,
      feeRate: input.feeRatePercent,
      feeCharging: input.feeCharging,
      loanStart: today,
      loanEnd: today,
      events: [{ event: 'in-force', date: today, amount: input.guaranteedAmount }],
    };
    const liability =
      weightedLiabilityNow(ctx.db) -
      weightedLiability(clientBook, today, settings) +
      weightedLiability([...clientBook, candidate], today, settings);
    const limit = setting(ctx, 'guarantees.leverageLimit');
    if (liability > net.amount * limit) {
      warnings.push({ reason: 'leverageExceeded', message: `weighted liability ${y(liability)} would exceed ${limit} × net assets ${y(net.amount)}` });
    }
  }
  return warnings;
}

/** A contract as entered (申请): its row and 'applied' event, checked and numbered, not yet written. */
export interface GuaranteeEntry {
  row: NewGuaranteeRow;
  applied: { businessDate: string; amount: number; detail: string };
  warnings: GuaranteeView['warnings'];
  overrideReason: string | null | undefined;
}

/**
 * Checks a new contract against the book as it stands (the bank's line, concentration, leverage) and
 * numbers it. `overrideWhenRefused` is recorded as the override should the checks refuse it (a contract
 * already signed, loaded with its history: the meeting's approval is on file).
 */
export function guaranteeEntry(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.create'>, overrideWhenRefused?: string): GuaranteeEntry {
  if (!findBorrowerRow(ctx.db, input.clientId)) throw new AppError('not-found', `clientId: no client ${input.clientId}`, { field: 'clientId', reason: 'borrowerNotFound' });
  const bank = findBank(ctx.db, input.bankId);
  if (!bank || !bank.active) throw new AppError('not-found', `bankId: no active partner bank ${input.bankId}`, { field: 'bankId', reason: 'bankNotFound' });
  if (input.guaranteeType === 'bond' && !input.issuerRating) {
    throw new AppError('validation', 'issuerRating: a bond guarantee needs the issuer\'s rating', { field: 'issuerRating', reason: 'required' });
  }
  if (input.contractNo && findGuaranteeByNo(ctx.db, input.contractNo)) {
    throw new AppError('conflict', `contractNo: ${input.contractNo} exists`, { field: 'contractNo', reason: 'contractNoTaken' });
  }
  const warnings = entryWarnings(ctx, input, bank);
  const overrideReason = warnings.length > 0 && !input.overrideReason && overrideWhenRefused ? overrideWhenRefused : input.overrideReason;
  if (warnings.length > 0 && !overrideReason) {
    throw new AppError('validation', `${warnings.map((w) => w.message).join('; ')} — record an override reason to go ahead`, {
      field: 'overrideReason',
      reason: 'limitBreach',
      params: { warnings: warnings.map((w) => w.reason).join(',') },
    });
  }
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const today = businessDate(ctx);
  const contractNo = input.contractNo ?? `DB${today.slice(0, 4)}-${String(countGuarantees(ctx.db) + 1).padStart(5, '0')}`;
  return {
    row: {
      contractNo,
      clientId: input.clientId,
      bankId: input.bankId,
      guaranteeType: input.guaranteeType,
      clientSize: input.clientSize,
      issuerRating: input.issuerRating ?? null,
      guaranteedAmount: input.guaranteedAmount,
      bankLoanNo: input.bankLoanNo,
      bankLoanRate: input.bankLoanRate,
      loanStart: input.loanStart,
      loanEnd: input.loanEnd,
      feeRate: input.feeRatePercent,
      feeCharging: input.feeCharging,
      marginDeposit: input.marginDeposit,
      bankRiskShare: input.bankRiskSharePercent,
      officer: by,
      status: 'applied',
      createdAt: at,
      createdBy: by,
      updatedAt: at,
      updatedBy: by,
    },
    applied: { businessDate: today, amount: input.guaranteedAmount, detail: JSON.stringify({ warnings: warnings.map((w) => w.reason), overrideReason }) },
    warnings,
    overrideReason,
  };
}

export function createGuarantee(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.create'>): { row: GuaranteeRow; warnings: GuaranteeView['warnings'] } {
  const entry = guaranteeEntry(ctx, input);
  const id = insertGuarantee(ctx.db, entry.row);
  const row = findGuaranteeByNo(ctx.db, entry.row.contractNo)!;
  insertGuaranteeEvent(ctx.db, { contractId: id, event: 'applied', ...entry.applied, at: entry.row.createdAt, by: entry.row.createdBy });
  ctx.audit({ entityType: 'guarantee', entityId: row.contractNo, before: null, after: { ...row, overrideReason: entry.overrideReason } });
  return { row, warnings: entry.warnings };
}

export function approveGuarantee(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.approve'>): GuaranteeRow {
  const row = contractOrThrow(ctx, input.contractNo);
  return apply(ctx, row, approvalStep(row, input));
}

/** The bank has lent: the guarantee is in force (在保). */
export function activateGuarantee(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.activate'>): GuaranteeRow {
  const row = contractOrThrow(ctx, input.contractNo);
  const step = activationStep(row, dateUpToBusinessDate(ctx, input.date));
  scheduleFirstCheck(ctx, row, step.date);
  return apply(ctx, row, step);
}

export function repayGuarantee(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.repay'>): GuaranteeRow {
  const row = contractOrThrow(ctx, input.contractNo);
  return apply(ctx, row, bankRepaymentStep(row, input.amount, dateUpToBusinessDate(ctx, input.date)));
}

export function releaseGuarantee(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.release'>): GuaranteeRow {
  const row = contractOrThrow(ctx, input.contractNo);
  return apply(ctx, row, releaseStep(row, dateUpToBusinessDate(ctx, input.date)));
}

export function compensateGuarantee(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.compensate'>): GuaranteeRow {
  const row = contractOrThrow(ctx, input.contractNo);
  return apply(ctx, row, compensationStep(row, input.amount, dateUpToBusinessDate(ctx, input.date)));
}

export function recoverGuarantee(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.recover'>): GuaranteeRow {
  const row = contractOrThrow(ctx, input.contractNo);
  return apply(ctx, row, recoveryStep(row, input.amount, dateUpToBusinessDate(ctx, input.date), input.source));
}

export function confirmGuaranteeLoss(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.confirmLoss'>): GuaranteeRow {
  const row = contractOrThrow(ctx, input.contractNo);
  return apply(ctx, row, lossStep(row, input, dateUpToBusinessDate(ctx, input.date)));
}

export function getGuarantee(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.get'>): GuaranteeView {
  return guaranteeView(ctx, contractOrThrow(ctx, input.contractNo));
}

export function listGuarantees(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.list'>): ChannelOutput<'guarantee.list'> {
  const { rows, total, sums } = queryGuarantees(ctx.db, input);
  return {
    items: rows.map((r) => guaranteeView(ctx, r.contract)),
    total,
    page: input.page,
    pageSize: input.pageSize,
    totals: { guaranteedAmount: y(sums.guaranteed), outstanding: y(sums.outstanding), compensatedAmount: y(sums.compensated), recoveredAmount: y(sums.recovered) },
  };
}


/** Links a counter-guarantee; collateral is claimed against its value like a loan's, so one item is never pledged twice over. */
export function addCounterGuarantee(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.addCounterGuarantee'>): GuaranteeView {
  const row = contractOrThrow(ctx, input.contractNo);
  if (['closed', 'loss', 'released'].includes(row.status)) {
    throw new AppError('conflict', `guarantee ${row.contractNo} is ${row.status}`, { reason: 'guaranteeStatus', params: { status: row.status, action: 'secure' } });
  }
  if (input.collateralId) {
    const item = findCollateral(ctx.db, input.collateralId);
    if (!item) throw new AppError('not-found', `collateralId: no collateral ${input.collateralId}`, { field: 'collateralId', reason: 'collateralNotFound' });
    const claimed = securedTotal(ctx.db, item.id) + counterSecuredTotal(ctx.db, item.id);
    if (claimed + input.securedAmount > item.appraisedValue) {
      throw new AppError('validation', `securedAmount: only ${y(Math.max(0, item.appraisedValue - claimed))} of this collateral's value is still free`, {
        field: 'securedAmount',
        reason: 'exceedsCollateralValue',
        params: { available: y(Math.max(0, item.appraisedValue - claimed)) },
      });
    }
  }
  if (input.guarantorId && !findBorrowerRow(ctx.db, input.guarantorId)) {
    throw new AppError('not-found', `guarantorId: no borrower record ${input.guarantorId}`, { field: 'guarantorId', reason: 'borrowerNotFound' });
  }
  insertCounterGuarantee(ctx.db, {
    contractId: row.id,
    kind: input.kind,
    collateralId: input.collateralId ?? null,
    guarantorId: input.guarantorId ?? null,
    securedAmount: input.securedAmount,
    linkedAt: instant(ctx),
    linkedBy: actorOf(ctx).userName,
  });
  ctx.audit({ entityType: 'counter-guarantee', entityId: row.contractNo, before: null, after: { kind: input.kind, collateralId: input.collateralId ?? null, guarantorId: input.guarantorId ?? null, securedAmount: y(input.securedAmount) } });
  return guaranteeView(ctx, row);
}
