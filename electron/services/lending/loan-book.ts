/**
 * Loading a book of loans with their history in one go (批量建账): the demo generator and the import
 * of existing books. Each loan goes through the same steps as the one-loan services (application,
 * approval, disbursement, repayments, early settlement, write-off, recovery) and ends with the same
 * rows, events and figures — computed in memory and written once, instead of replaying the loan after
 * every step. One audit entry records the load; each loan's own events carry its history.
 */
import { allBorrowerIds } from '../../../db/repositories/lending/borrowers';
import { findLoanByContract, insertLoan, loanHistoryWriter, type LoanHistoryWriter, type NewLoanRow, type PaymentRow } from '../../../db/repositories/lending/loans';
import { allProducts, type ProductRow } from '../../../db/repositories/lending/products';
import { recordMonthEnds, type MonthEndRow } from '../../../db/repositories/ledgers/month-end-sources';
import type { ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatIsoDate, monthEndsBetween, parseIsoDate } from '../../../shared/dates/calendar';
import type { ServicingState } from '../../../shared/lending/servicing';
import { fenToYuan } from '../../../shared/money/yuan';
import type { ServiceContext } from '../context';
import { businessDate } from '../platform/status';
import { withinEntry } from '../platform/bulk';
import { installmentRows, lendingRules, monthEndRows, quoteFrom, replay, settlementRows, snapshotOf, writeOffChanges, type LendingRules, type NewInstallmentRow } from './loan-state';
import { applicationRow, contractNumbers, entryRules, type EntryRules } from './loans';
import { offeredSchedule } from './schedule';

const y = fenToYuan;

export interface MoneyReceived {
  date: string;
  /** Fen. */
  amount: number;
  channel: string;
  reference: string | null;
}

/** One loan as it stands: the application (lent on its terms' disbursement date) and what happened since. */
export interface LoanHistory {
  application: ChannelParsedInput<'loan.create'>;
  repayments: MoneyReceived[];
  earlySettlement: { date: string; channel: string; reference: string | null } | null;
  /** Written off on the business date; recoveries received after it. */
  writeOff: { reason: string; recoveries: Array<Omit<MoneyReceived, 'date'>> } | null;
}

type PlannedPayment = Pick<PaymentRow, 'valueDate' | 'amount' | 'channel' | 'reference' | 'kind'> & { id: number; status: 'posted' };
interface PlannedEvent {
  event: string;
  businessDate: string;
  /** JSON. An event about a payment names it first by the id it gets when written: `paymentSlot` (an index into `payments`), the rest here. */
  detail: string | null;
  paymentSlot?: number;
}

/** A loan planned: plain data only, so a planning thread can hand it to the writer. */
export interface PlannedLoan {
  row: NewLoanRow;
  schedules: NewInstallmentRow[][];
  payments: PlannedPayment[];
  /** The allocations of the last replay, against planned payment ids (indexes into `payments`). */
  allocations: ServicingState['allocations'];
  /** The month ends of its history (their loan id is set when written). */
  monthEnds: MonthEndRow[];
  events: PlannedEvent[];
}

/** What planning a loan reads from the settings and the session, gathered once per load. */
export interface BookPlanning {
  rules: LendingRules;
  entry: EntryRules;
  today: string;
}

/** One loan of the book, checked against the database and numbered: all its planning needs besides `BookPlanning`. */
export interface PlanRequest {
  index: number;
  loan: LoanHistory;
  contractNo: string;
  product: ProductRow | undefined;
}

function refuse(field: string, message: string, reason: string): never {
  throw new AppError('validation', `${field}: ${message}`, { field, reason });
}

export function loadLoanBook(ctx: ServiceContext, book: readonly LoanHistory[]): string[] {
  const planning: BookPlanning = { rules: lendingRules(ctx), entry: entryRules(ctx), today: businessDate(ctx) };
  const products = new Map(allProducts(ctx.db).map((p) => [p.code, p]));
  const borrowers = new Set(allBorrowerIds(ctx.db));
  const nextContractNo = contractNumbers(ctx);
  const taken = new Set<string>();
  const request = (loan: LoanHistory, index: number): PlanRequest =>
    withinEntry('loans', index, () => {
      const { application } = loan;
      if (!borrowers.has(application.borrowerId)) {
        throw new AppError('not-found', `borrowerId: no borrower ${application.borrowerId}`, { field: 'borrowerId', reason: 'borrowerNotFound' });
      }
      const product = application.productCode ? products.get(application.productCode) : undefined;
      if (application.productCode && (!product || !product.active)) refuse('productCode', `no active product ${application.productCode}`, 'productNotFound');
      const contractNo = application.contractNo ?? nextContractNo();
      if (taken.has(contractNo) || (application.contractNo && findLoanByContract(ctx.db, contractNo))) {
        throw new AppError('conflict', `contractNo: ${contractNo} exists`, { field: 'contractNo', reason: 'contractNoTaken' });
      }
      taken.add(contractNo);
      return { index, loan, contractNo, product };
    });
  const contractNos: string[] = [];
  const writer = loanHistoryWriter(ctx.db);
  let payments = 0;
  for (const [index, loan] of book.entries()) {
    const [planned] = planBook(planning, [request(loan, index)]);
    writeLoan(ctx, planning, writer, planned!);
    contractNos.push(planned!.row.contractNo);
    payments += planned!.payments.length;
  }
  if (book.length > 0) {
    ctx.audit({ entityType: 'loan-book', entityId: null, before: null, after: { loans: book.length, first: contractNos[0], last: contractNos.at(-1), payments } });
  }
  return contractNos;
}

/** Plans each loan in memory (pure: the same requests give the same rows); a refusal names the loan's entry. */
export function planBook(planning: BookPlanning, requests: readonly PlanRequest[]): PlannedLoan[] {
  return requests.map(({ index, loan, contractNo, product }) =>
    withinEntry('loans', index, () => {
      const { application } = loan;
      const offer = offeredSchedule(planning.entry.caps, { terms: application.terms, allowAboveCap: application.allowAboveCap });
      const warnings = offer.warnings.map((w) => w.reason);
      return planLoan(planning, loan, applicationRow(planning.entry, application, product, offer, contractNo), installmentRows(0, 1, offer.schedule.installments), warnings);
    }),
  );
}

/** The loan's life in memory, in the order the one-loan services would have lived it. */
function planLoan({ rules, entry, today }: BookPlanning, loan: LoanHistory, application: NewLoanRow, schedule: NewInstallmentRow[], warnings: string[]): PlannedLoan {
  const by = entry.by;
  const lentOn = formatIsoDate(loan.application.terms.disbursementDate);
  if (lentOn > today) refuse('terms.disbursementDate', `${lentOn} is after the business date ${today}`, 'afterBusinessDate');
  const row: NewLoanRow = {
    ...application,
    status: 'disbursed',
    approvedBy: by,
    approvalComment: null,
    disbursementDate: lentOn,
    maturityDate: schedule.at(-1)!.dueDate,
    scheduleVersion: 1,
    outstandingPrincipal: application.principal,
  };
  const events: PlannedEvent[] = [
    happened('applied', today, { apr: application.aprPercent, warnings }),
    happened('approved', today, { comment: null }),
    happened('disbursed', lentOn, { principal: y(application.principal), installments: schedule.length }),
  ];
  const payments: PlannedPayment[] = [];
  const receive = (money: MoneyReceived, kind: PlannedPayment['kind']) => {
    payments.push({ id: payments.length, valueDate: money.date, amount: money.amount, channel: money.channel, reference: money.reference, kind, status: 'posted' });
    return payments.length - 1;
  };
  for (const [k, repayment] of loan.repayments.entries()) {
    const field = `repayments[${k}]`;
    if (!(repayment.amount > 0)) refuse(`${field}.amount`, 'must be more than zero', 'notPositive');
    if (repayment.date < lentOn) refuse(`${field}.date`, `${repayment.date} is before the disbursement on ${lentOn}`, 'beforeDisbursement');
    if (repayment.date > today) refuse(`${field}.date`, `${repayment.date} is after the business date ${today}`, 'afterBusinessDate');
    const slot = receive(repayment, 'repayment');
    events.push(happened('repayment', repayment.date, { amount: y(repayment.amount), channel: repayment.channel, reference: repayment.reference }, slot));
  }
  // The month ends of its history, for the vintage and roll-rate tables (the close records the ones to come).
  const monthEnds = monthEndsBetween(parseIsoDate(lentOn)!, parseIsoDate(today)!);
  let state = replay(rules, row, schedule, payments, today, [], monthEnds);
  let snapshot = snapshotOf(rules, null, state, today);
  if (snapshot.status === 'settled') events.push(happened('settled', today, null));
  const schedules = [schedule];
  if (loan.earlySettlement) {
    const { date, channel, reference } = loan.earlySettlement;
    if (snapshot.status !== 'disbursed') refuse('earlySettlement', 'the repayments already settle the loan', 'loanStatus');
    if (date < lentOn || date > today) refuse('earlySettlement.date', `${date} must fall between the disbursement on ${lentOn} and the business date ${today}`, 'dateOrder');
    const q = quoteFrom(row, schedule, replay(rules, row, schedule, payments, date), date);
    const version = settlementRows({ id: 0, disbursementDate: lentOn, scheduleVersion: 1 }, schedule, q, date);
    schedules.push(version);
    Object.assign(row, { scheduleVersion: 2, maturityDate: date });
    events.push(happened('early-settlement', date, { payoff: y(q.total), accruedInterest: y(q.accruedInterest), scheduleVersion: 2 }));
    if (q.total > 0) receive({ date, amount: q.total, channel, reference }, 'repayment');
    state = replay(rules, row, version, payments, today, [], monthEnds);
    const after = snapshotOf(rules, null, state, today);
    if (after.status !== snapshot.status) events.push(happened(after.status === 'settled' ? 'settled' : 'reopened', today, null));
    snapshot = after;
  }
  Object.assign(row, snapshot);
  if (loan.writeOff) {
    const { reason, recoveries } = loan.writeOff;
    if (snapshot.status !== 'disbursed') refuse('writeOff', `the loan is ${snapshot.status}: it cannot be written off`, 'loanStatus');
    Object.assign(row, writeOffChanges(state, today));
    events.push(happened('written-off', today, { principal: y(state.outstandingPrincipal), interest: y(state.overdueInterest), penalty: y(state.penaltyOutstanding), reason }));
    for (const [k, recovery] of recoveries.entries()) {
      if (!(recovery.amount > 0)) refuse(`writeOff.recoveries[${k}].amount`, 'must be more than zero', 'notPositive');
      const slot = receive({ ...recovery, date: today }, 'recovery');
      row.recovered = (row.recovered ?? 0) + recovery.amount;
      events.push(happened('recovery', today, { amount: y(recovery.amount) }, slot));
    }
  }
  return { row, schedules, payments, allocations: state.allocations, monthEnds: monthEndRows(rules, 0, state), events };
}

function happened(event: string, businessDate: string, detail: object | null, paymentSlot?: number): PlannedEvent {
  return { event, businessDate, detail: detail === null ? null : JSON.stringify(detail), ...(paymentSlot === undefined ? {} : { paymentSlot }) };
}

function writeLoan(ctx: ServiceContext, { entry: { at, by } }: BookPlanning, write: LoanHistoryWriter, planned: PlannedLoan): void {
  const loanId = insertLoan(ctx.db, planned.row);
  for (const monthEnd of planned.monthEnds) monthEnd.loanId = loanId;
  recordMonthEnds(ctx.db, planned.monthEnds);
  for (const schedule of planned.schedules) write.installments(loanId, schedule);
  const ids = planned.payments.map((p) => write.payment(loanId, p, at, by));
  for (const a of planned.allocations) write.allocation(ids[a.paymentId]!, loanId, a.installment, a.component, a.amount);
  for (const e of planned.events) {
    // The payment's id leads the detail, as the one-loan services write it.
    const detail = e.paymentSlot === undefined ? e.detail : `{"paymentId":${ids[e.paymentSlot]!},${e.detail!.slice(1)}`;
    write.event(loanId, e.event, e.businessDate, detail, at, by);
  }
}
