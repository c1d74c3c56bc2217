/**
 * Drizzle builds and SQLite prepares a statement on every call unless told otherwise; on hot paths
 * (servicing, the daily close, bulk loads) that dominates. `prepared` keeps one prepared query per
 * database connection and key.
 */
import type { AppDatabase } from './open';

const cache = new WeakMap<AppDatabase, Map<string, unknown>>();

export function prepared<T>(db: AppDatabase, key: string, build: () => T): T {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build();
    statements.set(key, statement);
  }
  return statement;
}
