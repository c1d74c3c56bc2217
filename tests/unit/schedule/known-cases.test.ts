/** Known schedules: the brief's spreadsheet (PMT) checks and hand-worked cases for every option. */
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../shared/dates/calendar';
import { periodicIrr } from '../../../shared/schedule/apr';
import { base, rows, scheduleOf } from '../../helpers/schedule';

describe('public checks (spreadsheet PMT)', () => {
  it('100,000.00 at 12%, 12 months, equal installment: 8,884.88 a month, interest ≈ 6,618.5', () => {
    const s = scheduleOf(base);
    expect(s.levelAmount).toBe(888_488);
    expect(s.installments.slice(0, 11).every((i) => i.total === 888_488)).toBe(true);
    // The last installment absorbs the rounding residue: a few fen off.
    expect(Math.abs(s.installments[11]!.total - 888_488)).toBeLessThan(10);
    expect(s.totals.interest).toBe(661_853);
    expect(s.totals.principal).toBe(10_000_000);
    expect(s.installments[0]).toMatchObject({ interest: 100_000, principal: 788_488, closingBalance: 9_211_512 });
  });

  it('1,000,000.00 at 17.30%, 18 months, 6 interest-only then 12 equal installments', () => {
    const s = scheduleOf({
      principal: '1000000.00',
      annualRate: '17.30',
      periods: 18,
      frequency: 'monthly',
      method: 'equal-installment',
      interestOnlyPeriods: 6,
      disbursementDate: '2026-01-15',
      firstDueDate: '2026-02-15',
      dayCount: '30/360',
      roundingMode: 'half-up',
      installmentMultiple: '0.01',
      upfrontFee: '0.00',
    });
    const totals = s.installments.map((i) => i.total);
    expect(totals.slice(0, 6)).toEqual(Array(6).fill(1_441_667));
    expect(s.installments.slice(0, 6).every((i) => i.principal === 0)).toBe(true);
    expect(totals.slice(6, 17)).toEqual(Array(11).fill(9_134_718));
    expect(totals[17]).toBe(9_134_722);
    expect(s.installments[17]!.closingBalance).toBe(0);
    expect(s.apr.simple).toBeCloseTo(0.173, 6);
  });

  it('equal principal, 100,000.00 at 12%, 12 months: first payment 9,333.33', () => {
    const s = scheduleOf({ ...base, method: 'equal-principal' });
    expect(s.installments[0]!.total).toBe(933_333);
    expect(s.installments[1]!.total).toBe(925_000); // 8,333.33 + 916.67
    expect(s.installments[11]!.principal).toBe(833_337); // residue in the last
    expect(s.totals.interest).toBe(650_000);
  });
});

describe('APR disclosure (IRR)', () => {
  it('100,000 lent, 1,000 fee up front, 12 × 8,833.30: simple 12.80%, compound 13.58%', () => {
    const r = periodicIrr([99_000, ...Array(12).fill(-8_833.3)]);
    expect((r * 12 * 100).toFixed(2)).toBe('12.80');
    expect(((Math.pow(1 + r, 12) - 1) * 100).toFixed(2)).toBe('13.58');
  });

  it('flat 0.5% a month on 100,000 over 12 months: simple APR 10.90%, not 6%', () => {
    const s = scheduleOf({ ...base, annualRate: '6', method: 'flat' });
    expect(s.installments.every((i) => i.interest === 50_000)).toBe(true);
    expect((s.apr.simple * 100).toFixed(2)).toBe('10.90');
  });

  it('an upfront fee raises the APR above the nominal rate; without fees it equals it', () => {
    expect(scheduleOf(base).apr.simple).toBeCloseTo(0.12, 5);
    expect(scheduleOf({ ...base, upfrontFee: '1000.00' }).apr.simple).toBeGreaterThan(0.1375);
  });
});

describe('hand-worked cases', () => {
  it('interest only then bullet principal (先息后本)', () => {
    expect(rows(scheduleOf({ ...base, periods: 3, method: 'interest-only' }))).toEqual([
      ['2026-02-15', 0, 1000, 1000, 100000],
      ['2026-03-15', 0, 1000, 1000, 100000],
      ['2026-04-15', 100000, 1000, 101000, 0],
    ]);
  });

  it('bullet (到期一次还本付息): simple interest for the actual days', () => {
    const act365 = scheduleOf({ ...base, periods: 6, method: 'bullet', dayCount: 'ACT/365' });
    // 2026-01-15 to 2026-07-15 = 181 days: 100,000 × 12% × 181 / 365 = 5,950.684...
    expect(rows(act365)).toEqual([['2026-07-15', 100000, 5950.68, 105950.68, 0]]);
    expect(act365.installments[0]!.days).toBe(181);
    const thirty360 = scheduleOf({ ...base, periods: 6, method: 'bullet', dayCount: '30/360' });
    expect(thirty360.installments[0]!.interest).toBe(600_000);
    // With no day count given, a bullet loan takes the actual days: 100,000 × 12% × 181 / 360 = 6,033.333...
    expect(scheduleOf({ ...base, periods: 6, method: 'bullet' }).installments[0]!.interest).toBe(603_333);
    // simple APR on a bullet is the simple rate itself (on actual days / 365)
    expect(act365.apr.simple).toBeCloseTo(0.12, 6);
  });

  it('quarterly equal installment: 3% a quarter, PMT 26,902.70', () => {
    const s = scheduleOf({ ...base, periods: 4, frequency: 'quarterly' });
    expect(s.levelAmount).toBe(2_690_270);
    expect(rows(s).map((r) => r[0])).toEqual(['2026-04-15', '2026-07-15', '2026-10-15', '2027-01-15']);
    expect(s.installments[0]!.interest).toBe(300_000);
  });

  it('weekly interest only at 18.25% ACT/365: exactly 35.00 a week on 10,000', () => {
    const s = scheduleOf({ ...base, principal: '10000', annualRate: '18.25', periods: 4, frequency: 'weekly', method: 'interest-only', dayCount: 'ACT/365' });
    expect(rows(s)).toEqual([
      ['2026-01-22', 0, 35, 35, 10000],
      ['2026-01-29', 0, 35, 35, 10000],
      ['2026-02-05', 0, 35, 35, 10000],
      ['2026-02-12', 10000, 35, 10035, 0],
    ]);
  });

  it('bi-weekly equal principal at ACT/360', () => {
    const s = scheduleOf({ ...base, principal: '2800', annualRate: '18', periods: 2, frequency: 'bi-weekly', method: 'equal-principal', dayCount: 'ACT/360' });
    // 2,800 × 18% × 14/360 = 19.60; 1,400 × 18% × 14/360 = 9.80
    expect(rows(s)).toEqual([
      ['2026-01-29', 1400, 19.6, 1419.6, 1400],
      ['2026-02-12', 1400, 9.8, 1409.8, 0],
    ]);
  });

  it('month ends: disbursed Jan 31, due Feb 28, Mar 31, Apr 30, interest on actual days (ACT/360)', () => {
    const s = scheduleOf({ ...base, principal: '120000', annualRate: '9', periods: 3, method: 'equal-principal', dayCount: 'ACT/360', disbursementDate: '2026-01-31' });
    expect(rows(s)).toEqual([
      ['2026-02-28', 40000, 840, 40840, 80000],
      ['2026-03-31', 40000, 620, 40620, 40000],
      ['2026-04-30', 40000, 300, 40300, 0],
    ]);
  });

  it('30/360 counts every whole month as 30 days, whatever the calendar', () => {
    const s = scheduleOf({ ...base, periods: 3, method: 'interest-only', disbursementDate: '2026-01-31' });
    expect(s.installments.map((i) => [i.days, i.interest])).toEqual([
      [30, 100_000],
      [30, 100_000],
      [30, 100_000],
    ]);
  });

  it('an irregular first period accrues by days (disbursed Jan 10, first due Feb 25)', () => {
    const s = scheduleOf({ ...base, periods: 3, method: 'interest-only', disbursementDate: '2026-01-10', firstDueDate: '2026-02-25' });
    // 30/360: Jan 10 → Feb 25 = 45 days: 100,000 × 12% × 45/360 = 1,500.00
    expect(s.installments[0]).toMatchObject({ days: 45, interest: 150_000 });
    expect(rows(s).map((r) => r[0])).toEqual(['2026-02-25', '2026-03-25', '2026-04-25']);
    expect(s.apr.method).toBe('xirr');
    const short = scheduleOf({ ...base, periods: 2, method: 'interest-only', dayCount: 'ACT/365', disbursementDate: '2026-01-10', firstDueDate: '2026-01-20' });
    expect(short.installments[0]).toMatchObject({ days: 10, interest: 32_877 }); // 100,000 × 12% × 10/365 = 328.767
  });

  it('a fixed repayment day (每月固定还款日) sets the due dates', () => {
    const s = scheduleOf({ ...base, periods: 3, method: 'interest-only', disbursementDate: '2026-01-20', repaymentDay: 5 });
    expect(rows(s).map((r) => r[0])).toEqual(['2026-02-05', '2026-03-05', '2026-04-05']);
    expect(s.installments[0]!.days).toBe(15);
    const monthEnd = scheduleOf({ ...base, periods: 3, method: 'interest-only', disbursementDate: '2026-01-05', repaymentDay: 31 });
    expect(rows(monthEnd).map((r) => r[0])).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
  });

  it('due dates on holidays move by the rule; the amounts do not change', () => {
    // 2026-03-15 and 2026-11-15 are Sundays; 2026-05-01 is Labour Day.
    const keep = scheduleOf({ ...base, disbursementDate: '2026-02-15', periods: 3, method: 'interest-only' });
    const next = scheduleOf({ ...base, disbursementDate: '2026-02-15', periods: 3, method: 'interest-only', dueDateRule: 'next-business-day', holidays: ['2026-04-15'] });
    const previous = scheduleOf({ ...base, disbursementDate: '2026-02-15', periods: 3, method: 'interest-only', dueDateRule: 'previous-business-day' });
    expect(rows(keep).map((r) => r[0])).toEqual(['2026-03-15', '2026-04-15', '2026-05-15']);
    expect(rows(next).map((r) => r[0])).toEqual(['2026-03-16', '2026-04-16', '2026-05-15']);
    expect(rows(previous).map((r) => r[0])).toEqual(['2026-03-13', '2026-04-15', '2026-05-15']);
    expect(next.installments.map((i) => i.total)).toEqual(keep.installments.map((i) => i.total));
    // A make-up working Sunday (调休) is a business day.
    const workday = scheduleOf({ ...base, disbursementDate: '2026-02-15', periods: 1, method: 'interest-only', dueDateRule: 'next-business-day', workdays: ['2026-03-15'] });
    expect(rows(workday)[0]![0]).toBe('2026-03-15');
    expect(next.installments[0]!.periodEnd).toBe(parseIsoDate('2026-03-15'));
  });

  it('rounding: an exact half fen rounds up, or to even, as set', () => {
    // 1,000,000.50 × 1% = 1,000,000.5 fen exactly.
    const terms = { ...base, principal: '1000000.50', periods: 2, method: 'interest-only' as const };
    expect(scheduleOf(terms).installments[0]!.interest).toBe(1_000_001);
    expect(scheduleOf({ ...terms, roundingMode: 'half-even' }).installments[0]!.interest).toBe(1_000_000);
    const odd = { ...terms, principal: '1000001.50' };
    expect(scheduleOf({ ...odd, roundingMode: 'half-even' }).installments[0]!.interest).toBe(1_000_002);
  });

  it('installment multiple: whole yuan and 10 yuan; the last installment takes the difference', () => {
    const yuan = scheduleOf({ ...base, installmentMultiple: '1' });
    expect(yuan.levelAmount).toBe(888_500);
    expect(yuan.installments.slice(0, 11).every((i) => i.total === 888_500)).toBe(true);
    expect(yuan.installments[11]!.total).toBeLessThan(888_500);
    expect(yuan.totals.principal).toBe(10_000_000);
    expect(scheduleOf({ ...base, installmentMultiple: '10' }).levelAmount).toBe(888_000);
  });

  it('periodic fees are added to every installment and counted in the cost of borrowing', () => {
    const s = scheduleOf({ ...base, periodicFee: '20.00', upfrontFee: '500.00' });
    expect(s.installments.every((i) => i.fees === 2000 && i.total === i.principal + i.interest + 2000)).toBe(true);
    expect(s.totals.fees).toBe(24_000);
    expect(s.totals.costOfBorrowing).toBe(661_853 + 24_000 + 50_000);
  });

  it('a zero rate spreads the principal evenly', () => {
    const s = scheduleOf({ ...base, annualRate: '0', principal: '1000.00', periods: 3 });
    expect(s.installments.map((i) => i.total)).toEqual([33_333, 33_333, 33_334]);
    expect(s.apr.simple).toBeCloseTo(0, 8);
  });

  it('equal principal after interest-only periods', () => {
    const s = scheduleOf({ ...base, method: 'equal-principal', periods: 4, interestOnlyPeriods: 2 });
    expect(rows(s)).toEqual([
      ['2026-02-15', 0, 1000, 1000, 100000],
      ['2026-03-15', 0, 1000, 1000, 100000],
      ['2026-04-15', 50000, 1000, 51000, 50000],
      ['2026-05-15', 50000, 500, 50500, 0],
    ]);
  });
});
