import { describe, expect, it } from 'vitest';
import { termsSchema } from '../../../shared/schedule/terms';
import { fromZodError } from '../../../shared/contract/errors';
import { base } from '../../helpers/schedule';

function problem(input: unknown) {
  const result = termsSchema.safeParse(input);
  if (result.success) return null;
  const error = fromZodError(result.error, input);
  return { field: error.field, reason: error.reason };
}

describe('terms validation names the field and the reason', () => {
  it('accepts the public example with defaults filled in', () => {
    const parsed = termsSchema.parse(base);
    expect(parsed).toMatchObject({ principal: 10_000_000, annualRate: 120_000, frequency: 'monthly', dayCount: '30/360', roundingMode: 'half-up', installmentMultiple: 1, upfrontFee: 0, periodicFee: 0, interestOnlyPeriods: 0 });
  });

  it.each([
    [{ principal: '0' }, 'principal', 'positiveAmount'],
    [{ principal: '-100.00' }, 'principal', 'positiveAmount'],
    [{ principal: '100.001' }, 'principal', 'amount'],
    [{ principal: 'abc' }, 'principal', 'amount'],
    [{ principal: 100000 }, 'principal', 'type'],
    [{ annualRate: '100.01' }, 'annualRate', 'rateRange'],
    [{ annualRate: '-1' }, 'annualRate', 'percent'],
    [{ annualRate: '12.00001' }, 'annualRate', 'percent'],
    [{ periods: 0 }, 'periods', 'tooSmall'],
    [{ periods: 601 }, 'periods', 'tooBig'],
    [{ periods: 1.5 }, 'periods', 'type'],
    [{ interestOnlyPeriods: 12 }, 'interestOnlyPeriods', 'interestOnlyPeriods'],
    [{ interestOnlyPeriods: 2, method: 'flat' }, 'interestOnlyPeriods', 'interestOnlyMethod'],
    [{ firstDueDate: '2026-01-15' }, 'firstDueDate', 'dateOrder'],
    [{ firstDueDate: '2026-01-01' }, 'firstDueDate', 'dateOrder'],
    [{ firstDueDate: '2026-06-15' }, 'firstDueDate', 'firstPeriodTooLong'],
    [{ disbursementDate: '2026-02-30' }, 'disbursementDate', 'date'],
    [{ disbursementDate: '15/01/2026' }, 'disbursementDate', 'date'],
    [{ method: 'balloon' }, 'method', 'choice'],
    [{ dayCount: 'ACT/ACT' }, 'dayCount', 'choice'],
    [{ installmentMultiple: '5' }, 'installmentMultiple', 'installmentMultiple'],
    [{ upfrontFee: '100000.00' }, 'upfrontFee', 'feeExceedsPrincipal'],
    [{ upfrontFee: '-1' }, 'upfrontFee', 'negativeAmount'],
    [{ repaymentDay: 32 }, 'repaymentDay', 'tooBig'],
    [{ repaymentDay: 5, frequency: 'weekly' }, 'repaymentDay', 'repaymentDayFrequency'],
    [{ principl: '1' }, '', 'unknownField'],
  ])('%j → %s: %s', (change, field, reason) => {
    expect(problem({ ...base, ...change })).toEqual({ field: field || undefined, reason });
  });

  it('requires the essentials', () => {
    expect(problem({ ...base, principal: undefined })).toEqual({ field: 'principal', reason: 'required' });
    expect(problem({})).toMatchObject({ reason: 'required' });
    expect(problem('not an object')).toMatchObject({ reason: 'type' });
  });
});
