/**
 * Drizzle builds and SQLite prepares a statement on every call unless told otherwise; on hot paths
 * (servicing, the daily close, bulk loads) that dominates. `prepared` keeps one prepared query per
 * database connection and key.
 */
import { getTableColumns, getTableName, sql, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
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

interface RowInserter {
  statement: { run(...values: unknown[]): { lastInsertRowid: number | bigint } };
  params: Array<{ name: string; column: Column; fallback: unknown }>;
}

/**
 * Inserts one row through a statement prepared once per table, naming every column: columns the row
 * leaves out take their schema default (or null). Returns the new row's id. The bulk paths (book
 * load, import, demo) insert millions of rows, so drizzle only writes the SQL once; each row then goes
 * straight to the driver, its values encoded by their columns (booleans, JSON) as drizzle would.
 */
export function insertRow<T extends SQLiteTable>(db: AppDatabase, table: T, row: T['$inferInsert']): number {
  const inserter = prepared(db, `insertRow:${getTableName(table)}`, (): RowInserter => {
    const columns = getTableColumns(table) as Record<string, Column>;
    const names = Object.keys(columns).filter((name) => !columns[name]!.primary);
    const query = db
      .insert(table)
      .values(Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as T['$inferInsert'])
      .toSQL();
    const params = query.params.map((param) => {
      const { value, encoder } = param as { value: { name: string }; encoder: Column };
      const fallback = encoder.default;
      if (typeof fallback === 'object' && fallback !== null) throw new Error(`insertRow: ${value.name} has an SQL default`);
      return { name: value.name, column: encoder, fallback: fallback ?? null };
    });
    return { statement: db.$client.prepare(query.sql), params };
  });
  const values = row as Record<string, unknown>;
  const driverValues = inserter.params.map(({ name, column, fallback }) => {
    const value = values[name] === undefined ? fallback : values[name];
    return value === null ? null : column.mapToDriverValue(value);
  });
  return Number(inserter.statement.run(...driverValues).lastInsertRowid);
}
