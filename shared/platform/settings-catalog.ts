/**
 * Every setting the product reads, with its default. Thresholds from the domain brief live here,
 * never as literals in the code that uses them.
 */
export const settingDefaults = {
  /** No new loan whose annualized rate (APR, 单利) exceeds this, without a recorded override. */
  'lending.aprHardCapPercent': '24.00',
  /** Warn at entry above this: 4 × the one-year LPR (3.00%), the cap regulators move to by end-2027. */
  'lending.aprWarningPercent': '12.00',
} as const;

export type SettingKey = keyof typeof settingDefaults;
