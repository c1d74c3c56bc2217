/** Collateral and guarantors: the records and their links to loans. */
import { and, asc, eq, isNull, sum } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { borrowers, collateral, collateralValuations, loanCollateral, loanGuarantors } from '../../schema';

export type CollateralRow = typeof collateral.$inferSelect;

export function insertCollateral(db: AppDatabase, row: typeof collateral.$inferInsert): number {
  return db.insert(collateral).values(row).returning({ id: collateral.id }).get().id;
}

export function findCollateral(db: AppDatabase, id: number): CollateralRow | undefined {
  return db.select().from(collateral).where(eq(collateral.id, id)).get();
}

export function updateCollateral(db: AppDatabase, id: number, changes: Partial<typeof collateral.$inferInsert>): void {
  db.update(collateral).set(changes).where(eq(collateral.id, id)).run();
}

export function collateralOwnedBy(db: AppDatabase, borrowerId: number | undefined): CollateralRow[] {
  const query = db.select().from(collateral);
  return (borrowerId ? query.where(eq(collateral.ownerBorrowerId, borrowerId)) : query).orderBy(asc(collateral.id)).all();
}

export function insertValuation(db: AppDatabase, row: typeof collateralValuations.$inferInsert): void {
  db.insert(collateralValuations).values(row).run();
}

export function valuationsOf(db: AppDatabase, collateralId: number) {
  return db.select().from(collateralValuations).where(eq(collateralValuations.collateralId, collateralId)).orderBy(asc(collateralValuations.valuedOn), asc(collateralValuations.id)).all();
}

/** How much of an item's value active links already claim. */
export function securedTotal(db: AppDatabase, collateralId: number): number {
  const row = db
    .select({ total: sum(loanCollateral.securedAmount) })
    .from(loanCollateral)
    .where(and(eq(loanCollateral.collateralId, collateralId), isNull(loanCollateral.releasedAt)))
    .get();
  return Number(row?.total ?? 0);
}

export function insertLoanCollateral(db: AppDatabase, row: typeof loanCollateral.$inferInsert): void {
  db.insert(loanCollateral).values(row).run();
}

export function collateralOfLoan(db: AppDatabase, loanId: number) {
  return db
    .select({ link: loanCollateral, item: collateral })
    .from(loanCollateral)
    .innerJoin(collateral, eq(collateral.id, loanCollateral.collateralId))
    .where(and(eq(loanCollateral.loanId, loanId), isNull(loanCollateral.releasedAt)))
    .orderBy(asc(loanCollateral.id))
    .all();
}

export function insertLoanGuarantor(db: AppDatabase, row: typeof loanGuarantors.$inferInsert): void {
  db.insert(loanGuarantors).values(row).run();
}

export function guarantorsOfLoan(db: AppDatabase, loanId: number) {
  return db
    .select({ link: loanGuarantors, name: borrowers.name, kind: borrowers.kind })
    .from(loanGuarantors)
    .innerJoin(borrowers, eq(borrowers.id, loanGuarantors.guarantorId))
    .where(and(eq(loanGuarantors.loanId, loanId), isNull(loanGuarantors.releasedAt)))
    .orderBy(asc(loanGuarantors.id))
    .all();
}

/** Loans a person or company guarantees (active links). */
export function guaranteesGivenBy(db: AppDatabase, borrowerId: number) {
  return db.select().from(loanGuarantors).where(and(eq(loanGuarantors.guarantorId, borrowerId), isNull(loanGuarantors.releasedAt))).all();
}
