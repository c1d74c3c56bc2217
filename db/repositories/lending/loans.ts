import { and, asc, count, desc, eq, gte, inArray, lt, lte, ne, or, sql, sum, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { insertRow, insertValues, prepared, rowLayout, rowValues, rowWriter } from '../../prepared';
import { borrowers, installments, legalCosts, loanEvents, loans, paymentAllocations, payments } from '../../schema';

export type LoanRow = typeof loans.$inferSelect;
export type NewLoanRow = typeof loans.$inferInsert;
export type InstallmentRow = typeof installments.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type AllocationRow = typeof paymentAllocations.$inferSelect;
export type LoanEventRow = typeof loanEvents.$inferSelect;

export function insertLoan(db: AppDatabase, row: NewLoanRow): number {
  return insertRow(db, loans, row);
}

/** A loan row's values in the table's layout, for a planning thread to hand over (LOAN_ROW says where the writer's reads sit). */
export function loanRowValues(row: NewLoanRow, into: unknown[]): unknown[] {
  return rowValues(rowLayout(loans), row, into);
}

export const LOAN_ROW = (() => {
  const { names } = rowLayout(loans);
  return { width: names.length, contractNo: names.indexOf('contractNo'), penaltyRate: names.indexOf('penaltyRate') };
})();

export function findLoan(db: AppDatabase, id: number): LoanRow | undefined {
  return prepared(db, 'findLoan', () => db.select().from(loans).where(eq(loans.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function findLoanByContract(db: AppDatabase, contractNo: string): LoanRow | undefined {
  return prepared(db, 'findLoanByContract', () => db.select().from(loans).where(eq(loans.contractNo, sql.placeholder('contractNo'))).prepare()).get({ contractNo });
}

export function updateLoan(db: AppDatabase, id: number, changes: Partial<NewLoanRow>): void {
  db.update(loans).set(changes).where(eq(loans.id, id)).run();
}

/** The register's figures after a replay (the daily close writes this for every changed loan). */
export type LoanSnapshot = Required<Pick<NewLoanRow, 'asOf' | 'outstandingPrincipal' | 'principalRepaid' | 'overduePrincipal' | 'overdueInterest' | 'penaltyOutstanding' | 'costsOutstanding' | 'dpd' | 'bucket' | 'classification' | 'nextDueDate' | 'status'>>;

export function updateLoanSnapshot(db: AppDatabase, id: number, snapshot: LoanSnapshot): void {
  // Update sets take SQL, not bare placeholders; every value here is a plain number or string.
  const p = (name: string) => sql`${sql.placeholder(name)}`;
  const statement = prepared(db, 'updateLoanSnapshot', () =>
    db
      .update(loans)
      .set({
        asOf: p('asOf'),
        outstandingPrincipal: p('outstandingPrincipal'),
        principalRepaid: p('principalRepaid'),
        overduePrincipal: p('overduePrincipal'),
        overdueInterest: p('overdueInterest'),
        penaltyOutstanding: p('penaltyOutstanding'),
        costsOutstanding: p('costsOutstanding'),
        dpd: p('dpd'),
        bucket: p('bucket'),
        classification: p('classification'),
        nextDueDate: p('nextDueDate'),
        status: p('status'),
      })
      .where(eq(loans.id, p('id')))
      .prepare(),
  );
  statement.run({ ...snapshot, id });
}

/** How many contract numbers already start with `prefix` (for the next sequence number). */
export function countContractsWithPrefix(db: AppDatabase, prefix: string): number {
  // A range on the unique index, not LIKE: LIKE would scan every contract number on each new loan.
  const query = prepared(db, 'countContractsWithPrefix', () =>
    db
      .select({ n: count() })
      .from(loans)
      .where(and(gte(loans.contractNo, sql.placeholder('from')), lt(loans.contractNo, sql.placeholder('to'))))
      .prepare(),
  );
  return query.get({ from: prefix, to: `${prefix}\uffff` })?.n ?? 0;
}

export function insertInstallments(db: AppDatabase, rows: Array<typeof installments.$inferInsert>): void {
  for (const row of rows) insertRow(db, installments, row);
}

export function installmentsOf(db: AppDatabase, loanId: number, version: number): InstallmentRow[] {
  const query = prepared(db, 'installmentsOf', () =>
    db
      .select()
      .from(installments)
      .where(and(eq(installments.loanId, sql.placeholder('loanId')), eq(installments.scheduleVersion, sql.placeholder('version'))))
      .orderBy(asc(installments.number))
      .prepare(),
  );
  return query.all({ loanId, version });
}

/** Enforcement costs charged to loans (from their legal cases). */
export function costsOfLoans(db: AppDatabase, loanIds: number[]): Array<{ loanId: number; date: string; amount: number }> {
  if (loanIds.length === 0) return [];
  return db
    .select({ loanId: legalCosts.claimId, date: legalCosts.costDate, amount: legalCosts.amount })
    .from(legalCosts)
    .where(and(eq(legalCosts.claimKind, 'loan'), inArray(legalCosts.claimId, loanIds)))
    .all();
}

/** The loans, current-version installments, payments, allocations and costs of a set of loans, in five queries. */
export function servicingRowsOf(db: AppDatabase, ids: readonly number[]) {
  const group = <T extends { loanId: number }>(rows: T[]) => {
    const byLoan = new Map<number, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) byLoan.get(row.loanId)!.push(row);
    return byLoan;
  };
  const list = [...ids];
  return {
    loans: db.select().from(loans).where(inArray(loans.id, list)).orderBy(asc(loans.id)).all(),
    installments: group(
      db
        .select({ installment: installments })
        .from(installments)
        .innerJoin(loans, and(eq(loans.id, installments.loanId), eq(loans.scheduleVersion, installments.scheduleVersion)))
        .where(inArray(installments.loanId, list))
        .orderBy(asc(installments.loanId), asc(installments.number))
        .all()
        .map((r) => r.installment),
    ),
    payments: group(db.select().from(payments).where(inArray(payments.loanId, list)).orderBy(asc(payments.loanId), asc(payments.valueDate), asc(payments.id)).all()),
    allocations: group(db.select().from(paymentAllocations).where(inArray(paymentAllocations.loanId, list)).orderBy(asc(paymentAllocations.loanId), asc(paymentAllocations.id)).all()),
    costs: group(costsOfLoans(db, list)),
  };
}

export function insertPayment(db: AppDatabase, row: typeof payments.$inferInsert): number {
  return insertRow(db, payments, row);
}

export function findPayment(db: AppDatabase, id: number): PaymentRow | undefined {
  return db.select().from(payments).where(eq(payments.id, id)).get();
}

export function updatePayment(db: AppDatabase, id: number, changes: Partial<typeof payments.$inferInsert>): void {
  db.update(payments).set(changes).where(eq(payments.id, id)).run();
}

export function paymentsOf(db: AppDatabase, loanId: number): PaymentRow[] {
  const query = prepared(db, 'paymentsOf', () =>
    db.select().from(payments).where(eq(payments.loanId, sql.placeholder('loanId'))).orderBy(asc(payments.valueDate), asc(payments.id)).prepare(),
  );
  return query.all({ loanId });
}

/** Allocations are derived from the replay: the loan's set is replaced as a whole. */
export function replaceAllocations(db: AppDatabase, loanId: number, rows: Array<typeof paymentAllocations.$inferInsert>): void {
  prepared(db, 'deleteAllocations', () => db.delete(paymentAllocations).where(eq(paymentAllocations.loanId, sql.placeholder('loanId'))).prepare()).run({ loanId });
  insertAllocations(db, rows);
}

export function insertAllocations(db: AppDatabase, rows: Array<typeof paymentAllocations.$inferInsert>): void {
  for (const row of rows) insertRow(db, paymentAllocations, row);
}

export function allocationsOf(db: AppDatabase, loanId: number): AllocationRow[] {
  const query = prepared(db, 'allocationsOf', () =>
    db.select().from(paymentAllocations).where(eq(paymentAllocations.loanId, sql.placeholder('loanId'))).orderBy(asc(paymentAllocations.id)).prepare(),
  );
  return query.all({ loanId });
}

/**
 * The rows of loans loaded with their history (the book loader), written value by value: millions of
 * them, so no row object is built or read back by name. Each takes its columns in the order named here.
 */
export function loanHistoryWriter(db: AppDatabase) {
  return {
    /** A loan row from its values (loanRowValues) starting at `from`. */
    loan: (values: readonly unknown[], from: number) => insertValues(db, loans, values, from),
    installment: rowWriter(db, installments, ['loanId', 'scheduleVersion', 'number', 'periodStart', 'periodEnd', 'dueDate', 'days', 'openingBalance', 'principal', 'interest', 'fees', 'closingBalance', 'penaltyRate', 'paidBy']),
    payment: rowWriter(db, payments, ['loanId', 'valueDate', 'amount', 'channel', 'reference', 'status', 'kind', 'reversalReason', 'reversedAt', 'reversedBy', 'createdAt', 'createdBy']),
    allocation: rowWriter(db, paymentAllocations, ['paymentId', 'loanId', 'installmentNumber', 'component', 'amount']),
    event: rowWriter(db, loanEvents, ['loanId', 'event', 'businessDate', 'detail', 'paymentId', 'at', 'by']),
    markReversed: (id: number, reversalId: number) => markEventReversed(db, id, reversalId),
  };
}

export type LoanHistoryWriter = ReturnType<typeof loanHistoryWriter>;

export function insertLoanEvent(db: AppDatabase, row: typeof loanEvents.$inferInsert): number {
  return insertRow(db, loanEvents, row);
}

/** Marks a step's event as undone by the reversal event `reversalId` (the step stays on file). */
export function markEventReversed(db: AppDatabase, id: number, reversalId: number): void {
  db.update(loanEvents).set({ reversedBy: reversalId }).where(eq(loanEvents.id, id)).run();
}

export function findLoanEvent(db: AppDatabase, id: number): LoanEventRow | undefined {
  return db.select().from(loanEvents).where(eq(loanEvents.id, id)).get();
}

/** The step event that received a payment. */
export function eventOfPayment(db: AppDatabase, paymentId: number): LoanEventRow | undefined {
  return db.select().from(loanEvents).where(eq(loanEvents.paymentId, paymentId)).orderBy(asc(loanEvents.id)).get();
}

export function eventsOf(db: AppDatabase, loanId: number): LoanEventRow[] {
  return db.select().from(loanEvents).where(eq(loanEvents.loanId, loanId)).orderBy(asc(loanEvents.id)).all();
}

/**
 * What the borrowers owe on loans still on the book: the outstanding principal of loans lent and the
 * principal of loans approved and not yet lent, leaving out one loan (the one being approved).
 */
export function lendingExposure(db: AppDatabase, borrowerIds: readonly number[], exceptLoanId: number): number {
  if (borrowerIds.length === 0) return 0;
  const row = db
    .select({ total: sql<number>`COALESCE(SUM(CASE ${loans.status} WHEN 'disbursed' THEN ${loans.outstandingPrincipal} WHEN 'approved' THEN ${loans.principal} ELSE 0 END), 0)` })
    .from(loans)
    .where(and(inArray(loans.borrowerId, [...borrowerIds]), sql`${loans.id} <> ${exceptLoanId}`))
    .get();
  return Number(row?.total ?? 0);
}

export function anyLoan(db: AppDatabase): boolean {
  return db.select({ id: loans.id }).from(loans).limit(1).get() !== undefined;
}

export function countLoansWithStatus(db: AppDatabase, status: LoanRow['status']): number {
  return db.select({ n: count() }).from(loans).where(eq(loans.status, status)).get()?.n ?? 0;
}

export interface LoanQuery {
  q?: string | undefined;
  status?: LoanRow['status'] | undefined;
  bucket?: string | undefined;
  classification?: string | undefined;
  officer?: string | undefined;
  productId?: number | undefined;
  securityType?: LoanRow['securityType'] | undefined;
  borrowerId?: number | undefined;
  disbursedFrom?: string | undefined;
  disbursedTo?: string | undefined;
  overdue?: boolean | undefined;
  nonPerforming?: boolean | undefined;
  sort: 'contractNo' | 'principal' | 'outstandingPrincipal' | 'dpd' | 'disbursementDate';
  direction: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const SORT_COLUMNS = {
  contractNo: loans.contractNo,
  principal: loans.principal,
  outstandingPrincipal: loans.outstandingPrincipal,
  dpd: loans.dpd,
  disbursementDate: loans.disbursementDate,
} as const;

/**
 * The search box: a contract-number prefix, or a borrower whose name contains the text. The unary
 * plus keeps SQLite from answering it through the contract and borrower indexes (then reading and
 * sorting every matching row); it is tested on the register index entries instead.
 */
function searchCondition(db: AppDatabase, q: string): SQL {
  const term = q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  const named = db.select({ id: borrowers.id }).from(borrowers).where(sql`${borrowers.name} LIKE ${`%${term}%`} ESCAPE '\\'`);
  const prefixes = [...new Set([q, q.toUpperCase()])].map((prefix) => sql`(+${loans.contractNo} >= ${prefix} AND +${loans.contractNo} < ${`${prefix}\uffff`})`);
  return sql`(${sql.join([...prefixes, sql`+${loans.borrowerId} IN ${named}`], sql` OR `)})`;
}

/**
 * One register page: the filters and sort run on a register index alone (see the schema), picking 50
 * ids; only those rows are then read in full. The totals row sums the same filter over an index.
 */
export function queryLoans(db: AppDatabase, query: LoanQuery) {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(loans.status, query.status));
  if (query.bucket) conditions.push(eq(loans.bucket, query.bucket));
  if (query.classification) conditions.push(eq(loans.classification, query.classification));
  if (query.officer) conditions.push(eq(loans.loanOfficer, query.officer));
  if (query.productId) conditions.push(eq(loans.productId, query.productId));
  if (query.securityType) conditions.push(eq(loans.securityType, query.securityType));
  if (query.borrowerId) conditions.push(eq(loans.borrowerId, query.borrowerId));
  if (query.disbursedFrom) conditions.push(gte(loans.disbursementDate, query.disbursedFrom));
  if (query.disbursedTo) conditions.push(lte(loans.disbursementDate, query.disbursedTo));
  // Both mean loans on the book: a written-off loan keeps its last class and bucket.
  if (query.overdue) conditions.push(eq(loans.status, 'disbursed'), ne(loans.bucket, 'current'));
  if (query.nonPerforming) conditions.push(eq(loans.status, 'disbursed'), inArray(loans.classification, ['substandard', 'doubtful', 'loss']));
  if (query.q) conditions.push(searchCondition(db, query.q));
  const where = conditions.length ? and(...conditions) : undefined;
  const totals = db
    .select({ n: count(), principal: sum(loans.principal), outstanding: sum(loans.outstandingPrincipal), overdue: sum(loans.overduePrincipal) })
    .from(loans)
    .where(where)
    .get();
  const column = SORT_COLUMNS[query.sort];
  // Contract numbers are unique: ordered by the number alone, SQLite reads the covering register index;
  // with the id as tiebreaker it walks the unique index and reads every row to test the filters.
  const by = query.direction === 'asc' ? asc : desc;
  const order = query.sort === 'contractNo' ? [by(column)] : [by(column), by(loans.id)];
  const page = db
    .select({ id: loans.id })
    .from(loans)
    .where(where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const rows = db
    .select({ loan: loans, borrowerName: borrowers.name, borrowerKind: borrowers.kind, borrowerIdNumber: borrowers.idNumber })
    .from(loans)
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(inArray(loans.id, page))
    .orderBy(...order)
    .all();
  return {
    rows,
    total: totals?.n ?? 0,
    sums: { principal: Number(totals?.principal ?? 0), outstanding: Number(totals?.outstanding ?? 0), overdue: Number(totals?.overdue ?? 0) },
  };
}

/**
 * Disbursed loans whose figures can change by `to`: past due, carrying penalty, held credit, or with a
 * due date on or before it. A loan that is current with its next due date after `to` does not change.
 */
export function loanIdsToRefresh(db: AppDatabase, to: string, afterId: number): number[] {
  return db
    .select({ id: loans.id })
    .from(loans)
    .where(
      and(
        eq(loans.status, 'disbursed'),
        sql`${loans.id} > ${afterId}`,
        or(sql`${loans.dpd} > 0`, sql`${loans.penaltyOutstanding} > 0`, sql`${loans.nextDueDate} IS NULL`, lte(loans.nextDueDate, to), sql`${loans.asOf} IS NULL`),
      ),
    )
    .orderBy(asc(loans.id))
    .all()
    .map((r) => r.id);
}

