/**
 * The loan book as a migration package (迁移包): borrowers, loans and their payments in the import
 * templates' own layout, so the file imports into another LoanBridge (or back into this one after a
 * rebuild) and gives the same register. Full identity numbers: only for those who may see them.
 */
import { borrowerChunk, loanBookChunk, loanBookPayments } from '../../../db/repositories/ledgers/report-sources';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { importSheets, type ImportColumn, type ImportSheet } from '../../../shared/import/kinds';
import { fenToYuan } from '../../../shared/money/yuan';
import { can } from '../../../shared/platform/permissions';
import { actorOf, instant, type ServiceContext } from '../context';
import { asJob, type JobControl } from '../platform/jobs';
import { businessDate } from '../platform/status';
import { asDownload, pacer } from './report-workbook';
import { XlsxStreamWriter, XlsxStyle, type XlsxCell } from './xlsx-stream';

type Values = Record<string, string | number | null | undefined>;

/** A value as the template's column expects it: amounts as numbers, dates as dates, choices by their first label. */
function cellFor(column: ImportColumn, value: string | number | null | undefined, zh: boolean): XlsxCell {
  if (value === null || value === undefined || value === '') return { value: null };
  const t = column.type;
  if (t === 'amount') return { value: Number(value), style: XlsxStyle.money };
  if (t === 'date') return { value: { date: String(value) }, style: XlsxStyle.date };
  if (t === 'integer' || t === 'percent') return { value: Number(value) };
  if (typeof t === 'object') return { value: zh ? (t.choice[String(value)]?.[0] ?? String(value)) : String(value) };
  return { value: String(value) };
}

function sheetWriter(xlsx: XlsxStreamWriter, spec: ImportSheet, zh: boolean) {
  xlsx.startSheet(zh ? spec.zh : spec.en, { widths: spec.columns.map((c) => Math.max(12, c.zh.length * 2.2 + 4)), frozenHeader: true });
  xlsx.addRow(spec.columns.map((c) => ({ value: zh ? c.zh : c.en, style: XlsxStyle.header })));
  return (values: Values) => xlsx.addRow(spec.columns.map((c) => cellFor(c, values[c.field], zh)));
}

const CHUNK = 500;

export async function writeLoanBook(ctx: ServiceContext, file: string, language: 'zh-CN' | 'en', control: JobControl = {}): Promise<{ rows: number }> {
  if (!can(actorOf(ctx).role, 'personal-data.read')) {
    throw new AppError('forbidden', 'the migration package carries full identity numbers; it needs the personal-data permission', { reason: 'personalDataRequired' });
  }
  const zh = language === 'zh-CN';
  const partial = `${file}.partial`;
  const xlsx = new XlsxStreamWriter(partial, { cellReferences: true, created: ctx.now() });
  const step = pacer(xlsx, control);
  let rows = 0;
  try {
    const [borrowerSheet] = importSheets.borrowers;
    const [loanSheet, paymentSheet] = importSheets.loans;
    const addBorrower = sheetWriter(xlsx, borrowerSheet!, zh);
    for (let after = 0; ; ) {
      const chunk = borrowerChunk(ctx.db, after, CHUNK);
      for (const b of chunk) {
        addBorrower({ kind: b.kind, name: b.name, idType: b.idType, idNumber: b.idNumber, phone: b.phone, address: b.address, industry: b.industry, note: b.note });
        rows = await step();
      }
      if (chunk.length < CHUNK) break;
      after = chunk.at(-1)!.id;
    }
    xlsx.endSheet();
    // Loans first, remembering each one's early-settlement date: its payoff is not a payment of the history.
    const settlements = new Map<number, string>();
    const addLoan = sheetWriter(xlsx, loanSheet!, zh);
    const loanIds: number[] = [];
    for (let after = 0; ; ) {
      const chunk = loanBookChunk(ctx.db, after, CHUNK);
      for (const l of chunk) {
        const terms = JSON.parse(l.terms) as Record<string, string | number>;
        const writeOff = l.writeOffDetail ? (JSON.parse(l.writeOffDetail) as { reason?: string }) : null;
        if (l.settledOn) settlements.set(l.id, l.settledOn);
        loanIds.push(l.id);
        addLoan({
          contractNo: l.contractNo,
          borrowerIdNumber: l.idNumber,
          ...Object.fromEntries(Object.entries(terms).map(([k, v]) => [`terms.${k}`, v])),
          securityType: l.securityType,
          productCode: l.productCode,
          purpose: l.purpose,
          earlySettlementDate: l.settledOn,
          writeOffReason: writeOff ? (writeOff.reason ?? '核销') : null,
        });
        rows = await step();
      }
      if (chunk.length < CHUNK) break;
      after = chunk.at(-1)!.id;
    }
    xlsx.endSheet();
    const addPayment = sheetWriter(xlsx, paymentSheet!, zh);
    for (let k = 0; k < loanIds.length; k += CHUNK) {
      const payments = loanBookPayments(ctx.db, loanIds.slice(k, k + CHUNK));
      for (const [index, p] of payments.entries()) {
        // The early-settlement payoff is the loan's last receipt on its settlement date.
        const next = payments[index + 1];
        if (settlements.get(p.loanId) === p.date && p.kind === 'repayment' && (!next || next.loanId !== p.loanId)) continue;
        addPayment({ contractNo: p.contractNo, date: p.date, amount: fenToYuan(p.amount), channel: p.channel, reference: p.reference, kind: p.kind });
        rows = await step();
      }
    }
    xlsx.endSheet();
    xlsx.startSheet(zh ? '封面' : 'Cover', { widths: [18, 60] });
    xlsx.addRow([{ value: zh ? '贷款台账迁移包' : 'Loan book migration package', style: XlsxStyle.title }]);
    xlsx.addRow([{ value: zh ? '数据截至' : 'As of' }, { value: businessDate(ctx) }]);
    xlsx.addRow([{ value: zh ? '导出人' : 'Exported by' }, { value: actorOf(ctx).userName }]);
    xlsx.addRow([{ value: zh ? '导出时间' : 'Exported at' }, { value: instant(ctx) }]);
    xlsx.addRow([{ value: zh ? '导入顺序：先“借款人”，再“贷款及还款记录”；核销的贷款在导入日核销。' : 'Import the borrowers first, then the loans and payments; written-off loans are written off on the import date.' }]);
    xlsx.endSheet();
    await xlsx.finish();
    const { renameSync } = await import('node:fs');
    renameSync(partial, file);
    return { rows };
  } catch (error) {
    await xlsx.abort();
    throw error;
  }
}

export async function exportLoanBook(ctx: ServiceContext, input: ChannelParsedInput<'export.loanBook'>): Promise<ChannelOutput<'export.loanBook'>> {
  return asJob(ctx, input.jobId, 'export.loanBook', null, (control) => asDownload(`${input.language === 'zh-CN' ? '贷款台账迁移包' : 'loan-book'}-${businessDate(ctx)}.xlsx`, (file) => writeLoanBook(ctx, file, input.language, control)));
}
