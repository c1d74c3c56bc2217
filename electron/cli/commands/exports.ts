/** Ledger exports from the terminal: `loanbridge export <report> --as-of DATE --out file.xlsx`. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { ChannelName, ChannelOutput } from '../../../shared/contract';
import { CliFailure, type CliContext } from '../context';
import { printValue } from '../output';

const REPORTS = ['loan-register', 'loan-book', 'schedules', 'repayments', 'aging', 'classification', 'microloan-monthly', 'vintage', 'roll-rate', 'guarantee-register', 'monitoring-log', 'guarantee-statistics', 'collection-log', 'collector-performance', 'vouchers', 'trial-balance'] as const;

interface ExportOptions {
  out: string;
  asOf?: string;
  from?: string;
  status?: string;
  bucket?: string;
  class?: string;
  contract?: string;
  collector?: string;
  language: string;
}

/** What each report asks of the app: the channel and its input, from the options and the business date. */
function requestFor(report: (typeof REPORTS)[number], o: ExportOptions, asOf: string): [ChannelName, Record<string, unknown>] {
  const language = o.language;
  const period = { ...(o.from ? { from: o.from } : {}), to: asOf };
  switch (report) {
    case 'loan-register':
      return ['export.loanRegister', { language, ...(o.status ? { status: o.status } : {}), ...(o.bucket ? { bucket: o.bucket } : {}), ...(o.class ? { classification: o.class } : {}) }];
    case 'loan-book':
      return ['export.loanBook', { language }];
    case 'schedules':
      return ['export.lending', { report, language, ...(o.contract ? { contractNo: o.contract } : {}), ...(o.status ? { status: o.status } : {}) }];
    case 'repayments':
      return ['export.lending', { report, language, ...period, ...(o.contract ? { contractNo: o.contract } : {}) }];
    case 'aging':
    case 'classification':
      return ['export.lending', { report, language, asOf }];
    case 'microloan-monthly':
      return ['export.lending', { report, language, month: asOf.slice(0, 7) }];
    case 'vintage':
    case 'roll-rate':
      return ['export.lending', { report, language, asOf }];
    case 'guarantee-statistics':
      return ['export.guarantees', { report, language, from: o.from ?? `${asOf.slice(0, 4)}-01-01`, to: asOf }];
    case 'guarantee-register':
      return ['export.guarantees', { report, language, asOf, ...(o.status ? { status: o.status } : {}) }];
    case 'monitoring-log':
      return ['export.guarantees', { report, language, ...period }];
    case 'collection-log':
      return ['export.collections', { report, language, ...period, ...(o.collector ? { collector: o.collector } : {}) }];
    case 'collector-performance':
      // The month to date by default, as the collections screen shows it.
      return ['export.collections', { report, language, from: o.from ?? `${asOf.slice(0, 7)}-01`, to: asOf }];
    case 'vouchers':
    case 'trial-balance':
      // Vouchers default to the as-of month, the trial balance to the year to date.
      return ['export.ledger', { report, from: o.from ?? (report === 'vouchers' ? `${asOf.slice(0, 7)}-01` : `${asOf.slice(0, 4)}-01-01`), to: asOf, language }];
  }
}

export function registerExportCommands(program: Command, cli: CliContext): void {
  program
    .command('export <report>')
    .description(`an Excel ledger report: ${REPORTS.join(', ')}`)
    .requiredOption('--out <file.xlsx>')
    .option('--as-of <date>', 'the last day the report covers (default: the business date; the register stands only as of it)')
    .option('--from <date>', 'journals (repayments, monitoring-log, collection-log, vouchers): first day (default: the month of --as-of); trial-balance: the year of --as-of')
    .option('--status <status>', 'loan-register, schedules: loan status; guarantee-register: contract status')
    .option('--contract <no>', 'schedules, repayments: one contract')
    .option('--collector <user>', 'collection-log: one collector')
    .option('--bucket <bucket>')
    .option('--class <class>')
    .option('--language <lang>', 'zh-CN | en', 'zh-CN')
    .action(async (report: string, o: ExportOptions) => {
      if (!(REPORTS as readonly string[]).includes(report)) throw new CliFailure({ code: 'bad-request', field: 'report', message: `report: ${report} is not one of: ${REPORTS.join(', ')}` });
      const status = await cli.call<ChannelOutput<'platform.status'>>('platform.status', {});
      const asOf = o.asOf ?? status.businessDate;
      if (['loan-register', 'schedules'].includes(report) && asOf !== status.businessDate) {
        throw new CliFailure({ code: 'validation', field: 'asOf', message: `--as-of: the register stands as of the business date ${status.businessDate}` });
      }
      const [channel, input] = requestFor(report as (typeof REPORTS)[number], o, asOf);
      const exported = await cli.call<ChannelOutput<'export.ledger'>>(channel, input);
      // Written under a temporary name and renamed: the file appears only when complete.
      fs.writeFileSync(`${o.out}.partial`, Buffer.from(exported.contentBase64, 'base64'));
      fs.renameSync(`${o.out}.partial`, o.out);
      printValue(cli.output, { rows: exported.rows, file: o.out }, () => `${exported.rows} rows written to ${o.out}`);
    });
}
