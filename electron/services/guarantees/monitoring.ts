/**
 * Post-guarantee monitoring (保后监管): every in-force contract has a check due — the first some days
 * after the bank lends, then every few months, monthly on the watch list, at once on a warning
 * signal. Recording a check closes the open ones and schedules the next; signals (raised by hand or
 * from data) put the contract on the watch list until they are cleared and a check grades it normal.
 */
import { allBanks, bankUsage, counterSecuredTotal, findGuarantee, insertGuaranteeEvent, updateGuarantee, type GuaranteeRow } from '../../../db/repositories/guarantees/guarantees';
import {
  checksDue,
  findWarningSignal,
  inForceContractsSecuredBy,
  inForceMaturingBy,
  insertMonitoringCheck,
  insertWarningSignal,
  lastDoneCheck,
  openChecksOf,
  openSignalsOf,
  updateMonitoringCheck,
  updateWarningSignal,
  type MonitoringCheckRow,
} from '../../../db/repositories/guarantees/monitoring';
import { securedTotal } from '../../../db/repositories/lending/security';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import { percentString } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { parsePercent } from '../../../shared/rates/rate';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { contractOrThrow } from './views';
import { assertCheckedAfterLending, assertKnownSignal, assertMonitored, checkClosings, firstCheckDue, nextCheck, onWatchList, signalNeedsCheck } from './transitions';
import { businessDate, dateUpToBusinessDate } from '../platform/status';

const y = fenToYuan;
const day = (iso: string) => parseIsoDate(iso)!;
const plusDays = (iso: string, days: number) => formatIsoDate(day(iso) + days);

function openCheck(ctx: ServiceContext, row: GuaranteeRow, dueDate: string, reason: MonitoringCheckRow['reason']): void {
  insertMonitoringCheck(ctx.db, { contractId: row.id, dueDate, reason, officer: row.officer, status: 'due', createdAt: instant(ctx), createdBy: actorOf(ctx).userName });
}

function timeline(ctx: ServiceContext, row: GuaranteeRow, event: string, date: string, detail: unknown): void {
  insertGuaranteeEvent(ctx.db, { contractId: row.id, event, businessDate: date, amount: null, detail: JSON.stringify(detail), at: instant(ctx), by: actorOf(ctx).userName });
}

/** The bank has lent: the first check falls due some days later (use of funds). */
export function scheduleFirstCheck(ctx: ServiceContext, row: GuaranteeRow, activatedOn: string): void {
  openCheck(ctx, row, firstCheckDue(row, activatedOn, setting(ctx, 'guarantees.firstCheckDays')), 'first');
}

/** Released or compensated: no more checks on the guarantee (recovery is collection work). */
export function stopMonitoring(ctx: ServiceContext, row: GuaranteeRow, why: string): void {
  for (const check of openChecksOf(ctx.db, row.id)) {
    updateMonitoringCheck(ctx.db, check.id, { status: 'cancelled', closedNote: why, closedAt: instant(ctx), closedBy: actorOf(ctx).userName });
  }
}

/** On the watch list while a signal is open or the last check graded the client below normal. */
function refreshWatchList(ctx: ServiceContext, row: GuaranteeRow): boolean {
  const watch = onWatchList(lastDoneCheck(ctx.db, row.id)?.riskGrade, openSignalsOf(ctx.db, row.id).length);
  if (watch !== row.watchList) updateGuarantee(ctx.db, row.id, { watchList: watch, updatedAt: instant(ctx), updatedBy: actorOf(ctx).userName });
  return watch;
}

export function monitoringDue(ctx: ServiceContext, input: ChannelParsedInput<'monitoring.due'>): ChannelOutput<'monitoring.due'> {
  const asOf = input.asOf ?? businessDate(ctx);
  return checksDue(ctx.db, { until: plusDays(asOf, input.withinDays), officer: input.officer }).map(({ check, contract, clientName, bankName }) => ({
    id: check.id,
    contractNo: contract.contractNo,
    clientName,
    bankName,
    officer: check.officer,
    dueDate: check.dueDate,
    reason: check.reason,
    daysOverdue: Math.max(0, day(asOf) - day(check.dueDate)),
    watchList: contract.watchList,
    outstanding: y(contract.guaranteedAmount - contract.repaidToBank),
  }));
}

/** A check is recorded: every open check of the contract closes, and the next is scheduled. */
export function recordCheck(ctx: ServiceContext, input: ChannelParsedInput<'monitoring.record'>): GuaranteeRow {
  const row = contractOrThrow(ctx, input.contractNo);
  assertMonitored(row, 'monitor');
  const checkedOn = dateUpToBusinessDate(ctx, input.checkedOn, 'checkedOn');
  assertCheckedAfterLending(row, checkedOn);
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const open = openChecksOf(ctx.db, row.id);
  const { done, covered } = checkClosings(input, checkedOn, at, by);
  let recorded: number;
  if (open.length > 0) {
    recorded = open[0]!.id;
    updateMonitoringCheck(ctx.db, recorded, done);
    for (const other of open.slice(1)) updateMonitoringCheck(ctx.db, other.id, covered);
  } else {
    // A check nobody scheduled (the officer went anyway) is still a check on file.
    recorded = insertMonitoringCheck(ctx.db, { contractId: row.id, dueDate: checkedOn, reason: 'periodic', officer: row.officer, createdAt: at, createdBy: by, ...done });
  }
  const watch = refreshWatchList(ctx, row);
  const { dueDate: next, reason } = nextCheck(checkedOn, watch, setting(ctx, watch ? 'guarantees.watchListIntervalMonths' : 'guarantees.checkIntervalMonths'), input.nextCheckOn);
  openCheck(ctx, row, next, reason);
  // The next date belongs to the check just recorded, not to the ones it covered.
  updateMonitoringCheck(ctx.db, recorded, { nextCheckOn: next });
  timeline(ctx, row, 'check-recorded', checkedOn, { checkType: input.checkType, riskGrade: input.riskGrade, nextCheckOn: next });
  ctx.audit({ entityType: 'monitoring-check', entityId: row.contractNo, before: { openChecks: open.map((c) => c.dueDate) }, after: { checkedOn, checkType: input.checkType, riskGrade: input.riskGrade, findings: input.findings, nextCheckOn: next } });
  return findGuarantee(ctx.db, row.id)!;
}

export function warningSignalList(ctx: ServiceContext): ChannelOutput<'monitoring.signals'> {
  return setting(ctx, 'guarantees.warningSignals');
}

function signalCodes(ctx: ServiceContext): string[] {
  return setting(ctx, 'guarantees.warningSignals').map((s) => s.code);
}

/** Raises a signal: on the watch list, and a check due the same day unless one is already due by then. */
function raise(ctx: ServiceContext, row: GuaranteeRow, signal: string, date: string, detail: string | null, source: 'manual' | 'data'): number {
  const id = insertWarningSignal(ctx.db, { contractId: row.id, signal, source, raisedOn: date, detail, raisedAt: instant(ctx), raisedBy: actorOf(ctx).userName });
  refreshWatchList(ctx, row);
  if (signalNeedsCheck(openChecksOf(ctx.db, row.id), date)) openCheck(ctx, row, date, 'warning-signal');
  timeline(ctx, row, 'signal-raised', date, { signal, source, detail });
  ctx.audit({ entityType: 'warning-signal', entityId: row.contractNo, before: null, after: { id, signal, source, date, detail } });
  return id;
}

export function raiseSignal(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.raiseSignal'>): GuaranteeRow {
  const row = contractOrThrow(ctx, input.contractNo);
  assertMonitored(row, 'signal');
  assertKnownSignal(signalCodes(ctx), input.signal);
  raise(ctx, row, input.signal, dateUpToBusinessDate(ctx, input.date), input.detail, 'manual');
  return findGuarantee(ctx.db, row.id)!;
}

export function clearSignal(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.clearSignal'>): GuaranteeRow {
  const signal = findWarningSignal(ctx.db, input.id);
  if (!signal) throw new AppError('not-found', `id: no warning signal ${input.id}`, { field: 'id', reason: 'signalNotFound' });
  if (signal.clearedOn) throw new AppError('conflict', `id: the signal was cleared on ${signal.clearedOn}`, { field: 'id', reason: 'alreadyCleared' });
  const date = dateUpToBusinessDate(ctx, input.date);
  if (date < signal.raisedOn) throw new AppError('validation', `date: ${date} is before the signal was raised on ${signal.raisedOn}`, { field: 'date', reason: 'dateOrder' });
  const row = findGuarantee(ctx.db, signal.contractId)!;
  updateWarningSignal(ctx.db, signal.id, { clearedOn: date, clearReason: input.reason, clearedAt: instant(ctx), clearedBy: actorOf(ctx).userName });
  refreshWatchList(ctx, row);
  timeline(ctx, row, 'signal-cleared', date, { signal: signal.signal, reason: input.reason });
  ctx.audit({ entityType: 'warning-signal', entityId: row.contractNo, before: { id: signal.id, cleared: false }, after: { id: signal.id, clearedOn: date, reason: input.reason } });
  return findGuarantee(ctx.db, row.id)!;
}

/**
 * From data: a revaluation that leaves the collateral worth less than what loans and guarantees claim
 * on it raises the collateral-value-drop signal on every in-force contract it counter-guarantees.
 */
export function collateralRevalued(ctx: ServiceContext, collateralId: number, value: number, valuedOn: string): void {
  const claimed = securedTotal(ctx.db, collateralId) + counterSecuredTotal(ctx.db, collateralId);
  if (value >= claimed) return;
  for (const { contract } of inForceContractsSecuredBy(ctx.db, collateralId)) {
    if (openSignalsOf(ctx.db, contract.id).some((s) => s.signal === 'collateral-value-drop')) continue;
    raise(ctx, contract, 'collateral-value-drop', valuedOn > businessDate(ctx) ? businessDate(ctx) : valuedOn, `collateral ${collateralId} revalued at ${y(value)}, below the ${y(claimed)} it secures`, 'data');
  }
}

export function guaranteeAlerts(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.alerts'>): ChannelOutput<'guarantee.alerts'> {
  const asOf = input.asOf ?? businessDate(ctx);
  const windows = [...setting(ctx, 'guarantees.maturityAlertDays')].sort((a, b) => a - b);
  const maturing = inForceMaturingBy(ctx.db, plusDays(asOf, windows.at(-1)!)).map(({ contract, clientName, bankName }) => {
    const daysLeft = day(contract.loanEnd) - day(asOf);
    return {
      contractNo: contract.contractNo,
      clientName,
      bankName,
      loanEnd: contract.loanEnd,
      daysLeft,
      window: windows.find((w) => daysLeft <= w)!,
      outstanding: y(contract.guaranteedAmount - contract.repaidToBank),
    };
  });
  const threshold = parsePercent(setting(ctx, 'guarantees.creditLineAlertPercent'))!;
  const expiryDays = setting(ctx, 'guarantees.creditLineExpiryAlertDays');
  const creditLines = allBanks(ctx.db)
    .filter((bank) => bank.active)
    .map((bank) => {
      const used = bankUsage(ctx.db, bank.id);
      const daysLeft = day(bank.lineValidTo) - day(asOf);
      const reasons: Array<'near-limit' | 'over-limit' | 'expiring' | 'expired'> = [];
      if (used > bank.creditLine) reasons.push('over-limit');
      else if (used * 1_000_000 >= bank.creditLine * threshold) reasons.push('near-limit');
      if (daysLeft < 0) reasons.push('expired');
      else if (daysLeft <= expiryDays) reasons.push('expiring');
      return { bankId: bank.id, name: bank.name, creditLine: y(bank.creditLine), used: y(used), usedPercent: percentString(used, bank.creditLine) ?? '0.00', lineValidTo: bank.lineValidTo, daysLeft, reasons };
    })
    .filter((line) => line.reasons.length > 0);
  return { asOf, maturing, creditLines };
}
