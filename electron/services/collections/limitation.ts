/**
 * Limitation periods (诉讼时效) per claim: from the day the debt fell due in full, restarted by every
 * delivered demand (from the contact log), every payment (an acknowledgement) and every lawsuit or
 * written acknowledgement recorded by hand; the guarantor's six-month period never restarts.
 */
import { deliveredDemands, guaranteeClaims, insertLimitationEvent, limitationEndingCount, limitationEventsOf, limitationLoanClaims, receiptsOf } from '../../../db/repositories/collections/collections';
import type { ClaimKind } from '../../../shared/collections/claims';
import { latestStartEndingBy, limitationOf, type Interruption } from '../../../shared/collections/limitation';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import { actorOf, instant, type ServiceContext } from '../context';
import { businessDate, dateUpToBusinessDate } from '../platform/status';
import { claimOrThrow, type Claim } from './claims';

type LimitationView = ChannelOutput<'limitation.due'>[number];

/** Interruptions of many claims of one kind, in three queries. */
function interruptionsOf(ctx: ServiceContext, kind: ClaimKind, ids: number[]): Map<number, Interruption[]> {
  const byClaim = new Map<number, Interruption[]>(ids.map((id) => [id, []]));
  for (const d of deliveredDemands(ctx.db, kind, ids)) byClaim.get(d.claimId)!.push({ date: d.deliveredOn ?? d.localTime.slice(0, 10), kind: 'demand' });
  for (const r of receiptsOf(ctx.db, kind, ids)) byClaim.get(r.claimId)!.push({ date: r.date, kind: 'acknowledgement' });
  for (const e of limitationEventsOf(ctx.db, kind, ids)) byClaim.get(e.claimId)!.push({ date: e.eventDate, kind: e.kind });
  return byClaim;
}

function view(kind: ClaimKind, c: { contractNo: string; debtorName: string }, start: string, interruptions: Interruption[], today: string): LimitationView {
  const l = limitationOf(start, interruptions);
  return { kind, contractNo: c.contractNo, debtorName: c.debtorName, start: l.start, lastInterruption: l.lastInterruption, expiry: l.expiry, daysLeft: parseIsoDate(l.expiry)! - parseIsoDate(today)!, guarantorPeriodEnd: l.guarantorPeriodEnd };
}

export function limitationOfClaim(ctx: ServiceContext, claim: Claim): LimitationView | null {
  if (!claim.fellDueOn) return null;
  return view(claim.kind, { contractNo: claim.contractNo, debtorName: claim.debtor.name }, claim.fellDueOn, interruptionsOf(ctx, claim.kind, [claim.id]).get(claim.id)!, businessDate(ctx));
}

export function limitationDue(ctx: ServiceContext, input: ChannelParsedInput<'limitation.due'>): ChannelOutput<'limitation.due'> {
  const today = input.asOf ?? businessDate(ctx);
  const until = formatIsoDate(parseIsoDate(today)! + input.days);
  const loans = limitationLoanClaims(ctx.db).filter((l) => l.maturityDate);
  const guarantees = guaranteeClaims(ctx.db).filter((g) => g.compensatedOn);
  const loanBreaks = interruptionsOf(ctx, 'loan', loans.map((l) => l.id));
  const guaranteeBreaks = interruptionsOf(ctx, 'guarantee', guarantees.map((g) => g.id));
  return [
    ...loans.map((l) => view('loan', l, l.maturityDate!, loanBreaks.get(l.id)!, today)),
    ...guarantees.map((g) => view('guarantee', g, g.compensatedOn!, guaranteeBreaks.get(g.id)!, today)),
  ]
    .filter((v) => v.expiry <= until)
    .sort((a, b) => a.expiry.localeCompare(b.expiry) || a.contractNo.localeCompare(b.contractNo));
}

/** How many limitation periods end within `days` of `asOf` (expired ones included), as limitationDue lists them. */
export function limitationDueCount(ctx: ServiceContext, input: { days: number; asOf?: string | undefined }): number {
  const today = input.asOf ?? businessDate(ctx);
  return limitationEndingCount(ctx.db, latestStartEndingBy(formatIsoDate(parseIsoDate(today)! + input.days)));
}

export function recordLimitationEvent(ctx: ServiceContext, input: ChannelParsedInput<'limitation.record'>): ChannelOutput<'limitation.record'> {
  const claim = claimOrThrow(ctx, input.contractNo);
  const date = dateUpToBusinessDate(ctx, input.date);
  if (!claim.fellDueOn) throw new AppError('conflict', `contractNo: ${claim.contractNo} has not fallen due`, { field: 'contractNo', reason: 'notDue' });
  insertLimitationEvent(ctx.db, { claimKind: claim.kind, claimId: claim.id, kind: input.kind, eventDate: date, evidence: input.evidence, recordedAt: instant(ctx), recordedBy: actorOf(ctx).userName });
  ctx.audit({ entityType: 'limitation-event', entityId: claim.contractNo, before: null, after: { kind: input.kind, date, evidence: input.evidence } });
  return limitationOfClaim(ctx, claim)!;
}
