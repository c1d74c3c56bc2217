/** The schedule engine's vocabulary. Amounts are integer fen, rates integer millionths, dates day numbers. */
import type { DayNumber } from '../dates/calendar';
import type { RoundingMode } from '../money/rounding';
import type { Fen } from '../money/yuan';
import type { RateMicros } from '../rates/rate';

export const repaymentMethods = ['equal-installment', 'equal-principal', 'interest-only', 'bullet', 'flat'] as const;
/** 等额本息 / 等额本金 / 先息后本 / 到期一次还本付息 / 等本等息 */
export type RepaymentMethod = (typeof repaymentMethods)[number];

export const frequencies = ['monthly', 'quarterly', 'weekly', 'bi-weekly'] as const;
export type Frequency = (typeof frequencies)[number];

export const dayCounts = ['30/360', 'ACT/360', 'ACT/365'] as const;
export type DayCount = (typeof dayCounts)[number];

export const dueDateRules = ['keep', 'next-business-day', 'previous-business-day'] as const;
/** What happens to a due date that falls on a holiday (节假日顺延). */
export type DueDateRule = (typeof dueDateRules)[number];

export interface HolidayCalendar {
  rule: DueDateRule;
  /** Public holidays (法定节假日). */
  holidays: ReadonlySet<DayNumber>;
  /** Weekend days that are working days (调休上班). */
  workdays: ReadonlySet<DayNumber>;
}

export interface ScheduleTerms {
  principal: Fen;
  annualRate: RateMicros;
  periods: number;
  frequency: Frequency;
  method: RepaymentMethod;
  /** Leading interest-only periods before amortizing (equal installment or equal principal only). */
  interestOnlyPeriods: number;
  disbursementDate: DayNumber;
  /** The first due date; when null it is derived from repaymentDay or one period after disbursement. */
  firstDueDate: DayNumber | null;
  /** Fixed repayment day of the month (固定还款日), 1-31; 31 means the month's last day. */
  repaymentDay: number | null;
  dayCount: DayCount;
  roundingMode: RoundingMode;
  /** Installments are rounded to this many fen: 1 (fen), 100 (whole yuan), 1000 (10 yuan). */
  installmentMultiple: Fen;
  upfrontFee: Fen;
  periodicFee: Fen;
  calendar: HolidayCalendar;
}

export interface Installment {
  number: number;
  /** Interest runs from periodStart (included) to periodEnd (excluded): 算头不算尾. */
  periodStart: DayNumber;
  periodEnd: DayNumber;
  /** periodEnd moved by the holiday rule; the amount does not change with it. */
  dueDate: DayNumber;
  /** Days the interest was computed on, under the day count (30/360 days for 30/360). */
  days: number;
  openingBalance: Fen;
  principal: Fen;
  interest: Fen;
  fees: Fen;
  total: Fen;
  closingBalance: Fen;
}

export interface AprDisclosure {
  /** IRR per period, as a fraction (not percent). */
  periodicRate: number;
  /** periodicRate x periods per year (单利年化). */
  simple: number;
  /** (1 + periodicRate)^periods per year - 1 (复利年化). */
  compound: number;
  /** 'irr' for regular periods; 'xirr' on actual days / 365 when dates are irregular. */
  method: 'irr' | 'xirr';
}

export interface ScheduleTotals {
  principal: Fen;
  interest: Fen;
  fees: Fen;
  total: Fen;
  upfrontFee: Fen;
  /** Interest plus every fee: the total cost of borrowing. */
  costOfBorrowing: Fen;
}

export interface Schedule {
  terms: ScheduleTerms;
  installments: Installment[];
  /** The level installment (equal installment) or level principal (equal principal, flat), if any. */
  levelAmount: Fen | null;
  totals: ScheduleTotals;
  apr: AprDisclosure;
}
