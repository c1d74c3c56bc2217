import { eq, sql } from 'drizzle-orm';
import { prepared } from '../../prepared';
import type { AppDatabase } from '../../open';
import { settings } from '../../schema';

export function readSetting(db: AppDatabase, key: string): unknown {
  const query = prepared(db, 'readSetting', () =>
    db.select({ value: settings.value }).from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare(),
  );
  const row = query.get({ key });
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export function writeSetting(db: AppDatabase, key: string, value: unknown, by: string, at: string): void {
  const json = JSON.stringify(value);
  db.insert(settings)
    .values({ key, value: json, updatedAt: at, updatedBy: by })
    .onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt: at, updatedBy: by } })
    .run();
}

export function deleteSetting(db: AppDatabase, key: string): void {
  db.delete(settings).where(eq(settings.key, key)).run();
}
