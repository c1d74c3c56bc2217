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
import { monthEndWriter, type MonthEndRow } from '../../../db/repositories/ledgers/month-end-sources';
import type { ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatIsoDate, monthEndsBetween, parseIsoDate } from '../../../shared/dates/calendar';
import type { ServicingState } from '../../../shared/lending/servicing';
import { fenToYuan } from '../../../shared/money/yuan';
import type { ServiceContext } from '../context';
import { businessDate } from '../platform/status';
import { withinEntry } from '../platform/bulk';
import { PlanningLane } from '../platform/planner';
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

/**
 * Planned loans as the writer takes them: each loan's row, then its other rows as runs of values in
 * shared lists (a planning thread hands lists of values over several times faster than row objects).
 */
export interface PackedLoans {
  rows: NewLoanRow[];
  /** Per loan, five counts: its installments, payments, allocations, month ends and events in the lists below. */
  counts: number[];
  /** The values of each row in turn, in the order packLoans puts them (11 per installment, 5 per payment, 4 per allocation, month end and event). */
  installments: unknown[];
  payments: unknown[];
  allocations: unknown[];
  monthEnds: unknown[];
  events: unknown[];
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

/** Loans planned per message to the planning thread: large enough that handing them over costs little. */
const PLANNING_CHUNK = 500;
const FIRST_CHUNK = 50;

/** Loads the book's loans in the order given; `book` may be generated as it is read (the demo), so a large book need not sit in memory. */
export function loadLoanBook(ctx: ServiceContext, book: Iterable<LoanHistory>): string[] {
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
  // Planned a chunk at a time, on the planning thread where there is one, two chunks ahead of the writes.
  const lane = new PlanningLane<BookPlanning, PlanRequest, PackedLoans>('loan-book', planning, planPackedBook);
  const writeNext = () => {
    const packed = lane.next();
    writePackedLoans(ctx, planning, writer, packed);
    for (const row of packed.rows) contractNos.push(row.contractNo);
    for (let k = 1; k < packed.counts.length; k += 5) payments += packed.counts[k]!;
  };
  let chunk: PlanRequest[] = [];
  let index = -1;
  for (const loan of book) {
    index++;
    try {
      chunk.push(request(loan, index));
    } catch (refusal) {
      // Entries before this one may be refused too: the earliest refusal is the one to report.
      lane.submit(chunk);
      lane.settle();
      throw refusal;
    }
    // Small chunks up to the 500th loan, so the writes start as soon as the planning thread does.
    if (chunk.length === (index < PLANNING_CHUNK ? FIRST_CHUNK : PLANNING_CHUNK)) {
      lane.submit(chunk);
      chunk = [];
      if (lane.inFlight > 2) writeNext();
    }
  }
  lane.submit(chunk);
  while (lane.inFlight > 0) writeNext();
  if (contractNos.length > 0) {
    ctx.audit({ entityType: 'loan-book', entityId: null, before: null, after: { loans: contractNos.length, first: contractNos[0], last: contractNos.at(-1), payments } });
  }
  return contractNos;
}

/** planBook, packed for the writer: the planning thread's task. */
export function planPackedBook(planning: BookPlanning, requests: readonly PlanRequest[]): PackedLoans {
  return packLoans(planBook(planning, requests));
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

function packLoans(planned: readonly PlannedLoan[]): PackedLoans {
  const packed: PackedLoans = { rows: [], counts: [], installments: [], payments: [], allocations: [], monthEnds: [], events: [] };
  for (const loan of planned) {
    packed.rows.push(loan.row);
    let installments = 0;
    for (const schedule of loan.schedules) {
      for (const i of schedule) packed.installments.push(i.scheduleVersion, i.number, i.periodStart, i.periodEnd, i.dueDate, i.days, i.openingBalance, i.principal, i.interest, i.fees, i.closingBalance);
      installments += schedule.length;
    }
    for (const p of loan.payments) packed.payments.push(p.valueDate, p.amount, p.channel, p.reference, p.kind);
    for (const a of loan.allocations) packed.allocations.push(a.paymentId, a.installment, a.component, a.amount);
    for (const m of loan.monthEnds) packed.monthEnds.push(m.month, m.bucket, m.dpd, m.outstandingPrincipal);
    for (const e of loan.events) packed.events.push(e.event, e.businessDate, e.detail, e.paymentSlot ?? -1);
    packed.counts.push(installments, loan.payments.length, loan.allocations.length, loan.monthEnds.length, loan.events.length);
  }
  return packed;
}

/**
 * Writes packed loans table by table (their rows, then every month end, installment, payment, allocation and
 * event of the chunk): SQLite keeps one table's pages at hand at a time, which measured about 8% faster than
 * writing loan by loan.
 */
function writePackedLoans(ctx: ServiceContext, { entry: { at, by } }: BookPlanning, write: LoanHistoryWriter, packed: PackedLoans): void {
  const { rows, counts, installments: I, payments: P, allocations: A, monthEnds: M, events: E } = packed;
  const loanIds = rows.map((row) => insertLoan(ctx.db, row));
  const monthEnd = monthEndWriter(ctx.db);
  for (let k = 0, m = 0; k < rows.length; k++) {
    for (const end = m + 4 * counts[5 * k + 3]!; m < end; m += 4) monthEnd(M[m] as string, loanIds[k]!, M[m + 1] as string, M[m + 2] as number, M[m + 3] as number);
  }
  for (let k = 0, i = 0; k < rows.length; k++) {
    for (const end = i + 11 * counts[5 * k]!; i < end; i += 11) write.installment(loanIds[k], I[i], I[i + 1], I[i + 2], I[i + 3], I[i + 4], I[i + 5], I[i + 6], I[i + 7], I[i + 8], I[i + 9], I[i + 10]);
  }
  // Payment ids in the chunk's order; a loan's payment slot k is paymentIds[its first + k].
  const paymentIds: number[] = [];
  const firstPayment: number[] = [];
  for (let k = 0, p = 0; k < rows.length; k++) {
    firstPayment.push(paymentIds.length);
    for (const end = p + 5 * counts[5 * k + 1]!; p < end; p += 5) paymentIds.push(write.payment(loanIds[k], P[p], P[p + 1], P[p + 2], P[p + 3], 'posted', P[p + 4], at, by));
  }
  for (let k = 0, a = 0; k < rows.length; k++) {
    for (const end = a + 4 * counts[5 * k + 2]!; a < end; a += 4) write.allocation(paymentIds[firstPayment[k]! + (A[a] as number)], loanIds[k], A[a + 1], A[a + 2], A[a + 3]);
  }
  for (let k = 0, e = 0; k < rows.length; k++) {
    for (const end = e + 4 * counts[5 * k + 4]!; e < end; e += 4) {
      const slot = E[e + 3] as number;
      // The payment's id leads the detail, as the one-loan services write it.
      const detail = slot < 0 ? E[e + 2] : `{"paymentId":${paymentIds[firstPayment[k]! + slot]!},${(E[e + 2] as string).slice(1)}`;
      write.event(loanIds[k], E[e], E[e + 1], detail, at, by);
    }
  }
}
