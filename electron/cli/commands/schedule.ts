import fs from 'node:fs';
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import { readJsonOption, type CliContext } from '../context';
import { money, printValue, table } from '../output';

type WireSchedule = ChannelOutput<'schedule.calculate'>;

function asText(s: WireSchedule): string {
  const rows = s.installments.map((i) => [
    String(i.number),
    i.dueDate,
    String(i.days),
    money(i.openingBalance),
    money(i.principal),
    money(i.interest),
    money(i.fees),
    money(i.total),
    money(i.closingBalance),
  ]);
  rows.push(['', 'total', '', '', money(s.totals.principal), money(s.totals.interest), money(s.totals.fees), money(s.totals.total), '']);
  return [
    `APR (IRR, simple) ${s.apr.simple}%   compound ${s.apr.compound}%   nominal ${s.nominal.annualPercent}% a year (${s.nominal.monthlyPermille}‰ a month)`,
    `cost of borrowing ${money(s.totals.costOfBorrowing)}`,
    ...s.warnings.map((w) => `warning: ${w.message}`),
    '',
    table(['no', 'due date', 'days', 'opening', 'principal', 'interest', 'fees', 'total', 'closing'], rows),
  ].join('\n');
}

export function registerScheduleCommands(program: Command, cli: CliContext): void {
  program
    .command('schedule')
    .description('compute a repayment schedule and its APR from a terms file (see README: terms format)')
    .requiredOption('--terms <terms.json>', 'the loan terms')
    .option('--xlsx <out.xlsx>', 'write the schedule as an Excel workbook')
    .option('--language <language>', 'zh-CN or en, for the Excel headers', 'zh-CN')
    .option('--allow-above-cap', 'compute even when the APR is above the hard cap (explicit override)')
    .action(async (options: { terms: string; xlsx?: string; language: string; allowAboveCap?: boolean }) => {
      const request = { terms: readJsonOption(options.terms, 'terms'), allowAboveCap: options.allowAboveCap ?? false };
      if (options.xlsx) {
        const file = await cli.call<ChannelOutput<'schedule.exportXlsx'>>('schedule.exportXlsx', { ...request, language: options.language });
        fs.writeFileSync(`${options.xlsx}.partial`, Buffer.from(file.contentBase64, 'base64'));
        fs.renameSync(`${options.xlsx}.partial`, options.xlsx);
        cli.output.err(`wrote ${options.xlsx}`);
        if (!cli.output.json) return;
      }
      const schedule = await cli.call<WireSchedule>('schedule.calculate', request);
      printValue(cli.output, schedule, () => asText(schedule));
    });
}
