/**
 * The public terms format (the CLI's terms.json, import templates, the calculator screen): amounts in
 * yuan and rates in percent as decimal strings, dates as YYYY-MM-DD. Parsing it yields ScheduleTerms.
 */
import { z } from 'zod';
import { parseIsoDate, type DayNumber } from '../dates/calendar';
import { roundingModes } from '../money/rounding';
import { MAX_AMOUNT_FEN, parseYuan } from '../money/yuan';
import { MAX_RATE_MICROS, parsePercent } from '../rates/rate';
import { addPeriods } from './periods';
import { dayCounts, dueDateRules, frequencies, repaymentMethods, type DayCount, type RepaymentMethod, type ScheduleTerms } from './types';

function issue(ctx: z.RefinementCtx, reason: string, message: string) {
  ctx.addIssue({ code: 'custom', message, params: { reason } });
}

export const yuan = (options: { positive: boolean }) =>
  z.string().transform((text, ctx) => {
    const fen = parseYuan(text);
    if (fen === null) {
      issue(ctx, 'amount', 'expected an amount in yuan with at most 2 decimals, e.g. "1000000.00"');
      return z.NEVER;
    }
    if (options.positive ? fen <= 0 : fen < 0) {
      issue(ctx, options.positive ? 'positiveAmount' : 'negativeAmount', options.positive ? 'must be more than 0' : 'must not be negative');
      return z.NEVER;
    }
    return fen;
  });

export const percent = z.string().transform((text, ctx) => {
  const rate = parsePercent(text);
  if (rate === null) {
    issue(ctx, 'percent', 'expected a percentage with at most 4 decimals, e.g. "17.30"');
    return z.NEVER;
  }
  if (rate > MAX_RATE_MICROS) {
    issue(ctx, 'rateRange', 'an annual rate is between 0 and 100 percent');
    return z.NEVER;
  }
  return rate;
});

const date = z.string().transform((text, ctx): DayNumber => {
  const day = parseIsoDate(text);
  if (day === null) {
    issue(ctx, 'date', 'expected a calendar date YYYY-MM-DD');
    return z.NEVER;
  }
  return day;
});

/**
 * The day count a method takes when none is given: a bullet loan (到期一次还本付息) accrues simple interest on
 * the actual days (ACT/360: 100,000 at 12% for 365 days is 12,166.67, where 30/360 would charge 12,000.00);
 * the others count 30-day months.
 */
export function defaultDayCount(method: RepaymentMethod): DayCount {
  return method === 'bullet' ? 'ACT/360' : '30/360';
}

const MULTIPLES: Record<string, number> = { '0.01': 1, '1': 100, '1.00': 100, '10': 1000, '10.00': 1000 };

/** "0.01" | "1" | "10" yuan → the installment multiple in fen. */
export const installmentMultiple = z
  .string()
  .default('0.01')
  .transform((text, ctx) => {
    const fen = MULTIPLES[text.trim()];
    if (fen === undefined) {
      issue(ctx, 'installmentMultiple', 'one of "0.01" (fen), "1" (whole yuan) or "10" (10 yuan)');
      return z.NEVER;
    }
    return fen;
  });

export const termsSchema = z
  .strictObject({
    principal: yuan({ positive: true }),
    annualRate: percent,
    periods: z.number().int().min(1).max(600),
    frequency: z.enum(frequencies).default('monthly'),
    method: z.enum(repaymentMethods),
    interestOnlyPeriods: z.number().int().min(0).max(599).default(0),
    disbursementDate: date,
    firstDueDate: date.nullish(),
    repaymentDay: z.number().int().min(1).max(31).nullish(),
    dayCount: z.enum(dayCounts).optional(),
    roundingMode: z.enum(roundingModes).default('half-up'),
    installmentMultiple,
    upfrontFee: yuan({ positive: false }).default(0 as never),
    periodicFee: yuan({ positive: false }).default(0 as never),
    holidays: z.array(date).max(2000).default([]),
    workdays: z.array(date).max(2000).default([]),
    dueDateRule: z.enum(dueDateRules).default('keep'),
  })
  .superRefine((t, ctx) => {
    const at = (path: string, reason: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, params: { reason } });
    if (t.principal > MAX_AMOUNT_FEN) at('principal', 'tooBig', 'principal is too large');
    const amortizes = t.method === 'equal-installment' || t.method === 'equal-principal';
    if (t.interestOnlyPeriods > 0 && !amortizes) {
      at('interestOnlyPeriods', 'interestOnlyMethod', 'interest-only periods apply to equal-installment and equal-principal loans only');
    } else if (t.interestOnlyPeriods >= t.periods) {
      at('interestOnlyPeriods', 'interestOnlyPeriods', 'interest-only periods must be fewer than the periods');
    }
    if (t.repaymentDay != null && (t.frequency === 'weekly' || t.frequency === 'bi-weekly')) {
      at('repaymentDay', 'repaymentDayFrequency', 'a repayment day of the month needs a monthly or quarterly frequency');
    }
    if (t.firstDueDate != null) {
      if (t.firstDueDate <= t.disbursementDate) {
        at('firstDueDate', 'dateOrder', 'the first due date must come after the disbursement date');
      } else if (t.firstDueDate > addPeriods(t.disbursementDate, t.frequency, 2)) {
        at('firstDueDate', 'firstPeriodTooLong', 'the first period may be at most two regular periods long');
      }
    }
    if (t.upfrontFee >= t.principal) at('upfrontFee', 'feeExceedsPrincipal', 'the upfront fee must be less than the principal');
  })
  .transform((t) => ({ ...t, dayCount: t.dayCount ?? defaultDayCount(t.method) }));

export type TermsInput = z.input<typeof termsSchema>;

export function toScheduleTerms(parsed: z.output<typeof termsSchema>): ScheduleTerms {
  return {
    principal: parsed.principal,
    annualRate: parsed.annualRate,
    periods: parsed.periods,
    frequency: parsed.frequency,
    method: parsed.method,
    interestOnlyPeriods: parsed.interestOnlyPeriods,
    disbursementDate: parsed.disbursementDate,
    firstDueDate: parsed.firstDueDate ?? null,
    repaymentDay: parsed.repaymentDay ?? null,
    dayCount: parsed.dayCount,
    roundingMode: parsed.roundingMode,
    installmentMultiple: parsed.installmentMultiple,
    upfrontFee: parsed.upfrontFee,
    periodicFee: parsed.periodicFee,
    calendar: { rule: parsed.dueDateRule, holidays: new Set(parsed.holidays), workdays: new Set(parsed.workdays) },
  };
}

/** Parses the public terms format; throws the zod error for the boundary to report. */
export function parseTerms(input: unknown): ScheduleTerms {
  return toScheduleTerms(termsSchema.parse(input));
}
