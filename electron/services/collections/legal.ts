/**
 * Legal cases (诉讼): a claim taken to court. Filing interrupts the limitation period; stages only move
 * forward; costs are charged to the claim on the day incurred and, for loans, paid first by every
 * payment (the allocation order's "costs").
 */
import { findLegalCase, insertLegalCase, insertLegalCost, insertLegalEvent, insertLimitationEvent, legalCasesOf, updateLegalStage, type LegalCaseRow } from '../../../db/repositories/collections/collections';
import { legalStages, type ClaimKind } from '../../../shared/collections/claims';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { fenToYuan } from '../../../shared/money/yuan';
import { actorOf, instant, type ServiceContext } from '../context';
import { refreshLoan } from '../lending/daily-close';
import { businessDate, dateUpToBusinessDate } from '../platform/status';
import { claimOrThrow } from './claims';

type CaseView = ChannelOutput<'legal.file'>;

export function legalCaseViews(ctx: ServiceContext, kind: ClaimKind, claimId: number): CaseView[] {
  return legalCasesOf(ctx.db, kind, claimId).map((c) => ({
    id: c.id,
    court: c.court,
    caseNo: c.caseNo,
    stage: c.stage,
    filedOn: c.filedOn,
    events: c.events.map((e) => ({ stage: e.stage, date: e.eventDate, note: e.note, by: e.by })),
    costs: c.costs.map((k) => ({ date: k.costDate, amount: fenToYuan(k.amount), kind: k.kind, note: k.note })),
    costsTotal: fenToYuan(c.costs.reduce((s, k) => s + k.amount, 0)),
  }));
}

function caseOrThrow(ctx: ServiceContext, id: number): LegalCaseRow {
  const found = findLegalCase(ctx.db, id);
  if (!found) throw new AppError('not-found', `caseId: no legal case ${id}`, { field: 'caseId', reason: 'caseNotFound' });
  return found;
}

const viewOf = (ctx: ServiceContext, row: LegalCaseRow) => legalCaseViews(ctx, row.claimKind, row.claimId).find((c) => c.id === row.id)!;

export function fileCase(ctx: ServiceContext, input: ChannelParsedInput<'legal.file'>): CaseView {
  const claim = claimOrThrow(ctx, input.contractNo);
  const filedOn = dateUpToBusinessDate(ctx, input.filedOn, 'filedOn');
  const at = instant(ctx);
  const by = actorOf(ctx).userName;
  const id = insertLegalCase(ctx.db, { claimKind: claim.kind, claimId: claim.id, court: input.court, caseNo: input.caseNo, stage: 'filed', filedOn, createdAt: at, createdBy: by });
  insertLegalEvent(ctx.db, { caseId: id, stage: 'filed', eventDate: filedOn, note: input.note, at, by });
  // A lawsuit restarts the limitation period (Civil Code art. 195).
  insertLimitationEvent(ctx.db, { claimKind: claim.kind, claimId: claim.id, kind: 'lawsuit', eventDate: filedOn, evidence: `${input.court} ${input.caseNo}`, recordedAt: at, recordedBy: by });
  ctx.audit({ entityType: 'legal-case', entityId: claim.contractNo, before: null, after: { court: input.court, caseNo: input.caseNo, filedOn } });
  return viewOf(ctx, findLegalCase(ctx.db, id)!);
}

export function advanceCase(ctx: ServiceContext, input: ChannelParsedInput<'legal.stage'>): CaseView {
  const row = caseOrThrow(ctx, input.caseId);
  if (legalStages.indexOf(input.stage) <= legalStages.indexOf(row.stage)) {
    throw new AppError('conflict', `stage: the case is at ${row.stage}; stages only move forward`, { field: 'stage', reason: 'stageOrder', params: { stage: row.stage } });
  }
  const date = dateUpToBusinessDate(ctx, input.date);
  if (date < row.filedOn) throw new AppError('validation', `date: ${date} is before the filing on ${row.filedOn}`, { field: 'date', reason: 'dateOrder' });
  updateLegalStage(ctx.db, row.id, input.stage);
  insertLegalEvent(ctx.db, { caseId: row.id, stage: input.stage, eventDate: date, note: input.note, at: instant(ctx), by: actorOf(ctx).userName });
  ctx.audit({ entityType: 'legal-case', entityId: row.caseNo, before: { stage: row.stage }, after: { stage: input.stage, date } });
  return viewOf(ctx, findLegalCase(ctx.db, row.id)!);
}

export function addCost(ctx: ServiceContext, input: ChannelParsedInput<'legal.cost'>): CaseView {
  const row = caseOrThrow(ctx, input.caseId);
  const date = dateUpToBusinessDate(ctx, input.date);
  if (date < row.filedOn) throw new AppError('validation', `date: ${date} is before the filing on ${row.filedOn}`, { field: 'date', reason: 'dateOrder' });
  insertLegalCost(ctx.db, { caseId: row.id, claimKind: row.claimKind, claimId: row.claimId, costDate: date, amount: input.amount, kind: input.kind, note: input.note, at: instant(ctx), by: actorOf(ctx).userName });
  // The loan's figures now carry the cost, and payments replay with costs first.
  if (row.claimKind === 'loan') refreshLoan(ctx, row.claimId, businessDate(ctx));
  ctx.audit({ entityType: 'legal-cost', entityId: row.caseNo, before: null, after: { date, amount: fenToYuan(input.amount), kind: input.kind } });
  return viewOf(ctx, findLegalCase(ctx.db, row.id)!);
}
