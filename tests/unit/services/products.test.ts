import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
beforeEach(async () => {
  rt = await testRuntime();
});
afterEach(() => rt.close());

const business = { code: 'JY18', name: '经营贷18期', method: 'equal-installment' as const, annualRate: '17.30', periods: 18, interestOnlyPeriods: 6 };

describe('loan products', () => {
  it('stores a product with exact rates and the default allocation order', async () => {
    const created = await rt.call('product.create', { ...business, upfrontFeePercent: '1.5', periodicFee: '20', penaltyMarkupPercent: '30' });
    expect(created).toMatchObject({
      code: 'JY18',
      annualRate: '17.30',
      upfrontFeePercent: '1.50',
      periodicFee: '20.00',
      penaltyMarkupPercent: '30.00',
      frequency: 'monthly',
      dayCount: '30/360',
      installmentMultiple: '0.01',
      compoundInterest: true,
      allocationOrder: ['costs', 'penalty', 'interest', 'fees', 'principal'],
      active: true,
    });
    expect(rt.database.sqlite.prepare('SELECT annual_rate, upfront_fee_rate, penalty_markup FROM loan_products').get()).toEqual({
      annual_rate: 173_000,
      upfront_fee_rate: 15_000,
      penalty_markup: 300_000,
    });
  });

  it('edits with optimistic versions and deactivates instead of deleting', async () => {
    const created = await rt.call('product.create', business);
    const updated = await rt.call('product.update', { ...business, id: created.id, version: 1, annualRate: '16.80', active: false });
    expect(updated).toMatchObject({ annualRate: '16.80', active: false, version: 2 });
    expect(await rt.fail('product.update', { ...business, id: created.id, version: 1 })).toMatchObject({ code: 'conflict', reason: 'staleVersion' });
    expect(await rt.call('product.list', {})).toHaveLength(1);
  });

  it('refuses duplicates and nonsense, naming the field', async () => {
    await rt.call('product.create', business);
    expect(await rt.fail('product.create', business)).toMatchObject({ code: 'conflict', field: 'code', reason: 'productCodeTaken' });
    expect(await rt.fail('product.create', { ...business, code: 'X1', interestOnlyPeriods: 18 })).toMatchObject({ field: 'interestOnlyPeriods' });
    expect(await rt.fail('product.create', { ...business, code: 'X2', method: 'flat' })).toMatchObject({ field: 'interestOnlyPeriods', reason: 'interestOnlyMethod' });
    expect(await rt.fail('product.create', { ...business, code: 'X3', allocationOrder: ['principal', 'interest'] })).toMatchObject({ field: 'allocationOrder', reason: 'allocationOrder' });
    expect(await rt.fail('product.create', { ...business, code: 'X4', annualRate: '120' })).toMatchObject({ field: 'annualRate', reason: 'rateRange' });
    expect(await rt.fail('product.create', { ...business, code: '有 空格' })).toMatchObject({ field: 'code', reason: 'format' });
  });

  it('only administrators change products; everyone signed in reads them', async () => {
    await rt.call('product.create', business);
    expect(await rt.fail('product.create', { ...business, code: 'Y' }, { userName: 'li', role: 'loan-officer' })).toMatchObject({ code: 'forbidden' });
    expect(await rt.call('product.list', {}, { userName: 'zhang', role: 'collector' })).toHaveLength(1);
  });
});
