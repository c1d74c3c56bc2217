/** `loanbridge report dashboard|microloan-monthly|guarantee-statistics [--as-of DATE] [--from DATE] [--json]`: the management reports. */
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import { CliFailure, type CliContext } from '../main';
import { printValue } from '../output';

const REPORTS = ['dashboard', 'microloan-monthly', 'guarantee-statistics'] as const;

export function registerReportCommands(program: Command, cli: CliContext): void {
  program
    .command('report <name>')
    .description(`a management report: ${REPORTS.join(', ')} (amounts in yuan, ratios as decimal fractions)`)
    .option('--as-of <date>', 'the business date (the default); microloan-monthly: a day of the month')
    .option('--from <date>', 'guarantee-statistics: the first day of the period (default: the year of --as-of)')
    .action(async (name: string, o: { asOf?: string; from?: string }) => {
      if (!(REPORTS as readonly string[]).includes(name)) throw new CliFailure({ code: 'bad-request', field: 'name', message: `name: ${name} is not one of: ${REPORTS.join(', ')}` });
      if (name === 'guarantee-statistics') {
        const g = await cli.call<ChannelOutput<'report.guaranteeStatistics'>>('report.guaranteeStatistics', { ...(o.from ? { from: o.from } : {}), ...(o.asOf ? { to: o.asOf } : {}) });
        const row = (label: string, l: { clients: number; contracts: number; amountWan: string }) => `${label.padEnd(10)} clients ${l.clients}, contracts ${l.contracts}, ${l.amountWan} 万元`;
        printValue(cli.output, g, () => [`${g.from} ~ ${g.to}`, row('opening', g.opening), row('increase', g.increase), row('decrease', g.decrease), row('closing', g.closing)].join('\n'));
        return;
      }
      if (name === 'microloan-monthly') {
        const m = await cli.call<ChannelOutput<'report.microloanMonthly'>>('report.microloanMonthly', o.asOf ? { month: o.asOf.slice(0, 7) } : {});
        printValue(cli.output, m, () =>
          [`${m.from} ~ ${m.to}`, `opening ${m.totals.opening}, lent ${m.totals.lent}, repaid ${m.totals.repaid}, written off ${m.totals.writtenOff}, closing ${m.totals.closing}`, `interest due ${m.interest.due}, received ${m.interest.received}`].join('\n'),
        );
        return;
      }
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
