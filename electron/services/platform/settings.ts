import { readSetting } from '../../../db/repositories/platform/settings';
import { settingDefaults, type SettingKey } from '../../../shared/platform/settings-catalog';
import type { ServiceContext } from '../context';

/** A setting's stored value, or its default. */
export function setting<K extends SettingKey>(ctx: ServiceContext, key: K): (typeof settingDefaults)[K] | string {
  const value = readSetting(ctx.db, key);
  return typeof value === 'string' ? value : settingDefaults[key];
}
