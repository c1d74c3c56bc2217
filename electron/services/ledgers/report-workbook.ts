/**
 * The workbook an accountant trusts, for every ledger report: a cover sheet (company, report, as-of
 * date, filters, who and when), then the rows with headers in the user's language, amounts as numbers
 * in yuan with #,##0.00, dates as real dates, a frozen header, an autofilter, sensible widths and a
 * totals row of SUBTOTAL formulas (so it follows the filter) whose cached values are the app's totals.
 * Streamed row by row (constant memory) to a temporary name, renamed only when complete.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { columnName as columnLetter, XlsxStreamWriter, XlsxStyle, type XlsxCell, type XlsxStyleId } from './xlsx-stream';
import { reportFrameLabels, type ReportLanguage } from '../../../shared/i18n/reports';

export type ColumnKind = 'text' | 'money' | 'date' | 'int' | 'percent';

export interface ReportColumn<Row> {
  header: string;
  kind: ColumnKind;
  width: number;
  value: (row: Row) => string | number | null;
  /** Money columns: a SUBTOTAL in the totals row; the value is in fen for the exact total. */
  total?: (row: Row) => number;
}

export interface ReportMeta {
  company: string;
  title: string;
  asOf: string;
  filters: Array<[string, string]>;
  by: string;
  at: string;
  language: ReportLanguage;
  /**
   * A file another program imports (the voucher export) keeps its data on the first sheet and has no
   * totals row; its cover sheet follows the data and carries the totals instead.
   */
  forImport?: boolean;
  /** Extra lines on the cover sheet (totals of an import file, tie-outs). */
  notes?: Array<[string, string]>;
}

const STYLE_OF: Record<ColumnKind, XlsxStyleId> = { text: XlsxStyle.plain, money: XlsxStyle.money, date: XlsxStyle.date, int: XlsxStyle.int, percent: XlsxStyle.percent };

function cellOf(kind: ColumnKind, value: string | number | null): XlsxCell {
  if (value === null || value === '') return { value: null };
  if (kind === 'date') return { value: { date: String(value) }, style: XlsxStyle.date };
  if (kind === 'text') return { value: String(value) };
  const n = typeof value === 'number' ? value : Number(value);
  // Rates are given in percent (17.30) and written as the fraction Excel formats as a percentage (17.30%).
  if (kind === 'percent') return { value: Number((n / 100).toPrecision(12)), style: XlsxStyle.percent };
  return { value: n, style: STYLE_OF[kind] };
}

/** Progress and cancellation for a long export (the job registry passes them in). */
export interface WriteControl {
  onProgress?: (rows: number) => void;
  signal?: AbortSignal;
}

/** Rows between checks for cancellation, progress reports and a turn of the event loop. */
const YIELD_EVERY = 5_000;

export class ExportCancelled extends AppError {
  constructor() {
    super('conflict', 'export: cancelled; no file was written', { reason: 'exportCancelled' });
  }
}

/**
 * Counts a long export's rows and, every YIELD_EVERY of them, stops it if cancelled, reports progress, lets the
 * disk catch up and the event loop turn. Returns the rows counted so far.
 */
export function pacer(xlsx: XlsxStreamWriter, control: WriteControl): () => Promise<number> {
  let rows = 0;
  return async () => {
    rows++;
    if (rows % YIELD_EVERY === 0) {
      if (control.signal?.aborted) throw new ExportCancelled();
      control.onProgress?.(rows);
      await xlsx.drain();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return rows;
  };
}

export async function writeReport<Row>(file: string, meta: ReportMeta, columns: ReadonlyArray<ReportColumn<Row>>, rows: Iterable<Row>, control: WriteControl = {}): Promise<{ rows: number; totals: number[] }> {
  const labels = reportFrameLabels[meta.language];
  const partial = `${file}.partial`;
  // Files other programs import (the voucher export) name every cell's reference; see WriterOptions.
  const xlsx = new XlsxStreamWriter(partial, { cellReferences: Boolean(meta.forImport), created: new Date(meta.at) });
  const writeCover = () => {
    xlsx.startSheet(labels.cover, { widths: [18, 60] });
    xlsx.addRow([{ value: meta.company || 'LoanBridge', style: XlsxStyle.title }]);
    xlsx.addRow([{ value: meta.title, style: XlsxStyle.subtitle }]);
    const lines: Array<[string, string]> = [[labels.asOf, meta.asOf], ...meta.filters.map(([k, v]) => [`${labels.filter}：${k}`, v] as [string, string]), [labels.by, meta.by], [labels.at, meta.at], ...(meta.notes ?? [])];
    for (const [label, value] of lines) xlsx.addRow([{ value: label }, { value }]);
    xlsx.endSheet();
  };
  try {
    if (!meta.forImport) writeCover();
    // Lines worked out while the rows stream (summaries by bucket or class) follow the data on their own sheet.
    const notesOnCover = meta.forImport ? 0 : (meta.notes?.length ?? 0);
    xlsx.startSheet(meta.title, { widths: columns.map((c) => c.width), frozenHeader: true });
    xlsx.addRow(columns.map((c) => ({ value: c.header, style: XlsxStyle.header })));
    const totals = columns.map(() => 0);
    const step = pacer(xlsx, control);
    let count = 0;
    for (const row of rows) {
      const cells: XlsxCell[] = [];
      for (let k = 0; k < columns.length; k++) {
        const c = columns[k]!;
        cells.push(cellOf(c.kind, c.value(row)));
        if (c.total) totals[k]! += c.total(row);
      }
      xlsx.addRow(cells);
      count = await step();
    }
    if (control.signal?.aborted) throw new ExportCancelled();
    const last = count + 1;
    if (!meta.forImport) {
      xlsx.addRow(
        columns.map((c, k): XlsxCell => {
          if (k === 0) return { value: labels.total, style: XlsxStyle.bold };
          if (!c.total) return { value: null };
          const letter = columnLetter(k);
          return { value: { formula: `SUBTOTAL(109,${letter}2:${letter}${Math.max(2, last)})`, result: totals[k]! / 100 }, style: XlsxStyle.boldMoney };
        }),
      );
    }
    xlsx.autoFilter(`A1:${columnLetter(columns.length - 1)}${last}`);
    xlsx.endSheet();
    if (meta.forImport) writeCover();
    const later = meta.forImport ? [] : (meta.notes ?? []).slice(notesOnCover);
    if (later.length > 0) {
      xlsx.startSheet(labels.summary, { widths: [60, 30] });
      for (const [label, value] of later) xlsx.addRow([{ value: label }, { value }]);
      xlsx.endSheet();
    }
    await xlsx.finish();
    control.onProgress?.(count);
    fs.renameSync(partial, file);
    return { rows: count, totals };
  } catch (error) {
    await xlsx.abort();
    throw error;
  }
}

/** A report written to a private temporary folder and handed back as bytes for the renderer to save. */
export async function asDownload(fileName: string, write: (file: string) => Promise<{ rows: number }>): Promise<{ fileName: string; rows: number; contentBase64: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-export-'));
  try {
    const file = path.join(dir, fileName);
    const written = await write(file);
    return { fileName, rows: written.rows, contentBase64: fs.readFileSync(file).toString('base64') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Column builders, so a report's column list reads as header, kind and value. */
export const column = {
  text: <Row>(header: string, value: (r: Row) => string | null, width = 14): ReportColumn<Row> => ({ header, kind: 'text', width, value }),
  date: <Row>(header: string, value: (r: Row) => string | null, width = 11): ReportColumn<Row> => ({ header, kind: 'date', width, value }),
  int: <Row>(header: string, value: (r: Row) => number, width = 7): ReportColumn<Row> => ({ header, kind: 'int', width, value }),
  percent: <Row>(header: string, value: (r: Row) => number, width = 9): ReportColumn<Row> => ({ header, kind: 'percent', width, value }),
  /** An amount held in fen, shown in yuan, totalled exactly. */
  money: <Row>(header: string, fen: (r: Row) => number, width = 15): ReportColumn<Row> => ({ header, kind: 'money', width, value: (r) => fen(r) / 100, total: fen }),
};

/** Rows read a chunk at a time after the last key seen, until a short chunk says the end is reached. */
export function* chunked<T>(fetch: (after: string, limit: number) => T[], key: (row: T) => string, limit = 1000): Generator<T> {
  let after = '';
  for (;;) {
    const rows = fetch(after, limit);
    yield* rows;
    if (rows.length < limit) return;
    after = key(rows.at(-1)!);
  }
}

/** Every item of a paged list, a page at a time, so memory stays flat however large the book. */
export function* allPages<T>(fetch: (page: number, pageSize: number) => { items: T[]; total: number }, pageSize = 500): Generator<T> {
  for (let page = 1; ; page++) {
    const result = fetch(page, pageSize);
    yield* result.items;
    if (page * pageSize >= result.total || result.items.length === 0) return;
  }
}
