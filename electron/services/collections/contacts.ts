/**
 * The contact log (催收记录) with its lawful-conduct guards, enforced here and not only on screen: no
 * call, message or visit outside the allowed hours in the debtor's time zone without a recorded reason;
 * a warning past the call limit; no telling anyone but an obligor about the debt. Promises to pay.
 */
import { contactsOf, findContact, insertContact, insertPromise, promisesOf, receiptsOf, assignmentHistory, type ContactRow, type NewContactRow } from '../../../db/repositories/collections/collections';
import { counterGuaranteesOf } from '../../../db/repositories/guarantees/guarantees';
import { guarantorsOfLoan } from '../../../db/repositories/lending/security';
import type { ContactChannel } from '../../../shared/collections/claims';
import { instantOfLocal, localDateTime, pastCallLimit, withinContactHours } from '../../../shared/collections/guards';
import { promiseStatus } from '../../../shared/collections/promises';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { fenToYuan } from '../../../shared/money/yuan';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { businessDate } from '../platform/status';
import { claimOrThrow, debtorTimeZone, type Claim } from './claims';
import { limitationOfClaim } from './limitation';
import { plansOfLoan } from './plans';
import { legalCaseViews } from './legal';

/** Contacts in real time; letters, filings and enforcement are not calls at an hour. */
const LIVE_CHANNELS: readonly ContactChannel[] = ['phone', 'sms', 'visit'];

function refuse(field: string, reason: string, message: string, params?: Record<string, string | number>): never {
  throw new AppError('validation', `${field}: ${message}`, { field, reason, ...(params ? { params } : {}) });
}

/** "2026-12-01T10:30" is the office clock; an ISO instant with Z or an offset is taken as it is. */
function contactInstant(at: string, officeTimeZone: string): Date {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at)) return instantOfLocal(at, officeTimeZone);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(at) && !Number.isNaN(Date.parse(at))) return new Date(at);
  return refuse('at', 'dateTime', 'a time such as 2026-12-01T10:30 (office clock) or 2026-12-01T02:30Z');
}

function hasGuarantor(ctx: ServiceContext, claim: Claim): boolean {
  return claim.kind === 'loan' ? guarantorsOfLoan(ctx.db, claim.id).length > 0 : counterGuaranteesOf(ctx.db, claim.id).some((c) => c.kind === 'guarantee');
}

/** What the guards read besides the contact: the settings, and who records it when. Gathered once per load. */
export interface ContactRules {
  officeTimeZone: string;
  from: string;
  to: string;
  callLimit: { calls: number; days: number };
  recordedAt: string;
  recordedBy: string;
}

export function contactRules(ctx: ServiceContext): ContactRules {
  return {
    officeTimeZone: setting(ctx, 'platform.officeTimeZone'),
    from: setting(ctx, 'collections.contactFrom'),
    to: setting(ctx, 'collections.contactTo'),
    callLimit: setting(ctx, 'collections.callLimit'),
    recordedAt: instant(ctx),
    recordedBy: actorOf(ctx).userName,
  };
}

/**
 * The lawful-conduct guards a contact must pass, and the row it becomes: for one contact logged by hand
 * and for a contact log loaded in bulk alike. `previousCalls` are the claim's phone calls so far; a bulk
 * load passes the rules it read once.
 */
export function screenContact(
  ctx: ServiceContext,
  claim: Claim,
  input: ChannelParsedInput<'collections.logContact'>,
  previousCalls: readonly Date[],
  rules: ContactRules = contactRules(ctx),
): { row: NewContactRow; warnings: Array<{ reason: string; message: string }> } {
  if (input.party === 'related-person' && input.discussedDebt) {
    refuse('discussedDebt', 'disclosureToThirdParty', 'a related person is not an obligor: contact them only to locate the debtor, without disclosing the debt');
  }
  if (input.party === 'guarantor' && !hasGuarantor(ctx, claim)) {
    refuse('party', 'notAnObligor', `${claim.contractNo} has no guarantor on file: only obligors may be asked to pay`);
  }
  const at = contactInstant(input.at, rules.officeTimeZone);
  const timeZone = debtorTimeZone(ctx, claim.debtor);
  const local = localDateTime(at, timeZone);
  const { from, to, callLimit: limit } = rules;
  const live = LIVE_CHANNELS.includes(input.channel);
  const inHours = withinContactHours(local, from, to);
  if (live && !inHours && !input.outOfHoursReason) {
    refuse('at', 'outsideContactHours', `${local} in ${timeZone} is outside the allowed hours ${from}–${to}; record the reason (e.g. the debtor asked to be called then) to log it`, { local, timeZone, from, to });
  }
  const warnings: Array<{ reason: string; message: string }> = [];
  const overLimit = input.channel === 'phone' && pastCallLimit(previousCalls, at, limit);
  if (overLimit) warnings.push({ reason: 'callLimit', message: `more than ${limit.calls} calls in ${limit.days} days on ${claim.contractNo}` });
  const row: NewContactRow = {
    claimKind: claim.kind,
    claimId: claim.id,
    contactedAt: at.toISOString(),
    debtorLocalTime: local,
    timeZone,
    channel: input.channel,
    party: input.party,
    partyName: input.partyName,
    outcome: input.outcome,
    notes: input.notes,
    attachments: input.attachments,
    demandDelivered: input.demandDelivered,
    nextActionOn: input.nextActionOn ?? null,
    outOfHoursReason: live && !inHours ? input.outOfHoursReason : null,
    frequencyWarning: overLimit,
    recordedAt: rules.recordedAt,
    recordedBy: rules.recordedBy,
  };
  return { row, warnings };
}

/** The claim's phone calls on file, for the call-limit guard. */
export function phoneCallsOf(ctx: ServiceContext, claim: Claim): Date[] {
  return contactsOf(ctx.db, claim.kind, claim.id).filter((c) => c.channel === 'phone').map((c) => new Date(c.contactedAt));
}

export function logContact(ctx: ServiceContext, input: ChannelParsedInput<'collections.logContact'>): ChannelOutput<'collections.logContact'> {
  const claim = claimOrThrow(ctx, input.contractNo);
  const { row, warnings } = screenContact(ctx, claim, input, phoneCallsOf(ctx, claim));
  const id = insertContact(ctx.db, row);
  const contact = findContact(ctx.db, id)!;
  ctx.audit({ entityType: 'collection-contact', entityId: claim.contractNo, before: null, after: { ...contact, warnings: warnings.map((w) => w.reason) } });
  return { contact: contactViewOf(contact), warnings };
}

export function contactViewOf(c: ContactRow): ChannelOutput<'collections.logContact'>['contact'] {
  return {
    id: c.id,
    contactedAt: c.contactedAt,
    debtorLocalTime: c.debtorLocalTime,
    timeZone: c.timeZone,
    channel: c.channel,
    party: c.party,
    partyName: c.partyName,
    outcome: c.outcome,
    notes: c.notes,
    demandDelivered: c.demandDelivered,
    outOfHoursReason: c.outOfHoursReason,
    frequencyWarning: c.frequencyWarning,
    nextActionOn: c.nextActionOn,
    recordedBy: c.recordedBy,
  };
}

function promiseViews(ctx: ServiceContext, claim: Claim): ChannelOutput<'collections.claim'>['promises'] {
  const receipts = receiptsOf(ctx.db, claim.kind, [claim.id]);
  const today = businessDate(ctx);
  return promisesOf(ctx.db, claim.kind, claim.id).map((p) => {
    const { status, paid } = promiseStatus(p, receipts, today);
    return { id: p.id, amount: fenToYuan(p.amount), madeOn: p.madeOn, dueDate: p.dueDate, paid: fenToYuan(paid), status, recordedBy: p.recordedBy };
  });
}

export function recordPromise(ctx: ServiceContext, input: ChannelParsedInput<'collections.promise'>): ChannelOutput<'collections.promise'> {
  const claim = claimOrThrow(ctx, input.contractNo);
  const today = businessDate(ctx);
  if (input.dueDate < today) refuse('dueDate', 'dateOrder', `the promised date ${input.dueDate} is before the business date ${today}`);
  if (input.contactId !== undefined && !contactsOf(ctx.db, claim.kind, claim.id).some((c) => c.id === input.contactId)) {
    refuse('contactId', 'invalid', `contact ${input.contactId} is not on ${claim.contractNo}`);
  }
  const id = insertPromise(ctx.db, { claimKind: claim.kind, claimId: claim.id, amount: input.amount, dueDate: input.dueDate, madeOn: today, contactId: input.contactId ?? null, recordedAt: instant(ctx), recordedBy: actorOf(ctx).userName });
  ctx.audit({ entityType: 'promise-to-pay', entityId: claim.contractNo, before: null, after: { id, amount: fenToYuan(input.amount), dueDate: input.dueDate } });
  return promiseViews(ctx, claim).find((p) => p.id === id)!;
}

export function claimDetail(ctx: ServiceContext, input: ChannelParsedInput<'collections.claim'>): ChannelOutput<'collections.claim'> {
  const claim = claimOrThrow(ctx, input.contractNo);
  return {
    kind: claim.kind,
    contractNo: claim.contractNo,
    debtorName: claim.debtor.name,
    timeZone: debtorTimeZone(ctx, claim.debtor),
    contacts: contactsOf(ctx.db, claim.kind, claim.id).map(contactViewOf),
    promises: promiseViews(ctx, claim),
    assignments: assignmentHistory(ctx.db, claim.kind, claim.id).map((a) => ({ collector: a.collector, reason: a.reason, assignedOn: a.assignedOn, assignedBy: a.assignedBy, ended: a.endedAt !== null })),
    limitation: limitationOfClaim(ctx, claim),
    plans: claim.kind === 'loan' ? plansOfLoan(ctx, claim.id, claim.contractNo) : [],
    legalCases: legalCaseViews(ctx, claim.kind, claim.id),
  };
}
