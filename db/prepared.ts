/**
 * Drizzle builds and SQLite prepares a statement on every call unless told otherwise; on hot paths
 * (servicing, the daily close, bulk loads) that dominates. `prepared` keeps one prepared query per
 * database connection and key.
 */
import { Column, getTableColumns, getTableName, sql } from 'drizzle-orm';
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

type Encoder = ((value: unknown) => unknown) | null;

/** How a column's values go to the driver: null for plain integer and text columns (most of a bulk load's values), else as drizzle encodes them (booleans, JSON …). */
function encoderOf(column: Column | undefined): Encoder {
  return !column || column.mapToDriverValue === Column.prototype.mapToDriverValue ? null : (value: unknown) => column.mapToDriverValue(value);
}

function toDriver(value: unknown, encode: Encoder): unknown {
  return value === null || !encode ? value : encode(value);
}

interface RowInserter {
  statement: { run(...values: unknown[]): { lastInsertRowid: number | bigint } };
  /** Per parameter: its property, how to encode it (null when the driver takes it as it is), its default. */
  names: string[];
  encoders: Encoder[];
  fallbacks: unknown[];
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
    return {
      statement: db.$client.prepare(query.sql),
      names: params.map((p) => p.name),
      encoders: params.map(({ column }) => encoderOf(column)),
      fallbacks: params.map((p) => p.fallback),
    };
  });
  const values = row as Record<string, unknown>;
  const { names, encoders, fallbacks } = inserter;
  const driverValues = new Array<unknown>(names.length);
  for (let k = 0; k < names.length; k++) {
    const given = values[names[k]!];
    driverValues[k] = toDriver(given === undefined ? fallbacks[k] : given, encoders[k]!);
  }
  return Number(inserter.statement.run(...driverValues).lastInsertRowid);
}

interface RowUpdater {
  statement: { run(...values: unknown[]): unknown };
  /** Per parameter: its property (`null` for the row id) and how to encode it. */
  names: Array<string | null>;
  encoders: Encoder[];
}

/**
 * Updates one row by id through a statement prepared once per table and set of columns. Preparing an
 * UPDATE also compiles the table's triggers into it, so on tables with triggers a statement built per
 * call costs more than the write.
 */
export function updateRow<T extends SQLiteTable & { id: Column }>(db: AppDatabase, table: T, id: number, changes: Partial<T['$inferInsert']>): void {
  const names = Object.keys(changes).filter((name) => (changes as Record<string, unknown>)[name] !== undefined).sort();
  if (names.length === 0) return;
  const updater = prepared(db, `updateRow:${getTableName(table)}:${names.join(',')}`, (): RowUpdater => {
    const query = db
      .update(table)
      .set(Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as never)
      .where(sql`${table.id} = ${sql.placeholder('__id')}`)
      .toSQL();
    const columns = getTableColumns(table) as Record<string, Column>;
    // Set values come wrapped with their column ({ value: placeholder, encoder }), the where clause's bare.
    const params = query.params.map((param) => {
      const p = param as { name?: string; value?: { name: string } };
      return p.value?.name ?? p.name!;
    });
    return {
      statement: db.$client.prepare(query.sql),
      names: params.map((name) => (name === '__id' ? null : name)),
      encoders: params.map((name) => encoderOf(columns[name])),
    };
  });
  const values = changes as Record<string, unknown>;
  const driverValues = updater.names.map((name, k) => (name === null ? id : toDriver(values[name], updater.encoders[k]!)));
  updater.statement.run(...driverValues);
}

/**
 * An INSERT of the given properties' columns, in that order, prepared once per connection: the bulk
 * loaders' hot path, where looking each value up by name (as insertRow does) costs as much as SQLite's
 * write. Values are encoded by their columns as drizzle would; returns the new row's id.
 */
export function rowWriter<T extends SQLiteTable>(db: AppDatabase, table: T, properties: ReadonlyArray<keyof T['$inferInsert'] & string>): (...values: unknown[]) => number {
  return prepared(db, `rowWriter:${getTableName(table)}:${properties.join(',')}`, () => {
    const columns = getTableColumns(table) as Record<string, Column>;
    const list = properties.map((property) => {
      const column = columns[property];
      if (!column) throw new Error(`rowWriter: ${getTableName(table)} has no ${property}`);
      return column;
    });
    const statement = db.$client.prepare(`INSERT INTO "${getTableName(table)}" (${list.map((c) => `"${c.name}"`).join(', ')}) VALUES (${list.map(() => '?').join(', ')})`);
    const encoders = list.map(encoderOf);
    if (encoders.every((encode) => encode === null)) return (...values: unknown[]) => Number(statement.run(...values).lastInsertRowid);
    return (...values: unknown[]) => Number(statement.run(...values.map((value, k) => toDriver(value, encoders[k]!))).lastInsertRowid);
  });
}
