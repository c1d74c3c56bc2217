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

/** The columns an insert names, in order: each with its encoder (null when the driver takes the value as it is) and its default. */
export interface RowLayout {
  names: string[];
  encoders: Encoder[];
  fallbacks: unknown[];
}

const layouts = new WeakMap<SQLiteTable, RowLayout>();

/** Every column of the table but its primary key, in the schema's order. Needs no connection (a planning thread builds rows with it). */
export function rowLayout(table: SQLiteTable): RowLayout {
  let layout = layouts.get(table);
  if (!layout) {
    const columns = getTableColumns(table) as Record<string, Column>;
    const names = Object.keys(columns).filter((name) => !columns[name]!.primary);
    layout = {
      names,
      encoders: names.map((name) => encoderOf(columns[name])),
      fallbacks: names.map((name) => {
        const fallback = columns[name]!.default;
        if (typeof fallback === 'object' && fallback !== null) throw new Error(`insertRow: ${name} has an SQL default`);
        return fallback ?? null;
      }),
    };
    layouts.set(table, layout);
  }
  return layout;
}

/** A row's values as the driver takes them, in the layout's order (columns it leaves out take their default, or null), appended to `into`. */
export function rowValues(layout: RowLayout, row: object, into: unknown[] = []): unknown[] {
  const values = row as Record<string, unknown>;
  const { names, encoders, fallbacks } = layout;
  for (let k = 0; k < names.length; k++) {
    const given = values[names[k]!];
    into.push(toDriver(given === undefined ? fallbacks[k] : given, encoders[k]!));
  }
  return into;
}

/** Inserts the row whose driver values start at `from` in `values` (rowValues's order); returns the new row's id. */
export function insertValues(db: AppDatabase, table: SQLiteTable, values: readonly unknown[], from = 0): number {
  const layout = rowLayout(table);
  const statement = prepared(db, `insertRow:${getTableName(table)}`, () => {
    const query = db
      .insert(table)
      .values(Object.fromEntries(layout.names.map((name) => [name, sql.placeholder(name)])) as never)
      .toSQL();
    const order = query.params.map((param) => (param as { value: { name: string } }).value.name);
    if (order.join() !== layout.names.join()) throw new Error(`insertRow: ${getTableName(table)} binds its columns in another order`);
    return db.$client.prepare(query.sql);
  });
  const count = layout.names.length;
  return Number(statement.run(...(from === 0 && values.length === count ? values : values.slice(from, from + count))).lastInsertRowid);
}

/**
 * Inserts one row through a statement prepared once per table, naming every column: columns the row
 * leaves out take their schema default (or null). Returns the new row's id. The bulk paths (book
 * load, import, demo) insert millions of rows, so drizzle only writes the SQL once; each row then goes
 * straight to the driver, its values encoded by their columns (booleans, JSON) as drizzle would.
 */
export function insertRow<T extends SQLiteTable>(db: AppDatabase, table: T, row: T['$inferInsert']): number {
  return insertValues(db, table, rowValues(rowLayout(table), row));
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
