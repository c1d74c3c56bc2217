/** Ledger exports from the terminal: `loanbridge export <report> --as-of DATE --out file.xlsx`. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { ChannelName, ChannelOutput } from '../../../shared/contract';
import { CliFailure, type CliContext } from '../main';
import { printValue } from '../output';

const REPORTS = ['loan-register', 'vouchers', 'trial-balance'] as const;

interface ExportOptions {
  out: string;
  asOf?: string;
  from?: string;
  status?: string;
  bucket?: string;
  class?: string;
  language: string;
}

/** What each report asks of the app: the channel and its input, from the options and the business date. */
function requestFor(report: (typeof REPORTS)[number], o: ExportOptions, asOf: string): [ChannelName, Record<string, unknown>] {
  if (report === 'loan-register') {
    return ['export.loanRegister', { language: o.language, ...(o.status ? { status: o.status } : {}), ...(o.bucket ? { bucket: o.bucket } : {}), ...(o.class ? { classification: o.class } : {}) }];
  }
  // Vouchers default to the as-of month, the trial balance to the year to date.
  const from = o.from ?? (report === 'vouchers' ? `${asOf.slice(0, 7)}-01` : `${asOf.slice(0, 4)}-01-01`);
  return ['export.ledger', { report, from, to: asOf, language: o.language }];
}

export function registerExportCommands(program: Command, cli: CliContext): void {
  program
    .command('export <report>')
    .description(`an Excel ledger report: ${REPORTS.join(', ')}`)
    .requiredOption('--out <file.xlsx>')
    .option('--as-of <date>', 'the last day the report covers (default: the business date; the register stands only as of it)')
    .option('--from <date>', 'vouchers and trial balance: the first day of the period (default: the month / the year of --as-of)')
    .option('--status <status>')
    .option('--bucket <bucket>')
    .option('--class <class>')
    .option('--language <lang>', 'zh-CN | en', 'zh-CN')
    .action(async (report: string, o: ExportOptions) => {
      if (!(REPORTS as readonly string[]).includes(report)) throw new CliFailure({ code: 'bad-request', field: 'report', message: `report: ${report} is not one of: ${REPORTS.join(', ')}` });
      const status = await cli.call<ChannelOutput<'platform.status'>>('platform.status', {});
      const asOf = o.asOf ?? status.businessDate;
      if (report === 'loan-register' && asOf !== status.businessDate) {
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
