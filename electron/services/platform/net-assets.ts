/** Net assets per period end, entered by the administrator from the balance sheet. */
import { allNetAssets, netAssetsFor, upsertNetAssets, type NetAssetsRow } from '../../../db/repositories/platform/net-assets';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { fenToYuan } from '../../../shared/money/yuan';
import { actorOf, instant, type ServiceContext } from '../context';

function view(row: NetAssetsRow) {
  return { periodEnd: row.periodEnd, amount: fenToYuan(row.amount), note: row.note, recordedAt: row.recordedAt, recordedBy: row.recordedBy };
}

export function listNetAssets(ctx: ServiceContext): ChannelOutput<'netAssets.list'> {
  return allNetAssets(ctx.db).map(view);
}

export function recordNetAssets(ctx: ServiceContext, input: ChannelParsedInput<'netAssets.record'>): ChannelOutput<'netAssets.record'> {
  const before = netAssetsFor(ctx.db, input.periodEnd);
  upsertNetAssets(ctx.db, { periodEnd: input.periodEnd, amount: input.amount, note: input.note, recordedAt: instant(ctx), recordedBy: actorOf(ctx).userName });
  const after = netAssetsFor(ctx.db, input.periodEnd)!;
  ctx.audit({ entityType: 'net-assets', entityId: input.periodEnd, before: before ? view(before) : null, after: view(after) });
  return view(after);
}
