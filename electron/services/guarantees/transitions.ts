/**
 * The rules of a guarantee's life as pure functions: which step the status allows, what each step
 * changes on the contract and which dated event it records, and when monitoring checks fall due. The
 * one-contract services apply them to the database; the guarantee book loader applies them in memory,
 * so both leave the same rows.
 */
import type { GuaranteeRow } from '../../../db/repositories/guarantees/guarantees';
import type { MonitoringCheckRow } from '../../../db/repositories/guarantees/monitoring';
import { AppError } from '../../../shared/contract/errors';
import { addMonths, formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import type { GuaranteeStatus } from '../../../shared/guarantees/guarantee';
import { fenToYuan } from '../../../shared/money/yuan';

const y = fenToYuan;

type ContractFigures = Pick<GuaranteeRow, 'contractNo' | 'status' | 'guaranteedAmount' | 'repaidToBank' | 'releasedAmount' | 'compensatedAmount' | 'recoveredAmount' | 'lossAmount' | 'loanStart'>;

/** One step of a contract's life: what changes on it and the dated event that records it. */
export interface ContractStep {
  event: string;
  date: string;
  amount: number | null;
  /** The event's detail (JSON when stored); undefined for none. */
  detail: unknown;
  changes: Partial<GuaranteeRow>;
  /** Released or compensated: the open checks are cancelled first, with this note. */
  stopsMonitoring?: string;
}

/** The transitions the lifecycle allows; anything else is refused with the current status named. */
const ALLOWED: Record<string, GuaranteeStatus[]> = {
  approve: ['applied'],
  activate: ['approved'],
  repay: ['in-force'],
  release: ['in-force'],
  compensate: ['in-force'],
  recover: ['compensated', 'recovering'],
  confirmLoss: ['compensated', 'recovering'],
};

function assertTransition(row: ContractFigures, action: keyof typeof ALLOWED): void {
  if (!ALLOWED[action]!.includes(row.status)) {
    throw new AppError('conflict', `guarantee ${row.contractNo} is ${row.status}: it cannot be ${action}d`, { reason: 'guaranteeStatus', params: { status: row.status, action } });
  }
}

export function approvalStep(row: ContractFigures, input: { reviewDate: string; members: string; conditions: string | null }): ContractStep {
  assertTransition(row, 'approve');
  return {
    event: 'approved',
    date: input.reviewDate,
    amount: null,
    detail: { members: input.members, conditions: input.conditions },
    changes: { status: 'approved', reviewDate: input.reviewDate, reviewMembers: input.members, reviewConditions: input.conditions },
  };
}

/** The bank has lent: the guarantee is in force (在保). */
export function activationStep(row: ContractFigures, date: string): ContractStep {
  assertTransition(row, 'activate');
  return { event: 'in-force', date, amount: row.guaranteedAmount, detail: undefined, changes: { status: 'in-force' } };
}

/** The client repaid the bank (from the bank's notice): the outstanding falls; at zero the guarantee is released. */
export function bankRepaymentStep(row: ContractFigures, amount: number, date: string): ContractStep {
  assertTransition(row, 'repay');
  const outstanding = row.guaranteedAmount - row.repaidToBank;
  if (amount > outstanding) {
    throw new AppError('validation', `amount: only ${y(outstanding)} is outstanding`, { field: 'amount', reason: 'exceedsOutstanding', params: { outstanding: y(outstanding) } });
  }
  const full = amount === outstanding;
  return {
    event: full ? 'released' : 'bank-repayment',
    date,
    amount,
    detail: undefined,
    changes: { repaidToBank: row.repaidToBank + amount, releasedAmount: row.releasedAmount + amount, ...(full ? { status: 'released' as const, releasedOn: date } : {}) },
    ...(full ? { stopsMonitoring: 'released' } : {}),
  };
}

/** Full release (解保): the bank confirms its loan is repaid. */
export function releaseStep(row: ContractFigures, date: string): ContractStep {
  assertTransition(row, 'release');
  const outstanding = row.guaranteedAmount - row.repaidToBank;
  return {
    event: 'released',
    date,
    amount: outstanding,
    detail: undefined,
    changes: { status: 'released', repaidToBank: row.guaranteedAmount, releasedAmount: row.releasedAmount + outstanding, releasedOn: date },
    stopsMonitoring: 'released',
  };
}

/** Compensation (代偿): the guarantor pays the bank on the client's default; it becomes a receivable. */
export function compensationStep(row: ContractFigures, amount: number, date: string): ContractStep {
  assertTransition(row, 'compensate');
  const outstanding = row.guaranteedAmount - row.repaidToBank;
  if (amount > outstanding) {
    throw new AppError('validation', `amount: the guaranteed outstanding is ${y(outstanding)}`, { field: 'amount', reason: 'exceedsOutstanding', params: { outstanding: y(outstanding) } });
  }
  return { event: 'compensated', date, amount, detail: undefined, changes: { status: 'compensated', compensatedAmount: amount, compensatedOn: date }, stopsMonitoring: 'compensated' };
}

function compensationBalance(row: ContractFigures, amount: number): number {
  const balance = row.compensatedAmount - row.recoveredAmount - row.lossAmount;
  if (amount > balance) {
    throw new AppError('validation', `amount: the compensation balance is ${y(balance)}`, { field: 'amount', reason: 'exceedsBalance', params: { balance: y(balance) } });
  }
  return balance;
}

/** Recovery (追偿): receipts from the client, guarantors or the sale of counter-guarantee collateral. */
export function recoveryStep(row: ContractFigures, amount: number, date: string, source: string): ContractStep {
  assertTransition(row, 'recover');
  const closed = amount === compensationBalance(row, amount);
  return { event: closed ? 'closed' : 'recovery', date, amount, detail: { source }, changes: { recoveredAmount: row.recoveredAmount + amount, status: closed ? 'closed' : 'recovering' } };
}

/** A loss is confirmed only with evidence: a judgment, an arbitral award or an enforcement ruling. */
export function lossStep(row: ContractFigures, input: { amount: number; evidenceType: GuaranteeRow['lossEvidenceType'] & string; documentNo: string }, date: string): ContractStep {
  assertTransition(row, 'confirmLoss');
  const balance = compensationBalance(row, input.amount);
  return {
    event: 'loss-confirmed',
    date,
    amount: input.amount,
    detail: { evidenceType: input.evidenceType, documentNo: input.documentNo },
    changes: { lossAmount: row.lossAmount + input.amount, lossEvidenceType: input.evidenceType, lossDocumentNo: input.documentNo, status: input.amount === balance ? 'loss' : row.status },
  };
}

// Post-guarantee monitoring (保后监管).

const plusDays = (iso: string, days: number) => formatIsoDate(parseIsoDate(iso)! + days);

/** The first check falls due some days after the bank lends (use of funds). */
export function firstCheckDue(row: Pick<GuaranteeRow, 'loanStart'>, activatedOn: string, firstCheckDays: number): string {
  const lent = row.loanStart > activatedOn ? row.loanStart : activatedOn;
  return plusDays(lent, firstCheckDays);
}

export function assertMonitored(row: Pick<GuaranteeRow, 'contractNo' | 'status'>, action: string): void {
  if (row.status !== 'in-force') {
    throw new AppError('conflict', `guarantee ${row.contractNo} is ${row.status}: only contracts in force are monitored`, { reason: 'guaranteeStatus', params: { status: row.status, action } });
  }
}

export function assertCheckedAfterLending(row: Pick<GuaranteeRow, 'loanStart'>, checkedOn: string): void {
  if (checkedOn < row.loanStart) {
    throw new AppError('validation', `checkedOn: ${checkedOn} is before the bank lent on ${row.loanStart}`, { field: 'checkedOn', reason: 'dateOrder' });
  }
}

/** A signal code must be one of the configured warning signals. */
export function assertKnownSignal(codes: readonly string[], signal: string): void {
  if (!codes.includes(signal)) {
    throw new AppError('validation', `signal: "${signal}" is not one of the warning signals (${codes.join(', ')})`, { field: 'signal', reason: 'unknownSignal', params: { signals: codes.join(',') } });
  }
}

/**
 * What recording a check on `checkedOn` writes on the open checks: the first (earliest due) becomes the
 * check done, the others are closed as covered by it.
 */
export function checkClosings(
  input: { checkType: NonNullable<MonitoringCheckRow['checkType']>; findings: string; riskGrade: string },
  checkedOn: string,
  closedAt: string,
  closedBy: string,
) {
  return {
    done: { status: 'done' as const, checkedOn, checkType: input.checkType, findings: input.findings, riskGrade: input.riskGrade, closedAt, closedBy },
    covered: { status: 'done' as const, closedNote: `covered by the check on ${checkedOn}`, closedAt, closedBy },
  };
}

/** A signal raised on `date` brings a check due that day, unless one is already due by then. */
export function signalNeedsCheck(openChecks: ReadonlyArray<Pick<MonitoringCheckRow, 'dueDate'>>, date: string): boolean {
  return !openChecks.some((c) => c.dueDate <= date);
}

/** On the watch list while a signal is open or the last check graded the client below normal. */
export function onWatchList(lastGrade: string | null | undefined, openSignals: number): boolean {
  return openSignals > 0 || (lastGrade ?? 'normal') !== 'normal';
}

/** The check after one recorded on `checkedOn`: as asked, else monthly on the watch list, else every few months. */
export function nextCheck(checkedOn: string, watch: boolean, intervalMonths: number, asked: string | undefined): { dueDate: string; reason: MonitoringCheckRow['reason'] } {
  const dueDate = asked ?? formatIsoDate(addMonths(parseIsoDate(checkedOn)!, intervalMonths));
  if (dueDate <= checkedOn) throw new AppError('validation', `nextCheckOn: the next check must come after ${checkedOn}`, { field: 'nextCheckOn', reason: 'dateOrder' });
  return { dueDate, reason: watch ? 'watch-list' : 'periodic' };
}

/** The latest check done (by the day it was done, then as recorded): its grade decides the watch list. */
export function latestDone<C extends Pick<MonitoringCheckRow, 'status' | 'checkedOn'>>(checks: readonly C[]): C | undefined {
  let latest: C | undefined;
  // A check closed as covered by another has no day of its own (nor a grade): it never decides.
  for (const check of checks) if (check.status === 'done' && check.checkedOn !== null && (!latest || check.checkedOn >= latest.checkedOn!)) latest = check;
  return latest;
}
