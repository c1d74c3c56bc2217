/**
 * Interest rates as exact integers: an annual rate in millionths (百万分之一) of one, so "17.30" percent
 * is 173_000 and "4.3500" percent is 43_500. Four decimals of a percent cover every quoted rate,
 * including daily rates such as 0.05% a day (万分之五) × 360.
 */
export type RateMicros = number;
export const RATE_SCALE = 1_000_000;
export const MAX_RATE_MICROS = RATE_SCALE; // 100% a year

const PERCENT_PATTERN = /^(\d{1,3})(?:\.(\d{1,4}))?$/;

/** "17.30" (percent) -> 173000; null when not a percentage with at most 4 decimals. */
export function parsePercent(text: string): RateMicros | null {
  const match = PERCENT_PATTERN.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
}

/** 173000 -> "17.30": at least two decimals, more only when the rate has them. */
export function formatPercent(rate: RateMicros): string {
  const whole = Math.floor(rate / 10_000);
  const fraction = (rate % 10_000).toString().padStart(4, '0').replace(/0{1,2}$/, '');
  return `${whole}.${fraction.length >= 2 ? fraction : fraction.padEnd(2, '0')}`;
}
