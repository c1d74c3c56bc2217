/**
 * The baseline for the bulk load: the rows the services wrote for the book, inserted again into an
 * empty database of the same schema through raw better-sqlite3 prepared statements in one transaction
 * — the floor for writing those rows, without computing any of them.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/open';
import { migrationsFolder } from '../../db/migrations-path';
import { tempDataDir } from '../helpers/runtime';

/**
 * Every table the demo writes, parents first: the lending book, the guarantee book with its monitoring,
 * the collection contacts and the audit trail. Tables kept by triggers (receipts by month, guarantee
 * exposures) are left to the same triggers here.
 */
const BOOK_TABLES = [
  'loan_products', 'borrowers', 'borrower_related_persons', 'loans', 'installments', 'payments', 'payment_allocations', 'loan_events', 'loan_month_ends',
  'partner_banks', 'net_assets', 'guarantee_contracts', 'guarantee_events', 'monitoring_checks', 'warning_signals', 'collection_contacts', 'audit_log',
];

export async function rawInsertSeconds(sourceFile: string): Promise<{ seconds: number; rows: number }> {
  const target = path.join(tempDataDir('bench-raw'), 'raw.db');
  const empty = await openDatabase({ file: target, migrationsFolder: migrationsFolder() });
  empty.close();
  const source = new Database(sourceFile, { readonly: true });
  const db = new Database(target);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  // Read first (not timed): the baseline is the writing alone. A full scan returns rows in key order
  // (rowid, or the primary key of a WITHOUT ROWID table), which is the order they were written.
  const tables = BOOK_TABLES.map((name) => {
    const columns = (source.prepare(`PRAGMA table_info(${name})`).all() as Array<{ name: string }>).map((c) => c.name);
    return { name, columns, rows: source.prepare(`SELECT ${columns.join(', ')} FROM ${name}`).raw().all() as unknown[][] };
  });
  source.close();
  const start = performance.now();
  db.transaction(() => {
    for (const t of tables) {
      const insert = db.prepare(`INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
      for (const row of t.rows) insert.run(...row);
    }
  })();
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return { seconds, rows: tables.reduce((s, t) => s + t.rows.length, 0) };
}
