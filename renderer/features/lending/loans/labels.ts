/** Colours that carry meaning the same way on every screen: green paid/normal, orange watch, red bad. */
export const CLASS_COLORS: Record<string, string> = {
  normal: 'green',
  'special-mention': 'gold',
  substandard: 'orange',
  doubtful: 'volcano',
  loss: 'red',
};

export const STATUS_COLORS: Record<string, string> = {
  applied: 'default',
  approved: 'blue',
  rejected: 'default',
  disbursed: 'processing',
  settled: 'success',
  'written-off': 'error',
};

export const INSTALLMENT_COLORS: Record<string, string> = { paid: 'green', due: 'default', overdue: 'red', 'partly-paid': 'gold' };
