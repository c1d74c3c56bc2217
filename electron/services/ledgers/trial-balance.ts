/**
 * The voucher journal of a period as the accountant reads it, and the trial balance (科目余额表): opening,
 * period and closing balances per account, debits = credits, tied to the sub-ledgers on the business date.
 */
import { subLedgerFigures } from '../../../db/repositories/ledgers/journal-sources';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { ledgerLabels, type ReportLanguage } from '../../../shared/i18n/reports';
import { TrialBalanceBuilder, type TrialBalanceRow } from '../../../shared/ledgers/journal';
import { fenToYuan } from '../../../shared/money/yuan';
import type { ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { businessDate } from '../platform/status';
import { journal, voucherMapping, type NumberedVoucher } from './journal';
import { requiredProvision } from './provision';
import { checkPeriod } from './report-spec';

const y = fenToYuan;

export function accountNames(ctx: ServiceContext): Map<string, string> {
  return new Map(setting(ctx, 'ledger.chartOfAccounts').map((a) => [a.code, a.name]));
}

export function voucherSummary(v: Pick<NumberedVoucher, 'kind' | 'reference' | 'items'>, language: ReportLanguage): string {
  const label = ledgerLabels[language].summaries[v.kind];
  return v.items > 1 ? `${label} ${v.reference} (${v.items})` : `${label} ${v.reference}`;
}

/** Vouchers dated within the period (numbered from inception, so numbers match whatever period is asked). */
export function* vouchersIn(ctx: ServiceContext, period: { from: string; to: string }): Generator<NumberedVoucher> {
  for (const v of journal(ctx, period.to)) if (v.date >= period.from) yield v;
}

export function listVouchers(ctx: ServiceContext, input: ChannelParsedInput<'ledger.vouchers'>): ChannelOutput<'ledger.vouchers'> {
  checkPeriod(ctx, input);
  const names = accountNames(ctx);
  const word = setting(ctx, 'ledger.voucherLayout').word;
  const start = (input.page - 1) * input.pageSize;
  const items: ChannelOutput<'ledger.vouchers'>['items'] = [];
  let total = 0;
  let debit = 0;
  let credit = 0;
  for (const v of vouchersIn(ctx, input)) {
    if (input.kind && v.kind !== input.kind) continue;
    for (const l of v.lines) [debit, credit] = [debit + l.debit, credit + l.credit];
    if (total >= start && items.length < input.pageSize) {
      items.push({
        date: v.date,
        word,
        number: v.number,
        kind: v.kind,
        summary: voucherSummary(v, input.language),
        reference: v.reference,
        items: v.items,
        lines: v.lines.map((l) => ({ account: l.account, accountName: names.get(l.account) ?? '?', debit: y(l.debit), credit: y(l.credit) })),
      });
    }
    total++;
  }
  return { total, items, debit: y(debit), credit: y(credit) };
}

export interface TrialBalance {
  rows: TrialBalanceRow[];
  totals: Omit<TrialBalanceRow, 'code' | 'name' | 'kind'>;
  ties: Array<{ figure: string; account: string; ledger: number; subLedger: number }> | null;
}

export function computeTrialBalance(ctx: ServiceContext, period: { from: string; to: string }): TrialBalance {
  checkPeriod(ctx, period);
  const builder = new TrialBalanceBuilder(period.from);
  for (const v of journal(ctx, period.to)) builder.add(v);
  const rows = builder.rows(setting(ctx, 'ledger.chartOfAccounts'));
  const totals = { openingDebit: 0, openingCredit: 0, periodDebit: 0, periodCredit: 0, closingDebit: 0, closingCredit: 0 };
  for (const r of rows) for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += r[key];
  let ties: TrialBalance['ties'] = null;
  if (period.to === businessDate(ctx)) {
    const m = voucherMapping(ctx);
    const figures = subLedgerFigures(ctx.db, period.to);
    // Ledger balances on the account's natural side: assets as debits, liabilities and the allowance as credits.
    ties = [
      { figure: 'loansOutstanding', account: m.disbursement!.debit, ledger: builder.closing(m.disbursement!.debit), subLedger: figures.loansOutstanding },
      { figure: 'interestReceivable', account: m.interestAccrual!.debit, ledger: builder.closing(m.interestAccrual!.debit), subLedger: figures.interestReceivable },
      { figure: 'loanLossAllowance', account: m.provision!.credit, ledger: -builder.closing(m.provision!.credit), subLedger: requiredProvision(ctx).total },
      { figure: 'compensationReceivable', account: m.compensation!.debit, ledger: builder.closing(m.compensation!.debit), subLedger: figures.compensationReceivable },
      { figure: 'marginHeld', account: m.marginReceived!.credit, ledger: -builder.closing(m.marginReceived!.credit), subLedger: figures.marginHeld },
    ];
  }
  return { rows, totals, ties };
}

export function trialBalance(ctx: ServiceContext, input: ChannelParsedInput<'ledger.trialBalance'>): ChannelOutput<'ledger.trialBalance'> {
  const tb = computeTrialBalance(ctx, input);
  const money = <T extends object>(r: T) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? y(v) : v])) as { [K in keyof T]: T[K] extends number ? string : T[K] };
  return {
    from: input.from,
    to: input.to,
    rows: tb.rows.map((r) => money(r)),
    totals: money(tb.totals),
    balanced: tb.totals.openingDebit === tb.totals.openingCredit && tb.totals.periodDebit === tb.totals.periodCredit && tb.totals.closingDebit === tb.totals.closingCredit,
    ties: tb.ties?.map((t) => ({ figure: t.figure, account: t.account, ledger: y(t.ledger), subLedger: y(t.subLedger), difference: y(t.ledger - t.subLedger) })) ?? null,
  };
}
