/** Ledger channels: vouchers, the trial balance and the Excel reports accountants take away. */
import { z } from 'zod';
import { channel } from './channel';
import { isoDate } from './fields';
import { loanStatuses } from '../lending/loan';
import { guaranteeListInput } from '../guarantees/guarantee';
import { importKinds } from '../import/kinds';

const languageField = z.enum(['zh-CN', 'en']).default('zh-CN');
/** An id the caller picks to watch and cancel a long export (job.progress, job.cancel). */
export const jobIdField = z.string().uuid().optional();

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

const contractNo = z.string().trim().min(1).max(40);
/** A period for the journal-style reports; the service defaults it to the month to date. */
const optionalPeriod = { from: isoDate.optional(), to: isoDate.optional() };

const monthField = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');

const vintageFields = {
  asOf: isoDate.optional(),
  /** How many disbursement months (cohorts), the last complete month's included. */
  months: z.number().int().min(1).max(60).default(12),
  /** The "bad" threshold: balances more than this many days past due (0: any overdue, 30: M2+, 90: M4+). */
  dpdOver: z.union([z.literal(0), z.literal(30), z.literal(60), z.literal(90)]).default(30),
};
export const vintageInput = z.strictObject(vintageFields).prefault({});

export const vintageView = z.object({
  lastMonth: z.string(),
  dpdOver: z.number().int(),
  /** Months in the window with no month-end positions recorded (their cells are null). */
  missingMonths: z.array(z.string()),
  cohorts: z.array(
    z.object({
      cohort: z.string(),
      loans: z.number().int(),
      disbursed: z.string(),
      cells: z.array(z.object({ mob: z.number().int(), month: z.string(), bad: z.string(), ratio: z.string().nullable() })),
    }),
  ),
});

const rollRateFields = {
  asOf: isoDate.optional(),
  /** The month whose end the loans rolled to (default: the last complete month). */
  month: monthField.optional(),
  /** Months of forward roll rates in the trend. */
  months: z.number().int().min(1).max(36).default(6),
};
export const rollRateInput = z.strictObject(rollRateFields).prefault({});

const rollCell = z.object({ to: z.string(), loans: z.number().int(), outstanding: z.string(), share: z.string().nullable() });
export const rollRateView = z.object({
  month: z.string(),
  previousMonth: z.string(),
  /** Both month ends are recorded; otherwise the matrix is empty. */
  complete: z.boolean(),
  buckets: z.array(z.string()),
  targets: z.array(z.string()),
  matrix: z.array(z.object({ from: z.string(), loans: z.number().int(), outstanding: z.string(), cells: z.array(rollCell) })),
  trend: z.array(z.object({ month: z.string(), rates: z.array(z.object({ from: z.string(), to: z.string(), share: z.string().nullable() })) })),
});

export const lendingReportInput = z.discriminatedUnion('report', [
  z.strictObject({ report: z.literal('schedules'), contractNo: contractNo.optional(), status: z.enum(loanStatuses).optional(), language: languageField, jobId: jobIdField }),
  z.strictObject({ report: z.literal('repayments'), ...optionalPeriod, contractNo: contractNo.optional(), language: languageField, jobId: jobIdField }),
  z.strictObject({ report: z.literal('aging'), asOf: isoDate.optional(), language: languageField, jobId: jobIdField }),
  z.strictObject({ report: z.literal('classification'), asOf: isoDate.optional(), language: languageField, jobId: jobIdField }),
  z.strictObject({ report: z.literal('microloan-monthly'), month: monthField.optional(), language: languageField, jobId: jobIdField }),
  z.strictObject({ report: z.literal('vintage'), ...vintageFields, language: languageField, jobId: jobIdField }),
  z.strictObject({ report: z.literal('roll-rate'), ...rollRateFields, language: languageField, jobId: jobIdField }),
]);

export const guaranteeReportInput = z.discriminatedUnion('report', [
  guaranteeListInput.omit({ page: true, pageSize: true }).extend({ report: z.literal('guarantee-register'), asOf: isoDate.optional(), language: languageField, jobId: jobIdField }),
  z.strictObject({ report: z.literal('monitoring-log'), ...optionalPeriod, language: languageField, jobId: jobIdField }),
  z.strictObject({ report: z.literal('guarantee-statistics'), ...optionalPeriod, language: languageField, jobId: jobIdField }),
]);

/** An uploaded workbook: 20 MB at the most (base64 adds a third). */
const upload = {
  kind: z.enum(importKinds),
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(1).max(28_000_000, 'the file is over the 20 MB limit'),
  language: languageField,
};

const importIssueView = z.object({ sheet: z.string(), row: z.number().int(), column: z.string(), header: z.string(), value: z.string(), reason: z.string(), message: z.string() });

const ratio = z.string().nullable();
export const dashboardView = z.object({
  asOf: z.string(),
  outstandingPrincipal: z.string(),
  loanCount: z.number().int(),
  weightedAverageRate: ratio,
  averageTermMonths: z.string().nullable(),
  overdueRatio: ratio,
  nplRatio: ratio,
  provisionCoverage: ratio,
  inForceBalance: z.string(),
  leverage: z.string().nullable(),
  compensationRate: ratio,
  lending: z.object({
    cumulativeDisbursed: z.string(),
    overdueBalance: z.string(),
    nplBalance: z.string(),
    provisionHeld: z.string(),
    aging: z.array(z.object({ bucket: z.string(), loans: z.number().int(), outstanding: z.string() })),
    classes: z.array(z.object({ classification: z.string(), loans: z.number().int(), outstanding: z.string() })),
    byMonth: z.array(z.object({ month: z.string(), disbursed: z.string(), collected: z.string() })),
  }),
  guarantees: z.object({
    weightedLiability: z.string(),
    leverageLimit: z.string(),
    lossRate: ratio,
    banks: z.array(z.object({ name: z.string(), creditLine: z.string(), used: z.string(), usedPercent: z.string() })),
    maturingWithin90: z.object({ contracts: z.number().int(), outstanding: z.string() }),
    checksDue: z.number().int(),
  }),
  /** Null for a role that does not see collections. */
  collections: z
    .object({
      promisesDueToday: z.number().int(),
      brokenPromises: z.number().int(),
      recoveredThisMonth: z.array(z.object({ collector: z.string(), recovered: z.string() })),
      limitationWithin90: z.number().int(),
    })
    .nullable(),
});

const bookMovement = z.object({ key: z.string(), opening: z.string(), lent: z.string(), repaid: z.string(), writtenOff: z.string(), closing: z.string() });
export const microloanMonthlyView = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  byProduct: z.array(bookMovement),
  byBorrowerKind: z.array(bookMovement),
  totals: bookMovement.omit({ key: true }),
  interest: z.object({ due: z.string(), received: z.string() }),
  /** Only for the month the business date is in: classes are not kept for past dates. */
  positions: z
    .object({
      classes: z.array(z.object({ classification: z.string(), loans: z.number().int(), outstanding: z.string(), provisionRatePercent: z.string(), provisionRequired: z.string() })),
      nplBalance: z.string(),
      nplRatio: z.string().nullable(),
      /** generalReserve: the general reserve (一般风险准备) the book requires. */
      provisions: z.object({ required: z.string(), held: z.string(), generalReserve: z.string() }),
      concentration: z.object({ netAssets: z.string().nullable(), largest: z.array(z.object({ name: z.string(), outstanding: z.string(), shareOfNetAssets: z.string().nullable() })) }),
    })
    .nullable(),
});

const statLine = z.object({ clients: z.number().int(), contracts: z.number().int(), amountWan: z.string() });
export const guaranteeStatisticsView = z.object({
  from: z.string(),
  to: z.string(),
  opening: statLine,
  increase: statLine,
  decrease: statLine,
  closing: statLine,
  releasedWan: z.string(),
  compensatedWan: z.string(),
  recoveredWan: z.string(),
  lossesWan: z.string(),
  reserves: z.object({ unearnedFeeWan: z.string(), compensationWan: z.string() }),
  ratios: z.object({ weightedLiabilityWan: z.string(), leverage: z.string().nullable(), leverageLimit: z.string(), compensationRate: z.string().nullable(), lossRate: z.string().nullable(), compensationRecoveryRate: z.string().nullable() }),
  formulas: z.record(z.string(), z.string()),
});

export const ledgerChannels = {
  'report.guaranteeStatistics': channel({ input: z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }).default({}), output: guaranteeStatisticsView, permission: 'guarantee.read', mutates: false, offThread: 'reports' }),
  'report.microloanMonthly': channel({
    input: z.strictObject({ month: monthField.optional() }).default({}),
    output: microloanMonthlyView,
    permission: 'borrower.read',
    mutates: false, offThread: 'reports',
  }),
  'report.vintage': channel({ input: vintageInput, output: vintageView, permission: 'borrower.read', mutates: false, offThread: 'reports' }),
  'report.rollRate': channel({ input: rollRateInput, output: rollRateView, permission: 'borrower.read', mutates: false, offThread: 'reports' }),
  'report.dashboard': channel({ input: z.strictObject({ asOf: isoDate.optional() }).default({}), output: dashboardView, permission: 'borrower.read', mutates: false, offThread: 'reports' }),
  'import.template': channel({ input: z.strictObject({ kind: z.enum(importKinds), language: languageField }), output: exportFile, permission: 'data.import', mutates: false }),
  'import.preview': channel({
    input: z.strictObject(upload),
    output: z.object({
      kind: z.enum(importKinds),
      fileName: z.string(),
      rows: z.number().int(),
      created: z.number().int(),
      existing: z.number().int(),
      errorCount: z.number().int(),
      errorRows: z.number().int(),
      issues: z.array(importIssueView),
      preview: z.array(z.object({ row: z.number().int(), values: z.record(z.string(), z.string()) })),
      annotatedBase64: z.string().nullable(),
    }),
    permission: 'data.import',
    mutates: false,
    offThread: 'jobs',
  }),
  'import.commit': channel({
    input: z.strictObject(upload),
    output: z.object({ kind: z.enum(importKinds), rows: z.number().int(), created: z.number().int(), existing: z.number().int() }),
    permission: 'data.import',
    mutates: true,
    offThread: 'jobs',
    asyncWrites: true,
  }),
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
    mutates: false, offThread: 'reports',
  }),
  'ledger.trialBalance': channel({ input: periodInput, output: trialBalanceView, permission: 'ledger.read', mutates: false, offThread: 'reports' }),
  'export.lending': channel({ input: lendingReportInput, output: exportFile, permission: 'borrower.read', mutates: false, offThread: 'jobs' }),
  'export.guarantees': channel({ input: guaranteeReportInput, output: exportFile, permission: 'guarantee.read', mutates: false, offThread: 'jobs' }),
  'export.collections': channel({
    input: z.discriminatedUnion('report', [
      z.strictObject({ report: z.literal('collection-log'), ...optionalPeriod, collector: z.string().max(40).optional(), language: languageField, jobId: jobIdField }),
      z.strictObject({ report: z.literal('collector-performance'), ...optionalPeriod, language: languageField, jobId: jobIdField }),
    ]),
    output: exportFile,
    permission: 'collections.read',
    mutates: false,
    offThread: 'jobs',
  }),
  /** The loan book in the import templates' layout (borrowers, loans, payments): a migration package. */
  'export.loanBook': channel({ input: z.strictObject({ language: languageField, jobId: jobIdField }), output: exportFile, permission: 'borrower.read', mutates: false, offThread: 'jobs' }),
  'export.ledger': channel({
    input: z.strictObject({ report: z.enum(ledgerReports), from: isoDate, to: isoDate, language: languageField, jobId: jobIdField }),
    output: exportFile,
    permission: 'ledger.read',
    mutates: false,
    offThread: 'jobs',
  }),
};
