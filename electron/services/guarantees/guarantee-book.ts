/**
 * Loading a book of guarantee contracts with their history in one go (the demo, and books a firm brings
 * from its spreadsheets). Each contract passes the same entry check as one entered by hand, against the
 * book as loaded so far, then lives its steps in memory through the same rules (transitions.ts) and is
 * written once: its final row, its events, its monitoring checks and its warning signals. One audit
 * entry records the load; each contract's own events carry its history.
 */
import { insertGuarantee, insertGuaranteeEvent, type NewGuaranteeRow } from '../../../db/repositories/guarantees/guarantees';
import { insertMonitoringCheck, insertWarningSignal, type MonitoringCheckRow, type WarningSignalRow } from '../../../db/repositories/guarantees/monitoring';
import { contract, type ChannelInput, type ChannelName, type ChannelParsedInput } from '../../../shared/contract';
import { actorOf, instant, type ServiceContext } from '../context';
import { withinEntry } from '../platform/bulk';
import { setting } from '../platform/settings';
import { businessDate, dateUpTo } from '../platform/status';
import { guaranteeEntry } from './contracts';
import {
  activationStep,
  approvalStep,
  assertCheckedAfterLending,
  assertKnownSignal,
  assertMonitored,
  bankRepaymentStep,
  checkClosings,
  compensationStep,
  firstCheckDue,
  latestDone,
  lossStep,
  nextCheck,
  onWatchList,
  recoveryStep,
  releaseStep,
  signalNeedsCheck,
  type ContractStep,
} from './transitions';

/** Each kind of step and the one-contract channel that takes it. */
export const GUARANTEE_STEP_CHANNELS = {
  approve: 'guarantee.approve',
  activate: 'guarantee.activate',
  repay: 'guarantee.repay',
  check: 'monitoring.record',
  signal: 'guarantee.raiseSignal',
  release: 'guarantee.release',
  compensate: 'guarantee.compensate',
  recover: 'guarantee.recover',
  confirmLoss: 'guarantee.confirmLoss',
} as const satisfies Record<string, ChannelName>;

type StepKind = keyof typeof GUARANTEE_STEP_CHANNELS;

/** One step of a contract's life, as its one-contract channel takes it (without the contract number). */
export type GuaranteeStepInput = { [K in StepKind]: { kind: K } & Omit<ChannelParsedInput<(typeof GUARANTEE_STEP_CHANNELS)[K]>, 'contractNo'> }[StepKind];

/** A step from its public form (yuan, optional dates), parsed by its channel's schema as the channel would. */
export function guaranteeStep<K extends StepKind>(kind: K, input: Omit<ChannelInput<(typeof GUARANTEE_STEP_CHANNELS)[K]>, 'contractNo'>): GuaranteeStepInput {
  // The schemas want a contract number; the step belongs to its history's contract, so a placeholder is dropped.
  const { contractNo: _, ...parsed } = contract[GUARANTEE_STEP_CHANNELS[kind]].input.parse({ ...input, contractNo: 'DB-0' }) as { contractNo: string };
  return { kind, ...parsed } as GuaranteeStepInput;
}

export interface GuaranteeHistory {
  application: ChannelParsedInput<'guarantee.create'>;
  /** Recorded as the override should the entry check refuse the contract (a contract already signed). */
  overrideWhenRefused?: string;
  steps: GuaranteeStepInput[];
}

type PlannedCheck = Omit<MonitoringCheckRow, 'id' | 'contractId'>;
type PlannedSignal = Omit<WarningSignalRow, 'id' | 'contractId'>;
type PlannedEvent = { event: string; businessDate: string; amount: number | null; detail: string | null };

/** The monitoring settings, read once per load. */
function monitoringRules(ctx: ServiceContext) {
  return {
    firstCheckDays: setting(ctx, 'guarantees.firstCheckDays'),
    checkIntervalMonths: setting(ctx, 'guarantees.checkIntervalMonths'),
    watchListIntervalMonths: setting(ctx, 'guarantees.watchListIntervalMonths'),
    signalCodes: setting(ctx, 'guarantees.warningSignals').map((s) => s.code),
  };
}

export function loadGuaranteeBook(ctx: ServiceContext, book: readonly GuaranteeHistory[]): string[] {
  const rules = monitoringRules(ctx);
  const today = businessDate(ctx);
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const contractNos: string[] = [];
  let checks = 0;
  let signals = 0;
  for (const [index, history] of book.entries()) {
    withinEntry('guarantees', index, () => {
      const entry = guaranteeEntry(ctx, history.application, history.overrideWhenRefused);
      const life = new ContractLife(entry.row, today, at, by, rules);
      life.events.push({ event: 'applied', ...entry.applied });
      for (const [k, step] of history.steps.entries()) withinEntry('steps', k, () => life.take(step));
      const id = insertGuarantee(ctx.db, life.row);
      for (const e of life.events) insertGuaranteeEvent(ctx.db, { contractId: id, ...e, at, by });
      for (const c of life.checks) insertMonitoringCheck(ctx.db, { contractId: id, ...c });
      for (const s of life.signals) insertWarningSignal(ctx.db, { contractId: id, ...s });
      contractNos.push(life.row.contractNo);
      checks += life.checks.length;
      signals += life.signals.length;
    });
  }
  if (book.length > 0) {
    ctx.audit({ entityType: 'guarantee-book', entityId: null, before: null, after: { contracts: book.length, first: contractNos[0], last: contractNos.at(-1), checks, signals } });
  }
  return contractNos;
}

/** One contract living its steps in memory, as the services would have recorded them one by one. */
class ContractLife {
  readonly row: NewGuaranteeRow & Parameters<typeof activationStep>[0] & { watchList: boolean };
  readonly events: PlannedEvent[] = [];
  readonly checks: PlannedCheck[] = [];
  readonly signals: PlannedSignal[] = [];

  constructor(
    row: NewGuaranteeRow,
    private readonly today: string,
    private readonly at: string,
    private readonly by: string,
    private readonly rules: ReturnType<typeof monitoringRules>,
  ) {
    this.row = { repaidToBank: 0, releasedAmount: 0, compensatedAmount: 0, recoveredAmount: 0, lossAmount: 0, watchList: false, ...row };
  }

  /** A step's date: the business date when none is given, never after it. */
  private upTo(given: string | undefined, field = 'date'): string {
    return dateUpTo(this.today, given, field);
  }

  take(step: GuaranteeStepInput): void {
    const row = this.row;
    switch (step.kind) {
      case 'approve':
        return this.apply(approvalStep(row, step));
      case 'activate': {
        const activation = activationStep(row, this.upTo(step.date));
        this.openCheck(firstCheckDue(row, activation.date, this.rules.firstCheckDays), 'first');
        return this.apply(activation);
      }
      case 'repay':
        return this.apply(bankRepaymentStep(row, step.amount, this.upTo(step.date)));
      case 'release':
        return this.apply(releaseStep(row, this.upTo(step.date)));
      case 'compensate':
        return this.apply(compensationStep(row, step.amount, this.upTo(step.date)));
      case 'recover':
        return this.apply(recoveryStep(row, step.amount, this.upTo(step.date), step.source));
      case 'confirmLoss':
        return this.apply(lossStep(row, step, this.upTo(step.date)));
      case 'check':
        return this.check(step);
      case 'signal':
        return this.signal(step);
    }
  }

  private apply(step: ContractStep): void {
    if (step.stopsMonitoring) {
      for (const check of this.openChecks()) Object.assign(check, { status: 'cancelled', closedNote: step.stopsMonitoring, closedAt: this.at, closedBy: this.by });
    }
    Object.assign(this.row, step.changes, { updatedAt: this.at, updatedBy: this.by });
    this.events.push({ event: step.event, businessDate: step.date, amount: step.amount, detail: step.detail === undefined ? null : JSON.stringify(step.detail) });
  }

  /** The open checks, in due order (then as scheduled), as openChecksOf reads them. */
  private openChecks(): PlannedCheck[] {
    return this.checks.filter((c) => c.status === 'due').sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  }

  private openCheck(dueDate: string, reason: MonitoringCheckRow['reason']): void {
    this.checks.push({
      dueDate,
      reason,
      officer: this.row.officer,
      status: 'due',
      checkedOn: null,
      checkType: null,
      findings: null,
      riskGrade: null,
      nextCheckOn: null,
      closedNote: null,
      createdAt: this.at,
      createdBy: this.by,
      closedAt: null,
      closedBy: null,
    });
  }

  private refreshWatchList(): boolean {
    this.row.watchList = onWatchList(latestDone(this.checks)?.riskGrade, this.signals.filter((s) => s.clearedOn === null).length);
    return this.row.watchList;
  }

  /** As recordCheck: the open checks close, the next is scheduled. */
  private check(step: Extract<GuaranteeStepInput, { kind: 'check' }>): void {
    assertMonitored(this.row, 'monitor');
    const checkedOn = this.upTo(step.checkedOn, 'checkedOn');
    assertCheckedAfterLending(this.row, checkedOn);
    const open = this.openChecks();
    const { done, covered } = checkClosings(step, checkedOn, this.at, this.by);
    let recorded: PlannedCheck;
    if (open.length > 0) {
      recorded = Object.assign(open[0]!, done);
      for (const other of open.slice(1)) Object.assign(other, covered);
    } else {
      this.openCheck(checkedOn, 'periodic');
      recorded = Object.assign(this.checks.at(-1)!, done);
    }
    const watch = this.refreshWatchList();
    const next = nextCheck(checkedOn, watch, watch ? this.rules.watchListIntervalMonths : this.rules.checkIntervalMonths, step.nextCheckOn);
    this.openCheck(next.dueDate, next.reason);
    recorded.nextCheckOn = next.dueDate;
    this.events.push({ event: 'check-recorded', businessDate: checkedOn, amount: null, detail: JSON.stringify({ checkType: step.checkType, riskGrade: step.riskGrade, nextCheckOn: next.dueDate }) });
  }

  /** As raiseSignal: on the watch list, and a check due the same day unless one is already due by then. */
  private signal(step: Extract<GuaranteeStepInput, { kind: 'signal' }>): void {
    assertMonitored(this.row, 'signal');
    assertKnownSignal(this.rules.signalCodes, step.signal);
    const date = this.upTo(step.date);
    this.signals.push({ signal: step.signal, source: 'manual', raisedOn: date, detail: step.detail, raisedAt: this.at, raisedBy: this.by, clearedOn: null, clearReason: null, clearedAt: null, clearedBy: null });
    this.refreshWatchList();
    if (signalNeedsCheck(this.openChecks(), date)) this.openCheck(date, 'warning-signal');
    this.events.push({ event: 'signal-raised', businessDate: date, amount: null, detail: JSON.stringify({ signal: step.signal, source: 'manual', detail: step.detail }) });
  }
}
