/**
 * The collections work queue (催收工作台) and who works each account: every overdue loan and every open
 * compensation receivable, with its bucket, DPD, amount due, collector, last contact, next action and
 * promise; assignment by hand, by rule and by rotation (交叉清收), every change kept in the history.
 */
import { allUsers, findUserByName } from '../../../db/repositories/platform/users';
import { allPromises, assignClaim, claimsInQueue, currentAssignments, guaranteeClaims, latestContacts, overdueLoanClaims, receiptsOf } from '../../../db/repositories/collections/collections';
import type { ClaimKind } from '../../../shared/collections/claims';
import { promiseStatus } from '../../../shared/collections/promises';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { parseIsoDate } from '../../../shared/dates/calendar';
import { agingBucket } from '../../../shared/lending/classification';
import { fenToYuan } from '../../../shared/money/yuan';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { businessDate } from '../platform/status';
import { claimOrThrow, regionOf, type Claim } from './claims';

export type QueueItem = ChannelOutput<'collections.queue'>['items'][number] & { amountFen: number; claimId: number };

const key = (kind: ClaimKind, id: number) => `${kind}:${id}`;

/** Every claim in the queue, with everything the screen filters and sorts on. */
export function allClaims(ctx: ServiceContext): QueueItem[] {
  const today = businessDate(ctx);
  const buckets = setting(ctx, 'lending.bucketUpperDays');
  const collectors = new Map(currentAssignments(ctx.db).map((a) => [key(a.claimKind, a.claimId), a.collector]));
  const contacts = new Map(latestContacts(ctx.db).map((c) => [key(c.claim_kind, c.claim_id), c]));
  const base = (kind: ClaimKind, c: { id: number; contractNo: string; debtorId: number; debtorName: string; address: string | null; amountDue: number }, dpd: number, bucket: string): QueueItem => {
    const last = contacts.get(key(kind, c.id));
    return {
      kind,
      claimId: c.id,
      contractNo: c.contractNo,
      debtorId: c.debtorId,
      debtorName: c.debtorName,
      region: regionOf(c.address),
      dpd,
      bucket,
      amountDue: fenToYuan(c.amountDue),
      amountFen: c.amountDue,
      collector: collectors.get(key(kind, c.id)) ?? null,
      lastContactAt: last?.contacted_at ?? null,
      lastOutcome: last?.outcome ?? null,
      nextActionOn: last?.next_action_on ?? null,
      promise: null,
    };
  };
  const items = [
    ...overdueLoanClaims(ctx.db).map((l) => base('loan', l, l.dpd, l.bucket)),
    ...guaranteeClaims(ctx.db).map((g) => {
      const dpd = g.compensatedOn ? parseIsoDate(today)! - parseIsoDate(g.compensatedOn)! : 0;
      return base('guarantee', g, dpd, agingBucket(dpd, buckets));
    }),
  ];
  attachPromises(ctx, items, today);
  return items;
}

/** The latest promise of each claim (key kind|id). */
function latestPromises(ctx: ServiceContext) {
  const latest = new Map<string, ReturnType<typeof allPromises>[number]>();
  for (const p of allPromises(ctx.db)) latest.set(key(p.claimKind, p.claimId), p);
  return latest;
}

/** The latest promise of these claims with its status from the payments since (claims without one are left out). */
function promiseStatuses(ctx: ServiceContext, kind: ClaimKind, claimIds: readonly number[], latest: ReturnType<typeof latestPromises>, today: string) {
  const promised = claimIds.filter((id) => latest.has(key(kind, id)));
  const receipts = receiptsOf(ctx.db, kind, promised);
  return new Map(
    promised.map((id) => {
      const promise = latest.get(key(kind, id))!;
      return [id, { promise, status: promiseStatus(promise, receipts.filter((r) => r.claimId === id), today).status }] as const;
    }),
  );
}

/** Each claim's latest promise and its status; an open promise sets the next action. */
function attachPromises(ctx: ServiceContext, items: QueueItem[], today: string): void {
  const latest = latestPromises(ctx);
  for (const kind of ['loan', 'guarantee'] as const) {
    const statuses = promiseStatuses(ctx, kind, items.filter((i) => i.kind === kind).map((i) => i.claimId), latest, today);
    for (const item of items.filter((i) => i.kind === kind)) {
      const found = statuses.get(item.claimId);
      if (!found) continue;
      item.promise = { amount: fenToYuan(found.promise.amount), dueDate: found.promise.dueDate, status: found.status };
      if (found.status === 'open' && (!item.nextActionOn || found.promise.dueDate < item.nextActionOn)) item.nextActionOn = found.promise.dueDate;
    }
  }
}

/** The queue's promises due today and broken, as allClaims would count them, reading only the promised claims. */
export function promiseCounts(ctx: ServiceContext): { dueToday: number; broken: number } {
  const today = businessDate(ctx);
  const latest = latestPromises(ctx);
  let dueToday = 0;
  let broken = 0;
  for (const kind of ['loan', 'guarantee'] as const) {
    const promised = [...latest.values()].filter((p) => p.claimKind === kind).map((p) => p.claimId);
    for (const { promise, status } of promiseStatuses(ctx, kind, claimsInQueue(ctx.db, kind, promised), latest, today).values()) {
      if (status === 'open' && promise.dueDate === today) dueToday++;
      if (status === 'broken') broken++;
    }
  }
  return { dueToday, broken };
}

/** The named accounts as the queue has them, each with its claim; one not in the queue is refused by its place in the list. */
export function queueAccounts(ctx: ServiceContext, contractNos: readonly string[]): Array<{ item: QueueItem; claim: Claim }> {
  const queue = new Map(allClaims(ctx).map((i) => [i.contractNo, i]));
  return contractNos.map((contractNo, k) => {
    const item = queue.get(contractNo);
    if (!item) throw new AppError('validation', `contractNos[${k}]: ${contractNo} is not an account in the collections queue`, { field: `contractNos[${k}]`, reason: 'claimNotFound' });
    return { item, claim: claimOrThrow(ctx, contractNo) };
  });
}

export function collectionsQueue(ctx: ServiceContext, input: ChannelParsedInput<'collections.queue'>): ChannelOutput<'collections.queue'> {
  const collector = input.mine ? actorOf(ctx).userName : input.collector;
  const q = input.q?.toLowerCase();
  const items = allClaims(ctx).filter(
    (i) =>
      (!collector || i.collector === collector) &&
      (!input.unassigned || i.collector === null) &&
      (!input.kind || i.kind === input.kind) &&
      (!input.bucket || i.bucket === input.bucket) &&
      (!input.brokenPromise || i.promise?.status === 'broken') &&
      (!q || i.contractNo.toLowerCase().startsWith(q) || i.debtorName.includes(input.q!)),
  );
  const value = (i: QueueItem): string | number => (input.sort === 'amountDue' ? i.amountFen : input.sort === 'dpd' ? i.dpd : (i[input.sort] ?? ''));
  const sign = input.direction === 'asc' ? 1 : -1;
  items.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    return (va < vb ? -1 : va > vb ? 1 : 0) * sign || a.contractNo.localeCompare(b.contractNo);
  });
  const page = items.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
  return {
    items: page.map(({ amountFen: _fen, claimId: _id, ...item }) => item),
    total: items.length,
    page: input.page,
    pageSize: input.pageSize,
    totals: { amountDue: fenToYuan(items.reduce((s, i) => s + i.amountFen, 0)) },
  };
}

export function collectorList(ctx: ServiceContext): ChannelOutput<'collections.collectors'> {
  return allUsers(ctx.db)
    .filter((u) => u.active && (u.role === 'collector' || u.role === 'manager'))
    .map((u) => ({ userName: u.userName, displayName: u.displayName, role: u.role }));
}

function assertCollector(ctx: ServiceContext, userName: string, field: string): void {
  const user = findUserByName(ctx.db, userName);
  if (!user || !user.active) throw new AppError('validation', `${field}: no active user ${userName}`, { field, reason: 'userNotFound' });
  if (!['collector', 'manager', 'administrator'].includes(user.role)) {
    throw new AppError('validation', `${field}: ${userName} is a ${user.role}, not a collector`, { field, reason: 'notCollector', params: { role: user.role } });
  }
}

function assign(ctx: ServiceContext, claim: { kind: ClaimKind; claimId: number; bucket?: string | null; amountFen?: number | null }, collector: string, reason: string): void {
  assignClaim(ctx.db, {
    claimKind: claim.kind,
    claimId: claim.claimId,
    collector,
    reason,
    bucket: claim.bucket ?? null,
    amountAssigned: claim.amountFen ?? null,
    assignedOn: businessDate(ctx),
    assignedAt: instant(ctx),
    assignedBy: actorOf(ctx).userName,
  });
}

export function assignClaims(ctx: ServiceContext, input: ChannelParsedInput<'collections.assign'>): ChannelOutput<'collections.assign'> {
  assertCollector(ctx, input.collector, 'collector');
  const inQueue = new Map(allClaims(ctx).map((i) => [i.contractNo, i]));
  for (const contractNo of input.contractNos) {
    const claim = claimOrThrow(ctx, contractNo);
    // Accounts out of the queue (written off, recovering in court) are assigned without a bucket.
    assign(ctx, inQueue.get(contractNo) ?? { kind: claim.kind, claimId: claim.id }, input.collector, input.reason ?? 'manual');
  }
  ctx.audit({ entityType: 'collection-assignment', entityId: input.collector, before: null, after: { contractNos: input.contractNos, reason: input.reason } });
  return { assigned: input.contractNos.length };
}

export function assignByRule(ctx: ServiceContext, input: ChannelParsedInput<'collections.assignByRule'>): ChannelOutput<'collections.assignByRule'> {
  input.collectors.forEach((c, k) => assertCollector(ctx, c, `collectors[${k}]`));
  const matching = allClaims(ctx).filter(
    (i) =>
      (!input.onlyUnassigned || i.collector === null) &&
      (!input.bucket || i.bucket === input.bucket) &&
      (!input.region || (i.region ?? '').startsWith(input.region)) &&
      (input.minAmount === undefined || i.amountFen >= input.minAmount) &&
      (input.maxAmount === undefined || i.amountFen <= input.maxAmount),
  );
  // Largest first, dealt in turn, so the collectors' books come out about even in amount.
  matching.sort((a, b) => b.amountFen - a.amountFen || a.contractNo.localeCompare(b.contractNo));
  matching.forEach((item, k) => assign(ctx, item, input.collectors[k % input.collectors.length]!, input.reason ?? 'rule'));
  ctx.audit({ entityType: 'collection-assignment', entityId: null, before: null, after: { rule: { ...input, collectors: undefined }, collectors: input.collectors, assigned: matching.length } });
  return { assigned: matching.length };
}

export function rotateClaims(ctx: ServiceContext, input: ChannelParsedInput<'collections.rotate'>): ChannelOutput<'collections.rotate'> {
  input.collectors.forEach((c, k) => assertCollector(ctx, c, `collectors[${k}]`));
  if (new Set(input.collectors).size !== input.collectors.length) {
    throw new AppError('validation', 'collectors: each collector once', { field: 'collectors', reason: 'duplicate' });
  }
  const next = new Map(input.collectors.map((c, k) => [c, input.collectors[(k + 1) % input.collectors.length]!]));
  const moving = allClaims(ctx).filter((i) => i.collector !== null && next.has(i.collector));
  for (const item of moving) assign(ctx, item, next.get(item.collector!)!, input.reason ?? 'rotation');
  ctx.audit({ entityType: 'collection-assignment', entityId: null, before: null, after: { rotation: input.collectors, rotated: moving.length } });
  return { rotated: moving.length };
}
