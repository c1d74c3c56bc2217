/**
 * Batch letters (催收通知书, 律师函): the templates in the settings filled from each account, one page a
 * letter in a DOCX (docx: pure JS, and Word or WPS supplies the Chinese fonts), each letter logged as a
 * contact. When delivery is recorded, the letter becomes a demand that reached the debtor.
 */
import { Document, Packer, Paragraph, TextRun, AlignmentType } from 'docx';
import { findContact, insertContact, markDelivered } from '../../../db/repositories/collections/collections';
import { instantOfLocal, localDateTime } from '../../../shared/collections/guards';
import { mergeLetter, type LetterField } from '../../../shared/collections/letters';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { maskIdNumber } from '../../../shared/identity/masking';
import { formatYuan } from '../../../shared/money/yuan';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { businessDate, dateUpToBusinessDate } from '../platform/status';
import { debtorTimeZone } from './claims';
import { contactViewOf } from './contacts';
import { queueAccounts } from './queue';

export async function produceLetters(ctx: ServiceContext, input: ChannelParsedInput<'collections.letters'>): Promise<ChannelOutput<'collections.letters'>> {
  const today = businessDate(ctx);
  if (input.payBy < today) throw new AppError('validation', `payBy: ${input.payBy} is before the business date ${today}`, { field: 'payBy', reason: 'dateOrder' });
  const template = setting(ctx, 'collections.letterTemplates')[input.kind];
  const company = setting(ctx, 'company.name');
  const collector = actorOf(ctx).userName;
  const drafts = queueAccounts(ctx, input.contractNos).map(({ item, claim }) => {
    const values: Record<LetterField, string> = {
      debtorName: claim.debtor.name,
      idNumberMasked: maskIdNumber(claim.debtor.idNumber),
      contractNo: claim.contractNo,
      amountDue: formatYuan(item.amountFen),
      dpd: String(item.dpd),
      payBy: input.payBy,
      companyName: company,
      date: today,
      collector,
    };
    return { claim, title: template.title, body: mergeLetter(template.body, values) };
  });
  const document = new Document({
    creator: company,
    title: template.title,
    sections: drafts.map((d) => ({
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: d.title, bold: true, size: 36, font: 'SimSun' })] }),
        ...d.body.split('\n').map((line) => new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: line, size: 24, font: 'SimSun' })] })),
      ],
    })),
  });
  const buffer = await Packer.toBuffer(document);
  // Letters are dated the business date; the time of day is the office clock's now.
  const officeZone = setting(ctx, 'platform.officeTimeZone');
  const now = instantOfLocal(`${today}T${localDateTime(new Date(instant(ctx)), officeZone).slice(11)}`, officeZone);
  const letters = ctx.transaction(() =>
    drafts.map((d) => {
      const timeZone = debtorTimeZone(ctx, d.claim.debtor);
      const contactId = insertContact(ctx.db, {
        claimKind: d.claim.kind,
        claimId: d.claim.id,
        contactedAt: now.toISOString(),
        debtorLocalTime: localDateTime(now, timeZone),
        timeZone,
        channel: input.kind === 'notice' ? 'letter' : 'lawyer-letter',
        party: 'borrower',
        partyName: d.claim.debtor.name,
        outcome: `${d.title}（付款期限 ${input.payBy}）`,
        notes: d.body,
        recordedAt: instant(ctx),
        recordedBy: collector,
      });
      ctx.audit({ entityType: 'collection-letter', entityId: d.claim.contractNo, before: null, after: { title: d.title, payBy: input.payBy, contactId } });
      return { contractNo: d.claim.contractNo, title: d.title, body: d.body, contactId };
    }),
  );
  return { letters, fileName: `${template.title}-${today}.docx`, contentBase64: Buffer.from(buffer).toString('base64') };
}

export function recordDelivery(ctx: ServiceContext, input: ChannelParsedInput<'collections.delivered'>): ChannelOutput<'collections.delivered'> {
  const contact = findContact(ctx.db, input.contactId);
  if (!contact) throw new AppError('not-found', `contactId: no contact ${input.contactId}`, { field: 'contactId', reason: 'contactNotFound' });
  const on = dateUpToBusinessDate(ctx, input.deliveredOn, 'deliveredOn');
  if (on < contact.debtorLocalTime.slice(0, 10)) {
    throw new AppError('validation', `deliveredOn: ${on} is before the letter was sent on ${contact.debtorLocalTime.slice(0, 10)}`, { field: 'deliveredOn', reason: 'dateOrder' });
  }
  markDelivered(ctx.db, contact.id, on);
  ctx.audit({ entityType: 'collection-contact', entityId: contact.id, before: { demandDelivered: contact.demandDelivered }, after: { demandDelivered: true, deliveredOn: on, evidence: input.evidence } });
  return contactViewOf(findContact(ctx.db, contact.id)!);
}
