/** A ledger report as title, columns and rows, and the checks every report makes of its dates. */
import { AppError } from '../../../shared/contract/errors';
import type { ReportLanguage } from '../../../shared/i18n/reports';
import { fenToYuan, parseYuan } from '../../../shared/money/yuan';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { businessDate } from '../platform/status';
import { asJob } from '../platform/jobs';
import { asDownload, writeReport, type ReportColumn, type WriteControl } from './report-workbook';

export interface ReportSpec<Row> {
  title: string;
  asOf: string;
  filters: Array<[string, string]>;
  columns: Array<ReportColumn<Row>>;
  rows: Iterable<Row>;
  /** Rows to come, when known cheaply (for the progress bar). */
  total?: number;
  /** Cover-sheet lines worked out while the rows are written (summaries by bucket or class). */
  notes?: () => Array<[string, string]>;
}

export const y = fenToYuan;
export const fen = (yuan: string | null) => (yuan === null ? 0 : (parseYuan(yuan) ?? 0));

export function template(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

export async function writeSpec<Row>(ctx: ServiceContext, spec: ReportSpec<Row>, language: ReportLanguage, file: string, control: WriteControl = {}) {
  const notes: Array<[string, string]> = [];
  const rows = spec.rows;
  const withNotes = (function* () {
    yield* rows;
    if (spec.notes) notes.push(...spec.notes());
  })();
  return writeReport(file, { company: setting(ctx, 'company.name'), title: spec.title, asOf: spec.asOf, filters: spec.filters, by: actorOf(ctx).userName, at: instant(ctx), language, notes }, spec.columns, withNotes, control);
}

/** A period may not end before it starts, nor after the business date: the book does not exist beyond it yet. */
export function checkPeriod(ctx: ServiceContext, period: { from: string; to: string }): void {
  if (period.from > period.to) throw new AppError('validation', `to: ${period.to} is before from ${period.from}`, { field: 'to', reason: 'dateOrder' });
  const today = businessDate(ctx);
  if (period.to > today) throw new AppError('validation', `to: ${period.to} is after the business date ${today}`, { field: 'to', reason: 'afterBusinessDate', params: { businessDate: today } });
}

/** The period asked for, ending by default on the business date and starting by default on the first of its month. */
export function periodOf(ctx: ServiceContext, input: { from?: string | undefined; to?: string | undefined }, defaultFrom = (to: string) => `${to.slice(0, 7)}-01`): { from: string; to: string } {
  const to = input.to ?? businessDate(ctx);
  const period = { from: input.from ?? defaultFrom(to), to };
  checkPeriod(ctx, period);
  return period;
}

/** Reports over the register snapshot stand only as of the business date. */
export function asOfBusinessDate(ctx: ServiceContext, asOf: string | undefined): string {
  const today = businessDate(ctx);
  if (asOf && asOf !== today) {
    throw new AppError('validation', `asOf: the book stands as of the business date ${today}`, { field: 'asOf', reason: 'asOfNotBusinessDate', params: { businessDate: today } });
  }
  return today;
}


/** The report as a file for the renderer to save; with a job id, watched and cancellable while it is written. */
export async function download<Row>(ctx: ServiceContext, spec: ReportSpec<Row>, language: ReportLanguage, jobId?: string) {
  return asJob(ctx, jobId, spec.title, spec.total ?? null, (control) => asDownload(`${spec.title}-${spec.asOf}.xlsx`, (file) => writeSpec(ctx, spec, language, file, control)));
}

