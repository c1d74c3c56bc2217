/** Collections from the terminal: the queue, assignment, contacts, promises, limitation periods, performance. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import { integerOption, type CliContext } from '../context';
import { money, printValue, table } from '../output';

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

export function registerCollectionCommands(program: Command, cli: CliContext): void {
  const collections = program.command('collections').description('collections (催收): queue, assignment, contacts, promises');
  collections
    .command('queue')
    .description('overdue loans and compensation receivables, with collector, last contact and next action')
    .option('--collector <user>')
    .option('--unassigned', 'only accounts nobody works')
    .option('--bucket <bucket>', 'M1 | M2 | M3 | M4-M6 | M6+')
    .option('--broken', 'only accounts with a broken promise')
    .option('--sort <field>', 'dpd | amountDue | nextActionOn | lastContactAt', 'dpd')
    .action(async (o: { collector?: string; unassigned?: boolean; bucket?: string; broken?: boolean; sort: string }) => {
      let items: ChannelOutput<'collections.queue'>['items'] = [];
      let result: ChannelOutput<'collections.queue'>;
      for (let page = 1; ; page++) {
        result = await cli.call('collections.queue', { ...(o.collector ? { collector: o.collector } : {}), unassigned: Boolean(o.unassigned), ...(o.bucket ? { bucket: o.bucket } : {}), brokenPromise: Boolean(o.broken), sort: o.sort, page, pageSize: 500 });
        items = items.concat(result.items);
        if (items.length >= result.total || result.items.length === 0) break;
      }
      printValue(cli.output, { total: items.length, totals: result!.totals, items }, () =>
        `${table(
          ['contract', 'debtor', 'dpd', 'bucket', 'due', 'collector', 'last contact', 'next'],
          items.map((i) => [i.contractNo, i.debtorName, String(i.dpd), i.bucket, money(i.amountDue), i.collector ?? '—', i.lastOutcome ?? '—', i.nextActionOn ?? '']),
        )}\n${items.length} accounts, ${money(result!.totals.amountDue)} due`,
      );
    });
  collections
    .command('assign')
    .description('give accounts to a collector, or by rule (--rule-collectors), or rotate them (--rotate)')
    .option('--contracts <C1,C2>', 'contract numbers')
    .option('--collector <user>')
    .option('--rule-collectors <u1,u2>', 'deal the matching accounts to these collectors in turn')
    .option('--bucket <bucket>')
    .option('--region <text>', 'addresses starting with this (e.g. 浙江省)')
    .option('--rotate <u1,u2,...>', '交叉清收: each collector’s accounts pass to the next')
    .option('--reason <text>')
    .action(async (o: { contracts?: string; collector?: string; ruleCollectors?: string; bucket?: string; region?: string; rotate?: string; reason?: string }) => {
      const reason = o.reason ? { reason: o.reason } : {};
      if (o.rotate) {
        const r = await cli.call<ChannelOutput<'collections.rotate'>>('collections.rotate', { collectors: list(o.rotate), ...reason });
        printValue(cli.output, r, () => `${r.rotated} accounts rotated`);
      } else if (o.ruleCollectors) {
        const r = await cli.call<ChannelOutput<'collections.assignByRule'>>('collections.assignByRule', { collectors: list(o.ruleCollectors), ...(o.bucket ? { bucket: o.bucket } : {}), ...(o.region ? { region: o.region } : {}), ...reason });
        printValue(cli.output, r, () => `${r.assigned} accounts assigned`);
      } else {
        const r = await cli.call<ChannelOutput<'collections.assign'>>('collections.assign', { contractNos: list(o.contracts ?? ''), collector: o.collector ?? '', ...reason });
        printValue(cli.output, r, () => `${r.assigned} accounts assigned to ${o.collector}`);
      }
    });
  collections
    .command('log')
    .description('log a contact; refused outside the allowed hours in the debtor’s time zone unless --reason')
    .requiredOption('--contract <C>')
    .requiredOption('--channel <channel>', 'phone | sms | letter | registered-mail | visit | lawyer-letter | lawsuit | enforcement')
    .requiredOption('--party <party>', 'borrower | guarantor | related-person')
    .requiredOption('--at <time>', 'YYYY-MM-DDTHH:mm on the office clock, or an ISO instant with offset')
    .requiredOption('--outcome <text>')
    .option('--notes <text>')
    .option('--attachments <refs>', 'references to recordings, photos or receipts kept elsewhere')
    .option('--party-name <name>')
    .option('--delivered', 'a demand that reached the debtor (restarts the limitation period)')
    .option('--locating-only', 'a related person asked only where the debtor is')
    .option('--reason <text>', 'why a contact outside the allowed hours was right')
    .option('--next <date>', 'next action date')
    .action(async (o: { contract: string; channel: string; party: string; at: string; outcome: string; notes?: string; attachments?: string; partyName?: string; delivered?: boolean; locatingOnly?: boolean; reason?: string; next?: string }) => {
      const r = await cli.call<ChannelOutput<'collections.logContact'>>('collections.logContact', {
        contractNo: o.contract,
        channel: o.channel,
        party: o.party,
        at: o.at,
        outcome: o.outcome,
        notes: o.notes ?? null,
        attachments: o.attachments ?? null,
        partyName: o.partyName ?? null,
        demandDelivered: Boolean(o.delivered),
        discussedDebt: !o.locatingOnly,
        outOfHoursReason: o.reason ?? null,
        ...(o.next ? { nextActionOn: o.next } : {}),
      });
      printValue(cli.output, r, () => `contact ${r.contact.id} logged at ${r.contact.debtorLocalTime} (${r.contact.timeZone})${r.warnings.map((w) => `\nwarning: ${w.message}`).join('')}`);
    });
  collections
    .command('promise')
    .description('a promise to pay (承诺还款)')
    .requiredOption('--contract <C>')
    .requiredOption('--amount <yuan>')
    .requiredOption('--date <date>')
    .action(async (o: { contract: string; amount: string; date: string }) => {
      const p = await cli.call<ChannelOutput<'collections.promise'>>('collections.promise', { contractNo: o.contract, amount: o.amount, dueDate: o.date });
      printValue(cli.output, p, () => `promise ${p.id}: ${money(p.amount)} by ${p.dueDate} (${p.status})`);
    });
  collections
    .command('stats')
    .description('collector performance for a period')
    .requiredOption('--from <date>')
    .requiredOption('--to <date>')
    .action(async (o: { from: string; to: string }) => {
      const rows = await cli.call<ChannelOutput<'collections.performance'>>('collections.performance', { from: o.from, to: o.to });
      printValue(cli.output, rows, () => table(['collector', 'calls', 'sms', 'letters', 'visits', 'promises', 'kept', 'recovered'], rows.map((r) => [r.collector, String(r.calls), String(r.sms), String(r.letters), String(r.visits), String(r.promisesMade), String(r.promisesKept), money(r.recovered)])));
    });

  collections
    .command('plan')
    .description('a hardship repayment plan (分期还款计划): the loan is restructured over the periods')
    .requiredOption('--contract <C>')
    .requiredOption('--periods <n>', 'months', integerOption('--periods'))
    .requiredOption('--reason <text>')
    .action(async (o: { contract: string; periods: number; reason: string }) => {
      const p = await cli.call<ChannelOutput<'collections.plan'>>('collections.plan', { contractNo: o.contract, periods: o.periods, reason: o.reason });
      printValue(cli.output, p, () => `plan from ${p.startedOn} over ${p.periods} months: ${p.status}`);
    });
  const agency = collections.command('agency').description('outside collection agencies (委外机构)');
  agency
    .command('add')
    .requiredOption('--name <name>')
    .requiredOption('--from <date>')
    .requiredOption('--to <date>')
    .option('--contact <name>')
    .option('--commission <json>', 'percent by bucket, e.g. {"M1":"15.00","M6+":"30.00"} (default: the setting)')
    .action(async (o: { name: string; from: string; to: string; contact?: string; commission?: string }) => {
      const a = await cli.call<ChannelOutput<'agency.create'>>('agency.create', { name: o.name, contractFrom: o.from, contractTo: o.to, contact: o.contact ?? null, ...(o.commission ? { commission: JSON.parse(o.commission) as Record<string, string> } : {}) });
      printValue(cli.output, a, () => `agency ${a.id}: ${a.name}, ${a.contractFrom} to ${a.contractTo}`);
    });
  agency.command('list').action(async () => {
    const rows = await cli.call<ChannelOutput<'agency.list'>>('agency.list', {});
    printValue(cli.output, rows, () => table(['id', 'agency', 'contract', 'placed', 'commission'], rows.map((a) => [String(a.id), a.name, `${a.contractFrom} ~ ${a.contractTo}`, String(a.accountsPlaced), Object.entries(a.commission).map(([b, p]) => `${b} ${p}%`).join(' ')])));
  });
  agency
    .command('statement <agency>')
    .description('recovered while placed, and the commission owed')
    .action(async (name: string) => {
      const s = await cli.call<ChannelOutput<'agency.statement'>>('agency.statement', { agencyId: await agencyId(name) });
      printValue(cli.output, s, () => `${table(['contract', 'bucket', 'placed', 'recalled', 'recovered', 'rate', 'commission'], s.items.map((i) => [i.contractNo, i.bucket, i.placedOn, i.recalledOn ?? '', money(i.recovered), `${i.ratePercent}%`, money(i.commission)]))}
total ${money(s.totals.recovered)} recovered, ${money(s.totals.commission)} commission`);
    });
  collections
    .command('placement')
    .description('place accounts with an agency: writes the masked placement file and logs the export')
    .requiredOption('--agency <id or name>')
    .requiredOption('--contracts <C1,C2>')
    .requiredOption('--out <file.xlsx>')
    .option('--language <lang>', 'zh-CN | en', 'zh-CN')
    .action(async (o: { agency: string; contracts: string; out: string; language: string }) => {
      const placed = await cli.call<ChannelOutput<'collections.place'>>('collections.place', { agencyId: await agencyId(o.agency), contractNos: list(o.contracts), language: o.language });
      // Written under a temporary name and renamed: the file appears only when complete.
      fs.writeFileSync(`${o.out}.partial`, Buffer.from(placed.contentBase64, 'base64'));
      fs.renameSync(`${o.out}.partial`, o.out);
      printValue(cli.output, { batch: placed.batch, placed: placed.placed, file: o.out }, () => `${placed.placed} accounts placed (batch ${placed.batch}); masked file ${o.out}`);
    });
  collections
    .command('recall')
    .requiredOption('--contracts <C1,C2>')
    .action(async (o: { contracts: string }) => {
      const r = await cli.call<ChannelOutput<'collections.recall'>>('collections.recall', { contractNos: list(o.contracts) });
      printValue(cli.output, r, () => `${r.recalled} accounts recalled`);
    });

  collections
    .command('letters')
    .description('batch collection notices or lawyer\'s letters from the templates, as one DOCX; each logged as a contact')
    .requiredOption('--kind <kind>', 'notice | lawyer')
    .requiredOption('--contracts <C1,C2>')
    .requiredOption('--pay-by <date>')
    .requiredOption('--out <file.docx>')
    .action(async (o: { kind: string; contracts: string; payBy: string; out: string }) => {
      const made = await cli.call<ChannelOutput<'collections.letters'>>('collections.letters', { kind: o.kind, contractNos: list(o.contracts), payBy: o.payBy });
      fs.writeFileSync(`${o.out}.partial`, Buffer.from(made.contentBase64, 'base64'));
      fs.renameSync(`${o.out}.partial`, o.out);
      printValue(cli.output, { letters: made.letters, file: o.out }, () => `${made.letters.length} letters in ${o.out}; contacts ${made.letters.map((l) => l.contactId).join(', ')}`);
    });
  collections
    .command('delivered')
    .description('a letter reached the debtor: from that day it restarts the limitation period')
    .requiredOption('--contact <id>', 'the contact the letter was logged as', integerOption('--contact'))
    .requiredOption('--on <date>')
    .option('--evidence <text>', 'e.g. the registered-mail receipt number')
    .action(async (o: { contact: number; on: string; evidence?: string }) => {
      const c = await cli.call<ChannelOutput<'collections.delivered'>>('collections.delivered', { contactId: o.contact, deliveredOn: o.on, evidence: o.evidence ?? null });
      printValue(cli.output, c, () => `contact ${c.id} delivered`);
    });

  async function agencyId(nameOrId: string): Promise<number> {
    if (/^\d+$/.test(nameOrId)) return Number(nameOrId);
    const found = (await cli.call<ChannelOutput<'agency.list'>>('agency.list', {})).find((a) => a.name === nameOrId);
    return found?.id ?? 0;
  }

  program
    .command('limitation')
    .description('limitation periods (诉讼时效)')
    .command('due')
    .description('claims whose limitation period ends within the days given')
    .option('--days <n>', 'days ahead', integerOption('--days'), 90)
    .option('--as-of <date>')
    .action(async (o: { days: number; asOf?: string }) => {
      const rows = await cli.call<ChannelOutput<'limitation.due'>>('limitation.due', { days: o.days, ...(o.asOf ? { asOf: o.asOf } : {}) });
      printValue(cli.output, rows, () => `${table(['expires', 'days', 'contract', 'debtor', 'last interruption', 'guarantor period ends'], rows.map((r) => [r.expiry, String(r.daysLeft), r.contractNo, r.debtorName, r.lastInterruption ? `${r.lastInterruption.date} ${r.lastInterruption.kind}` : '—', r.guarantorPeriodEnd]))}\n${rows.length} claims`);
    });
}
