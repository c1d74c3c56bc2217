/** Post-guarantee monitoring from the terminal: the task list, check records, warning signals, alerts. */
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import type { GuaranteeView } from '../../../shared/guarantees/guarantee';
import { integerOption, type CliContext } from '../context';
import { money, printValue, table } from '../output';

export function registerMonitoringCommands(program: Command, cli: CliContext): void {
  const monitoring = program.command('monitoring').description('post-guarantee monitoring (保后监管)');
  monitoring
    .command('due')
    .description('checks due by the date (default: the business date), oldest first')
    .option('--as-of <date>')
    .option('--within <days>', 'also checks falling due within this many days', integerOption('--within'))
    .option('--officer <user>', "one officer's checks")
    .action(async (o: { asOf?: string; within?: number; officer?: string }) => {
      const tasks = await cli.call<ChannelOutput<'monitoring.due'>>('monitoring.due', { ...(o.asOf ? { asOf: o.asOf } : {}), ...(o.within !== undefined ? { withinDays: o.within } : {}), ...(o.officer ? { officer: o.officer } : {}) });
      printValue(cli.output, tasks, () =>
        `${table(
          ['due', 'overdue', 'contract', 'client', 'bank', 'officer', 'reason', 'watch'],
          tasks.map((t) => [t.dueDate, t.daysOverdue ? `${t.daysOverdue} d` : '', t.contractNo, t.clientName, t.bankName, t.officer, t.reason, t.watchList ? 'yes' : '']),
        )}\n${tasks.length} checks`,
      );
    });
  monitoring
    .command('record <contractNo>')
    .description('record a check: closes the open checks and schedules the next')
    .requiredOption('--type <type>', 'site-visit | statements-review | bank-inquiry | collateral-inspection')
    .requiredOption('--grade <grade>', 'normal | special-mention | substandard | doubtful | loss')
    .requiredOption('--findings <text>')
    .option('--on <date>', 'the day of the check (default: the business date)')
    .option('--next <date>', 'the next check (default: by the settings)')
    .action(async (contractNo: string, o: { type: string; grade: string; findings: string; on?: string; next?: string }) => {
      const g = await cli.call<GuaranteeView>('monitoring.record', { contractNo, checkType: o.type, riskGrade: o.grade, findings: o.findings, ...(o.on ? { checkedOn: o.on } : {}), ...(o.next ? { nextCheckOn: o.next } : {}) });
      const next = g.monitoring.filter((c) => c.status === 'due').at(-1);
      printValue(cli.output, g, () => `${g.contractNo}: check recorded; next check ${next?.dueDate ?? '—'}${g.watchList ? ' (watch list)' : ''}`);
    });

  const guarantee = program.commands.find((c) => c.name() === 'guarantee')!;
  guarantee
    .command('signal <contractNo>')
    .description('raise a warning signal (预警信号): watch list, and a check due at once')
    .requiredOption('--signal <code>', 'interest-unpaid | litigation | business-stoppage | collateral-value-drop | key-person-missing (settings)')
    .option('--detail <text>')
    .option('--date <date>')
    .action(async (contractNo: string, o: { signal: string; detail?: string; date?: string }) => {
      const g = await cli.call<GuaranteeView>('guarantee.raiseSignal', { contractNo, signal: o.signal, detail: o.detail ?? null, ...(o.date ? { date: o.date } : {}) });
      printValue(cli.output, g, () => `${g.contractNo}: signal ${o.signal} raised (id ${g.signals.at(-1)!.id}); on the watch list`);
    });
  guarantee
    .command('clear-signal <id>')
    .description('clear a warning signal, with the reason')
    .requiredOption('--reason <text>')
    .action(async (id: string, o: { reason: string }) => {
      const g = await cli.call<GuaranteeView>('guarantee.clearSignal', { id: Number(id), reason: o.reason });
      printValue(cli.output, g, () => `${g.contractNo}: signal ${id} cleared${g.watchList ? '; still on the watch list' : '; off the watch list'}`);
    });
  guarantee
    .command('alerts')
    .description('bank loans maturing within 30/60/90 days; credit lines near their limit or expiry')
    .option('--as-of <date>')
    .action(async (o: { asOf?: string }) => {
      const a = await cli.call<ChannelOutput<'guarantee.alerts'>>('guarantee.alerts', o.asOf ? { asOf: o.asOf } : {});
      printValue(cli.output, a, () =>
        [
          `as of ${a.asOf}`,
          table(['matures', 'days', 'contract', 'client', 'bank', 'outstanding'], a.maturing.map((m) => [m.loanEnd, String(m.daysLeft), m.contractNo, m.clientName, m.bankName, money(m.outstanding)])),
          table(['bank', 'line', 'used', 'valid to', 'why'], a.creditLines.map((l) => [l.name, money(l.creditLine), `${money(l.used)} (${l.usedPercent}%)`, l.lineValidTo, l.reasons.join(', ')])),
        ].join('\n'),
      );
    });
}
