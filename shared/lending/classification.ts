/** Aging buckets and the five-category classification (五级分类) from days past due, by settings. */
export const loanClasses = ['normal', 'special-mention', 'substandard', 'doubtful', 'loss'] as const;
/** 正常 / 关注 / 次级 / 可疑 / 损失 */
export type LoanClass = (typeof loanClasses)[number];

/** 'current', then M1, M2, M3, M4-M6, M6+ by the upper bounds (default 30, 60, 90, 180 days). */
export function agingBucket(dpd: number, upperDays: readonly number[]): string {
  if (dpd <= 0) return 'current';
  const labels = ['M1', 'M2', 'M3', 'M4-M6'];
  for (let k = 0; k < upperDays.length; k++) {
    if (dpd <= upperDays[k]!) return labels[k] ?? `B${k + 1}`;
  }
  return 'M6+';
}

export interface ClassificationDays {
  specialMention: number;
  substandard: number;
  doubtful: number;
  loss: number;
}

export function classify(dpd: number, days: ClassificationDays): LoanClass {
  if (dpd >= days.loss) return 'loss';
  if (dpd >= days.doubtful) return 'doubtful';
  if (dpd >= days.substandard) return 'substandard';
  if (dpd >= days.specialMention) return 'special-mention';
  return 'normal';
}

/** 次级、可疑、损失 are non-performing. */
export function isNonPerforming(value: LoanClass): boolean {
  return value === 'substandard' || value === 'doubtful' || value === 'loss';
}
