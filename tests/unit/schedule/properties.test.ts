/** Property tests over thousands of random terms: the invariants a lender relies on. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate } from '../../../shared/dates/calendar';
import { generateSchedule } from '../../../shared/schedule/generate';
import { parseTerms, type TermsInput } from '../../../shared/schedule/terms';
import type { Schedule } from '../../../shared/schedule/types';
import { dayCounts, frequencies, repaymentMethods } from '../../../shared/schedule/types';

const termsArbitrary = fc
  .record({
    principalFen: fc.integer({ min: 100, max: 5_000_000_000 }),
    rateMicros: fc.integer({ min: 0, max: 360_000 }),
    periods: fc.integer({ min: 1, max: 120 }),
    frequency: fc.constantFrom(...frequencies),
    method: fc.constantFrom(...repaymentMethods),
    interestOnly: fc.integer({ min: 0, max: 24 }),
    disbursementDay: fc.integer({ min: 20_000, max: 21_000 }),
    firstPeriodShift: fc.integer({ min: -10, max: 10 }),
    dayCount: fc.constantFrom(...dayCounts),
    roundingMode: fc.constantFrom('half-up' as const, 'half-even' as const),
    multiple: fc.constantFrom('0.01', '1', '10'),
    periodicFeeFen: fc.integer({ min: 0, max: 5_000 }),
  })
  .map((r): TermsInput => {
    const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    const percent = `${Math.floor(r.rateMicros / 10_000)}.${String(r.rateMicros % 10_000).padStart(4, '0')}`;
    const amortizes = r.method === 'equal-installment' || r.method === 'equal-principal';
    const periodDays = { monthly: 30, quarterly: 91, weekly: 7, 'bi-weekly': 14 }[r.frequency];
    // A first period up to a period shorter or longer than regular (never zero, never over two periods).
    const firstDue = r.disbursementDay + periodDays + (r.firstPeriodShift % (periodDays - 1));
    return {
      principal: yuan(r.principalFen),
      annualRate: percent,
      periods: r.periods,
      frequency: r.frequency,
      method: r.method,
      interestOnlyPeriods: amortizes ? Math.min(r.interestOnly, r.periods - 1) : 0,
      disbursementDate: formatIsoDate(r.disbursementDay),
      firstDueDate: formatIsoDate(firstDue),
      dayCount: r.dayCount,
      roundingMode: r.roundingMode,
      installmentMultiple: r.multiple,
      periodicFee: yuan(r.periodicFeeFen),
    };
  });

/** Independent exact interest: round(base × rate × days / (10^6 × basis)) with BigInt. */
function expectedInterest(schedule: Schedule, base: number, days: number): number {
  const { terms } = schedule;
  const numerator = BigInt(base) * BigInt(terms.annualRate) * BigInt(days);
  const denominator = BigInt(1_000_000) * BigInt(terms.dayCount === 'ACT/365' ? 365 : 360);
  const q = numerator / denominator;
  const r = numerator - q * denominator;
  const tie = 2n * r === denominator;
  const up = 2n * r > denominator || (tie && (terms.roundingMode === 'half-up' || q % 2n === 1n));
  return Number(up ? q + 1n : q);
}

describe('schedule invariants (fast-check)', () => {
  it('principal sums exactly, balances never go negative, the last balance is zero', () => {
    fc.assert(
      fc.property(termsArbitrary, (input) => {
        const s = generateSchedule(parseTerms(input));
        const { installments, terms } = s;
        expect(installments.reduce((sum, i) => sum + i.principal, 0)).toBe(terms.principal);
        expect(s.totals.principal).toBe(terms.principal);
        expect(installments.at(-1)!.closingBalance).toBe(0);
        // Plain checks in the loop (expect() per installment is slow over thousands of schedules).
        let balance = terms.principal;
        const broken = installments.filter((i) => {
          const ok =
            i.openingBalance === balance &&
            i.principal >= 0 &&
            i.closingBalance >= 0 &&
            i.closingBalance === i.openingBalance - i.principal &&
            i.total === i.principal + i.interest + i.fees &&
            Number.isSafeInteger(i.interest);
          balance = i.closingBalance;
          return !ok;
        });
        expect(broken).toEqual([]);
        expect(installments.length).toBe(terms.method === 'bullet' ? 1 : terms.periods);
      }),
      { numRuns: 3000 },
    );
  });

  it('every period’s interest is round(base × rate × days / basis), exactly', () => {
    fc.assert(
      fc.property(termsArbitrary, (input) => {
        const s = generateSchedule(parseTerms(input));
        const wrong = s.installments.filter(
          (i) => i.interest !== expectedInterest(s, s.terms.method === 'flat' ? s.terms.principal : i.openingBalance, i.days),
        );
        expect(wrong).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('equal installments are level: every amortizing installment but the last equals the level amount', () => {
    fc.assert(
      fc.property(termsArbitrary, (input) => {
        const terms = parseTerms({ ...input, method: 'equal-installment', periodicFee: '0', firstDueDate: null });
        const s = generateSchedule(terms);
        const amortizing = s.installments.slice(terms.interestOnlyPeriods, -1);
        // Unless the payment cannot cover a period's interest (tiny principal, huge multiple), it is level.
        const uneven = amortizing.filter((i) => i.interest < s.levelAmount! && i.closingBalance > 0 && i.total !== s.levelAmount);
        expect(uneven).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('the same terms give the same fen every time (deterministic)', () => {
    fc.assert(
      fc.property(termsArbitrary, (input) => {
        expect(generateSchedule(parseTerms(input)).installments).toEqual(generateSchedule(parseTerms(input)).installments);
      }),
      { numRuns: 300 },
    );
  });

  it('with fees, the APR is at least the nominal rate', () => {
    fc.assert(
      fc.property(termsArbitrary, fc.integer({ min: 10, max: 500 }), (input, feePerMille) => {
        const terms = parseTerms(input);
        const fee = Math.max(100, Math.floor((terms.principal * feePerMille) / 1000));
        const s = generateSchedule({ ...terms, upfrontFee: Math.min(fee, terms.principal - 1) });
        expect(s.apr.simple).toBeGreaterThanOrEqual(terms.annualRate / 1e6 - 1e-9);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('level payment exactness', () => {
  it('the float fast path always agrees with exact rational arithmetic', async () => {
    const { levelPayment, exactLevelPayment } = await import('../../../shared/schedule/level-payment');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(12, 4, 360 / 7),
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom(1, 100, 1000),
        fc.constantFrom('half-up' as const, 'half-even' as const),
        (principal, rate, perYear, periods, multiple, mode) => {
          const periodic = perYear === 12 || perYear === 4 ? { numerator: rate, denominator: 1_000_000 * perYear } : { numerator: rate * 7, denominator: 360_000_000 };
          expect(levelPayment(principal, periodic, periods, multiple, mode)).toBe(exactLevelPayment(principal, periodic, periods, multiple, mode));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('an exact tie is decided by the rounding mode, not by float noise', async () => {
    const { levelPayment } = await import('../../../shared/schedule/level-payment');
    // 0% over 2 periods of 1 fen: 0.5 fen each, an exact tie.
    expect(levelPayment(1, { numerator: 0, denominator: 1 }, 2, 1, 'half-up')).toBe(1);
    expect(levelPayment(1, { numerator: 0, denominator: 1 }, 2, 1, 'half-even')).toBe(0);
  });
});
