/**
 * Money is held as integer fen (分) everywhere inside LoanBridge. Yuan strings exist only at the
 * edges (UI, Excel, CLI JSON). These helpers are the only place that converts between the two.
 */
export type Fen = number;

/** Largest amount accepted anywhere: 1 trillion yuan keeps every sum well inside 2^53 fen. */
export const MAX_AMOUNT_FEN = 100_000_000_000_000;

const YUAN_PATTERN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan decimal string ("1,234.5", "1234.56", "1234") into fen, exactly.
 * Returns null when the text is not a plain amount with at most two decimals.
 */
export function parseYuan(text: string): Fen | null {
  const compact = text.trim().replace(/,/g, '');
  const match = YUAN_PATTERN.exec(compact);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (fen > MAX_AMOUNT_FEN) return null;
  return sign ? -fen : fen;
}

/** 123456 -> "1234.56": the machine format used in JSON and Excel cells. */
export function fenToYuan(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${whole}.${cents.toString().padStart(2, '0')}`;
}

/** 123456789 -> "1,234,567.89": the format people read on screen and on paper. */
export function formatYuan(fen: Fen): string {
  const plain = fenToYuan(fen);
  const [whole = '0', cents = '00'] = plain.split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${cents}`;
}

export function assertFen(value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`amount in fen must be a safe integer, got ${value}`);
  }
}
