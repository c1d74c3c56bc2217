import { desc, eq, lte, sql } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { prepared } from '../../prepared';
import { netAssets } from '../../schema';

export type NetAssetsRow = typeof netAssets.$inferSelect;

export function allNetAssets(db: AppDatabase): NetAssetsRow[] {
  return db.select().from(netAssets).orderBy(desc(netAssets.periodEnd)).all();
}

export function netAssetsFor(db: AppDatabase, periodEnd: string): NetAssetsRow | undefined {
  return db.select().from(netAssets).where(eq(netAssets.periodEnd, periodEnd)).get();
}

/** The latest figure for a period ending on or before `date`. */
export function netAssetsAsOf(db: AppDatabase, date: string): NetAssetsRow | undefined {
  const query = prepared(db, 'netAssetsAsOf', () =>
    db.select().from(netAssets).where(lte(netAssets.periodEnd, sql.placeholder('date'))).orderBy(desc(netAssets.periodEnd)).limit(1).prepare(),
  );
  return query.get({ date });
}

export function upsertNetAssets(db: AppDatabase, row: Omit<NetAssetsRow, 'id'>): void {
  db.insert(netAssets)
    .values(row)
    .onConflictDoUpdate({ target: netAssets.periodEnd, set: { amount: row.amount, note: row.note, recordedAt: row.recordedAt, recordedBy: row.recordedBy } })
    .run();
}
