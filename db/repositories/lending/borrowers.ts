import { and, asc, count, desc, eq, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { insertRow, prepared } from '../../prepared';
import { borrowerRelatedPersons, borrowers } from '../../schema';
import type { BorrowerKind, IdType } from '../../../shared/lending/borrower';

export type BorrowerRow = typeof borrowers.$inferSelect;
export type NewBorrowerRow = typeof borrowers.$inferInsert;
export type RelatedPersonRow = typeof borrowerRelatedPersons.$inferSelect;
export type NewRelatedPersonRow = typeof borrowerRelatedPersons.$inferInsert;
export type BorrowerChanges = Omit<NewBorrowerRow, 'id' | 'version' | 'createdAt' | 'createdBy'>;

export function insertBorrower(db: AppDatabase, row: NewBorrowerRow): number {
  return insertRow(db, borrowers, row);
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
  return prepared(db, 'findBorrowerRow', () => db.select().from(borrowers).where(eq(borrowers.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function findBorrowerIdByIdentity(db: AppDatabase, idType: IdType, idNumber: string): number | undefined {
  const query = prepared(db, 'findBorrowerIdByIdentity', () =>
    db
      .select({ id: borrowers.id })
      .from(borrowers)
      .where(and(eq(borrowers.idType, sql.placeholder('idType')), eq(borrowers.idNumber, sql.placeholder('idNumber'))))
      .prepare(),
  );
  return query.get({ idType, idNumber })?.id;
}

export function activeRelatedPersons(db: AppDatabase, borrowerId: number): RelatedPersonRow[] {
  const query = prepared(db, 'activeRelatedPersons', () =>
    db
      .select()
      .from(borrowerRelatedPersons)
      .where(and(eq(borrowerRelatedPersons.borrowerId, sql.placeholder('borrowerId')), isNull(borrowerRelatedPersons.removedAt)))
      .orderBy(asc(borrowerRelatedPersons.id))
      .prepare(),
  );
  return query.all({ borrowerId });
}

export function insertRelatedPerson(db: AppDatabase, row: NewRelatedPersonRow): void {
  insertRow(db, borrowerRelatedPersons, row);
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

/** Every borrower's id and kind (the demo picks guarantee clients from them). */
export function allBorrowerRows(db: AppDatabase): Array<Pick<BorrowerRow, 'id' | 'kind'>> {
  return db.select({ id: borrowers.id, kind: borrowers.kind }).from(borrowers).orderBy(asc(borrowers.id)).all();
}

export function allBorrowerIds(db: AppDatabase): number[] {
  return db.select({ id: borrowers.id }).from(borrowers).orderBy(asc(borrowers.id)).all().map((r) => r.id);
}

/**
 * 关联方: other borrowers tied to this one by an identity number on file — a related person of this
 * borrower who is a borrower too, a borrower who names this one as a related person, or a borrower
 * controlled by the same person (shareholder, actual controller, legal representative). Contacts
 * named only for reaching someone do not make a party related.
 */
export function relatedBorrowerIds(db: AppDatabase, borrowerId: number): number[] {
  const rows = db.all<{ id: number }>(sql`
    WITH me AS (SELECT id_type, id_number FROM borrowers WHERE id = ${borrowerId}),
    mine AS (
      SELECT id_number, relationship FROM borrower_related_persons
      WHERE borrower_id = ${borrowerId} AND removed_at IS NULL AND id_number IS NOT NULL AND relationship <> 'contact'
    )
    SELECT b.id FROM borrowers b WHERE b.id_number IN (SELECT id_number FROM mine)
    UNION
    SELECT r.borrower_id FROM borrower_related_persons r
      WHERE r.removed_at IS NULL AND r.relationship <> 'contact' AND r.id_number = (SELECT id_number FROM me)
    UNION
    SELECT r.borrower_id FROM borrower_related_persons r
      WHERE r.removed_at IS NULL AND r.relationship IN ('shareholder', 'actual-controller', 'legal-representative')
        AND r.id_number IN (SELECT id_number FROM mine WHERE relationship IN ('shareholder', 'actual-controller', 'legal-representative'))
  `);
  return rows.map((r) => r.id).filter((id) => id !== borrowerId);
}
