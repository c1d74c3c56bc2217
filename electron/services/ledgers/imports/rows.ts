/**
 * A read row's cells as the canonical values the channel schemas take (amounts as yuan text, dates as
 * YYYY-MM-DD, choices as codes, whole numbers as numbers), with an issue for each cell that cannot be
 * read; and the mapping of a schema's complaint about a field back to the cell it came from.
 */
import { cellText, readAmount, readChoice, readDate, readInteger, readPercent, type CellReading, type RawCell } from '../../../../shared/import/cells';
import type { ImportColumn } from '../../../../shared/import/kinds';
import type { ImportIssue, ReadRow, ReadSheet } from './workbook-reader';

export interface ParsedRow {
  sheet: ReadSheet;
  row: number;
  values: Record<string, string | number>;
  raw: Map<string, RawCell>;
  /** Fields already reported (blank or unreadable): the schema's complaint about them would say it twice. */
  failed: Set<string>;
}

function read(column: ImportColumn, cell: RawCell): CellReading {
  const t = column.type;
  if (t === 'date') return readDate(cell);
  if (t === 'amount') return readAmount(cell);
  if (t === 'percent') return readPercent(cell);
  if (t === 'integer') return readInteger(cell);
  if (t === 'text') return { ok: true, value: cellText(cell) };
  if (t === 'identity') return { ok: true, value: cellText(cell).replace(/\s/g, '').toUpperCase() };
  return readChoice(cell, t.choice);
}

/** An issue at a row's cell for `field`, with what the cell held. */
export function cellIssue(p: Pick<ParsedRow, 'sheet' | 'row' | 'raw'>, field: string, reason: string, message: string): ImportIssue {
  const at = p.sheet.columns.get(field);
  const column = p.sheet.spec.columns.find((c) => c.field === field);
  const raw = p.raw.get(field);
  return {
    sheet: p.sheet.name,
    row: p.row,
    column: at?.letter ?? '',
    header: at?.header ?? column?.zh ?? field,
    value: raw ? cellText(raw).slice(0, 100) : '',
    reason,
    message: `${at?.header ?? column?.zh ?? field}: ${message}`,
  };
}

export function parseRows(sheet: ReadSheet, issues: ImportIssue[]): ParsedRow[] {
  return sheet.rows.map((r: ReadRow) => {
    const parsed: ParsedRow = { sheet, row: r.row, values: {}, raw: r.cells, failed: new Set() };
    for (const column of sheet.spec.columns) {
      const cell = r.cells.get(column.field);
      if (!cell || cellText(cell) === '') {
        if (column.required) {
          issues.push(cellIssue(parsed, column.field, 'required', 'required'));
          parsed.failed.add(column.field);
        }
        continue;
      }
      const reading = read(column, cell);
      if (!reading.ok) {
        issues.push(cellIssue(parsed, column.field, reading.reason, reading.message));
        parsed.failed.add(column.field);
        continue;
      }
      parsed.values[column.field] = column.type === 'integer' ? Number(reading.value) : reading.value;
    }
    return parsed;
  });
}

/** The values of the fields under `prefix.` as a nested object ("terms.principal" → terms: { principal }). */
export function nested(values: Record<string, string | number>, prefix: string): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([k]) => k.startsWith(`${prefix}.`))
      .map(([k, v]) => [k.slice(prefix.length + 1), v]),
  );
}

/** A schema's or a service's complaint about `field` (as a dotted path), placed on the row's cell for it. */
export function fieldIssue(p: ParsedRow, path: string, reason: string, message: string): ImportIssue {
  const field = p.sheet.spec.columns.some((c) => c.field === path) ? path : (p.sheet.spec.columns.find((c) => path.startsWith(c.field))?.field ?? path);
  const issue = cellIssue(p, field, reason, message);
  return p.sheet.columns.has(field) ? issue : { ...issue, column: '', message: `${path}: ${message}` };
}
