/** Ledger channels: vouchers, the trial balance and the Excel reports accountants take away. */
import { z } from 'zod';
import { channel } from './channel';
import { isoDate } from './fields';

const languageField = z.enum(['zh-CN', 'en']).default('zh-CN');

/** A period of business dates; `to` may not precede `from`. */
export const periodInput = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'the period ends before it starts', params: { reason: 'dateOrder' } });

const voucherLineView = z.object({ account: z.string(), accountName: z.string(), debit: z.string(), credit: z.string() });
export const voucherView = z.object({
  date: z.string(),
  word: z.string(),
  number: z.number().int(),
  kind: z.string(),
  summary: z.string(),
  reference: z.string(),
  items: z.number().int(),
  lines: z.array(voucherLineView),
});

const trialBalanceRowView = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  openingDebit: z.string(),
  openingCredit: z.string(),
  periodDebit: z.string(),
  periodCredit: z.string(),
  closingDebit: z.string(),
  closingCredit: z.string(),
});

const tieView = z.object({ figure: z.string(), account: z.string(), ledger: z.string(), subLedger: z.string(), difference: z.string() });

export const trialBalanceView = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(trialBalanceRowView),
  totals: trialBalanceRowView.omit({ code: true, name: true, kind: true }),
  balanced: z.boolean(),
  /** Only when the period ends on the business date: the sub-ledgers stand as of that date. */
  ties: z.array(tieView).nullable(),
});

const exportFile = z.object({ fileName: z.string(), rows: z.number().int(), contentBase64: z.string() });

export const ledgerReports = ['vouchers', 'trial-balance'] as const;

export const ledgerChannels = {
  'ledger.vouchers': channel({
    input: z.strictObject({
      from: isoDate,
      to: isoDate,
      kind: z.string().max(40).optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(50),
      language: languageField,
    }),
    output: z.object({ total: z.number().int(), items: z.array(voucherView), debit: z.string(), credit: z.string() }),
    permission: 'ledger.read',
    mutates: false,
  }),
  'ledger.trialBalance': channel({ input: periodInput, output: trialBalanceView, permission: 'ledger.read', mutates: false }),
  'export.ledger': channel({
    input: z.strictObject({ report: z.enum(ledgerReports), from: isoDate, to: isoDate, language: languageField }),
    output: exportFile,
    permission: 'ledger.read',
    mutates: false,
  }),
};
