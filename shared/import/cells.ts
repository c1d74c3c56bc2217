/**
 * What real spreadsheets put in a cell, read as the value LoanBridge means: full-width characters and
 * stray spaces, numbers stored as text, amounts with 元 / ¥ / thousands separators, Excel serial dates
 * and dates written as text, percentages with or without the sign. Each reader returns the canonical
 * text the channel schemas expect, or a reason it cannot be trusted.
 */

/** A cell as the reader saw it: its value and, for numbers, the number format (a percent format matters). */
export interface RawCell {
  value: string | number | boolean | Date | null;
  numFmt?: string;
}

export type CellReading = { ok: true; value: string } | { ok: false; reason: string; message: string };

const ok = (value: string): CellReading => ({ ok: true, value });
const bad = (reason: string, message: string): CellReading => ({ ok: false, reason, message });

/** Full-width to half-width (ＡＢＣ１２３ → ABC123, the ideographic space → space), trimmed, inner runs of white space collapsed. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function cellText(cell: RawCell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  return cleanText(String(v));
}

export function isBlank(cell: RawCell | undefined): boolean {
  return !cell || cellText(cell) === '';
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in), so serial 45292 is 2024-01-01. */
function fromSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465 || !Number.isInteger(serial)) return null;
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

function isoIfReal(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2200) return null;
  return date.toISOString().slice(0, 10);
}

/** 2026-01-15, 2026/1/15, 2026.1.15, 2026年1月15日, 20260115, an Excel date or its serial number. */
export function readDate(cell: RawCell): CellReading {
  const v = cell.value;
  if (v instanceof Date) {
    // exceljs gives the calendar day at UTC midnight; a time part means it is not a plain date.
    return ok(v.toISOString().slice(0, 10));
  }
  if (typeof v === 'number') {
    const iso = fromSerial(v);
    return iso ? ok(iso) : bad('date', `${v} is not a date`);
  }
  const text = cellText(cell);
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const iso = isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? ok(iso) : bad('date', `${text} is not a calendar date`);
  }
  if (/^\d{5}$/.test(text)) {
    const iso = fromSerial(Number(text));
    if (iso) return ok(iso);
  }
  return bad('date', `${text} is not a date (write 2026-01-15)`);
}

/** An amount in yuan: 1,000,000.00 / 1 000 000 / ¥1000 / 1000元 / 1000.5 — at most two decimals, never negative unless allowed. */
export function readAmount(cell: RawCell, options: { allowNegative?: boolean } = {}): CellReading {
  const v = cell.value;
  let text: string;
  if (typeof v === 'number') {
    // A float such as 0.1 + 0.2 kept by Excel: anything beyond the fen is not an amount we can trust.
    const fen = Math.round(v * 100);
    if (Math.abs(v * 100 - fen) > 1e-6) return bad('amountPrecision', `${v} has more than two decimals`);
    text = (fen / 100).toFixed(2);
  } else {
    text = cellText(cell)
      .replace(/^[¥￥]/, '')
      .replace(/(人民币|元|RMB|CNY)$/i, '')
      .replace(/[,，\s]/g, '');
    if (text.startsWith('(') && text.endsWith(')')) text = `-${text.slice(1, -1)}`;
    if (!/^-?\d+(\.\d{1,2})?$/.test(text)) return bad('amount', `${cellText(cell)} is not an amount in yuan`);
  }
  if (text.startsWith('-') && !options.allowNegative) return bad('negativeAmount', `${text} is negative`);
  return ok(text);
}

/** A rate in percent: "12%", "12", "12.5" mean 12 %; a cell formatted as a percentage holds 0.12. */
export function readPercent(cell: RawCell): CellReading {
  const v = cell.value;
  let value: number;
  if (typeof v === 'number') {
    value = cell.numFmt?.includes('%') ? v * 100 : v;
  } else {
    const text = cellText(cell).replace(/\s/g, '');
    const m = /^(\d+(?:\.\d+)?)%?$/.exec(text);
    if (!m) return bad('percent', `${cellText(cell)} is not a percentage`);
    value = Number(m[1]);
  }
  if (value < 0) return bad('percent', `${value} is negative`);
  const rounded = Math.round(value * 10_000) / 10_000;
  return ok(String(rounded));
}

/** A whole number written as a number or as text ("12", "12期", "１２"). */
export function readInteger(cell: RawCell): CellReading {
  const v = cell.value;
  if (typeof v === 'number') return Number.isInteger(v) ? ok(String(v)) : bad('integer', `${v} is not a whole number`);
  const text = cellText(cell).replace(/(期|个月|月|天|日)$/, '');
  return /^\d+$/.test(text) ? ok(String(Number(text))) : bad('integer', `${cellText(cell)} is not a whole number`);
}

/** One of a list, by its code or by its label in either language (个人 / individual). */
export function readChoice(cell: RawCell, choices: Record<string, readonly string[]>): CellReading {
  const text = cellText(cell).toLowerCase();
  for (const [code, labels] of Object.entries(choices)) {
    if (code.toLowerCase() === text || labels.some((l) => l.toLowerCase() === text)) return ok(code);
  }
  return bad('choice', `${cellText(cell)} is not one of: ${Object.values(choices).map((l) => l[0]).join(' / ')}`);
}
