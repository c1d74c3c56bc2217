import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsCatalog } from '../../../shared/platform/settings-catalog';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
beforeEach(async () => {
  rt = await testRuntime({ now: () => new Date('2026-11-28T02:00:00Z') });
});
afterEach(() => rt.close());

describe('settings', () => {
  it('lists every setting with its default, all valid against their own schema', async () => {
    const list = await rt.call('settings.list', {});
    expect(list.map((s) => s.key)).toEqual(Object.keys(settingsCatalog));
    for (const [key, spec] of Object.entries(settingsCatalog)) {
      expect(spec.schema.safeParse(spec.defaultValue).success, key).toBe(true);
    }
    expect(list.find((s) => s.key === 'collections.contactTo')).toMatchObject({ value: '21:00', defaultValue: '21:00', isDefault: true, updatedBy: null });
  });

  it('changes a value, remembering who and when, and the services read it', async () => {
    await rt.call('settings.set', { key: 'lending.aprHardCapPercent', value: '36.00' }, { userName: 'boss', role: 'administrator' });
    const entry = (await rt.call('settings.list', {})).find((s) => s.key === 'lending.aprHardCapPercent')!;
    expect(entry).toMatchObject({ value: '36.00', defaultValue: '24.00', isDefault: false, updatedBy: 'boss', updatedAt: '2026-11-28T02:00:00.000Z' });
    const schedule = await rt.call('schedule.calculate', { terms: { principal: '1000', annualRate: '30', periods: 12, method: 'equal-installment', disbursementDate: '2026-01-01' } });
    expect(schedule.warnings[0]!.reason).toBe('aprAboveWarning');
  });

  it('refuses a value of the wrong shape, or an unknown key, naming the field', async () => {
    expect(await rt.fail('settings.set', { key: 'security.idleLockMinutes', value: 0 })).toMatchObject({ field: 'value', reason: 'tooSmall' });
    expect(await rt.fail('settings.set', { key: 'security.idleLockMinutes', value: '15' })).toMatchObject({ field: 'value', reason: 'type' });
    expect(await rt.fail('settings.set', { key: 'lending.aprHardCapPercent', value: 'lots' })).toMatchObject({ field: 'value', reason: 'percent' });
    expect(await rt.fail('settings.set', { key: 'collections.contactFrom', value: '25:00' })).toMatchObject({ field: 'value', reason: 'format' });
    expect(await rt.fail('settings.set', { key: 'backup.keep', value: { daily: 7 } })).toMatchObject({ field: 'value' });
    expect(await rt.fail('settings.set', { key: 'no.such', value: 1 })).toMatchObject({ field: 'key', reason: 'unknownSetting' });
    expect((await rt.call('settings.list', {})).every((s) => s.isDefault)).toBe(true);
  });
});

describe('chart of accounts and voucher mapping', () => {
  it('ships a chart that covers every mapped account, and refuses a mapping to an unknown account', async () => {
    const list = await rt.call('settings.list', {});
    const chart = list.find((s) => s.key === 'ledger.chartOfAccounts')!.value as Array<{ code: string }>;
    const mapping = list.find((s) => s.key === 'ledger.voucherMapping')!.value as Record<string, { debit: string; credit: string }>;
    const codes = new Set(chart.map((a) => a.code));
    expect(Object.values(mapping).flatMap((m) => [m.debit, m.credit]).every((code) => codes.has(code))).toBe(true);
    expect(await rt.fail('settings.set', { key: 'ledger.voucherMapping', value: { ...mapping, disbursement: { debit: '9999', credit: '1002' } } })).toMatchObject({
      field: 'value',
      reason: 'unknownAccount',
      params: { event: 'disbursement', code: '9999' },
    });
    expect(await rt.fail('settings.set', { key: 'ledger.chartOfAccounts', value: chart.filter((a) => a.code !== '1303') })).toMatchObject({ reason: 'unknownAccount' });
    // Renaming an account's code everywhere at once is the accountant's way to match their software.
    const renamed = chart.map((a) => (a.code === '1002' ? { ...a, code: '100201' } : a));
    await rt.call('settings.set', { key: 'ledger.chartOfAccounts', value: [...renamed, { code: '1002', name: '银行存款（旧）', kind: 'asset' }] });
  });
});

describe('net assets per period', () => {
  it('records a figure per period end, replaces it on re-entry with an audit entry, and refuses nonsense', async () => {
    await rt.call('netAssets.record', { periodEnd: '2025-12-31', amount: '48,000,000.00', note: '2025年报' });
    await rt.call('netAssets.record', { periodEnd: '2026-06-30', amount: '51000000' });
    const replaced = await rt.call('netAssets.record', { periodEnd: '2025-12-31', amount: '48500000.00', note: '审计调整' });
    expect(replaced).toMatchObject({ periodEnd: '2025-12-31', amount: '48500000.00', note: '审计调整', recordedBy: 'local-admin' });
    expect((await rt.call('netAssets.list', {})).map((n) => [n.periodEnd, n.amount])).toEqual([
      ['2026-06-30', '51000000.00'],
      ['2025-12-31', '48500000.00'],
    ]);
    const trail = await rt.call('audit.list', { entityType: 'net-assets', entityId: '2025-12-31' });
    expect(trail.items[0]).toMatchObject({ before: { amount: '48000000.00' }, after: { amount: '48500000.00' } });
    expect(await rt.fail('netAssets.record', { periodEnd: '2025-13-31', amount: '1' })).toMatchObject({ field: 'periodEnd' });
    expect(await rt.fail('netAssets.record', { periodEnd: '2025-12-31', amount: '-5' })).toMatchObject({ field: 'amount', reason: 'positiveAmount' });
    expect(await rt.fail('netAssets.record', { periodEnd: '2025-12-31', amount: 'lots' })).toMatchObject({ field: 'amount', reason: 'amount' });
  });
});
