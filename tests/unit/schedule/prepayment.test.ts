import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../shared/dates/calendar';
import { payoffQuote, prepay, type PrepaymentError } from '../../../shared/schedule/prepayment';
import { base, scheduleOf } from '../../helpers/schedule';

const day = (text: string) => parseIsoDate(text)!;

describe('payoff quote', () => {
  it('charges interest only for the days used in the current period', () => {
    const s = scheduleOf(base);
    // Two installments paid; on 2026-04-05 the third period (Mar 15 → Apr 15) has run 20 days (30/360).
    const quote = payoffQuote(s, day('2026-04-05'), 2);
    const balance = s.installments[1]!.closingBalance;
    expect(quote.overdue.count).toBe(0);
    expect(quote.outstandingPrincipal).toBe(balance);
    expect(quote.accruedInterest).toBe(Math.round((balance * 0.12 * 20) / 360));
    expect(quote.total).toBe(balance + quote.accruedInterest);
  });

  it('adds unpaid installments that are already due', () => {
    const s = scheduleOf(base);
    const quote = payoffQuote(s, day('2026-04-20'), 1);
    expect(quote.overdue).toEqual({
      count: 2,
      principal: s.installments[1]!.principal + s.installments[2]!.principal,
      interest: s.installments[1]!.interest + s.installments[2]!.interest,
      fees: 0,
    });
    expect(quote.outstandingPrincipal).toBe(s.installments[2]!.closingBalance);
    expect(quote.accruedInterest).toBe(Math.round((s.installments[2]!.closingBalance * 0.12 * 5) / 360));
  });

  it('on a due date, after paying it, owes just the principal', () => {
    const s = scheduleOf(base);
    const quote = payoffQuote(s, day('2026-03-15'), 2);
    expect(quote.accruedInterest).toBe(0);
    expect(quote.total).toBe(s.installments[1]!.closingBalance);
  });
});

describe('partial prepayment', () => {
  const s = scheduleOf(base);
  const request = { date: day('2026-03-15'), amount: 3_000_000, paidInstallments: 2 };

  it('keep the term: the installment falls, the number of installments stays', () => {
    const result = prepay(s, { ...request, mode: 'keep-term' });
    expect(result.interestPaid).toBe(0);
    expect(result.principalPaid).toBe(3_000_000);
    const after = result.schedule.installments;
    expect(after).toHaveLength(12);
    expect(after.slice(0, 2)).toEqual(s.installments.slice(0, 2));
    expect(after[2]!.openingBalance).toBe(s.installments[1]!.closingBalance - 3_000_000);
    expect(result.schedule.levelAmount!).toBeLessThan(s.levelAmount!);
    expect(after.at(-1)!.closingBalance).toBe(0);
    expect(result.schedule.totals.principal + result.principalPaid).toBe(s.terms.principal);
  });

  it('keep the installment: the same amount, fewer installments', () => {
    const result = prepay(s, { ...request, mode: 'keep-installment' });
    const after = result.schedule.installments;
    expect(after.length).toBeLessThan(12);
    expect(after.slice(2, -1).every((i) => i.total === s.levelAmount)).toBe(true);
    expect(after.at(-1)!.total).toBeLessThanOrEqual(s.levelAmount!);
    expect(after.at(-1)!.closingBalance).toBe(0);
    expect(result.schedule.totals.principal + result.principalPaid).toBe(s.terms.principal);
    // Shorter term means less interest than keeping the term.
    expect(result.schedule.totals.interest).toBeLessThan(prepay(s, { ...request, mode: 'keep-term' }).schedule.totals.interest);
  });

  it('between due dates pays the accrued interest first and re-accrues from the prepayment date', () => {
    const result = prepay(s, { date: day('2026-03-25'), amount: 2_000_000, paidInstallments: 2, mode: 'keep-term' });
    const balance = s.installments[1]!.closingBalance;
    expect(result.interestPaid).toBe(Math.round((balance * 0.12 * 10) / 360));
    expect(result.principalPaid).toBe(2_000_000 - result.interestPaid);
    const next = result.schedule.installments[2]!;
    expect(next.days).toBe(20);
    expect(next.interest).toBe(Math.round(((balance - result.principalPaid) * 0.12 * 20) / 360));
  });

  it('refuses what it cannot do, with the reason', () => {
    const reasons = (fn: () => unknown) => {
      try {
        fn();
        return null;
      } catch (error) {
        return (error as PrepaymentError).reason;
      }
    };
    expect(reasons(() => prepay(s, { ...request, paidInstallments: 1, mode: 'keep-term' }))).toBe('overdueFirst');
    expect(reasons(() => prepay(s, { ...request, date: day('2026-03-25'), amount: 100, mode: 'keep-term' }))).toBe('amountTooSmall');
    expect(reasons(() => prepay(s, { ...request, amount: 100_000_000, mode: 'keep-term' }))).toBe('amountSettlesLoan');
  });

  it('works for equal principal with interest-only periods left, both ways', () => {
    const ep = scheduleOf({ ...base, method: 'equal-principal', interestOnlyPeriods: 3 });
    for (const mode of ['keep-term', 'keep-installment'] as const) {
      const result = prepay(ep, { date: day('2026-03-15'), amount: 1_000_000, paidInstallments: 2, mode });
      const after = result.schedule.installments;
      expect(after[2]!.principal).toBe(0); // the third period is still interest-only
      expect(after.at(-1)!.closingBalance).toBe(0);
      expect(result.schedule.totals.principal + result.principalPaid).toBe(ep.terms.principal);
    }
  });
});
