/** Guarantee business from the terminal: banks, contracts and their lifecycle. */
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import type { GuaranteeView } from '../../../shared/guarantees/guarantee';
import { integerOption, readJsonOption, type CliContext } from '../context';
import { money, printValue, table } from '../output';

function listJson(g: GuaranteeView) {
  return {
    contractNo: g.contractNo,
    clientId: g.clientId,
    bankId: g.bankId,
    guaranteeType: g.guaranteeType,
    clientSize: g.clientSize,
    issuerRating: g.issuerRating,
    guaranteedAmount: g.guaranteedAmount,
    outstanding: g.outstanding,
    releasedAmount: g.releasedAmount,
    compensatedAmount: g.compensatedAmount,
    recoveredAmount: g.recoveredAmount,
    status: g.status,
  };
}

export function registerGuaranteeCommands(program: Command, cli: CliContext): void {
  const bank = program.command('bank').description('partner banks (合作银行)');
  bank
    .command('add')
    .requiredOption('--name <name>')
    .option('--branch <branch>')
    .requiredOption('--credit-line <yuan>')
    .requiredOption('--from <date>')
    .requiredOption('--to <date>')
    .option('--margin <percent>', 'agreed margin ratio', '0')
    .option('--risk-share <percent>', 'bank risk share', '0')
    .action(async (o: { name: string; branch?: string; creditLine: string; from: string; to: string; margin: string; riskShare: string }) => {
      const created = await cli.call<ChannelOutput<'bank.create'>>('bank.create', { name: o.name, branch: o.branch ?? null, creditLine: o.creditLine, lineValidFrom: o.from, lineValidTo: o.to, marginPercent: o.margin, riskSharePercent: o.riskShare });
      printValue(cli.output, created, () => `bank ${created.id}: ${created.name} ${created.branch ?? ''}, line ${money(created.creditLine)}`);
    });
  bank.command('list').action(async () => {
    const banks = await cli.call<ChannelOutput<'bank.list'>>('bank.list', {});
    printValue(cli.output, banks, () => table(['id', 'bank', 'line', 'used', 'available', 'valid to'], banks.map((b) => [String(b.id), `${b.name} ${b.branch ?? ''}`, money(b.creditLine), `${money(b.used)} (${b.usedPercent}%)`, money(b.available), b.lineValidTo])));
  });

  program
    .command('ratios')
    .description('regulatory ratios and reserves of the guarantee book, with their formulas')
    .option('--as-of <date>', 'YYYY-MM-DD (default: the business date)')
    .action(async (o: { asOf?: string }) => {
      const r = await cli.call<ChannelOutput<'guarantee.ratios'>>('guarantee.ratios', o.asOf ? { asOf: o.asOf } : {});
      printValue(cli.output, r, () =>
        [
          `as of ${r.asOf}`,
          `in-force balance       ${money(r.inForceBalance)}`,
          `weighted liability     ${money(r.weightedLiability)}`,
          `net assets             ${r.netAssets ? `${money(r.netAssets)} (${r.netAssetsPeriodEnd})` : 'not entered'}`,
          `leverage               ${r.leverage ?? '—'} (limit ${r.leverageLimit})`,
          `compensation rate      ${r.compensationRate ?? '—'}`,
          `recovery rate          ${r.compensationRecoveryRate ?? '—'}`,
          `loss rate              ${r.lossRate ?? '—'}`,
          `compensation balance   ${money(r.compensationBalance)}`,
          `unearned-fee reserve   ${money(r.unearnedFeeReserve)}`,
          `compensation reserve   ${money(r.compensationReserve)}`,
        ].join('\n'),
      );
    });

  const guarantee = program.command('guarantee').description('guarantee contracts (担保合同)');
  const show = (g: GuaranteeView) =>
    printValue(cli.output, g, () => `${g.contractNo}  ${g.clientName}  ${g.bankName}  ${g.status}\nguaranteed ${money(g.guaranteedAmount)}  outstanding ${money(g.outstanding)}  compensated ${money(g.compensatedAmount)}  recovered ${money(g.recoveredAmount)}${g.warnings.map((w) => `\nwarning: ${w.message}`).join('')}`);

  guarantee
    .command('create')
    .description('a guarantee application from a JSON file in the guarantee.create format (see README)')
    .requiredOption('--file <contract.json>')
    .action(async (o: { file: string }) => {
      show(await cli.call<GuaranteeView>('guarantee.create', readJsonOption(o.file, 'file')));
    });
  guarantee
    .command('approve <contractNo>')
    .requiredOption('--review-date <date>')
    .requiredOption('--members <names>')
    .option('--conditions <text>')
    .action(async (contractNo: string, o: { reviewDate: string; members: string; conditions?: string }) => show(await cli.call<GuaranteeView>('guarantee.approve', { contractNo, reviewDate: o.reviewDate, members: o.members, conditions: o.conditions ?? null })));
  guarantee
    .command('activate <contractNo>')
    .description('the bank has lent: the guarantee is in force')
    .option('--date <date>')
    .action(async (contractNo: string, o: { date?: string }) => show(await cli.call<GuaranteeView>('guarantee.activate', { contractNo, ...(o.date ? { date: o.date } : {}) })));
  for (const [name, channel, description] of [
    ['repay', 'guarantee.repay', 'the client repaid the bank (from its notice)'],
    ['compensate', 'guarantee.compensate', 'compensation (代偿) paid to the bank'],
  ] as const) {
    guarantee
      .command(`${name} <contractNo>`)
      .description(description)
      .requiredOption('--amount <yuan>')
      .option('--date <date>')
      .action(async (contractNo: string, o: { amount: string; date?: string }) => show(await cli.call<GuaranteeView>(channel, { contractNo, amount: o.amount, ...(o.date ? { date: o.date } : {}) })));
  }
  guarantee
    .command('release <contractNo>')
    .description('full release (解保): the bank loan is repaid')
    .option('--date <date>')
    .action(async (contractNo: string, o: { date?: string }) => show(await cli.call<GuaranteeView>('guarantee.release', { contractNo, ...(o.date ? { date: o.date } : {}) })));
  guarantee
    .command('recover <contractNo>')
    .description('recovery (追偿) received')
    .requiredOption('--amount <yuan>')
    .option('--source <source>', 'client | guarantor | collateral-sale | other', 'client')
    .option('--date <date>')
    .action(async (contractNo: string, o: { amount: string; source: string; date?: string }) => show(await cli.call<GuaranteeView>('guarantee.recover', { contractNo, amount: o.amount, source: o.source, ...(o.date ? { date: o.date } : {}) })));
  guarantee
    .command('show <contractNo>')
    .action(async (contractNo: string) => show(await cli.call<GuaranteeView>('guarantee.get', { contractNo })));
  guarantee
    .command('list')
    .option('--status <status>')
    .option('--bank <id>', 'bank id', integerOption('--bank'))
    .action(async (o: { status?: string; bank?: number }) => {
      let items: GuaranteeView[] = [];
      let total = 0;
      for (let page = 1; ; page++) {
        const result = await cli.call<ChannelOutput<'guarantee.list'>>('guarantee.list', { ...(o.status ? { status: o.status } : {}), ...(o.bank ? { bankId: o.bank } : {}), page, pageSize: 500 });
        items = items.concat(result.items);
        total = result.total;
        if (items.length >= total || result.items.length === 0) break;
      }
      printValue(cli.output, { total, items: items.map(listJson) }, () =>
        `${table(['contract', 'client', 'bank', 'guaranteed', 'outstanding', 'status'], items.map((g) => [g.contractNo, g.clientName, g.bankName, money(g.guaranteedAmount), money(g.outstanding), g.status]))}\n${items.length} of ${total} contracts`,
      );
    });
}
