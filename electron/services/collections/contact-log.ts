/**
 * Loading a contact log in one go (催收记录批量导入): the demo generator, and the collection history a
 * lender brings from its spreadsheets. Each contact passes the same guards as one logged by hand
 * (screenContact: contact hours, disclosure to third parties, obligors only, the call limit counted
 * with the contacts before it); one audit entry records the load, each contact keeps its recorder.
 */
import { insertContact } from '../../../db/repositories/collections/collections';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { withinEntry } from '../platform/bulk';
import { claimOrThrow, type Claim } from './claims';
import { contactRules, phoneCallsOf, screenContact } from './contacts';

export type ContactEntry = ChannelParsedInput<'collections.logContact'>;

/** Writes the contacts in the order given (the call limit counts the earlier ones); returns how many carried a call-limit warning. */
export function loadContactLog(ctx: ServiceContext, entries: readonly ContactEntry[]): { contacts: number; callLimitWarnings: number } {
  const claims = new Map<string, { claim: Claim; calls: Date[] }>();
  const rules = contactRules(ctx);
  let callLimitWarnings = 0;
  for (const [index, entry] of entries.entries()) {
    withinEntry('contacts', index, () => {
      let known = claims.get(entry.contractNo);
      if (!known) {
        const claim = claimOrThrow(ctx, entry.contractNo);
        known = { claim, calls: phoneCallsOf(ctx, claim) };
        claims.set(entry.contractNo, known);
      }
      const { row, warnings } = screenContact(ctx, known.claim, entry, known.calls, rules);
      insertContact(ctx.db, row);
      if (row.channel === 'phone') known.calls.push(new Date(row.contactedAt));
      if (warnings.length > 0) callLimitWarnings++;
    });
  }
  if (entries.length > 0) {
    ctx.audit({ entityType: 'collection-contact-log', entityId: null, before: null, after: { contacts: entries.length, claims: claims.size, callLimitWarnings } });
  }
  return { contacts: entries.length, callLimitWarnings };
}
