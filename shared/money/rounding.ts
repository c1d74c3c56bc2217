/**
 * Exact integer division with one explicit rounding. Every interest amount and installment in
 * LoanBridge is computed as round(numerator / denominator) over integers, never by a float decides a tie.
 */
export const roundingModes = ['half-up', 'half-even'] as const;
export type RoundingMode = (typeof roundingModes)[number];

/** round(n / d) for integers with |n| < 2^53 and d > 0. */
export function divRound(n: number, d: number, mode: RoundingMode): number {
  let q = Math.floor(n / d);
  let r = n - q * d;
  // The float quotient can be off by one near an integer; the remainder tells and corrects it.
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  const twice = 2 * r;
  if (twice > d) return q + 1;
  if (twice < d) return q;
  // An exact tie: half-up rounds away from zero, half-even to the even neighbour.
  if (mode === 'half-up') return n >= 0 ? q + 1 : q;
  return q % 2 === 0 ? q : q + 1;
}

/** round(n / d) over BigInt, same rules. */
export function divRoundBig(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = abs / d;
  const r = abs - q * d;
  let rounded = q;
  if (2n * r > d || (2n * r === d && (mode === 'half-up' || q % 2n === 1n))) rounded = q + 1n;
  return negative ? -rounded : rounded;
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** round(a * b / d) exactly, for non-negative safe integers a, b and d > 0. */
export function mulDivRound(a: number, b: number, d: number, mode: RoundingMode): number {
  const product = a * b;
  if (product <= SAFE) return divRound(product, d, mode);
  return Number(divRoundBig(BigInt(a) * BigInt(b), BigInt(d), mode));
}

/** a / b as a percent with 2 decimals ("33.33"), rounded half-up exactly; null when b is 0. */
export function percentString(a: number, b: number): string | null {
  if (b === 0) return null;
  const basisPoints = mulDivRound(a, 10_000, b, 'half-up');
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;
}

/** a / b as a decimal fraction with `decimals` places ("0.1730"), rounded half-up exactly; null when b is 0. */
export function fractionString(a: number, b: number, decimals = 4): string | null {
  if (b === 0) return null;
  const scale = 10 ** decimals;
  const n = mulDivRound(Math.abs(a), scale, Math.abs(b), 'half-up') * (Math.sign(a) * Math.sign(b) || 1);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(decimals, '0')}`;
}
