/** Collector performance for a period: contacts by channel, promises made and kept, and money recovered. */
import { allPromises, contactsBetween, currentAssignments, receiptsOf } from '../../../db/repositories/collections/collections';
import type { ClaimKind } from '../../../shared/collections/claims';
import { promiseStatus } from '../../../shared/collections/promises';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { fenToYuan } from '../../../shared/money/yuan';
import type { ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { mulDivRound, percentString } from '../../../shared/money/rounding';
import { parsePercent } from '../../../shared/rates/rate';
import { businessDate } from '../platform/status';

/** Money received in the period on the accounts each collector works now (with the bucket they were assigned in). */
function recoveriesOnAssignments(ctx: ServiceContext, from: string, to: string) {
  const byClaim = new Map(currentAssignments(ctx.db).map((a) => [`${a.claimKind}:${a.claimId}`, a]));
  const receipts: Array<{ assignment: NonNullable<ReturnType<typeof byClaim.get>>; amount: number }> = [];
  for (const kind of ['loan', 'guarantee'] as ClaimKind[]) {
    const ids = [...byClaim.keys()].filter((k) => k.startsWith(`${kind}:`)).map((k) => Number(k.split(':')[1]));
    for (const receipt of receiptsOf(ctx.db, kind, ids)) {
      if (receipt.date >= from && receipt.date <= to) receipts.push({ assignment: byClaim.get(`${kind}:${receipt.claimId}`)!, amount: receipt.amount });
    }
  }
  return { assignments: [...byClaim.values()], receipts };
}

/** What each collector has recovered in the period (the dashboard's line of collectorPerformance, without reading the contact log). */
export function recoveredByCollector(ctx: ServiceContext, from: string, to: string): Array<{ collector: string; recovered: string }> {
  const totals = new Map<string, number>();
  for (const { assignment, amount } of recoveriesOnAssignments(ctx, from, to).receipts) totals.set(assignment.collector, (totals.get(assignment.collector) ?? 0) + amount);
  return [...totals.entries()]
    .filter(([, amount]) => amount > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([collector, amount]) => ({ collector, recovered: fenToYuan(amount) }));
}

export function collectorPerformance(ctx: ServiceContext, input: ChannelParsedInput<'collections.performance'>): ChannelOutput<'collections.performance'> {
  const today = businessDate(ctx);
  interface BucketFigures {
    accounts: number;
    assigned: number;
    recovered: number;
  }
  const rows = new Map<string, { calls: number; sms: number; letters: number; visits: number; promisesMade: number; promisesKept: number; recovered: number; buckets: Map<string, BucketFigures> }>();
  const row = (collector: string) => {
    if (!rows.has(collector)) rows.set(collector, { calls: 0, sms: 0, letters: 0, visits: 0, promisesMade: 0, promisesKept: 0, recovered: 0, buckets: new Map() });
    return rows.get(collector)!;
  };
  const bucketOf = (collector: string, bucket: string) => {
    const buckets = row(collector).buckets;
    if (!buckets.has(bucket)) buckets.set(bucket, { accounts: 0, assigned: 0, recovered: 0 });
    return buckets.get(bucket)!;
  };
  // Instants are UTC: the period's days are widened by the office's offset at most a day either side.
  for (const c of contactsBetween(ctx.db, `${input.from}T00:00:00.000Z`, `${input.to}T23:59:59.999Z`)) {
    if (c.debtorLocalTime.slice(0, 10) < input.from || c.debtorLocalTime.slice(0, 10) > input.to) continue;
    const r = row(c.recordedBy);
    if (c.channel === 'phone') r.calls++;
    else if (c.channel === 'sms') r.sms++;
    else if (c.channel === 'visit') r.visits++;
    else if (c.channel === 'letter' || c.channel === 'registered-mail' || c.channel === 'lawyer-letter') r.letters++;
  }
  const promises = allPromises(ctx.db).filter((p) => p.madeOn >= input.from && p.madeOn <= input.to);
  for (const kind of ['loan', 'guarantee'] as const) {
    const mine = promises.filter((p) => p.claimKind === kind);
    const receipts = receiptsOf(ctx.db, kind, [...new Set(mine.map((p) => p.claimId))]);
    for (const p of mine) {
      const r = row(p.recordedBy);
      r.promisesMade++;
      if (promiseStatus(p, receipts.filter((x) => x.claimId === p.claimId), today).status === 'kept') r.promisesKept++;
    }
  }
  const { assignments, receipts } = recoveriesOnAssignments(ctx, input.from, input.to);
  for (const a of assignments) {
    const b = bucketOf(a.collector, a.bucket ?? '—');
    b.accounts++;
    b.assigned += a.amountAssigned ?? 0;
  }
  for (const { assignment: a, amount } of receipts) {
    row(a.collector).recovered += amount;
    bucketOf(a.collector, a.bucket ?? '—').recovered += amount;
  }
  const rates = setting(ctx, 'collections.incentivePercent');
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([collector, { buckets, ...r }]) => {
      const byBucket = [...buckets.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([bucket, b]) => ({
          bucket,
          accounts: b.accounts,
          assigned: fenToYuan(b.assigned),
          recovered: fenToYuan(b.recovered),
          recoveryRatePercent: percentString(b.recovered, b.assigned),
          incentiveFen: mulDivRound(b.recovered, parsePercent(rates[bucket] ?? '0') ?? 0, 1_000_000, 'half-up'),
        }));
      return {
        collector,
        ...r,
        recovered: fenToYuan(r.recovered),
        byBucket: byBucket.map(({ incentiveFen, ...b }) => ({ ...b, incentive: fenToYuan(incentiveFen) })),
        incentive: fenToYuan(byBucket.reduce((s, b) => s + b.incentiveFen, 0)),
      };
    });
}
