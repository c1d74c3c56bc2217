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
import ExcelJS from 'exceljs';
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

const FORMATS: Record<ColumnKind, string | undefined> = { text: undefined, money: '#,##0.00', date: 'yyyy-mm-dd', int: '0', percent: '0.00' };

function cellOf(kind: ColumnKind, value: string | number | null): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (kind === 'date') return new Date(`${String(value)}T00:00:00Z`);
  if (kind === 'money' || kind === 'percent' || kind === 'int') return typeof value === 'number' ? value : Number(value);
  return value;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export async function writeReport<Row>(file: string, meta: ReportMeta, columns: ReadonlyArray<ReportColumn<Row>>, rows: Iterable<Row>): Promise<{ rows: number; totals: number[] }> {
  const labels = reportFrameLabels[meta.language];
  const partial = `${file}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useStyles: true, useSharedStrings: false });
  workbook.creator = 'LoanBridge';
  const writeCover = async () => {
    const cover = workbook.addWorksheet(labels.cover);
    cover.columns = [{ width: 18 }, { width: 60 }];
    cover.addRow([meta.company || 'LoanBridge']).font = { bold: true, size: 14 };
    cover.addRow([meta.title]).font = { bold: true, size: 12 };
    const lines: Array<[string, string]> = [[labels.asOf, meta.asOf], ...meta.filters.map(([k, v]) => [`${labels.filter}：${k}`, v] as [string, string]), [labels.by, meta.by], [labels.at, meta.at], ...(meta.notes ?? [])];
    for (const [label, value] of lines) cover.addRow([label, value]).commit();
    await cover.commit();
  };
  if (!meta.forImport) await writeCover();
  // Lines worked out while the rows stream (summaries by bucket or class) follow the data on their own sheet.
  const notesOnCover = meta.forImport ? 0 : (meta.notes?.length ?? 0);

  const sheet = workbook.addWorksheet(meta.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width, ...(FORMATS[c.kind] ? { style: { numFmt: FORMATS[c.kind] } } : {}) }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } }));
  header.commit();
  const totals = columns.map(() => 0);
  let count = 0;
  for (const row of rows) {
    const written = sheet.addRow(columns.map((c) => cellOf(c.kind, c.value(row))));
    columns.forEach((c, k) => {
      if (FORMATS[c.kind]) written.getCell(k + 1).numFmt = FORMATS[c.kind]!;
      if (c.total) totals[k]! += c.total(row);
    });
    written.commit();
    count++;
  }
  const last = count + 1;
  if (!meta.forImport) {
    const totalRow = sheet.addRow(
      columns.map((c, k) => {
        if (k === 0) return labels.total;
        if (!c.total) return null;
        const letter = columnLetter(k);
        return { formula: `SUBTOTAL(109,${letter}2:${letter}${Math.max(2, last)})`, result: totals[k]! / 100 };
      }),
    );
    totalRow.font = { bold: true };
    columns.forEach((c, k) => {
      if (c.total) totalRow.getCell(k + 1).numFmt = FORMATS.money!;
    });
    totalRow.commit();
  }
  sheet.autoFilter = `A1:${columnLetter(columns.length - 1)}${last}`;
  await sheet.commit();
  if (meta.forImport) await writeCover();
  const later = meta.forImport ? [] : (meta.notes ?? []).slice(notesOnCover);
  if (later.length > 0) {
    const summary = workbook.addWorksheet(labels.summary);
    summary.columns = [{ width: 60 }, { width: 30 }];
    for (const line of later) summary.addRow(line).commit();
    await summary.commit();
  }
  await workbook.commit();
  fs.renameSync(partial, file);
  return { rows: count, totals };
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
