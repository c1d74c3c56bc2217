/**
 * Reading an uploaded workbook the way an office really fills one in: the sheet found by name or by its
 * headers (hidden sheets ignored), the header row found among the first rows (a merged title row above
 * it is fine), headers matched in either language or by the names offices use, blank rows skipped.
 * What cannot be trusted is refused with its place: not a workbook, too large, a column no template has.
 */
import ExcelJS from 'exceljs';
import { cleanText, type RawCell } from '../../../../shared/import/cells';
import type { ImportColumn, ImportSheet } from '../../../../shared/import/kinds';
import { columnName } from '../xlsx-stream';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 200_000;
const HEADER_SEARCH_ROWS = 10;
/** The header of the column the annotated copy adds; ignored when the copy comes back. */
export const ERROR_HEADER = { 'zh-CN': '导入错误说明', en: 'Import errors' } as const;
const ERROR_HEADERS = new Set(Object.values(ERROR_HEADER).map((h) => h.replace(/\s/g, '').toLowerCase()));

export interface ImportIssue {
  sheet: string;
  /** The spreadsheet row (1-based), 0 for the file as a whole. */
  row: number;
  /** The column letter, '' for a whole row or file. */
  column: string;
  header: string;
  value: string;
  reason: string;
  message: string;
}

export interface ReadRow {
  row: number;
  cells: Map<string, RawCell>;
}

export interface ReadSheet {
  spec: ImportSheet;
  name: string;
  headerRow: number;
  /** Field → column letter and header as written in the file. */
  columns: Map<string, { letter: string; header: string }>;
  rows: ReadRow[];
}


/** A header as compared: full-width folded, no spaces, no unit in brackets, lower case. */
function headerKey(text: string): string {
  return cleanText(text).replace(/\s/g, '').replace(/^\*+|\*+$/g, '').replace(/[（(](元|%|％|万元)[)）]$/, '').toLowerCase();
}

function headerIndex(spec: ImportSheet): Map<string, ImportColumn> {
  const index = new Map<string, ImportColumn>();
  for (const c of spec.columns) for (const name of [c.zh, c.en, ...(c.aliases ?? [])]) index.set(headerKey(name), c);
  return index;
}

/** A cell's value with formulas replaced by their result and rich text joined. */
function rawOf(cell: ExcelJS.Cell): RawCell {
  const v = cell.value as unknown;
  const numFmt = cell.numFmt;
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'object' && !(v instanceof Date)) {
    const o = v as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown; error?: string };
    if ('richText' in o && o.richText) return { value: o.richText.map((r) => r.text).join('') };
    if ('result' in o) return rawOf({ value: o.result ?? null, numFmt } as ExcelJS.Cell);
    if ('error' in o) return { value: String(o.error) };
    if ('text' in o) return { value: String(o.text) };
    return { value: null };
  }
  return { value: v as RawCell['value'], numFmt };
}

function issue(sheet: string, reason: string, message: string, at: Partial<ImportIssue> = {}): ImportIssue {
  return { sheet, row: 0, column: '', header: '', value: '', reason, message, ...at };
}

/** Opens the bytes as a workbook, or says why they are not one. */
export async function openWorkbook(bytes: Buffer): Promise<{ workbook: ExcelJS.Workbook } | { issue: ImportIssue }> {
  if (bytes.length > MAX_FILE_BYTES) {
    return { issue: issue('', 'fileTooLarge', `file: ${(bytes.length / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; split it`) };
  }
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    return { issue: issue('', 'legacyXls', 'file: an old .xls workbook; open it in Excel or WPS and save it as .xlsx') };
  }
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) {
    return { issue: issue('', 'notSpreadsheet', 'file: not an Excel workbook (.xlsx)') };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return { issue: issue('', 'notSpreadsheet', `file: not a readable .xlsx workbook (${error instanceof Error ? error.message.slice(0, 80) : 'unreadable'})`) };
  }
  return { workbook };
}

function visible(ws: ExcelJS.Worksheet): boolean {
  return ws.state !== 'hidden' && ws.state !== 'veryHidden';
}

/** The header row among the first rows: the one naming most of the sheet's columns. */
function findHeader(ws: ExcelJS.Worksheet, index: Map<string, ImportColumn>): { row: number; matched: number } {
  let best = { row: 0, matched: 0 };
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    let matched = 0;
    ws.getRow(r).eachCell((cell) => {
      if (index.has(headerKey(String(rawOf(cell).value ?? '')))) matched++;
    });
    if (matched > best.matched) best = { row: r, matched };
  }
  return best;
}

/** Finds and reads one of the import's sheets; issues say what stops it being trusted. */
export function readSheet(workbook: ExcelJS.Workbook, spec: ImportSheet, first: boolean, taken: Set<string>): { sheet: ReadSheet | null; issues: ImportIssue[] } {
  const index = headerIndex(spec);
  const sheets = workbook.worksheets.filter((ws) => visible(ws) && !taken.has(ws.name));
  const names = new Set([spec.zh, spec.en].map(headerKey));
  // By name first; the main sheet may also be the first visible sheet whose headers fit.
  let ws = sheets.find((s) => names.has(headerKey(s.name)));
  if (!ws && first) ws = sheets.find((s) => findHeader(s, index).matched > 0);
  if (!ws) {
    if (spec.optional) return { sheet: null, issues: [] };
    return { sheet: null, issues: [issue(spec.zh, 'sheetMissing', `sheet: no visible sheet named ${spec.zh} (${spec.en}) or with its headers`)] };
  }
  taken.add(ws.name);
  const issues: ImportIssue[] = [];
  if (ws.rowCount > MAX_ROWS) {
    return { sheet: null, issues: [issue(ws.name, 'tooManyRows', `sheet ${ws.name}: ${ws.rowCount} rows is over the ${MAX_ROWS} row limit; split the file`)] };
  }
  const header = findHeader(ws, index);
  if (header.matched === 0) return { sheet: null, issues: [issue(ws.name, 'noHeader', `sheet ${ws.name}: no header row naming the template's columns in the first ${HEADER_SEARCH_ROWS} rows`)] };
  const columns = new Map<string, { letter: string; header: string }>();
  const fieldAt = new Map<number, string>();
  const ignored = new Set<number>();
  ws.getRow(header.row).eachCell((cell, col) => {
    const text = cleanText(String(rawOf(cell).value ?? ''));
    if (!text) return;
    const letter = columnName(col - 1);
    // The reasons column of an annotated copy, uploaded again once fixed.
    if (ERROR_HEADERS.has(headerKey(text))) {
      ignored.add(col);
      return;
    }
    const column = index.get(headerKey(text));
    if (!column) {
      issues.push(issue(ws.name, 'unknownColumn', `column ${letter} "${text}": not a column of the ${spec.zh} template; rename it or remove it`, { row: header.row, column: letter, header: text, value: text }));
      return;
    }
    if (columns.has(column.field)) {
      issues.push(issue(ws.name, 'duplicateColumn', `column ${letter} "${text}": ${column.zh} is already column ${columns.get(column.field)!.letter}`, { row: header.row, column: letter, header: text, value: text }));
      return;
    }
    columns.set(column.field, { letter, header: text });
    fieldAt.set(col, column.field);
  });
  for (const c of spec.columns) {
    if (c.required && !columns.has(c.field)) issues.push(issue(ws.name, 'missingColumn', `column "${c.zh}" (${c.en}) is required and missing`, { row: header.row, header: c.zh }));
  }
  const rows: ReadRow[] = [];
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = new Map<string, RawCell>();
    let filled = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const raw = rawOf(cell);
      const field = fieldAt.get(col);
      if (raw.value === null || cleanText(String(raw.value)) === '') return;
      if (!field && ignored.has(col)) return;
      if (!field) {
        // Data under no header: a value the import would silently drop.
        issues.push(issue(ws.name, 'valueWithoutHeader', `${columnName(col - 1)}${r}: a value in a column without a header`, { row: r, column: columnName(col - 1), value: String(raw.value).slice(0, 50) }));
        return;
      }
      cells.set(field, raw);
      filled = true;
    });
    if (filled) rows.push({ row: r, cells });
  }
  return { sheet: { spec, name: ws.name, headerRow: header.row, columns, rows }, issues };
}
