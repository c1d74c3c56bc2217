import { and, asc, count, desc, eq, gte, inArray, like, lte, or, sql, sum, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { prepared } from '../../prepared';
import { borrowers, installments, loanEvents, loans, paymentAllocations, payments } from '../../schema';

export type LoanRow = typeof loans.$inferSelect;
export type NewLoanRow = typeof loans.$inferInsert;
export type InstallmentRow = typeof installments.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type AllocationRow = typeof paymentAllocations.$inferSelect;
export type LoanEventRow = typeof loanEvents.$inferSelect;

export function insertLoan(db: AppDatabase, row: NewLoanRow): number {
  return db.insert(loans).values(row).returning({ id: loans.id }).get().id;
}

export function findLoan(db: AppDatabase, id: number): LoanRow | undefined {
  return prepared(db, 'findLoan', () => db.select().from(loans).where(eq(loans.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function findLoanByContract(db: AppDatabase, contractNo: string): LoanRow | undefined {
  return prepared(db, 'findLoanByContract', () => db.select().from(loans).where(eq(loans.contractNo, sql.placeholder('contractNo'))).prepare()).get({ contractNo });
}

export function updateLoan(db: AppDatabase, id: number, changes: Partial<NewLoanRow>): void {
  db.update(loans).set(changes).where(eq(loans.id, id)).run();
}

/** How many contract numbers already start with `prefix` (for the next sequence number). */
export function countContractsWithPrefix(db: AppDatabase, prefix: string): number {
  return db.select({ n: count() }).from(loans).where(like(loans.contractNo, `${prefix}%`)).get()?.n ?? 0;
}

export function insertInstallments(db: AppDatabase, rows: Array<typeof installments.$inferInsert>): void {
  for (let k = 0; k < rows.length; k += 500) db.insert(installments).values(rows.slice(k, k + 500)).run();
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

export function insertPayment(db: AppDatabase, row: typeof payments.$inferInsert): number {
  return db.insert(payments).values(row).returning({ id: payments.id }).get().id;
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
  const p = (name: string) => sql.placeholder(name);
  prepared(db, 'deleteAllocations', () => db.delete(paymentAllocations).where(eq(paymentAllocations.loanId, p('loanId'))).prepare()).run({ loanId });
  const insert = prepared(db, 'insertAllocation', () =>
    db.insert(paymentAllocations).values({ paymentId: p('paymentId'), loanId: p('loanId'), installmentNumber: p('installmentNumber'), component: p('component'), amount: p('amount') }).prepare(),
  );
  for (const row of rows) insert.run({ installmentNumber: null, ...row });
}

export function allocationsOf(db: AppDatabase, loanId: number): AllocationRow[] {
  return db.select().from(paymentAllocations).where(eq(paymentAllocations.loanId, loanId)).orderBy(asc(paymentAllocations.id)).all();
}

export function insertLoanEvent(db: AppDatabase, row: typeof loanEvents.$inferInsert): void {
  const p = (name: string) => sql.placeholder(name);
  const statement = prepared(db, 'insertLoanEvent', () =>
    db.insert(loanEvents).values({ loanId: p('loanId'), event: p('event'), businessDate: p('businessDate'), detail: p('detail'), at: p('at'), by: p('by') }).prepare(),
  );
  statement.run({ detail: null, ...row });
}

export function eventsOf(db: AppDatabase, loanId: number): LoanEventRow[] {
  return db.select().from(loanEvents).where(eq(loanEvents.loanId, loanId)).orderBy(asc(loanEvents.id)).all();
}

export function loanIdsWithStatus(db: AppDatabase, statuses: LoanRow['status'][]): number[] {
  return db.select({ id: loans.id }).from(loans).where(inArray(loans.status, statuses)).orderBy(asc(loans.id)).all().map((r) => r.id);
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
  if (query.q) {
    const term = query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    conditions.push(or(sql`${loans.contractNo} LIKE ${`${term}%`} ESCAPE '\\'`, sql`${borrowers.name} LIKE ${`%${term}%`} ESCAPE '\\'`)!);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const totals = db
    .select({ n: count(), principal: sum(loans.principal), outstanding: sum(loans.outstandingPrincipal), overdue: sum(loans.overduePrincipal) })
    .from(loans)
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(where)
    .get();
  const column = SORT_COLUMNS[query.sort];
  const rows = db
    .select({ loan: loans, borrowerName: borrowers.name, borrowerKind: borrowers.kind, borrowerIdNumber: borrowers.idNumber })
    .from(loans)
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(where)
    .orderBy(query.direction === 'asc' ? asc(column) : desc(column), asc(loans.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
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

/** The as-of date of every other disbursed loan moves with the close. */
export function stampLoansAsOf(db: AppDatabase, to: string): void {
  db.update(loans).set({ asOf: to }).where(eq(loans.status, 'disbursed')).run();
}
