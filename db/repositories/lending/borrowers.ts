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
 * 关联方 links between borrowers, by identity numbers on file: a related person of one borrower who is
 * a borrower too (either way round), or two borrowers controlled by the same person (shareholder,
 * actual controller, legal representative). Contacts named only for reaching someone do not count.
 */
export function relatedBorrowerPairs(db: AppDatabase): Array<[number, number]> {
  return pairs(db, [sql`TRUE`], [sql`TRUE`]);
}

/** The links of these borrowers only (the guarantee entry check walks one client's group, not everyone's). */
export function relatedPairsOf(db: AppDatabase, borrowerIds: readonly number[]): Array<[number, number]> {
  if (borrowerIds.length === 0) return [];
  // One IN per branch, each on the table it starts from, so every branch walks an index; prepared once
  // per number of ids (the entry check's walk mostly asks for one).
  const query = prepared(db, `relatedPairsOf:${borrowerIds.length}`, () => {
    const ids = sql.join(borrowerIds.map((_, k) => sql.placeholder(`id${k}`)), sql`, `);
    return pairsQuery(db, [sql`r.borrower_id IN (${ids})`, sql`b.id IN (${ids})`], [sql`r1.borrower_id IN (${ids})`, sql`r2.borrower_id IN (${ids})`]).prepare();
  });
  return query.all(Object.fromEntries(borrowerIds.map((id, k) => [`id${k}`, id]))).map((r) => [r.a, r.b]);
}

const CONTROLLING = sql`('shareholder', 'actual-controller', 'legal-representative')`;

function pairs(db: AppDatabase, personIsBorrower: SQL[], sharedController: SQL[]): Array<[number, number]> {
  return pairsQuery(db, personIsBorrower, sharedController).all().map((r) => [r.a, r.b]);
}

function pairsQuery(db: AppDatabase, personIsBorrower: SQL[], sharedController: SQL[]) {
  const branches = [
    ...personIsBorrower.map((where) => sql`SELECT r.borrower_id AS a, b.id AS b FROM borrower_related_persons r
      JOIN borrowers b ON b.id_number = r.id_number
      WHERE r.removed_at IS NULL AND r.relationship <> 'contact' AND b.id <> r.borrower_id AND ${where}`),
    ...sharedController.map((where) => sql`SELECT r1.borrower_id AS a, r2.borrower_id AS b FROM borrower_related_persons r1
      JOIN borrower_related_persons r2 ON r2.id_number = r1.id_number AND r2.borrower_id > r1.borrower_id
      WHERE r1.removed_at IS NULL AND r2.removed_at IS NULL AND r1.relationship IN ${CONTROLLING} AND r2.relationship IN ${CONTROLLING} AND ${where}`),
  ];
  return db.select({ a: sql<number>`a`, b: sql<number>`b` }).from(sql`(${sql.join(branches, sql` UNION `)})`);
}
