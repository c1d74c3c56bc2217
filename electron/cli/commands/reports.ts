/** `loanbridge report dashboard [--as-of DATE] [--json]`: the figures of the home screen. */
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import { CliFailure, type CliContext } from '../main';
import { printValue } from '../output';

const REPORTS = ['dashboard'] as const;

export function registerReportCommands(program: Command, cli: CliContext): void {
  program
    .command('report <name>')
    .description(`a management report: ${REPORTS.join(', ')} (amounts in yuan, ratios as decimal fractions)`)
    .option('--as-of <date>', 'the business date (the default)')
    .action(async (name: string, o: { asOf?: string }) => {
      if (!(REPORTS as readonly string[]).includes(name)) throw new CliFailure({ code: 'bad-request', field: 'name', message: `name: ${name} is not one of: ${REPORTS.join(', ')}` });
      const d = await cli.call<ChannelOutput<'report.dashboard'>>('report.dashboard', o.asOf ? { asOf: o.asOf } : {});
      const pct = (f: string | null) => (f === null ? '—' : `${(Number(f) * 100).toFixed(2)}%`);
      printValue(cli.output, d, () =>
        [
          `as of ${d.asOf}`,
          `loans on the book ${d.loanCount}, outstanding ${d.outstandingPrincipal}, weighted rate ${pct(d.weightedAverageRate)}, average term ${d.averageTermMonths ?? '—'} months`,
          `overdue ${pct(d.overdueRatio)}, NPL ${pct(d.nplRatio)}, provision coverage ${pct(d.provisionCoverage)}`,
          `guarantees in force ${d.inForceBalance}, leverage ${d.leverage ?? '—'} (limit ${d.guarantees.leverageLimit}), compensation rate ${pct(d.compensationRate)}`,
        ].join('\n'),
      );
    });
}
