/**
 * The voucher export (columns from the layout setting, so it imports into the customer's accounting
 * software) and the trial balance as Excel, from the ledger screen and `loanbridge export`.
 */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { ledgerLabels, type ReportLanguage } from '../../../shared/i18n/reports';
import type { TrialBalanceRow } from '../../../shared/ledgers/journal';
import { fenToYuan } from '../../../shared/money/yuan';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';
import type { NumberedVoucher } from './journal';
import { asJob } from '../platform/jobs';
import { asDownload, writeReport, type ReportColumn, type ReportMeta, type WriteControl } from './report-workbook';
import { accountNames, computeTrialBalance, voucherSummary, vouchersIn } from './trial-balance';
import { checkPeriod } from './report-spec';

type Period = { from: string; to: string };

function meta(ctx: ServiceContext, title: string, period: Period, language: ReportLanguage): ReportMeta {
  return { company: setting(ctx, 'company.name'), title, asOf: period.to, filters: [[ledgerLabels[language].period, `${period.from} ~ ${period.to}`]], by: actorOf(ctx).userName, at: instant(ctx), language };
}

interface VoucherLineRow {
  voucher: NumberedVoucher;
  line: number;
}

function* voucherLines(ctx: ServiceContext, period: Period): Generator<VoucherLineRow> {
  for (const voucher of vouchersIn(ctx, period)) for (let line = 0; line < voucher.lines.length; line++) yield { voucher, line };
}

export async function writeVouchers(ctx: ServiceContext, period: Period, language: ReportLanguage, file: string, control: WriteControl = {}) {
  checkPeriod(ctx, period);
  const layout = setting(ctx, 'ledger.voucherLayout');
  const names = accountNames(ctx);
  const fen = (n: number) => (n === 0 ? null : n / 100);
  const lineOf = (r: VoucherLineRow) => r.voucher.lines[r.line]!;
  const fields: Record<(typeof layout.columns)[number]['field'], Omit<ReportColumn<VoucherLineRow>, 'header'>> = {
    date: { kind: 'date', width: 11, value: (r) => r.voucher.date },
    word: { kind: 'text', width: 6, value: () => layout.word },
    number: { kind: 'int', width: 7, value: (r) => r.voucher.number },
    line: { kind: 'int', width: 6, value: (r) => r.line + 1 },
    summary: { kind: 'text', width: 36, value: (r) => voucherSummary(r.voucher, language) },
    accountCode: { kind: 'text', width: 10, value: (r) => lineOf(r).account },
    accountName: { kind: 'text', width: 28, value: (r) => names.get(lineOf(r).account) ?? '' },
    debit: { kind: 'money', width: 15, value: (r) => fen(lineOf(r).debit), total: (r) => lineOf(r).debit },
    credit: { kind: 'money', width: 15, value: (r) => fen(lineOf(r).credit), total: (r) => lineOf(r).credit },
    reference: { kind: 'text', width: 18, value: (r) => r.voucher.reference },
  };
  const columns = layout.columns.map((c) => ({ header: c.header, ...fields[c.field] }));
  // The totals go on the cover sheet (written after the data): a totals row would import as a voucher line.
  const notes: Array<[string, string]> = [];
  let debit = 0;
  let credit = 0;
  const counted = (function* () {
    for (const r of voucherLines(ctx, period)) {
      debit += lineOf(r).debit;
      credit += lineOf(r).credit;
      yield r;
    }
    notes.push([language === 'zh-CN' ? '借方合计' : 'Total debit', fenToYuan(debit)], [language === 'zh-CN' ? '贷方合计' : 'Total credit', fenToYuan(credit)]);
  })();
  return writeReport(file, { ...meta(ctx, ledgerLabels[language].vouchersTitle, period, language), forImport: true, notes }, columns, counted, control);
}

export async function writeTrialBalance(ctx: ServiceContext, period: Period, language: ReportLanguage, file: string, control: WriteControl = {}) {
  const tb = computeTrialBalance(ctx, period);
  const l = ledgerLabels[language];
  const [code, name, ...amounts] = l.trialBalanceColumns;
  const keys = ['openingDebit', 'openingCredit', 'periodDebit', 'periodCredit', 'closingDebit', 'closingCredit'] as const;
  const columns: Array<ReportColumn<TrialBalanceRow>> = [
    { header: code!, kind: 'text', width: 12, value: (r) => r.code },
    { header: name!, kind: 'text', width: 32, value: (r) => r.name },
    ...keys.map((key, k): ReportColumn<TrialBalanceRow> => ({ header: amounts[k]!, kind: 'money', width: 16, value: (r) => r[key] / 100, total: (r) => r[key] })),
  ];
  const notes: Array<[string, string]> = (tb.ties ?? []).map((t) => [`${l.ties}：${t.account}`, `${fenToYuan(t.ledger)} / ${fenToYuan(t.subLedger)}`]);
  return writeReport(file, { ...meta(ctx, l.trialBalanceTitle, period, language), notes }, columns, tb.rows, control);
}

export async function exportLedger(ctx: ServiceContext, input: ChannelParsedInput<'export.ledger'>): Promise<ChannelOutput<'export.ledger'>> {
  checkPeriod(ctx, input);
  const l = ledgerLabels[input.language];
  const write = input.report === 'vouchers' ? writeVouchers : writeTrialBalance;
  const title = input.report === 'vouchers' ? l.vouchersTitle : l.trialBalanceTitle;
  return asJob(ctx, input.jobId, title, null, (control) => asDownload(`${title}-${input.from}-${input.to}.xlsx`, (file) => write(ctx, input, input.language, file, control)));
}
