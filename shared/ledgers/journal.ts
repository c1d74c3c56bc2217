/**
 * Double-entry vouchers (记账凭证) as pure data: which accounts a business event debits and credits,
 * the 6 % output-VAT split of penalty and fee income, and the trial balance of a period. Amounts are
 * integer fen; a reversal is a red-ink line (a negative amount on the same side), as Chinese vouchers do.
 */
import { divRound } from '../money/rounding';

/** The business events a voucher records; each maps to a debit and a credit account in the settings. */
export const ledgerEvents = [
  'disbursement',
  'interestAccrual',
  'repaymentPrincipal',
  'repaymentAccruedInterest',
  'repaymentInterest',
  'penaltyIncome',
  'feeIncome',
  'outputVat',
  'costsRecovered',
  'unappliedReceived',
  'legalCostAdvanced',
  'provision',
  'writeOff',
  'writeOffInterest',
  'loanRecovery',
  'guaranteeFeeReceived',
  'guaranteeFeeAmortized',
  'marginReceived',
  'marginReturned',
  'compensation',
  'recovery',
  'unearnedFeeReserve',
  'compensationReserve',
  'confirmedLoss',
  'confirmedLossExcess',
] as const;
export type LedgerEvent = (typeof ledgerEvents)[number];

export type AccountKind = 'asset' | 'liability' | 'equity' | 'income' | 'expense';
export interface Account {
  code: string;
  name: string;
  kind: AccountKind;
}
export type VoucherMapping = Record<string, { debit: string; credit: string }>;

export interface VoucherLine {
  account: string;
  debit: number;
  credit: number;
}

/** What a voucher records: one business event (or one day's or month's batch of a periodic one). */
export type VoucherKind =
  | 'disbursement'
  | 'repayment'
  | 'interestAccrual'
  | 'writeOff'
  | 'loanRecovery'
  | 'legalCost'
  | 'provision'
  | 'guaranteeFee'
  | 'feeAmortization'
  | 'marginReceived'
  | 'marginReturned'
  | 'compensation'
  | 'guaranteeRecovery'
  | 'confirmedLoss'
  | 'reserves';

export interface Voucher {
  date: string;
  kind: VoucherKind;
  /** The contract (or batch date) the voucher is about, for the summary line and tracing back. */
  reference: string;
  lines: VoucherLine[];
}

/** Within one day vouchers follow the order the business happens in: lending, receipts, then period-end work. */
export const voucherOrder: Record<VoucherKind, number> = {
  disbursement: 1,
  // Interest falls due before the day's receipts clear it.
  interestAccrual: 2,
  repayment: 3,
  legalCost: 4,
  writeOff: 5,
  loanRecovery: 6,
  guaranteeFee: 7,
  marginReceived: 8,
  compensation: 9,
  guaranteeRecovery: 10,
  confirmedLoss: 11,
  marginReturned: 12,
  feeAmortization: 13,
  provision: 14,
  reserves: 15,
};

/** Builds a voucher's lines from (event, amount) pairs, merging lines on the same account and side. */
export class VoucherBuilder {
  private readonly lines = new Map<string, VoucherLine>();

  constructor(private readonly mapping: VoucherMapping) {}

  /** Debit the event's debit account and credit its credit account with `amount` fen. */
  post(event: LedgerEvent, amount: number): this {
    if (amount === 0) return this;
    const pair = this.mapping[event];
    if (!pair) throw new Error(`voucher mapping has no entry for ${event}`);
    this.side(pair.debit, amount, 0);
    this.side(pair.credit, 0, amount);
    return this;
  }

  /** Only the credit side of an event (its debit is shared with other lines, e.g. one bank receipt). */
  credit(event: LedgerEvent, amount: number): this {
    if (amount !== 0) this.side(this.pair(event).credit, 0, amount);
    return this;
  }

  debit(event: LedgerEvent, amount: number): this {
    if (amount !== 0) this.side(this.pair(event).debit, amount, 0);
    return this;
  }

  build(): VoucherLine[] {
    // Debits first, then credits, each in the order they were posted: how a voucher is read.
    const all = [...this.lines.values()];
    return [...all.filter((l) => l.debit !== 0), ...all.filter((l) => l.credit !== 0)];
  }

  private pair(event: LedgerEvent) {
    const pair = this.mapping[event];
    if (!pair) throw new Error(`voucher mapping has no entry for ${event}`);
    return pair;
  }

  private side(account: string, debit: number, credit: number) {
    const key = `${debit !== 0 ? 'D' : 'C'}${account}`;
    const line = this.lines.get(key) ?? { account, debit: 0, credit: 0 };
    line.debit += debit;
    line.credit += credit;
    this.lines.set(key, line);
  }
}

/** Income received including VAT, split into net income and 6 % output VAT (价税分离): net = round(gross / 1.06). */
export function vatSplit(gross: number, vatPermille = 60): { net: number; vat: number } {
  const net = divRound(gross * 1000, 1000 + vatPermille, 'half-up');
  return { net, vat: gross - net };
}

export function isBalanced(lines: readonly VoucherLine[]): boolean {
  let debit = 0;
  let credit = 0;
  for (const l of lines) {
    debit += l.debit;
    credit += l.credit;
  }
  return debit === credit;
}

export interface TrialBalanceRow {
  code: string;
  name: string;
  kind: AccountKind;
  openingDebit: number;
  openingCredit: number;
  periodDebit: number;
  periodCredit: number;
  closingDebit: number;
  closingCredit: number;
}

/** Accumulates voucher lines into opening, period and closing balances per account (余额 on its natural side). */
export class TrialBalanceBuilder {
  private readonly opening = new Map<string, number>();
  private readonly debits = new Map<string, number>();
  private readonly credits = new Map<string, number>();

  constructor(private readonly from: string) {}

  add(voucher: Pick<Voucher, 'date' | 'lines'>): void {
    for (const line of voucher.lines) {
      if (voucher.date < this.from) {
        this.opening.set(line.account, (this.opening.get(line.account) ?? 0) + line.debit - line.credit);
      } else {
        this.debits.set(line.account, (this.debits.get(line.account) ?? 0) + line.debit);
        this.credits.set(line.account, (this.credits.get(line.account) ?? 0) + line.credit);
      }
    }
  }

  /** Net debit balance of an account at the end of the period (negative: a credit balance). */
  closing(code: string): number {
    return (this.opening.get(code) ?? 0) + (this.debits.get(code) ?? 0) - (this.credits.get(code) ?? 0);
  }

  rows(chart: readonly Account[]): TrialBalanceRow[] {
    const known = new Map(chart.map((a) => [a.code, a]));
    const codes = [...new Set([...chart.map((a) => a.code), ...this.opening.keys(), ...this.debits.keys(), ...this.credits.keys()])].sort();
    return codes.map((code) => {
      const account = known.get(code) ?? { code, name: '?', kind: 'asset' as const };
      const open = this.opening.get(code) ?? 0;
      const close = this.closing(code);
      return {
        code,
        name: account.name,
        kind: account.kind,
        openingDebit: Math.max(0, open),
        openingCredit: Math.max(0, -open),
        periodDebit: this.debits.get(code) ?? 0,
        periodCredit: this.credits.get(code) ?? 0,
        closingDebit: Math.max(0, close),
        closingCredit: Math.max(0, -close),
      };
    });
  }
}
