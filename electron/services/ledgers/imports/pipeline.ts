/**
 * Import (导入): upload → validate everything → preview → commit all-or-nothing. The preview runs the
 * very writes the commit will make, inside a transaction it then rolls back, so what it promises is what
 * the commit does; the commit runs them again and keeps them only if not a single row is refused.
 */
import ExcelJS from 'exceljs';
import type { ChannelOutput, ChannelParsedInput } from '../../../../shared/contract';
import { AppError } from '../../../../shared/contract/errors';
import { importSheets, type ImportKind } from '../../../../shared/import/kinds';
import type { ServiceContext } from '../../context';
import { importPlanners, UnitError, type ImportPlan } from './kinds';
import { fieldIssue, parseRows, type ParsedRow } from './rows';
import { ERROR_HEADER, openWorkbook, readSheet, type ImportIssue } from './workbook-reader';

/** At most this many issues travel back to the screen; the annotated copy carries all of them. */
const MAX_ISSUES_SHOWN = 500;
const PREVIEW_ROWS = 20;

class Rollback extends Error {}

export interface Analysis {
  issues: ImportIssue[];
  rows: number;
  created: number;
  existing: number;
  preview: ParsedRow[];
  /** Sheet name → its header row, for the reasons column of the annotated copy. */
  headerRows: Map<string, number>;
}

function decode(contentBase64: string): Buffer {
  return Buffer.from(contentBase64, 'base64');
}

async function readFile(kind: ImportKind, bytes: Buffer, issues: ImportIssue[], headerRows: Map<string, number>): Promise<Map<string, ParsedRow[]> | null> {
  const opened = await openWorkbook(bytes);
  if ('issue' in opened) {
    issues.push(opened.issue);
    return null;
  }
  const sheets = new Map<string, ParsedRow[]>();
  const taken = new Set<string>();
  importSheets[kind].forEach((spec, k) => {
    const read = readSheet(opened.workbook, spec, k === 0, taken);
    issues.push(...read.issues);
    if (read.sheet) {
      headerRows.set(read.sheet.name, read.sheet.headerRow);
      sheets.set(spec.key, parseRows(read.sheet, issues));
    }
  });
  return sheets;
}

/** Writes the plan's new units, each in its own savepoint; a refused unit becomes an issue on its row. */
function apply(ctx: ServiceContext, plan: ImportPlan, issues: ImportIssue[]): number {
  let fresh = plan.units.filter((u) => !u.existing);
  const refuse = (row: ParsedRow, error: AppError, field = error.field ?? '') => issues.push(fieldIssue(row, field, error.reason ?? error.code, error.message.replace(/^[\w.[\]]+: /, '')));
  if (plan.writeAll) {
    for (let attempt = 0; fresh.length > 0; attempt++) {
      try {
        ctx.sqlite.transaction(() => plan.writeAll!(fresh))();
        return fresh.length;
      } catch (error) {
        if (!(error instanceof UnitError) || attempt > 100) throw error;
        refuse(error.unit.row, error.refusal, error.field);
        fresh = fresh.filter((u) => u !== error.unit);
      }
    }
    return 0;
  }
  let created = 0;
  for (const unit of fresh) {
    try {
      ctx.sqlite.transaction(() => unit.write!())();
      created++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refuse(unit.row, error);
    }
  }
  return created;
}

/** Reads, checks and (in a transaction) writes the file; keeps the writes only when asked and clean. */
async function run(ctx: ServiceContext, kind: ImportKind, bytes: Buffer, keep: boolean): Promise<Analysis> {
  const issues: ImportIssue[] = [];
  const headerRows = new Map<string, number>();
  const sheets = await readFile(kind, bytes, issues, headerRows);
  const main = sheets?.get(importSheets[kind][0]!.key) ?? [];
  const rows = [...(sheets?.values() ?? [])].reduce((n, list) => n + list.length, 0);
  const outcome = (created: number, existing: number): Analysis => ({ issues, rows, created, existing, preview: main.slice(0, PREVIEW_ROWS), headerRows });
  if (!sheets || issues.some((i) => i.row === 0 || ['unknownColumn', 'missingColumn', 'duplicateColumn'].includes(i.reason))) return outcome(0, 0);
  if (rows === 0) {
    issues.push({ sheet: '', row: 0, column: '', header: '', value: '', reason: 'emptyFile', message: 'file: no rows to import' });
    return outcome(0, 0);
  }
  let result = outcome(0, 0);
  try {
    ctx.transaction(() => {
      const plan = importPlanners[kind](ctx, sheets, issues);
      const created = apply(ctx, plan, issues);
      result = outcome(created, plan.units.filter((u) => u.existing).length);
      if (!keep || issues.length > 0) throw new Rollback();
      ctx.audit({ entityType: 'import', entityId: kind, before: null, after: { rows, created, existing: result.existing } });
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result;
}

function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row || a.column.localeCompare(b.column));
}

/**
 * The uploaded sheet with every problem marked where it is: the cell filled red with the reason as its
 * note, the reasons of each row in a column after the data (ignored when the fixed copy is uploaded
 * again), and all of them listed on a sheet of their own.
 */
export async function annotatedCopy(bytes: Buffer, issues: readonly ImportIssue[], headerRows: ReadonlyMap<string, number>, language: 'zh-CN' | 'en'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const zh = language === 'zh-CN';
  const byRow = new Map<string, ImportIssue[]>();
  for (const i of issues) {
    const key = `${i.sheet}|${i.row}`;
    byRow.set(key, [...(byRow.get(key) ?? []), i]);
  }
  for (const ws of workbook.worksheets) {
    const errorColumn = ws.columnCount + 1;
    const headerRow = headerRows.get(ws.name);
    if (headerRow) {
      const header = ws.getCell(headerRow, errorColumn);
      header.value = ERROR_HEADER[language];
      header.font = { bold: true, color: { argb: 'FF9C0006' } };
    }
    for (const [key, list] of byRow) {
      const [sheet, row] = key.split('|');
      if (sheet !== ws.name || Number(row) === 0) continue;
      for (const i of list) {
        if (!i.column) continue;
        const cell = ws.getCell(`${i.column}${i.row}`);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
        cell.note = i.message;
      }
      const note = ws.getCell(Number(row), errorColumn);
      note.value = list.map((i) => i.message).join('；');
      note.font = { color: { argb: 'FF9C0006' } };
    }
  }
  const list = workbook.addWorksheet(zh ? '导入错误' : 'Import errors', {});
  list.columns = [{ width: 16 }, { width: 8 }, { width: 8 }, { width: 18 }, { width: 24 }, { width: 18 }, { width: 70 }];
  list.addRow(zh ? ['工作表', '行', '列', '表头', '内容', '原因', '说明'] : ['Sheet', 'Row', 'Column', 'Header', 'Value', 'Reason', 'Message']).font = { bold: true };
  for (const i of sortIssues([...issues])) list.addRow([i.sheet, i.row || null, i.column, i.header, i.value, i.reason, i.message]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function previewImport(ctx: ServiceContext, input: ChannelParsedInput<'import.preview'>): Promise<ChannelOutput<'import.preview'>> {
  const bytes = decode(input.contentBase64);
  const analysis = await run(ctx, input.kind, bytes, false);
  const sorted = sortIssues(analysis.issues);
  // A file that is not a workbook cannot be annotated: the list of issues says it all.
  const annotatable = !analysis.issues.some((i) => ['notSpreadsheet', 'legacyXls', 'fileTooLarge'].includes(i.reason));
  return {
    kind: input.kind,
    fileName: input.fileName,
    rows: analysis.rows,
    created: analysis.created,
    existing: analysis.existing,
    errorCount: sorted.length,
    errorRows: new Set(sorted.filter((i) => i.row > 0).map((i) => `${i.sheet}|${i.row}`)).size,
    issues: sorted.slice(0, MAX_ISSUES_SHOWN),
    preview: analysis.preview.map((p) => ({ row: p.row, values: Object.fromEntries(Object.entries(p.values).map(([k, v]) => [k, String(v)])) })),
    annotatedBase64: sorted.length > 0 && annotatable ? (await annotatedCopy(bytes, sorted, analysis.headerRows, input.language)).toString('base64') : null,
  };
}

export async function commitImport(ctx: ServiceContext, input: ChannelParsedInput<'import.commit'>): Promise<ChannelOutput<'import.commit'>> {
  const analysis = await run(ctx, input.kind, decode(input.contentBase64), true);
  if (analysis.issues.length > 0) {
    const first = sortIssues(analysis.issues)[0]!;
    throw new AppError('validation', `file: ${analysis.issues.length} problems, nothing was imported (first: ${first.sheet} row ${first.row} ${first.message})`, {
      field: 'file',
      reason: 'importHasErrors',
      params: { errors: analysis.issues.length, sheet: first.sheet, row: first.row, column: first.column, message: first.message },
    });
  }
  return { kind: input.kind, rows: analysis.rows, created: analysis.created, existing: analysis.existing };
}
