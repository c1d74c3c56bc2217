/** The schedule as it crosses a transport: yuan and percent decimal strings, ISO dates. */
import { z } from 'zod';
import { formatIsoDate } from '../dates/calendar';
import { fenToYuan } from '../money/yuan';
import { formatPercent } from '../rates/rate';
import type { Schedule } from './types';

export const wireInstallment = z.object({
  number: z.number().int(),
  periodStart: z.string(),
  dueDate: z.string(),
  days: z.number().int(),
  openingBalance: z.string(),
  principal: z.string(),
  interest: z.string(),
  fees: z.string(),
  total: z.string(),
  closingBalance: z.string(),
});

export const wireSchedule = z.object({
  installments: z.array(wireInstallment),
  totals: z.object({
    principal: z.string(),
    interest: z.string(),
    fees: z.string(),
    total: z.string(),
    upfrontFee: z.string(),
    costOfBorrowing: z.string(),
  }),
  /** Equal installment: the installment; equal principal / flat: the principal per period. */
  levelAmount: z.string().nullable(),
  apr: z.object({
    /** Percent, 4 decimals. */
    periodicRate: z.string(),
    /** Percent, 2 decimals: the disclosed annualized rate (单利). */
    simple: z.string(),
    compound: z.string(),
    method: z.enum(['irr', 'xirr']),
  }),
  /** The nominal rate as staff also quote it. */
  nominal: z.object({ annualPercent: z.string(), monthlyPermille: z.string(), dailyPerTenThousand: z.string() }),
  warnings: z.array(z.object({ reason: z.string(), message: z.string(), params: z.record(z.string(), z.string()) })),
});
export type WireSchedule = z.output<typeof wireSchedule>;
export type ScheduleWarning = WireSchedule['warnings'][number];

function percentOf(fraction: number, decimals: number): string {
  const text = (fraction * 100).toFixed(decimals);
  // A zero-rate loan's IRR comes out a hair below zero: it is disclosed as 0.00, never "-0.00".
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** The APR as disclosed (rounded as shown): all a loan's entry needs of the wire form. */
export function disclosedApr(schedule: Schedule): WireSchedule['apr'] {
  return {
    periodicRate: percentOf(schedule.apr.periodicRate, 4),
    simple: percentOf(schedule.apr.simple, 2),
    compound: percentOf(schedule.apr.compound, 2),
    method: schedule.apr.method,
  };
}

export function toWireSchedule(schedule: Schedule, warnings: ScheduleWarning[] = []): WireSchedule {
  const { terms } = schedule;
  const basis = terms.dayCount === 'ACT/365' ? 365 : 360;
  return {
    installments: schedule.installments.map((i) => ({
      number: i.number,
      periodStart: formatIsoDate(i.periodStart),
      dueDate: formatIsoDate(i.dueDate),
      days: i.days,
      openingBalance: fenToYuan(i.openingBalance),
      principal: fenToYuan(i.principal),
      interest: fenToYuan(i.interest),
      fees: fenToYuan(i.fees),
      total: fenToYuan(i.total),
      closingBalance: fenToYuan(i.closingBalance),
    })),
    totals: {
      principal: fenToYuan(schedule.totals.principal),
      interest: fenToYuan(schedule.totals.interest),
      fees: fenToYuan(schedule.totals.fees),
      total: fenToYuan(schedule.totals.total),
      upfrontFee: fenToYuan(schedule.totals.upfrontFee),
      costOfBorrowing: fenToYuan(schedule.totals.costOfBorrowing),
    },
    levelAmount: schedule.levelAmount === null ? null : fenToYuan(schedule.levelAmount),
    apr: disclosedApr(schedule),
    nominal: {
      annualPercent: formatPercent(terms.annualRate),
      monthlyPermille: ((terms.annualRate / 1e6 / 12) * 1000).toFixed(4),
      dailyPerTenThousand: ((terms.annualRate / 1e6 / basis) * 10000).toFixed(4),
    },
    warnings,
  };
}
