import { desc, eq } from 'drizzle-orm';
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

/** The latest figure for a period ending on or before `date` (read by every guarantee's entry check: straight from the driver). */
export function netAssetsAsOf(db: AppDatabase, date: string): NetAssetsRow | undefined {
  const query = prepared(db, 'netAssetsAsOf', () =>
    db.$client.prepare<[string], NetAssetsRow>(
      'SELECT id, period_end AS periodEnd, amount, note, recorded_at AS recordedAt, recorded_by AS recordedBy FROM net_assets WHERE period_end <= ? ORDER BY period_end DESC LIMIT 1',
    ),
  );
  return query.get(date);
}

export function upsertNetAssets(db: AppDatabase, row: Omit<NetAssetsRow, 'id'>): void {
  db.insert(netAssets)
    .values(row)
    .onConflictDoUpdate({ target: netAssets.periodEnd, set: { amount: row.amount, note: row.note, recordedAt: row.recordedAt, recordedBy: row.recordedBy } })
    .run();
}
