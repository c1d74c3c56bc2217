/** Ledger exports from the terminal: `loanbridge export <report> --as-of DATE --out file.xlsx`. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import { CliFailure, type CliContext } from '../main';
import { printValue } from '../output';

export function registerExportCommands(program: Command, cli: CliContext): void {
  program
    .command('export <report>')
    .description('an Excel ledger report: loan-register (more reports follow with the ledger work)')
    .requiredOption('--out <file.xlsx>')
    .option('--as-of <date>', 'the business date (the register stands as of it)')
    .option('--status <status>')
    .option('--bucket <bucket>')
    .option('--class <class>')
    .option('--language <lang>', 'zh-CN | en', 'zh-CN')
    .action(async (report: string, o: { out: string; asOf?: string; status?: string; bucket?: string; class?: string; language: string }) => {
      if (report !== 'loan-register') throw new CliFailure({ code: 'bad-request', field: 'report', message: `report: ${report} is not one of: loan-register` });
      if (o.asOf) {
        const status = await cli.call<ChannelOutput<'platform.status'>>('platform.status', {});
        if (o.asOf !== status.businessDate) throw new CliFailure({ code: 'validation', field: 'asOf', message: `--as-of: the register stands as of the business date ${status.businessDate}` });
      }
      const exported = await cli.call<ChannelOutput<'export.loanRegister'>>('export.loanRegister', {
        language: o.language,
        ...(o.status ? { status: o.status } : {}),
        ...(o.bucket ? { bucket: o.bucket } : {}),
        ...(o.class ? { classification: o.class } : {}),
      });
      // Written under a temporary name and renamed: the file appears only when complete.
      fs.writeFileSync(`${o.out}.partial`, Buffer.from(exported.contentBase64, 'base64'));
      fs.renameSync(`${o.out}.partial`, o.out);
      printValue(cli.output, { rows: exported.rows, file: o.out }, () => `${exported.rows} rows written to ${o.out}`);
    });
}
