/**
 * Every setting the product reads, with its default and its validation. Thresholds from the domain
 * brief live here, never as literals in the code that uses them. Values are stored as JSON.
 */
import { z } from 'zod';
import { parsePercent } from '../rates/rate';
import { DEFAULT_LETTER_TEMPLATES, unknownFields } from '../collections/letters';

const percent = z.string().refine((v) => parsePercent(v) !== null, { message: 'a percentage such as "24.00"', params: { reason: 'percent' } });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');

const letterTemplate = z.strictObject({
  title: z.string().min(1).max(40),
  body: z
    .string()
    .min(1)
    .max(5000)
    .refine((body) => unknownFields(body).length === 0, { message: 'only the letter fields: debtorName, idNumberMasked, contractNo, amountDue, dpd, payBy, companyName, date, collector', params: { reason: 'unknownLetterField' } }),
});

const account = z.strictObject({
  code: z.string().regex(/^[0-9.]{2,20}$/, 'digits and dots'),
  name: z.string().min(1).max(50),
  kind: z.enum(['asset', 'liability', 'equity', 'income', 'expense']),
});

const DEFAULT_CHART: Array<z.output<typeof account>> = [
  { code: '1002', name: '银行存款', kind: 'asset' },
  { code: '1132', name: '应收利息', kind: 'asset' },
  { code: '1221.01', name: '其他应收款-应收代偿款', kind: 'asset' },
  { code: '1221.02', name: '其他应收款-垫付诉讼费', kind: 'asset' },
  { code: '1303', name: '贷款', kind: 'asset' },
  { code: '1304', name: '贷款损失准备', kind: 'asset' },
  { code: '2203', name: '预收账款-预收担保费', kind: 'liability' },
  { code: '2221.01', name: '应交税费-应交增值税（销项税额）', kind: 'liability' },
  { code: '2241.01', name: '其他应付款-存入保证金', kind: 'liability' },
  { code: '2241.02', name: '其他应付款-暂收款', kind: 'liability' },
  { code: '2801', name: '未到期责任准备金', kind: 'liability' },
  { code: '2802', name: '担保赔偿准备金', kind: 'liability' },
  { code: '6011', name: '利息收入', kind: 'income' },
  { code: '6011.02', name: '利息收入-罚息', kind: 'income' },
  { code: '6021', name: '手续费及佣金收入', kind: 'income' },
  { code: '6031', name: '担保费收入', kind: 'income' },
  { code: '6501', name: '提取未到期责任准备金', kind: 'expense' },
  { code: '6541', name: '提取担保赔偿准备金', kind: 'expense' },
  { code: '6542', name: '担保损失', kind: 'expense' },
  { code: '6702', name: '信用减值损失', kind: 'expense' },
];

/**
 * Business event → accounts (the brief's journal entries); multi-line entries are assembled from these.
 * Interest is income when due (Dr 应收利息 / Cr 利息收入), so every interest receipt clears 应收利息.
 */
const DEFAULT_MAPPING: Record<string, { debit: string; credit: string }> = {
  disbursement: { debit: '1303', credit: '1002' },
  interestAccrual: { debit: '1132', credit: '6011' },
  repaymentPrincipal: { debit: '1002', credit: '1303' },
  repaymentAccruedInterest: { debit: '1002', credit: '1132' },
  penaltyIncome: { debit: '1002', credit: '6011.02' },
  feeIncome: { debit: '1002', credit: '6021' },
  outputVat: { debit: '1002', credit: '2221.01' },
  costsRecovered: { debit: '1002', credit: '1221.02' },
  unappliedReceived: { debit: '1002', credit: '2241.02' },
  legalCostAdvanced: { debit: '1221.02', credit: '1002' },
  provision: { debit: '6702', credit: '1304' },
  writeOff: { debit: '1304', credit: '1303' },
  writeOffInterest: { debit: '6011', credit: '1132' },
  loanRecovery: { debit: '1002', credit: '1304' },
  guaranteeFeeReceived: { debit: '1002', credit: '2203' },
  guaranteeFeeAmortized: { debit: '2203', credit: '6031' },
  marginReceived: { debit: '1002', credit: '2241.01' },
  marginReturned: { debit: '2241.01', credit: '1002' },
  compensation: { debit: '1221.01', credit: '1002' },
  recovery: { debit: '1002', credit: '1221.01' },
  unearnedFeeReserve: { debit: '6501', credit: '2801' },
  compensationReserve: { debit: '6541', credit: '2802' },
  confirmedLoss: { debit: '2802', credit: '1221.01' },
  confirmedLossExcess: { debit: '6542', credit: '1221.01' },
};

export const voucherFields = ['date', 'word', 'number', 'line', 'summary', 'accountCode', 'accountName', 'debit', 'credit', 'reference'] as const;

/**
 * The voucher export's columns, in order, with their headers: set them to the import template of the
 * customer's accounting software. The default follows the common 凭证导入 layout (one row per line).
 */
const DEFAULT_VOUCHER_LAYOUT = {
  word: '记',
  columns: [
    { field: 'date', header: '凭证日期' },
    { field: 'word', header: '凭证字' },
    { field: 'number', header: '凭证号' },
    { field: 'line', header: '分录号' },
    { field: 'summary', header: '摘要' },
    { field: 'accountCode', header: '科目编码' },
    { field: 'accountName', header: '科目名称' },
    { field: 'debit', header: '借方金额' },
    { field: 'credit', header: '贷方金额' },
    { field: 'reference', header: '业务编号' },
  ],
} satisfies { word: string; columns: Array<{ field: (typeof voucherFields)[number]; header: string }> };

interface SettingSpec<T extends z.ZodType> {
  group: 'company' | 'platform' | 'security' | 'backup' | 'lending' | 'guarantees' | 'collections' | 'ledger';
  schema: T;
  defaultValue: z.output<T>;
}

function spec<T extends z.ZodType>(group: SettingSpec<T>['group'], schema: T, defaultValue: z.output<T>): SettingSpec<T> {
  return { group, schema, defaultValue };
}

export const settingsCatalog = {
  'company.name': spec('company', z.string().trim().max(100), ''),
  /** Printed at the top of schedules, notices and reports. */
  'company.letterhead': spec('company', z.string().max(500), ''),
  'company.kind': spec('company', z.enum(['microloan', 'guarantee', 'both']), 'both'),
  'platform.officeTimeZone': spec('platform', z.string().min(1).max(64), 'Asia/Shanghai'),
  'security.idleLockMinutes': spec('security', z.number().int().min(1).max(480), 15),
  'security.maxFailedSignIns': spec('security', z.number().int().min(3).max(20), 5),
  'security.lockoutMinutes': spec('security', z.number().int().min(1).max(1440), 15),
  /** Empty: the backups folder inside the data folder. A USB stick or network share is typical. */
  'backup.folder': spec('backup', z.string().max(500), ''),
  'backup.keep': spec(
    'backup',
    z.strictObject({ daily: z.number().int().min(1).max(60), weekly: z.number().int().min(0).max(52), monthly: z.number().int().min(0).max(120) }),
    { daily: 7, weekly: 4, monthly: 12 },
  ),
  /** No new loan whose annualized rate (APR, 单利) exceeds this, without a recorded override. */
  'lending.aprHardCapPercent': spec('lending', percent, '24.00'),
  /** Warn at entry above this: 4 × the one-year LPR (3.00%), the cap regulators move to by end-2027. */
  'lending.aprWarningPercent': spec('lending', percent, '12.00'),
  'lending.daysPerYear': spec('lending', z.union([z.literal(360), z.literal(365)]), 360),
  'lending.roundingMode': spec('lending', z.enum(['half-up', 'half-even']), 'half-up'),
  /** Penalty interest (罚息) = contract rate × (1 + markup). */
  'lending.penaltyMarkupPercent': spec('lending', percent, '50.00'),
  'lending.compoundInterest': spec('lending', z.boolean(), true),
  'lending.dueDateRule': spec('lending', z.enum(['keep', 'next-business-day', 'previous-business-day']), 'keep'),
  'lending.holidays': spec('lending', z.array(isoDate).max(2000), []),
  'lending.workdays': spec('lending', z.array(isoDate).max(2000), []),
  /** Aging buckets by days past due: M1 1–30, M2 31–60, M3 61–90, M4–M6 91–180, M6+ over 180. */
  'lending.bucketUpperDays': spec('lending', z.array(z.number().int().min(1).max(3650)).min(1).max(12), [30, 60, 90, 180]),
  /** Five-category classification (五级分类) from days past due. */
  'lending.classificationDays': spec(
    'lending',
    z.strictObject({ specialMention: z.number().int().min(1), substandard: z.number().int().min(1), doubtful: z.number().int().min(1), loss: z.number().int().min(1) }),
    { specialMention: 1, substandard: 91, doubtful: 271, loss: 361 },
  ),
  'lending.provisionPercent': spec(
    'lending',
    z.strictObject({ normal: percent, specialMention: percent, substandard: percent, doubtful: percent, loss: percent }),
    { normal: '0.00', specialMention: '2.00', substandard: '25.00', doubtful: '50.00', loss: '100.00' },
  ),
  'lending.generalReservePercent': spec('lending', percent, '1.50'),
  'lending.singleBorrowerLimitPercent': spec('lending', percent, '10.00'),
  'lending.relatedBorrowerLimitPercent': spec('lending', percent, '15.00'),
  'guarantees.leverageLimit': spec('guarantees', z.union([z.literal(10), z.literal(15)]), 10),
  'guarantees.singleClientLimitPercent': spec('guarantees', percent, '10.00'),
  'guarantees.relatedClientLimitPercent': spec('guarantees', percent, '15.00'),
  'guarantees.unearnedFeeReservePercent': spec('guarantees', percent, '50.00'),
  'guarantees.compensationReservePercent': spec('guarantees', percent, '1.00'),
  'guarantees.compensationReserveCapPercent': spec('guarantees', percent, '10.00'),
  'guarantees.firstCheckDays': spec('guarantees', z.number().int().min(1).max(365), 60),
  'guarantees.checkIntervalMonths': spec('guarantees', z.number().int().min(1).max(12), 3),
  'guarantees.watchListIntervalMonths': spec('guarantees', z.number().int().min(1).max(12), 1),
  /** The warning signals officers may raise (预警信号): a code and its names in both languages. */
  'guarantees.warningSignals': spec(
    'guarantees',
    z.array(z.strictObject({ code: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lower-case letters, digits and hyphens'), zh: z.string().min(1).max(40), en: z.string().min(1).max(60) })).min(1).max(50),
    [
      { code: 'interest-unpaid', zh: '银行欠息', en: 'Interest unpaid at the bank' },
      { code: 'litigation', zh: '涉诉', en: 'Litigation' },
      { code: 'business-stoppage', zh: '停产停业', en: 'Business stoppage' },
      { code: 'collateral-value-drop', zh: '抵押物价值下降', en: 'Collateral value drop' },
      { code: 'key-person-missing', zh: '实际控制人失联', en: 'Key person missing' },
    ],
  ),
  /** Alert windows for bank loans maturing (days ahead). */
  'guarantees.maturityAlertDays': spec('guarantees', z.array(z.number().int().min(1).max(365)).min(1).max(5), [30, 60, 90]),
  /** A bank's credit line is flagged at this usage, or this many days before it expires. */
  'guarantees.creditLineAlertPercent': spec('guarantees', percent, '90.00'),
  'guarantees.creditLineExpiryAlertDays': spec('guarantees', z.number().int().min(1).max(365), 60),
  'collections.contactFrom': spec('collections', time, '08:00'),
  'collections.contactTo': spec('collections', time, '21:00'),
  /** Default agency commission by aging bucket (委外佣金, typically 15–30%); each agency can differ. */
  'collections.agencyCommissionPercent': spec('collections', z.record(z.string(), percent), { M1: '15.00', M2: '18.00', M3: '20.00', 'M4-M6': '25.00', 'M6+': '30.00' }),
  /** Collector incentive (提成) as a percent of what was recovered, by the bucket the account was assigned in. */
  'collections.incentivePercent': spec('collections', z.record(z.string(), percent), { M1: '1.00', M2: '1.50', M3: '2.00', 'M4-M6': '3.00', 'M6+': '5.00' }),
  /** Editable letter templates with {{field}} placeholders (see shared/collections/letters.ts). */
  'collections.letterTemplates': spec('collections', z.strictObject({ notice: letterTemplate, lawyer: letterTemplate }), DEFAULT_LETTER_TEMPLATES),
  'collections.callLimit': spec('collections', z.strictObject({ calls: z.number().int().min(1), days: z.number().int().min(1) }), { calls: 7, days: 7 }),
  /** The chart of accounts vouchers post to (金融企业会计科目; codes as the customer's accounting software uses them). */
  'ledger.chartOfAccounts': spec('ledger', z.array(account).min(1).max(500), DEFAULT_CHART),
  /** Which accounts each business event debits and credits; codes must exist in the chart. */
  'ledger.voucherMapping': spec('ledger', z.record(z.string(), z.strictObject({ debit: z.string().min(1), credit: z.string().min(1) })), DEFAULT_MAPPING),
  'ledger.voucherLayout': spec(
    'ledger',
    z.strictObject({
      word: z.string().min(1).max(4),
      columns: z.array(z.strictObject({ field: z.enum(voucherFields), header: z.string().min(1).max(30) })).min(1).max(30),
    }),
    DEFAULT_VOUCHER_LAYOUT,
  ),
} as const;

export type SettingKey = keyof typeof settingsCatalog;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingsCatalog)[K]['schema']>;
export const settingKeys = Object.keys(settingsCatalog) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(settingsCatalog, key);
}
