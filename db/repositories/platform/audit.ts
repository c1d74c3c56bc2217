import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { insertRow, prepared } from '../../prepared';
import { auditLog } from '../../schema';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export function lastAuditHash(db: AppDatabase): string | undefined {
  const query = prepared(db, 'lastAuditHash', () => db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).prepare());
  return query.get()?.hash;
}

export function insertAudit(db: AppDatabase, row: NewAuditRow): void {
  insertRow(db, auditLog, row);
}

/** Every entry in order, streamed, for verification. */
export function* allAuditRows(db: AppDatabase, batch = 5000): Generator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = db.select().from(auditLog).where(gte(auditLog.id, after + 1)).orderBy(auditLog.id).limit(batch).all();
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.id;
  }
}

export interface AuditQuery {
  entityType?: string | null;
  entityId?: string | null;
  userName?: string | null;
  channel?: string | null;
  /** Instants (UTC ISO) bounding `at`: from inclusive, to exclusive. */
  fromInstant?: string;
  toInstant?: string;
  page: number;
  pageSize: number;
}

export function queryAudit(db: AppDatabase, query: AuditQuery): { rows: AuditRow[]; total: number } {
  const conditions: SQL[] = [];
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.userName) conditions.push(eq(auditLog.userName, query.userName));
  if (query.channel) conditions.push(eq(auditLog.channel, query.channel));
  if (query.fromInstant) conditions.push(gte(auditLog.at, query.fromInstant));
  if (query.toInstant) conditions.push(lt(auditLog.at, query.toInstant));
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .all();
  return { rows, total };
}

/** The highest id ever issued (AUTOINCREMENT never reuses ids): reveals entries deleted from the end. */
export function auditIdsIssued(db: AppDatabase): number {
  const row = db.get<{ seq: number } | undefined>(sql`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`);
  return row?.seq ?? 0;
}
