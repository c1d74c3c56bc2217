/** The collection log (催收记录): every contact recorded in a period; and the collectors' figures (催收员业绩). */
import { collectionLogRows } from '../../../db/repositories/ledgers/report-sources';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { ledgerLabels, reportLabels } from '../../../shared/i18n/reports';
import type { ServiceContext } from '../context';
import { collectorPerformance } from '../collections/performance';
import { download, fen, periodOf, template, type ReportSpec } from './report-spec';
import { column } from './report-workbook';

type CollectionsInput = ChannelParsedInput<'export.collections'>;

export function collectionLogSpec(ctx: ServiceContext, input: Extract<CollectionsInput, { report: 'collection-log' }>): ReportSpec<ReturnType<typeof collectionLogRows>[number]> {
  const language = input.language;
  const l = reportLabels[language].collectionLog;
  const period = periodOf(ctx, input);
  const [at, local, collector, claim, contract, debtor, channel, party, outcome, notes, delivered, next] = l.columns;
  return {
    title: l.title,
    asOf: period.to,
    filters: [[ledgerLabels[language].period, `${period.from} ~ ${period.to}`], ...(input.collector ? [[collector!, input.collector] as [string, string]] : [])],
    columns: [
      column.text(at!, (r) => r.contactedAt, 20),
      column.text(local!, (r) => r.debtorLocalTime, 18),
      column.text(collector!, (r) => r.collector, 10),
      column.text(claim!, (r) => r.claimKind, 8),
      column.text(contract!, (r) => r.contractNo, 18),
      column.text(debtor!, (r) => r.debtorName, 20),
      column.text(channel!, (r) => r.channel, 10),
      column.text(party!, (r) => r.party, 10),
      column.text(outcome!, (r) => r.outcome, 24),
      column.text(notes!, (r) => r.notes, 36),
      column.text(delivered!, (r) => (r.demandDelivered ? reportLabels[language].yes : reportLabels[language].no), 8),
      column.date(next!, (r) => r.nextActionOn),
    ],
    rows: collectionLogRows(ctx.db, period.from, period.to, input.collector),
  };
}

type Performance = ChannelOutput<'collections.performance'>[number];

/** One row a collector with the screen's figures; the split by bucket on the summary sheet. */
export function performanceSpec(ctx: ServiceContext, input: Extract<CollectionsInput, { report: 'collector-performance' }>): ReportSpec<Performance> {
  const l = reportLabels[input.language].collectorPerformance;
  const period = periodOf(ctx, input);
  const rows = collectorPerformance(ctx, period);
  const [collector, calls, sms, letters, visits, made, kept, recovered, incentive] = l.columns;
  return {
    title: l.title,
    asOf: period.to,
    filters: [[ledgerLabels[input.language].period, `${period.from} ~ ${period.to}`]],
    columns: [
      column.text(collector!, (r) => r.collector, 12),
      column.int(calls!, (r) => r.calls),
      column.int(sms!, (r) => r.sms),
      column.int(letters!, (r) => r.letters),
      column.int(visits!, (r) => r.visits),
      column.int(made!, (r) => r.promisesMade, 9),
      column.int(kept!, (r) => r.promisesKept, 9),
      column.money(recovered!, (r) => fen(r.recovered)),
      column.money(incentive!, (r) => fen(r.incentive)),
    ],
    rows,
    notes: () =>
      rows.flatMap((r) =>
        r.byBucket.map((b) => [template(l.bucket, { collector: r.collector, bucket: b.bucket, accounts: b.accounts, assigned: b.assigned, recovered: b.recovered, rate: b.recoveryRatePercent === null ? '—' : `${b.recoveryRatePercent}%`, incentive: b.incentive }), ''] as [string, string]),
      ),
  };
}

export const exportCollections = (ctx: ServiceContext, input: CollectionsInput): Promise<ChannelOutput<'export.collections'>> =>
  download(ctx, (input.report === 'collector-performance' ? performanceSpec(ctx, input) : collectionLogSpec(ctx, input)) as unknown as ReportSpec<never>, input.language, input.jobId);
