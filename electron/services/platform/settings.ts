/** Settings: each has a default in the catalog; a stored value overrides it and remembers who set it. */
import { eq } from 'drizzle-orm';
import { readSetting, writeSetting } from '../../../db/repositories/platform/settings';
import { settings as settingsTable } from '../../../db/schema';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError, fromZodError } from '../../../shared/contract/errors';
import { isSettingKey, settingKeys, settingsCatalog, type SettingKey, type SettingValue } from '../../../shared/platform/settings-catalog';
import { actorOf, instant, type ServiceContext } from '../context';

/** A setting's stored value, or its default when unset or no longer valid. */
export function setting<K extends SettingKey>(ctx: Pick<ServiceContext, 'db'>, key: K): SettingValue<K> {
  const stored = readSetting(ctx.db, key);
  if (stored === undefined) return settingsCatalog[key].defaultValue as SettingValue<K>;
  const parsed = settingsCatalog[key].schema.safeParse(stored);
  return (parsed.success ? parsed.data : settingsCatalog[key].defaultValue) as SettingValue<K>;
}

export function listSettings(ctx: ServiceContext): ChannelOutput<'settings.list'> {
  return settingKeys.map((key) => {
    const row = ctx.db.select().from(settingsTable).where(eq(settingsTable.key, key)).get();
    const value = setting(ctx, key);
    const defaultValue = settingsCatalog[key].defaultValue;
    return {
      key,
      group: settingsCatalog[key].group,
      value,
      defaultValue,
      isDefault: JSON.stringify(value) === JSON.stringify(defaultValue),
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}

export function setSetting(ctx: ServiceContext, input: ChannelParsedInput<'settings.set'>): ChannelOutput<'settings.set'> {
  if (!isSettingKey(input.key)) {
    throw new AppError('validation', `key: there is no setting "${input.key}"`, { field: 'key', reason: 'unknownSetting' });
  }
  const parsed = settingsCatalog[input.key].schema.safeParse(input.value);
  if (!parsed.success) {
    const error = fromZodError(parsed.error, input.value);
    throw new AppError('validation', `value: ${error.message}`, { field: 'value', reason: error.reason ?? 'invalid', ...(error.params ? { params: error.params } : {}) });
  }
  assertLedgerConsistent(ctx, input.key, parsed.data);
  const before = setting(ctx, input.key);
  writeSetting(ctx.db, input.key, parsed.data, actorOf(ctx).userName, instant(ctx));
  ctx.audit({ entityType: 'setting', entityId: input.key, before, after: parsed.data });
  return { key: input.key, value: parsed.data };
}

/** Every account the voucher mapping names must exist in the chart of accounts, whichever of the two changes. */
function assertLedgerConsistent(ctx: ServiceContext, key: SettingKey, value: unknown): void {
  if (key !== 'ledger.chartOfAccounts' && key !== 'ledger.voucherMapping') return;
  const chart = key === 'ledger.chartOfAccounts' ? (value as SettingValue<'ledger.chartOfAccounts'>) : setting(ctx, 'ledger.chartOfAccounts');
  const mapping = key === 'ledger.voucherMapping' ? (value as SettingValue<'ledger.voucherMapping'>) : setting(ctx, 'ledger.voucherMapping');
  const codes = new Set(chart.map((account) => account.code));
  for (const [event, accounts] of Object.entries(mapping)) {
    for (const code of [accounts.debit, accounts.credit]) {
      if (!codes.has(code)) {
        throw new AppError('validation', `value: the ${event} entry uses account ${code}, which is not in the chart of accounts`, {
          field: 'value',
          reason: 'unknownAccount',
          params: { event, code },
        });
      }
    }
  }
}
