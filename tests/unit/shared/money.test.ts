import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fenToYuan, formatYuan, MAX_AMOUNT_FEN, parseYuan } from '../../../shared/money/yuan';

describe('yuan <-> fen', () => {
  it('parses yuan strings exactly', () => {
    expect(parseYuan('1000000.00')).toBe(100_000_000);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('1,234.56')).toBe(123_456);
    expect(parseYuan('-0.01')).toBe(-1);
    expect(parseYuan(' 8884.88 ')).toBe(888_488);
  });

  it('refuses what is not a plain amount with two decimals', () => {
    for (const bad of ['', 'abc', '1.234', '1e5', 'NaN', '12..3', '１２３', '0x10', '10000000000000']) {
      expect(parseYuan(bad), bad).toBeNull();
    }
  });

  it('formats for people and for machines', () => {
    expect(formatYuan(123_456_789)).toBe('1,234,567.89');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(fenToYuan(100)).toBe('1.00');
    expect(() => fenToYuan(0.5)).toThrow(RangeError);
  });

  it('round-trips every amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT_FEN, max: MAX_AMOUNT_FEN }), (fen) => {
        expect(parseYuan(fenToYuan(fen))).toBe(fen);
        expect(parseYuan(formatYuan(fen))).toBe(fen);
      }),
    );
  });
});
