/** The pure voucher arithmetic: the VAT split, line merging, and a trial balance that always balances. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrialBalanceBuilder, VoucherBuilder, isBalanced, vatSplit, type VoucherMapping } from '../../../shared/ledgers/journal';

const mapping: VoucherMapping = {
  repaymentPrincipal: { debit: '1002', credit: '1303' },
  penaltyIncome: { debit: '1002', credit: '6011.02' },
  outputVat: { debit: '1002', credit: '2221.01' },
  provision: { debit: '6702', credit: '1304' },
};

describe('vatSplit (价税分离 at 6 %)', () => {
  it('splits gross income into net = round(gross / 1.06) and the rest as VAT', () => {
    expect(vatSplit(10_600)).toEqual({ net: 10_000, vat: 600 });
    expect(vatSplit(8_484)).toEqual({ net: 8_004, vat: 480 }); // 84.84 / 1.06 = 80.0377…
    expect(vatSplit(100)).toEqual({ net: 94, vat: 6 }); // 1.00 / 1.06 = 0.9433…
    expect(vatSplit(1)).toEqual({ net: 1, vat: 0 });
    expect(vatSplit(0)).toEqual({ net: 0, vat: 0 });
  });
  it('never loses a fen', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (gross) => {
      const { net, vat } = vatSplit(gross);
      expect(net + vat).toBe(gross);
      expect(Math.abs(net * 1.06 - gross)).toBeLessThanOrEqual(0.53 + gross * 1e-12);
    }));
  });
});

describe('VoucherBuilder', () => {
  it('merges the shared bank debit and lists debits before credits', () => {
    const lines = new VoucherBuilder(mapping).debit('repaymentPrincipal', 13_000).credit('repaymentPrincipal', 12_000).credit('penaltyIncome', 943).credit('outputVat', 57).build();
    expect(lines).toEqual([
      { account: '1002', debit: 13_000, credit: 0 },
      { account: '1303', debit: 0, credit: 12_000 },
      { account: '6011.02', debit: 0, credit: 943 },
      { account: '2221.01', debit: 0, credit: 57 },
    ]);
    expect(isBalanced(lines)).toBe(true);
  });
  it('writes a reversal in red (a negative amount on the same sides) and skips zero', () => {
    expect(new VoucherBuilder(mapping).post('provision', -2_500).post('penaltyIncome', 0).build()).toEqual([
      { account: '6702', debit: -2_500, credit: 0 },
      { account: '1304', debit: 0, credit: -2_500 },
    ]);
  });
  it('refuses an event the mapping does not name', () => {
    expect(() => new VoucherBuilder(mapping).post('disbursement', 1)).toThrow(/disbursement/);
  });
});

describe('TrialBalanceBuilder', () => {
  const events = ['repaymentPrincipal', 'penaltyIncome', 'outputVat', 'provision'] as const;
  it('balances opening, period and closing columns whatever the vouchers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), event: fc.constantFrom(...events), amount: fc.integer({ min: -1e9, max: 1e9 }) }), { maxLength: 60 }),
        (entries) => {
          const tb = new TrialBalanceBuilder('2026-01-15');
          for (const e of entries) tb.add({ date: `2026-01-${String(e.day).padStart(2, '0')}`, lines: new VoucherBuilder(mapping).post(e.event, e.amount).build() });
          const rows = tb.rows([]);
          const sum = (key: keyof (typeof rows)[number]) => rows.reduce((s, r) => s + (r[key] as number), 0);
          expect(sum('openingDebit')).toBe(sum('openingCredit'));
          expect(sum('periodDebit')).toBe(sum('periodCredit'));
          expect(sum('closingDebit')).toBe(sum('closingCredit'));
          for (const r of rows) expect(r.openingDebit - r.openingCredit + r.periodDebit - r.periodCredit).toBe(r.closingDebit - r.closingCredit);
        },
      ),
    );
  });
});
