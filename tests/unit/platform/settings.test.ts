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
