/**
 * Vouchers on a hand-built book: every kind of business event posts a balanced voucher on the accounts
 * the mapping names, with amounts worked out by hand below; the trial balance balances and ties to the
 * loan and guarantee sub-ledgers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disbursedLoan, twoBorrowers, ampleNetAssets } from '../../helpers/book';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const manager = { userName: 'wang', role: 'manager' as const };
const officer = { userName: 'zhao.danbao', role: 'guarantee-officer' as const };
const collector = { userName: 'xiaozhang', role: 'collector' as const };

/** A voucher's lines as "D1303 100000.00" / "C1002 100000.00", easy to read in an expectation. */
function lines(v: { lines: Array<{ account: string; debit: string; credit: string }> }): string[] {
  return v.lines.map((l) => (l.debit !== '0.00' ? `D${l.account} ${l.debit}` : `C${l.account} ${l.credit}`));
}

async function vouchers(from: string, to: string, kind?: string) {
  const page = await rt.call('ledger.vouchers', { from, to, pageSize: 200, ...(kind ? { kind } : {}) });
  return page.items;
}

beforeAll(async () => {
  rt = await testRuntime();
  await ampleNetAssets(rt);
  await rt.call('day.close', { to: '2026-01-15' });
  await twoBorrowers(rt);
  // W-1: 100,000 at 12 %, interest only for 3 months: 1,000.00 interest a month.
  await disbursedLoan(rt, 'W-1', 1, { principal: '100000', annualRate: '12', periods: 3, method: 'interest-only', disbursementDate: '2026-01-15' });
  // W-2: 12,000 at 12 % for one month (120.00 interest due 02-15), paid two weeks late with 13,000.
  await disbursedLoan(rt, 'W-2', 1, { principal: '12000', annualRate: '12', periods: 1, method: 'bullet', dayCount: '30/360', disbursementDate: '2026-01-15' });
  await rt.call('day.close', { to: '2026-02-15' });
  await rt.call('loan.repay', { contractNo: 'W-1', amount: '1000' });
  await rt.call('day.close', { to: '2026-03-01' });
  await rt.call('loan.repay', { contractNo: 'W-2', amount: '13000' });
  await rt.call('bank.create', { name: '杭州某农商银行', branch: '西湖支行', creditLine: '10000000', lineValidFrom: '2026-01-01', lineValidTo: '2028-12-31', marginPercent: '20', riskSharePercent: '20' }, officer);
  const base = { clientId: 2, bankId: 1, clientSize: 'small-micro' as const, bankLoanRate: '4.35', feeRatePercent: '2.00' };
  // DB-A: 3,000,000 for 365 days, 2 % up front = 60,000.00; margin 600,000.
  await rt.call('guarantee.create', { ...base, contractNo: 'DB-A', guaranteedAmount: '3000000', loanStart: '2026-03-01', loanEnd: '2027-03-01', marginDeposit: '600000' }, officer);
  // DB-B: 1,000,000 for two years, 2 % a year = 20,000.00 on each anniversary; no margin.
  await rt.call('guarantee.create', { ...base, contractNo: 'DB-B', guaranteedAmount: '1000000', loanStart: '2026-03-01', loanEnd: '2028-03-01', marginDeposit: '0', feeCharging: 'yearly', overrideReason: '同一客户第二笔' }, officer);
  for (const no of ['DB-A', 'DB-B']) {
    await rt.call('guarantee.approve', { contractNo: no, reviewDate: '2026-02-26', members: '王' }, manager);
    await rt.call('guarantee.activate', { contractNo: no }, officer);
  }
  await rt.call('day.close', { to: '2026-06-01' });
  await rt.call('guarantee.repay', { contractNo: 'DB-A', amount: '500000' }, officer);
  await rt.call('guarantee.compensate', { contractNo: 'DB-A', amount: '2500000' }, manager);
  await rt.call('guarantee.recover', { contractNo: 'DB-A', amount: '900000', source: 'collateral-sale' }, officer);
  const filed = await rt.call('legal.file', { contractNo: 'W-1', court: '杭州市西湖区人民法院', caseNo: '(2026)浙0106民初1234号', filedOn: '2026-06-01' }, collector);
  await rt.call('legal.cost', { caseId: filed.id, date: '2026-06-01', amount: '2000', kind: 'court-fee' }, collector);
  await rt.call('day.close', { to: '2026-08-31' });
  await rt.call('day.close', { to: '2026-09-01' });
  await rt.call('loan.writeOff', { contractNo: 'W-1', reason: '法院终结本次执行' }, manager);
  await rt.call('loan.recover', { contractNo: 'W-1', amount: '30000', reference: '拍卖款' });
  await rt.call('guarantee.confirmLoss', { contractNo: 'DB-A', amount: '1600000', evidenceType: 'enforcement-ruling', documentNo: '(2026)浙0106执恢123号' }, manager);
  await rt.call('day.close', { to: '2027-01-05' });
}, 60_000);
afterAll(() => rt.close());

/** Kind and lines of every voucher in a period, in journal order. */
async function journalOf(from: string, to: string): Promise<string[]> {
  return (await vouchers(from, to)).map((v) => `${v.date} #${v.number} ${v.kind} ${v.reference}: ${lines(v).join(' ')}`);
}

describe('vouchers', () => {
  it('lending: disbursement, interest falling due, receipts split into principal, interest, penalty net of 6 % VAT and unapplied cash', async () => {
    expect(await journalOf('2026-01-01', '2026-02-28')).toEqual([
      '2026-01-15 #1 disbursement W-1: D1303 100000.00 C1002 100000.00',
      '2026-01-15 #2 disbursement W-2: D1303 12000.00 C1002 12000.00',
      // 1,000.00 (W-1) + 120.00 (W-2) fall due on 02-15, before the day's receipt clears W-1's.
      '2026-02-15 #1 interestAccrual 2026-02-15: D1132 1120.00 C6011 1120.00',
      '2026-02-15 #2 repayment W-1: D1002 1000.00 C1132 1000.00',
    ]);
    // W-2 paid 13,000 two weeks late: 84.84 penalty = 80.04 net + 4.80 VAT (84.84 / 1.06 = 80.0377…), 795.16 held unapplied.
    const w2 = await rt.call('loan.get', { contractNo: 'W-2' });
    expect(w2.payments[0]!.allocations.find((a) => a.component === 'penalty')?.amount).toBe('84.84');
    const [repayment] = await vouchers('2026-03-01', '2026-03-01', 'repayment');
    expect(lines(repayment!)).toEqual(['D1002 13000.00', 'C1303 12000.00', 'C1132 120.00', 'C6011.02 80.04', 'C2221.01 4.80', 'C2241.02 795.16']);
    expect(repayment).toMatchObject({ word: '记', number: 1, summary: '收回贷款本息 W-2' });
  });

  it('guarantees: fee charged and earned month by month, margin in and out, compensation, recovery and a loss beyond the reserve', async () => {
    expect(await journalOf('2026-03-01', '2026-03-31')).toEqual([
      '2026-03-01 #1 repayment W-2: D1002 13000.00 C1303 12000.00 C1132 120.00 C6011.02 80.04 C2221.01 4.80 C2241.02 795.16',
      '2026-03-01 #2 guaranteeFee DB-A: D1002 60000.00 C2203 60000.00',
      '2026-03-01 #3 guaranteeFee DB-B: D1002 20000.00 C2203 20000.00',
      '2026-03-01 #4 marginReceived DB-A: D1002 600000.00 C2241.01 600000.00',
      // The 03-01 close found W-2 14 days late: special mention, 2 % of 12,000.
      '2026-03-01 #5 provision 2026-03-01: D6702 240.00 C1304 240.00',
      '2026-03-15 #6 interestAccrual 2026-03-15: D1132 1000.00 C6011 1000.00',
      // 30 days earned: 60,000 × 30/365 = 4,931.51 (DB-A) + 40,000 × 30/731 = 1,641.59 (DB-B).
      '2026-03-31 #7 feeAmortization 2026-03: D2203 6573.10 C6031 6573.10',
    ]);
    expect(await journalOf('2026-06-01', '2026-06-30')).toEqual([
      '2026-06-01 #1 legalCost W-1: D1221.02 2000.00 C1002 2000.00',
      '2026-06-01 #2 compensation DB-A: D1221.01 2500000.00 C1002 2500000.00',
      '2026-06-01 #3 guaranteeRecovery DB-A: D1002 900000.00 C1221.01 900000.00',
      // W-1 78 days late on the 06-01 close: special mention, 2 % of 100,000; the allowance held 240 (W-2, since repaid).
      '2026-06-01 #4 provision 2026-06-01: D6702 1760.00 C1304 1760.00',
      // DB-A ended with the compensation: the rest of its 60,000 is earned (60,000 − 4,931.51 − 4,931.50 − 5,095.89 = 45,041.10), + DB-B's 30 days.
      '2026-06-30 #5 feeAmortization 2026-06: D2203 46682.69 C6031 46682.69',
    ]);
    expect(await journalOf('2026-09-01', '2026-09-01')).toEqual([
      // Accrued 3,000.00 on W-1, received 1,000.00: the 2,000.00 receivable is reversed out of income.
      '2026-09-01 #1 writeOff W-1: D1304 100000.00 D6011 2000.00 C1303 100000.00 C1132 2000.00',
      '2026-09-01 #2 loanRecovery W-1: D1002 30000.00 C1304 30000.00',
      // No compensation reserve yet (the first year-end is 12-31): the whole loss is an expense.
      '2026-09-01 #3 confirmedLoss DB-A: D6542 1600000.00 C1221.01 1600000.00',
      '2026-09-01 #4 marginReturned DB-A: D2241.01 600000.00 C1002 600000.00',
      // The 09-01 close (before the write-off) required 25 % of W-1: the allowance is brought back to 25,000.
      '2026-09-01 #5 provision 2026-09-01: D6702 70000.00 C1304 70000.00',
    ]);
    expect(await journalOf('2026-12-31', '2027-01-05')).toEqual([
      '2026-12-31 #1 feeAmortization 2026-12: D2203 1696.31 C6031 1696.31',
      // 50 % of the year's fees (80,000) to the unearned-fee reserve; 1 % of the 1,000,000 still guaranteed to the compensation reserve.
      '2026-12-31 #2 reserves 2026: D6501 40000.00 D6541 10000.00 C2801 40000.00 C2802 10000.00',
      // Nothing on the book needs an allowance now: the 25,000 is reversed in red.
      '2027-01-05 #1 provision 2027-01-05: D6702 -25000.00 C1304 -25000.00',
    ]);
  });

  it('every voucher balances, and the period totals agree', async () => {
    const page = await rt.call('ledger.vouchers', { from: '2026-01-01', to: '2027-01-05', pageSize: 200 });
    expect(page.total).toBe(page.items.length);
    const fen = (v: string) => Math.round(Number(v) * 100);
    for (const v of page.items) {
      expect(v.lines.reduce((s, l) => s + fen(l.debit), 0), `${v.date} #${v.number}`).toBe(v.lines.reduce((s, l) => s + fen(l.credit), 0));
    }
    expect(page.debit).toBe(page.credit);
    expect(new Set(page.items.map((v) => v.kind))).toEqual(
      new Set(['disbursement', 'repayment', 'interestAccrual', 'writeOff', 'loanRecovery', 'legalCost', 'provision', 'guaranteeFee', 'feeAmortization', 'marginReceived', 'marginReturned', 'compensation', 'guaranteeRecovery', 'confirmedLoss', 'reserves']),
    );
  });

  it('the trial balance balances and ties to the loan and guarantee sub-ledgers', async () => {
    const tb = await rt.call('ledger.trialBalance', { from: '2026-01-01', to: '2027-01-05' });
    expect(tb.balanced).toBe(true);
    expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit);
    const row = (code: string) => tb.rows.find((r) => r.code === code)!;
    expect(row('1303')).toMatchObject({ periodDebit: '112000.00', periodCredit: '112000.00', closingDebit: '0.00' });
    expect(row('2203')).toMatchObject({ periodCredit: '80000.00', closingCredit: '3310.53' }); // 80,000 − 60,000 − 40,000 × 305/731
    expect(row('6031')).toMatchObject({ closingCredit: '76689.47' });
    expect(row('6702')).toMatchObject({ closingDebit: '70000.00' }); // the loss on W-1 net of the recovery
    expect(row('2221.01')).toMatchObject({ closingCredit: '4.80' });
    expect(tb.ties!.map((t) => [t.figure, t.ledger, t.difference])).toEqual([
      ['loansOutstanding', '0.00', '0.00'],
      ['interestReceivable', '0.00', '0.00'],
      ['loanLossAllowance', '0.00', '0.00'],
      ['compensationReceivable', '0.00', '0.00'],
      ['marginHeld', '0.00', '0.00'],
    ]);
    // Mid-period: opening balances carry into the period.
    const h2 = await rt.call('ledger.trialBalance', { from: '2026-07-01', to: '2027-01-05' });
    expect(h2.rows.find((r) => r.code === '1303')).toMatchObject({ openingDebit: '100000.00', periodCredit: '100000.00' });
    expect(h2.totals.openingDebit).toBe(h2.totals.openingCredit);
    expect(await rt.call('ledger.trialBalance', { from: '2026-01-01', to: '2026-12-31' })).toMatchObject({ ties: null, balanced: true });
  });

  it('refuses a period that ends before it starts or after the business date, and callers without the ledger', async () => {
    expect(await rt.fail('ledger.trialBalance', { from: '2026-05-01', to: '2026-04-30' })).toMatchObject({ field: 'to', reason: 'dateOrder' });
    expect(await rt.fail('ledger.vouchers', { from: '2026-05-01', to: '2027-02-01' })).toMatchObject({ field: 'to', reason: 'afterBusinessDate' });
    expect(await rt.fail('ledger.trialBalance', { from: '2026-01-01', to: '2026-02-30' })).toMatchObject({ field: 'to' });
    expect(await rt.fail('ledger.vouchers', { from: '2026-01-01', to: '2026-02-01' }, collector)).toMatchObject({ code: 'forbidden' });
  });
});

describe('guarantee statistics report (融资担保业务统计表)', () => {
  it('opening, increase, decrease and closing in 万元, with the period’s releases, compensation, recovery and losses', async () => {
    const s = await rt.call('report.guaranteeStatistics', { from: '2026-01-01', to: '2026-12-31' });
    // DB-A (3,000,000) and DB-B (1,000,000), one client, both put in force in March.
    expect(s.opening).toEqual({ clients: 0, contracts: 0, amountWan: '0.00' });
    expect(s.increase).toEqual({ clients: 1, contracts: 2, amountWan: '400.00' });
    // DB-A ended with its compensation: the balance fell by its 500,000 repaid and 2,500,000 compensated.
    expect(s.decrease).toEqual({ clients: 1, contracts: 1, amountWan: '300.00' });
    expect(s.closing).toEqual({ clients: 1, contracts: 1, amountWan: '100.00' });
    expect(s).toMatchObject({ releasedWan: '50.00', compensatedWan: '250.00', recoveredWan: '90.00', lossesWan: '160.00' });
    const ratios = await rt.call('guarantee.ratios', { asOf: '2026-12-31' });
    expect(s.ratios).toMatchObject({ compensationRate: ratios.compensationRate, lossRate: ratios.lossRate, leverage: ratios.leverage });
    // 50 % of the year's 80,000 of fees.
    expect(s.reserves.unearnedFeeWan).toBe('4.00');
    expect(s.formulas.compensationRate).toBeTruthy();
    // The second half alone: DB-B was in force at its opening.
    const h2 = await rt.call('report.guaranteeStatistics', { from: '2026-07-01', to: '2026-12-31' });
    expect(h2).toMatchObject({ opening: { clients: 1, contracts: 1, amountWan: '100.00' }, increase: { contracts: 0 }, decrease: { contracts: 0, amountWan: '0.00' }, closing: { contracts: 1 }, lossesWan: '160.00' });
    expect(await rt.fail('report.guaranteeStatistics', { from: '2026-07-01', to: '2026-06-30' })).toMatchObject({ field: 'to', reason: 'dateOrder' });
  });
});
