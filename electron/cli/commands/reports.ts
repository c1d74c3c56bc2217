/** `loanbridge report dashboard|microloan-monthly|guarantee-statistics|vintage|roll-rate [--as-of DATE] [--from DATE] [--json]`: the management reports. */
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import { CliFailure, type CliContext } from '../context';
import { printValue } from '../output';

const REPORTS = ['dashboard', 'microloan-monthly', 'guarantee-statistics', 'vintage', 'roll-rate'] as const;

const pct = (f: string | null) => (f === null ? '—' : `${(Number(f) * 100).toFixed(2)}%`);

export function registerReportCommands(program: Command, cli: CliContext): void {
  program
    .command('report <name>')
    .description(`a management report: ${REPORTS.join(', ')} (amounts in yuan, ratios as decimal fractions)`)
    .option('--as-of <date>', 'the business date (the default); microloan-monthly: a day of the month')
    .option('--from <date>', 'guarantee-statistics: the first day of the period (default: the year of --as-of)')
    .option('--months <n>', 'vintage: disbursement months (default 12); roll-rate: months of trend (default 6)')
    .option('--dpd-over <days>', 'vintage: a balance is bad when more than this many days past due: 0, 30 (default), 60 or 90')
    .action(async (name: string, o: { asOf?: string; from?: string; months?: string; dpdOver?: string }) => {
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
      const common = { ...(o.asOf ? { asOf: o.asOf } : {}), ...(o.months ? { months: Number(o.months) } : {}) };
      if (name === 'vintage') {
        const v = await cli.call<ChannelOutput<'report.vintage'>>('report.vintage', { ...common, ...(o.dpdOver ? { dpdOver: Number(o.dpdOver) } : {}) });
        printValue(cli.output, v, () =>
          [`to the end of ${v.lastMonth}, bad = more than ${v.dpdOver} days past due + written off`, ...v.cohorts.map((c) => `${c.cohort} ${String(c.loans).padStart(6)} ${c.disbursed.padStart(16)}  ${c.cells.map((x) => pct(x.ratio).padStart(7)).join(' ')}`)].join('\n'),
        );
        return;
      }
      if (name === 'roll-rate') {
        const r = await cli.call<ChannelOutput<'report.rollRate'>>('report.rollRate', common);
        printValue(cli.output, r, () =>
          [
            `end of ${r.previousMonth} → end of ${r.month}${r.complete ? '' : ' (month ends not recorded)'}`,
            `${'from'.padEnd(8)}${'balance'.padStart(16)}  ${r.targets.map((t) => t.padStart(12)).join('')}`,
            ...r.matrix.map((row) => `${row.from.padEnd(8)}${row.outstanding.padStart(16)}  ${row.cells.map((c) => pct(c.share).padStart(12)).join('')}`),
          ].join('\n'),
        );
        return;
      }
      const d = await cli.call<ChannelOutput<'report.dashboard'>>('report.dashboard', o.asOf ? { asOf: o.asOf } : {});
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
