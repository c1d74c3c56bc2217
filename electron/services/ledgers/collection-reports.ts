/** The collection log (催收记录): every contact recorded in a period. */
import { collectionLogRows } from '../../../db/repositories/ledgers/report-sources';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { ledgerLabels, reportLabels } from '../../../shared/i18n/reports';
import type { ServiceContext } from '../context';
import { download, periodOf, type ReportSpec } from './report-spec';
import { column } from './report-workbook';

export function collectionLogSpec(ctx: ServiceContext, input: ChannelParsedInput<'export.collections'>): ReportSpec<ReturnType<typeof collectionLogRows>[number]> {
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

export const exportCollections = (ctx: ServiceContext, input: ChannelParsedInput<'export.collections'>): Promise<ChannelOutput<'export.collections'>> => download(ctx, collectionLogSpec(ctx, input), input.language, input.jobId);
