/** The management reports as Excel through the report workbook: the monthly business report and the guarantee statistics. */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { ledgerLabels, managementReportLabels, type ReportLanguage } from '../../../shared/i18n/reports';
import type { ServiceContext } from '../context';
import { guaranteeStatisticsReport } from './guarantee-statistics';
import { microloanMonthly } from './monthly-report';
import { rollRateTable, vintageTable } from './vintage';
import { fen, template, type ReportSpec } from './report-spec';
import { column } from './report-workbook';

const pct = (fraction: string | null) => (fraction === null ? '—' : `${(Number(fraction) * 100).toFixed(2)}%`);

type MonthlyRow = ReturnType<typeof microloanMonthly>['byProduct'][number];

export function monthlySpec(ctx: ServiceContext, input: { month?: string | undefined }, language: ReportLanguage): ReportSpec<MonthlyRow> {
  const l = managementReportLabels[language].monthly;
  const r = microloanMonthly(ctx, input);
  const [product, opening, lent, repaid, writtenOff, closing] = l.columns;
  const p = r.positions;
  return {
    title: l.title,
    asOf: r.to,
    filters: [[ledgerLabels[language].period, `${r.from} ~ ${r.to}`]],
    columns: [
      column.text(product!, (row) => row.key || l.noProduct, 16),
      column.money(opening!, (row) => fen(row.opening)),
      column.money(lent!, (row) => fen(row.lent)),
      column.money(repaid!, (row) => fen(row.repaid)),
      column.money(writtenOff!, (row) => fen(row.writtenOff)),
      column.money(closing!, (row) => fen(row.closing)),
    ],
    rows: r.byProduct,
    notes: () => [
      ...r.byBorrowerKind.map((k) => [template(l.byKind, { kind: k.key, ...k }), ''] as [string, string]),
      [template(l.interest, r.interest), ''],
      ...(p
        ? ([
            [template(l.npl, { balance: p.nplBalance, ratio: pct(p.nplRatio) }), ''],
            [template(l.provisions, p.provisions), ''],
            ...p.concentration.largest.map((b) => [template(l.largest, { name: b.name, outstanding: b.outstanding, share: pct(b.shareOfNetAssets) }), ''] as [string, string]),
          ] as Array<[string, string]>)
        : []),
    ],
  };
}

type StatisticsRow = { key: 'opening' | 'increase' | 'decrease' | 'closing'; clients: number; contracts: number; amountWan: string };

export function statisticsSpec(ctx: ServiceContext, input: { from?: string | undefined; to?: string | undefined }, language: ReportLanguage): ReportSpec<StatisticsRow> {
  const l = managementReportLabels[language].statistics;
  const s = guaranteeStatisticsReport(ctx, input as ChannelParsedInput<'report.guaranteeStatistics'>);
  const [item, clients, contracts, amount] = l.columns;
  const keys = ['releasedWan', 'compensatedWan', 'recoveredWan', 'lossesWan'] as const;
  return {
    title: l.title,
    asOf: s.to,
    filters: [[ledgerLabels[language].period, `${s.from} ~ ${s.to}`]],
    columns: [
      column.text(item!, (row) => l.rows[row.key], 12),
      column.int(clients!, (row) => row.clients, 8),
      column.int(contracts!, (row) => row.contracts, 8),
      // Already in 万元: a number with two decimals, no total (opening + increase − decrease = closing).
      { header: amount!, kind: 'money', width: 16, value: (row) => Number(row.amountWan) },
    ],
    rows: (['opening', 'increase', 'decrease', 'closing'] as const).map((key) => ({ key, ...s[key] })),
    notes: () => [
      ...keys.map((k) => [template(l.line, { label: l.labels[k], value: s[k] }), ''] as [string, string]),
      [template(l.ratio, { label: 'leverage', value: `${s.ratios.leverage ?? '—'} / ${s.ratios.leverageLimit}`, formula: s.formulas.leverage ?? '' }), ''],
      [template(l.ratio, { label: 'compensation rate', value: pct(s.ratios.compensationRate), formula: s.formulas.compensationRate ?? '' }), ''],
      [template(l.ratio, { label: 'loss rate', value: pct(s.ratios.lossRate), formula: s.formulas.lossRate ?? '' }), ''],
    ],
  };
}

/** A decimal fraction ("0.1234") as the percent the report workbook writes as 12.34%. */
const percentOf = (fraction: string | null) => (fraction === null ? null : Number(fraction) * 100);

type Cohort = ChannelOutput<'report.vintage'>['cohorts'][number];

/** Cohorts down, months on book across: the share gone bad by each month end. */
export function vintageSpec(ctx: ServiceContext, input: ChannelParsedInput<'report.vintage'>, language: ReportLanguage): ReportSpec<Cohort> {
  const l = managementReportLabels[language].vintage;
  const v = vintageTable(ctx, input);
  const [lentIn, loans, lent] = l.columns;
  const longest = Math.max(0, ...v.cohorts.map((c) => c.cells.length));
  return {
    title: l.title,
    asOf: v.lastMonth,
    filters: [[l.thresholdLabel, template(l.threshold, { days: v.dpdOver })]],
    columns: [
      column.text(lentIn!, (c) => c.cohort, 10),
      column.int(loans!, (c) => c.loans),
      column.money(lent!, (c) => fen(c.disbursed)),
      ...Array.from({ length: longest }, (_, k) => ({ header: template(l.mob, { k }), kind: 'percent' as const, width: 8, value: (c: Cohort) => percentOf(c.cells[k]?.ratio ?? null) })),
    ],
    rows: v.cohorts,
    notes: () => (v.missingMonths.length > 0 ? [[template(l.missing, { months: v.missingMonths.join(', ') }), '']] : []),
  };
}

type RollRow = ChannelOutput<'report.rollRate'>['matrix'][number];

/** Buckets at the previous month end down, where their balance stood a month later across. */
export function rollRateSpec(ctx: ServiceContext, input: ChannelParsedInput<'report.rollRate'>, language: ReportLanguage): ReportSpec<RollRow> {
  const l = managementReportLabels[language].rollRate;
  const r = rollRateTable(ctx, input);
  const name = (bucket: string) => (l.buckets as Record<string, string>)[bucket] ?? bucket;
  const [from, loans, balance] = l.columns;
  return {
    title: l.title,
    asOf: r.month,
    filters: [[ledgerLabels[language].period, template(l.period, { from: r.previousMonth, to: r.month })]],
    columns: [
      column.text(from!, (row) => name(row.from), 10),
      column.int(loans!, (row) => row.loans),
      column.money(balance!, (row) => fen(row.outstanding)),
      ...r.targets.map((to) => ({ header: name(to), kind: 'percent' as const, width: 9, value: (row: RollRow) => percentOf(row.cells.find((c) => c.to === to)?.share ?? null) })),
    ],
    rows: r.matrix,
    notes: () =>
      r.trend.map((t) => [template(l.trend, { month: t.month, rates: t.rates.map((x) => `${name(x.from)}→${name(x.to)} ${x.share === null ? '—' : `${(Number(x.share) * 100).toFixed(2)}%`}`).join('，') }), ''] as [string, string]),
  };
}
