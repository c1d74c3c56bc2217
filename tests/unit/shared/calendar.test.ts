import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, civilDate, days360, dayNumber, formatIsoDate, parseIsoDate, weekday } from '../../../shared/dates/calendar';
import { divRound, mulDivRound } from '../../../shared/money/rounding';
import { formatPercent, parsePercent } from '../../../shared/rates/rate';

describe('calendar', () => {
  it('round-trips every day for 400 years against the JavaScript Date', () => {
    for (let d = dayNumber(1900, 1, 1); d < dayNumber(2300, 1, 1); d += 1) {
      const iso = formatIsoDate(d);
      if (d % 997 === 0) expect(iso).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
      expect(parseIsoDate(iso)).toBe(d);
    }
  });

  it('refuses dates that do not exist', () => {
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('2028-02-29')).toBe(dayNumber(2028, 2, 29));
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('2026-1-1')).toBeNull();
  });

  it('adds months with month-end clamping from the anchor', () => {
    const jan31 = dayNumber(2026, 1, 31);
    expect(formatIsoDate(addMonths(jan31, 1))).toBe('2026-02-28');
    expect(formatIsoDate(addMonths(jan31, 2))).toBe('2026-03-31');
    expect(formatIsoDate(addMonths(dayNumber(2027, 11, 30), 3))).toBe('2028-02-29');
    expect(formatIsoDate(addMonths(dayNumber(2026, 3, 15), -3))).toBe('2025-12-15');
  });

  it('knows weekdays and 30E/360 days', () => {
    expect(weekday(dayNumber(2026, 11, 28))).toBe(6); // a Saturday
    expect(days360(dayNumber(2026, 1, 10), dayNumber(2026, 2, 25))).toBe(45);
    expect(days360(dayNumber(2026, 1, 31), dayNumber(2026, 3, 31))).toBe(60);
    expect(civilDate(0)).toEqual({ year: 1970, month: 1, day: 1 });
  });
});

describe('exact rounding', () => {
  it('rounds half up away from zero, or half to even', () => {
    expect([5, 15, 25, -5, -15].map((n) => divRound(n, 10, 'half-up'))).toEqual([1, 2, 3, -1, -2]);
    expect([5, 15, 25, -5, -15].map((n) => divRound(n, 10, 'half-even'))).toEqual([0, 2, 2, 0, -2]);
    expect(divRound(14, 10, 'half-up')).toBe(1);
    expect(divRound(16, 10, 'half-even')).toBe(2);
  });

  it('x.xx5 rounds up even where a binary float would say x.xx4999…', () => {
    // 1.005 × 100 = 100.49999999999999 in floats; exactly 100.5 → 101.
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(divRound(1005, 10, 'half-up')).toBe(101);
    expect(mulDivRound(100_000_050, 120_000, 12_000_000, 'half-up')).toBe(1_000_001);
  });

  it('stays exact past 2^53 by switching to BigInt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 20 }), fc.integer({ min: 1, max: 2 ** 30 }), (a, b, d) => {
        const exact = (BigInt(a) * BigInt(b) * 2n + BigInt(d)) / (2n * BigInt(d));
        expect(mulDivRound(a, b, d, 'half-up')).toBe(Number(exact));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('percent rates', () => {
  it('parses and formats exactly', () => {
    expect(parsePercent('17.30')).toBe(173_000);
    expect(parsePercent('4.35')).toBe(43_500);
    expect(parsePercent('0.0500')).toBe(500);
    expect(parsePercent('100')).toBe(1_000_000);
    expect(parsePercent('1.23456')).toBeNull();
    expect(formatPercent(173_000)).toBe('17.30');
    expect(formatPercent(43_550)).toBe('4.355');
    expect(formatPercent(1_234)).toBe('0.1234');
  });
});
