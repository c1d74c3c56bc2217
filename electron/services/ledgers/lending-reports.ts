/** Loan reports: repayment schedules, the repayment journal, overdue aging, classification and provision. */
import { receiptsWithSplit, type ReceiptRow } from '../../../db/repositories/ledgers/journal-sources';
import { loanChunk, loanPositions, scheduleRows, type LoanPositionRow } from '../../../db/repositories/ledgers/report-sources';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { ledgerLabels, loanRegisterLabels, reportLabels, type ReportLanguage } from '../../../shared/i18n/reports';
import { formatPercent } from '../../../shared/rates/rate';
import type { ServiceContext } from '../context';
import { businessDate } from '../platform/status';
import { monthlySpec, rollRateSpec, vintageSpec } from './management-exports';
import { provisionRates } from './provision';
import { asOfBusinessDate, download, periodOf, template, y, type ReportSpec } from './report-spec';
import { chunked, column } from './report-workbook';

type LendingInput = ChannelParsedInput<'export.lending'>;

function schedulesSpec(ctx: ServiceContext, input: Extract<LendingInput, { report: 'schedules' }>, language: ReportLanguage): ReportSpec<ReturnType<typeof scheduleRows>[number]> {
  const l = reportLabels[language].schedules;
  if (input.contractNo && loanChunk(ctx.db, { contractNo: input.contractNo }, '', 1).length === 0) {
    throw new AppError('not-found', `contractNo: no disbursed loan ${input.contractNo}`, { field: 'contractNo', reason: 'loanNotFound' });
  }
  const [contract, borrower, no, from, due, days, opening, principal, interest, fees, total, closing, paid] = l.columns;
  const rows = (function* () {
    for (let after = ''; ; ) {
      const ids = loanChunk(ctx.db, { contractNo: input.contractNo, status: input.status }, after, 200);
      yield* scheduleRows(
        ctx.db,
        ids.map((i) => i.id),
      );
      if (ids.length < 200) return;
      after = ids.at(-1)!.contractNo;
    }
  })();
  return {
    title: l.title,
    asOf: businessDate(ctx),
    filters: [...(input.contractNo ? [[contract!, input.contractNo] as [string, string]] : []), ...(input.status ? [[loanRegisterLabels[language].filters.status, loanRegisterLabels[language].statuses[input.status]] as [string, string]] : [])],
    columns: [
      column.text(contract!, (r) => r.contractNo, 18),
      column.text(borrower!, (r) => r.borrowerName, 20),
      column.int(no!, (r) => r.number, 6),
      column.date(from!, (r) => r.periodStart),
      column.date(due!, (r) => r.dueDate),
      column.int(days!, (r) => r.days, 8),
      column.money(opening!, (r) => r.openingBalance),
      column.money(principal!, (r) => r.principal),
      column.money(interest!, (r) => r.interest),
      column.money(fees!, (r) => r.fees),
      column.money(total!, (r) => r.principal + r.interest + r.fees),
      column.money(closing!, (r) => r.closingBalance),
      column.money(paid!, (r) => r.paid),
    ],
    rows,
  };
}

function repaymentsSpec(ctx: ServiceContext, input: Extract<LendingInput, { report: 'repayments' }>, language: ReportLanguage): ReportSpec<ReceiptRow> {
  const l = reportLabels[language].repayments;
  const period = periodOf(ctx, input);
  const [date, contract, borrower, kind, channel, reference, amount, principal, interest, penalty, fees, costs, unapplied] = l.columns;
  return {
    title: l.title,
    asOf: period.to,
    filters: [[ledgerLabels[language].period, `${period.from} ~ ${period.to}`], ...(input.contractNo ? [[contract!, input.contractNo] as [string, string]] : [])],
    columns: [
      column.date(date!, (r) => r.date),
      column.text(contract!, (r) => r.contractNo, 18),
      column.text(borrower!, (r) => r.borrowerName, 20),
      column.text(kind!, (r) => l.kinds[r.kind], 10),
      column.text(channel!, (r) => r.channel, 8),
      column.text(reference!, (r) => r.reference, 16),
      column.money(amount!, (r) => r.amount),
      column.money(principal!, (r) => r.principal),
      column.money(interest!, (r) => r.interest),
      column.money(penalty!, (r) => r.penalty),
      column.money(fees!, (r) => r.fees),
      column.money(costs!, (r) => r.costs),
      // A recovery after write-off is not split: it is all "amount".
      column.money(unapplied!, (r) => (r.kind === 'recovery' ? 0 : r.amount - r.principal - r.interest - r.penalty - r.fees - r.costs)),
    ],
    rows: receiptsWithSplit(ctx.db, { from: period.from, to: period.to, ...(input.contractNo ? { contractNo: input.contractNo } : {}) }),
    notes: () => [[l.note, '']],
  };
}

function positionsSpec(ctx: ServiceContext, report: 'aging' | 'classification', asOf: string | undefined, language: ReportLanguage): ReportSpec<LoanPositionRow> {
  const today = asOfBusinessDate(ctx, asOf);
  const rates = provisionRates(ctx);
  const classes = loanRegisterLabels[language].classes as Record<string, string>;
  const groups = new Map<string, { count: number; a: number; b: number }>();
  const rows = (function* () {
    for (const row of chunked((after, limit) => loanPositions(ctx.db, { overdueOnly: report === 'aging', rates, afterContract: after, limit }), (r) => r.contractNo)) {
      const key = report === 'aging' ? row.bucket : row.classification;
      const g = groups.get(key) ?? { count: 0, a: 0, b: 0 };
      g.count++;
      g.a += report === 'aging' ? row.overduePrincipal : row.outstanding;
      g.b += row.provision;
      groups.set(key, g);
      yield row;
    }
  })();
  if (report === 'aging') {
    const l = reportLabels[language].aging;
    const [contract, borrower, officer, outstanding, overduePrincipal, overdueInterest, penalty, dpd, bucket, cls, nextDue] = l.columns;
    return {
      title: l.title,
      asOf: today,
      filters: [],
      columns: [
        column.text(contract!, (r) => r.contractNo, 18),
        column.text(borrower!, (r) => r.borrowerName, 20),
        column.text(officer!, (r) => r.officer, 10),
        column.money(outstanding!, (r) => r.outstanding),
        column.money(overduePrincipal!, (r) => r.overduePrincipal),
        column.money(overdueInterest!, (r) => r.overdueInterest),
        column.money(penalty!, (r) => r.penalty),
        column.int(dpd!, (r) => r.dpd),
        column.text(bucket!, (r) => r.bucket, 8),
        column.text(cls!, (r) => classes[r.classification] ?? r.classification, 8),
        column.date(nextDue!, (r) => r.nextDueDate),
      ],
      rows,
      notes: () => [...groups.entries()].sort().map(([key, g]) => [template(l.byBucket, { bucket: key, count: g.count, amount: y(g.a) }), '']),
    };
  }
  const l = reportLabels[language].classification;
  const [contract, borrower, outstanding, dpd, cls, rate, provision] = l.columns;
  return {
    title: l.title,
    asOf: today,
    filters: [],
    columns: [
      column.text(contract!, (r) => r.contractNo, 18),
      column.text(borrower!, (r) => r.borrowerName, 20),
      column.money(outstanding!, (r) => r.outstanding),
      column.int(dpd!, (r) => r.dpd),
      column.text(cls!, (r) => classes[r.classification] ?? r.classification, 8),
      column.percent(rate!, (r) => Number(formatPercent(rates[r.classification] ?? 0))),
      column.money(provision!, (r) => r.provision, 16),
    ],
    rows,
    notes: () => [...groups.entries()].sort().map(([key, g]) => [template(l.byClass, { cls: classes[key] ?? key, count: g.count, outstanding: y(g.a), provision: y(g.b) }), '']),
  };
}

function specFor(ctx: ServiceContext, input: LendingInput) {
  switch (input.report) {
    case 'schedules':
      return schedulesSpec(ctx, input, input.language);
    case 'repayments':
      return repaymentsSpec(ctx, input, input.language);
    case 'microloan-monthly':
      return monthlySpec(ctx, input, input.language);
    case 'vintage':
      return vintageSpec(ctx, input, input.language);
    case 'roll-rate':
      return rollRateSpec(ctx, input, input.language);
    case 'aging':
    case 'classification':
      return positionsSpec(ctx, input.report, input.asOf, input.language);
  }
}

export function lendingReportSpec(ctx: ServiceContext, input: LendingInput): ReportSpec<never> {
  return specFor(ctx, input) as unknown as ReportSpec<never>;
}

export const exportLending = (ctx: ServiceContext, input: LendingInput): Promise<ChannelOutput<'export.lending'>> => download(ctx, lendingReportSpec(ctx, input), input.language, input.jobId);
