/** Post-guarantee monitoring (保后监管) on the wire: the task list, check records, warning signals and alerts. */
import { z } from 'zod';
import { isoDate, optionalText, positiveId, requiredText } from '../contract/fields';
import { loanClasses } from '../lending/classification';
import { checkTypes, guaranteeRef, monitoringReasons } from './guarantee';

export { checkTypes, monitoringReasons };

export const monitoringDueInput = z
  .strictObject({
    asOf: isoDate.optional(),
    officer: z.string().trim().max(64).optional(),
    /** Also list checks falling due within this many days after the date. */
    withinDays: z.number().int().min(0).max(365).default(0),
  })
  .default({ withinDays: 0 });

export const monitoringTaskView = z.object({
  id: z.number().int(),
  contractNo: z.string(),
  clientName: z.string(),
  bankName: z.string(),
  officer: z.string(),
  dueDate: z.string(),
  reason: z.enum(monitoringReasons),
  /** Days past the due date (0 when due today or later). */
  daysOverdue: z.number().int(),
  watchList: z.boolean(),
  outstanding: z.string(),
});

export const monitoringRecordInput = guaranteeRef
  .extend({
    checkedOn: isoDate.optional(),
    checkType: z.enum(checkTypes),
    findings: requiredText(2000),
    riskGrade: z.enum(loanClasses),
    /** Otherwise by the settings: monthly on the watch list, else every few months. */
    nextCheckOn: isoDate.optional(),
  })
  .refine((v) => !v.checkedOn || !v.nextCheckOn || v.nextCheckOn > v.checkedOn, {
    path: ['nextCheckOn'],
    message: 'the next check must come after this one',
    params: { reason: 'dateOrder' },
  });

export const signalRaiseInput = guaranteeRef.extend({
  /** A code from the warning-signal setting (e.g. interest-unpaid, litigation). */
  signal: z.string().trim().min(1).max(40),
  date: isoDate.optional(),
  detail: optionalText(500),
});

export const signalClearInput = z.strictObject({ id: positiveId, reason: requiredText(500), date: isoDate.optional() });

export const alertsView = z.object({
  asOf: z.string(),
  /** In-force contracts whose bank loan matures within the largest alert window, with the window they fall in. */
  maturing: z.array(
    z.object({ contractNo: z.string(), clientName: z.string(), bankName: z.string(), loanEnd: z.string(), daysLeft: z.number().int(), window: z.number().int(), outstanding: z.string() }),
  ),
  creditLines: z.array(
    z.object({
      bankId: z.number().int(),
      name: z.string(),
      creditLine: z.string(),
      used: z.string(),
      usedPercent: z.string(),
      lineValidTo: z.string(),
      daysLeft: z.number().int(),
      reasons: z.array(z.enum(['near-limit', 'over-limit', 'expiring', 'expired'])),
    }),
  ),
});
