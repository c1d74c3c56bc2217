/**
 * Outsourcing (委外): agencies with their contract and commission by age bucket; placing accounts sends
 * only what the agency needs, identity and phone numbers masked (PIPL arts. 21, 51), and every export is
 * logged; recall ends a placement; commission is owed on what was recovered while the account was placed.
 */
import ExcelJS from 'exceljs';
import { allAgencies, findAgency, insertAgency, insertPlacement, openPlacementOf, placementsOfAgency, receiptsOf, recallPlacement, type AgencyRow } from '../../../db/repositories/collections/collections';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { maskIdNumber, maskPhone } from '../../../shared/identity/masking';
import { mulDivRound } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { formatPercent, parsePercent } from '../../../shared/rates/rate';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { businessDate } from '../platform/status';
import { claimOrThrow, regionOf } from './claims';
import { queueAccounts } from './queue';

function commissionOf(agency: AgencyRow): Record<string, string> {
  return JSON.parse(agency.commission) as Record<string, string>;
}

function agencyView(ctx: ServiceContext, agency: AgencyRow): ChannelOutput<'agency.create'> {
  return {
    id: agency.id,
    name: agency.name,
    contact: agency.contact,
    phone: agency.phone,
    contractFrom: agency.contractFrom,
    contractTo: agency.contractTo,
    commission: commissionOf(agency),
    active: agency.active,
    accountsPlaced: placementsOfAgency(ctx.db, agency.id).filter((p) => p.recalledOn === null).length,
  };
}

export function createAgency(ctx: ServiceContext, input: ChannelParsedInput<'agency.create'>): ChannelOutput<'agency.create'> {
  const commission = { ...setting(ctx, 'collections.agencyCommissionPercent'), ...input.commission };
  for (const [bucket, percent] of Object.entries(commission)) {
    const rate = parsePercent(percent);
    if (rate === null || rate > 1_000_000) throw new AppError('validation', `commission.${bucket}: ${percent} is not a percentage from 0 to 100`, { field: `commission.${bucket}`, reason: 'percent' });
  }
  const id = insertAgency(ctx.db, { name: input.name, contact: input.contact, phone: input.phone, contractFrom: input.contractFrom, contractTo: input.contractTo, commission: JSON.stringify(commission), createdAt: instant(ctx), createdBy: actorOf(ctx).userName });
  const view = agencyView(ctx, findAgency(ctx.db, id)!);
  ctx.audit({ entityType: 'collection-agency', entityId: id, before: null, after: view });
  return view;
}

export function listAgencies(ctx: ServiceContext): ChannelOutput<'agency.list'> {
  return allAgencies(ctx.db).map((a) => agencyView(ctx, a));
}

/** The fields an agency gets: nothing more than it needs to collect, identities and phones masked. */
const PLACEMENT_COLUMNS = {
  'zh-CN': ['合同编号', '债务人', '证件号码（脱敏）', '联系电话（脱敏）', '所在地区', '逾期天数', '账龄', '委托金额（元）'],
  en: ['Contract no.', 'Debtor', 'ID (masked)', 'Phone (masked)', 'Region', 'Days past due', 'Bucket', 'Amount placed (yuan)'],
} as const;

export async function placeAccounts(ctx: ServiceContext, input: ChannelParsedInput<'collections.place'>): Promise<ChannelOutput<'collections.place'>> {
  const agency = findAgency(ctx.db, input.agencyId);
  const today = businessDate(ctx);
  if (!agency || !agency.active) throw new AppError('not-found', `agencyId: no active agency ${input.agencyId}`, { field: 'agencyId', reason: 'agencyNotFound' });
  if (agency.contractTo < today || agency.contractFrom > today) {
    throw new AppError('conflict', `agencyId: the contract with ${agency.name} runs ${agency.contractFrom} to ${agency.contractTo}`, { field: 'agencyId', reason: 'agencyContractEnded' });
  }
  const rows = queueAccounts(ctx, input.contractNos);
  rows.forEach(({ claim }, k) => {
    if (openPlacementOf(ctx.db, claim.kind, claim.id)) throw new AppError('conflict', `contractNos[${k}]: ${claim.contractNo} is already with an agency`, { field: `contractNos[${k}]`, reason: 'alreadyPlaced' });
  });
  const batch = `WW${today.replaceAll('-', '')}-${agency.id}-${Date.parse(instant(ctx)) % 100_000}`;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(input.language === 'en' ? 'Placement' : '委外清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...PLACEMENT_COLUMNS[input.language]]).font = { bold: true };
  for (const { item, claim } of rows) {
    sheet.addRow([item.contractNo, item.debtorName, maskIdNumber(claim.debtor.idNumber), claim.debtor.phone ? maskPhone(claim.debtor.phone) : '', regionOf(claim.debtor.address) ?? '', item.dpd, item.bucket, Number(item.amountDue)]);
  }
  sheet.getColumn(8).numFmt = '#,##0.00';
  sheet.columns.forEach((column, k) => (column.width = [16, 20, 22, 16, 14, 10, 8, 16][k]));
  const buffer = await workbook.xlsx.writeBuffer();
  ctx.transaction(() => {
    for (const { item, claim } of rows) {
      insertPlacement(ctx.db, { agencyId: agency.id, claimKind: claim.kind, claimId: claim.id, contractNo: claim.contractNo, bucket: item.bucket, amountPlaced: item.amountFen, placedOn: today, batch, placedBy: actorOf(ctx).userName });
    }
    // The export itself is on record: who sent which accounts and which fields to whom.
    ctx.audit({ entityType: 'placement-export', entityId: batch, before: null, after: { agency: agency.name, contractNos: input.contractNos, fields: PLACEMENT_COLUMNS[input.language] } });
  });
  return { batch, placed: rows.length, fileName: `${batch}.xlsx`, contentBase64: Buffer.from(buffer).toString('base64') };
}

export function recallAccounts(ctx: ServiceContext, input: ChannelParsedInput<'collections.recall'>): ChannelOutput<'collections.recall'> {
  const today = businessDate(ctx);
  input.contractNos.forEach((contractNo, k) => {
    const claim = claimOrThrow(ctx, contractNo);
    const open = openPlacementOf(ctx.db, claim.kind, claim.id);
    if (!open) throw new AppError('conflict', `contractNos[${k}]: ${contractNo} is not with an agency`, { field: `contractNos[${k}]`, reason: 'notPlaced' });
    recallPlacement(ctx.db, open.id, today);
  });
  ctx.audit({ entityType: 'placement-recall', entityId: null, before: null, after: { contractNos: input.contractNos, on: today } });
  return { recalled: input.contractNos.length };
}

/** What the agency recovered while each account was placed, and its commission at the bucket's rate then. */
export function agencyStatement(ctx: ServiceContext, input: ChannelParsedInput<'agency.statement'>): ChannelOutput<'agency.statement'> {
  const agency = findAgency(ctx.db, input.agencyId);
  if (!agency) throw new AppError('not-found', `agencyId: no agency ${input.agencyId}`, { field: 'agencyId', reason: 'agencyNotFound' });
  const rates = commissionOf(agency);
  const today = businessDate(ctx);
  let recoveredTotal = 0;
  let commissionTotal = 0;
  const items = placementsOfAgency(ctx.db, agency.id).map((p) => {
    const until = p.recalledOn ?? today;
    // Receipts from the day after placing up to the recall: the agency's work.
    const recovered = receiptsOf(ctx.db, p.claimKind, [p.claimId])
      .filter((r) => r.date > p.placedOn && r.date <= until)
      .reduce((s, r) => s + r.amount, 0);
    const rate = parsePercent(rates[p.bucket] ?? '0') ?? 0;
    const commission = mulDivRound(recovered, rate, 1_000_000, 'half-up');
    recoveredTotal += recovered;
    commissionTotal += commission;
    return { contractNo: p.contractNo, bucket: p.bucket, placedOn: p.placedOn, recalledOn: p.recalledOn, amountPlaced: fenToYuan(p.amountPlaced), recovered: fenToYuan(recovered), ratePercent: formatPercent(rate), commission: fenToYuan(commission) };
  });
  return { agency: agency.name, items, totals: { recovered: fenToYuan(recoveredTotal), commission: fenToYuan(commissionTotal) } };
}
