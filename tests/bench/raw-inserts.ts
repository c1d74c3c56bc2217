/**
 * The baseline for the bulk load: the rows the services wrote for the book, inserted again into an
 * empty database of the same schema through raw better-sqlite3 prepared statements — the floor for
 * writing those rows, without computing any of them. Timed by part of the book (each part's tables and
 * its share of the audit trail, one transaction committed within its time, as the load does), in the
 * order the services wrote them.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/open';
import { migrationsFolder } from '../../db/migrations-path';
import { tempDataDir } from '../helpers/runtime';

export interface BookPart {
  name: string;
  /** Its tables, parents first (tables kept by triggers are left to the same triggers here). */
  tables: string[];
  /** The audit entries its load wrote: ids in (after, upTo]. */
  audit: { after: number; upTo: number };
}

export async function rawInsertSeconds(sourceFile: string, parts: readonly BookPart[]): Promise<{ seconds: number; rows: number; parts: Array<{ name: string; seconds: number; rows: number }> }> {
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
  const read = (name: string, where = '') => {
    const columns = (source.prepare(`PRAGMA table_info(${name})`).all() as Array<{ name: string }>).map((c) => c.name);
    return { name, columns, rows: source.prepare(`SELECT ${columns.join(', ')} FROM ${name} ${where}`).raw().all() as unknown[][] };
  };
  const loaded = parts.map((part) => ({ name: part.name, tables: [...part.tables.map((t) => read(t)), read('audit_log', `WHERE id > ${part.audit.after} AND id <= ${part.audit.upTo} ORDER BY id`)] }));
  source.close();
  const timed: Array<{ name: string; seconds: number; rows: number }> = [];
  // Each part in a transaction of its own, committed inside its time, as the load commits each part: the
  // commit (and the WAL checkpoint SQLite runs after it) is part of writing the rows on both sides.
  for (const part of loaded) {
    const start = performance.now();
    db.transaction(() => {
      for (const t of part.tables) {
        const insert = db.prepare(`INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
        for (const row of t.rows) insert.run(...row);
      }
    })();
    timed.push({ name: part.name, seconds: (performance.now() - start) / 1000, rows: part.tables.reduce((s, t) => s + t.rows.length, 0) });
  }
  db.close();
  return { seconds: timed.reduce((s, p) => s + p.seconds, 0), rows: timed.reduce((s, p) => s + p.rows, 0), parts: timed };
}
