import { and, asc, count, desc, eq, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { borrowerRelatedPersons, borrowers } from '../../schema';
import type { BorrowerKind, IdType } from '../../../shared/lending/borrower';

export type BorrowerRow = typeof borrowers.$inferSelect;
export type NewBorrowerRow = typeof borrowers.$inferInsert;
export type RelatedPersonRow = typeof borrowerRelatedPersons.$inferSelect;
export type NewRelatedPersonRow = typeof borrowerRelatedPersons.$inferInsert;
export type BorrowerChanges = Omit<NewBorrowerRow, 'id' | 'version' | 'createdAt' | 'createdBy'>;

export function insertBorrower(db: AppDatabase, row: NewBorrowerRow): number {
  return db.insert(borrowers).values(row).returning({ id: borrowers.id }).get().id;
}

/** Optimistic update: succeeds only if nobody changed the row since `version` was read. */
export function updateBorrowerRow(db: AppDatabase, id: number, version: number, changes: BorrowerChanges): boolean {
  const result = db
    .update(borrowers)
    .set({ ...changes, version: sql`${borrowers.version} + 1` })
    .where(and(eq(borrowers.id, id), eq(borrowers.version, version)))
    .run();
  return result.changes === 1;
}

export function findBorrowerRow(db: AppDatabase, id: number): BorrowerRow | undefined {
  return db.select().from(borrowers).where(eq(borrowers.id, id)).get();
}

export function findBorrowerIdByIdentity(db: AppDatabase, idType: IdType, idNumber: string): number | undefined {
  return db
    .select({ id: borrowers.id })
    .from(borrowers)
    .where(and(eq(borrowers.idType, idType), eq(borrowers.idNumber, idNumber)))
    .get()?.id;
}

export function activeRelatedPersons(db: AppDatabase, borrowerId: number): RelatedPersonRow[] {
  return db
    .select()
    .from(borrowerRelatedPersons)
    .where(and(eq(borrowerRelatedPersons.borrowerId, borrowerId), isNull(borrowerRelatedPersons.removedAt)))
    .orderBy(asc(borrowerRelatedPersons.id))
    .all();
}

export function insertRelatedPerson(db: AppDatabase, row: NewRelatedPersonRow): void {
  db.insert(borrowerRelatedPersons).values(row).run();
}

export function updateRelatedPerson(db: AppDatabase, id: number, changes: Partial<NewRelatedPersonRow>): void {
  db.update(borrowerRelatedPersons).set(changes).where(eq(borrowerRelatedPersons.id, id)).run();
}

export interface BorrowerQuery {
  q?: string | undefined;
  kind?: BorrowerKind | undefined;
  page: number;
  pageSize: number;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function likeEscaped(column: AnyColumn, pattern: string): SQL {
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

export function queryBorrowers(db: AppDatabase, query: BorrowerQuery): { rows: BorrowerRow[]; total: number } {
  const conditions: SQL[] = [];
  if (query.kind) conditions.push(eq(borrowers.kind, query.kind));
  if (query.q) {
    const term = escapeLike(query.q);
    conditions.push(
      or(
        likeEscaped(borrowers.name, `%${term}%`),
        likeEscaped(borrowers.idNumber, `${term.toUpperCase()}%`),
        likeEscaped(borrowers.phone, `%${term}%`),
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: count() }).from(borrowers).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(borrowers)
    .where(where)
    .orderBy(desc(borrowers.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .all();
  return { rows, total };
}

export function allBorrowerIds(db: AppDatabase): number[] {
  return db.select({ id: borrowers.id }).from(borrowers).orderBy(asc(borrowers.id)).all().map((r) => r.id);
}
