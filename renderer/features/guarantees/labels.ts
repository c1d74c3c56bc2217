export const GUARANTEE_STATUS_COLORS: Record<string, string> = {
  applied: 'default',
  approved: 'blue',
  'in-force': 'processing',
  released: 'success',
  compensated: 'error',
  recovering: 'warning',
  closed: 'success',
  loss: 'error',
};

export const GRADE_COLORS: Record<string, string> = {
  normal: 'green',
  'special-mention': 'gold',
  substandard: 'orange',
  doubtful: 'red',
  loss: 'magenta',
};
