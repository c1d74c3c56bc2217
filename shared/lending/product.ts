/** Loan products (贷款产品): defaults for new loans, in the same public format as loan terms. */
import { z } from 'zod';
import { optionalText, positiveId, requiredText } from '../contract/fields';
import { roundingModes } from '../money/rounding';
import { installmentMultiple, percent, yuan } from '../schedule/terms';
import { dayCounts, frequencies, repaymentMethods } from '../schedule/types';

/** What a payment settles, in order (Civil Code art. 561 by default). */
export const allocationComponents = ['costs', 'penalty', 'interest', 'fees', 'principal'] as const;
export type AllocationComponent = (typeof allocationComponents)[number];
export const DEFAULT_ALLOCATION: AllocationComponent[] = ['costs', 'penalty', 'interest', 'fees', 'principal'];

/**
 * Whether a payment settles each component across all installments before the next component (by
 * component, the Civil Code default: costs, then every installment's penalty, then interest…) or each
 * installment in full, oldest first, before the next (by installment).
 */
export const allocationStrategies = ['by-component', 'by-installment'] as const;
export type AllocationStrategy = (typeof allocationStrategies)[number];

const productFields = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,20}$/, '1-20 letters, digits, hyphens or underscores'),
  name: requiredText(50),
  method: z.enum(repaymentMethods),
  annualRate: percent,
  periods: z.number().int().min(1).max(600),
  frequency: z.enum(frequencies).default('monthly'),
  interestOnlyPeriods: z.number().int().min(0).max(599).default(0),
  /** Defaults by method (defaultDayCount: actual days for a bullet loan). */
  dayCount: z.enum(dayCounts).optional(),
  roundingMode: z.enum(roundingModes).default('half-up'),
  installmentMultiple,
  /** Percent of the principal, charged at disbursement. */
  upfrontFeePercent: percent.default(0 as never),
  periodicFee: yuan({ positive: false }).default(0 as never),
  penaltyMarkupPercent: percent.default(500_000 as never),
  compoundInterest: z.boolean().default(true),
  graceDays: z.number().int().min(0).max(30).default(0),
  allocationOrder: z
    .array(z.enum(allocationComponents))
    .default(DEFAULT_ALLOCATION)
    .refine((order) => order.length === allocationComponents.length && new Set(order).size === order.length, {
      message: 'list each of costs, penalty, interest, fees and principal once',
      params: { reason: 'allocationOrder' },
    }),
  /** By component across installments (the Civil Code default), or each installment in full, oldest first. */
  allocationStrategy: z.enum(allocationStrategies).default('by-component'),
  note: optionalText(200),
  active: z.boolean().default(true),
});

function checkInterestOnly(value: z.output<typeof productFields>, ctx: z.RefinementCtx) {
  const amortizes = value.method === 'equal-installment' || value.method === 'equal-principal';
  if (value.interestOnlyPeriods > 0 && !amortizes) {
    ctx.addIssue({ code: 'custom', path: ['interestOnlyPeriods'], message: 'interest-only periods apply to equal-installment and equal-principal loans only', params: { reason: 'interestOnlyMethod' } });
  } else if (value.interestOnlyPeriods >= value.periods) {
    ctx.addIssue({ code: 'custom', path: ['interestOnlyPeriods'], message: 'interest-only periods must be fewer than the periods', params: { reason: 'interestOnlyPeriods' } });
  }
}

export const productCreateInput = productFields.superRefine(checkInterestOnly);
export const productUpdateInput = productFields.extend({ id: positiveId, version: z.number().int().min(1) }).superRefine(checkInterestOnly);

export const productView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  method: z.enum(repaymentMethods),
  annualRate: z.string(),
  periods: z.number().int(),
  frequency: z.enum(frequencies),
  interestOnlyPeriods: z.number().int(),
  dayCount: z.enum(dayCounts),
  roundingMode: z.enum(roundingModes),
  installmentMultiple: z.string(),
  upfrontFeePercent: z.string(),
  periodicFee: z.string(),
  penaltyMarkupPercent: z.string(),
  compoundInterest: z.boolean(),
  graceDays: z.number().int(),
  allocationOrder: z.array(z.enum(allocationComponents)),
  allocationStrategy: z.enum(allocationStrategies),
  note: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ProductView = z.output<typeof productView>;
