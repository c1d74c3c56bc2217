/**
 * The dashboard on a hand-built book, every figure worked out below: two loans (one stopped paying in
 * March), one guarantee in force, one promise due today; and on an empty book.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { disbursedLoan, twoBorrowers, ampleNetAssets } from '../../helpers/book';
import { tempDataDir, testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const manager = { userName: 'wang', role: 'manager' as const };

beforeAll(async () => {
  rt = await testRuntime();
  await ampleNetAssets(rt);
  await rt.call('day.close', { to: '2026-01-15' });
  await twoBorrowers(rt);
  // L-1: 100,000 at 12 %, interest only for 12 months; pays February's 1,000 and nothing after.
  await disbursedLoan(rt, 'L-1', 1, { principal: '100000', annualRate: '12', periods: 12, method: 'interest-only', disbursementDate: '2026-01-15' });
  await rt.call('day.close', { to: '2026-02-15' });
  await rt.call('loan.repay', { contractNo: 'L-1', amount: '1000' });
  await rt.call('day.close', { to: '2026-03-01' });
  // L-2: 300,000 at 18 %, interest only for 6 months (4,500 a month), paid on time.
  await disbursedLoan(rt, 'L-2', 2, { principal: '300000', annualRate: '18', periods: 6, method: 'interest-only', disbursementDate: '2026-03-01' });
  await rt.call('netAssets.record', { periodEnd: '2025-12-31', amount: '50000000' });
  await rt.call('bank.create', { name: '杭州某农商银行', branch: '西湖支行', creditLine: '10000000', lineValidFrom: '2026-01-01', lineValidTo: '2028-12-31' });
  await rt.call('guarantee.create', { contractNo: 'DB-1', clientId: 2, bankId: 1, clientSize: 'small-micro', guaranteedAmount: '1000000', bankLoanRate: '4.35', loanStart: '2026-03-01', loanEnd: '2026-09-01', feeRatePercent: '2' });
  await rt.call('guarantee.approve', { contractNo: 'DB-1', reviewDate: '2026-02-26', members: '王' }, manager);
  await rt.call('guarantee.activate', { contractNo: 'DB-1', date: '2026-03-01' });
  for (const date of ['2026-04-01', '2026-05-01', '2026-06-01']) {
    await rt.call('day.close', { to: date });
    await rt.call('loan.repay', { contractNo: 'L-2', amount: '4500' });
  }
  await rt.call('day.close', { to: '2026-06-30' });
  await rt.call('collections.promise', { contractNo: 'L-1', amount: '1000', dueDate: '2026-06-30' });
}, 60_000);
afterAll(() => rt.close());

describe('dashboard', () => {
  it('lending: balance, rate and term weighted, overdue and NPL ratios, provision coverage', async () => {
    const d = await rt.call('report.dashboard', {});
    expect(d).toMatchObject({
      asOf: '2026-06-30',
      loanCount: 2,
      outstandingPrincipal: '400000.00',
      // (100,000 × 12 % + 300,000 × 18 %) / 400,000
      weightedAverageRate: '0.1650',
      // (100,000 × 12 months + 300,000 × 6 months) / 400,000
      averageTermMonths: '7.50',
      // L-1 unpaid since 03-15: 107 days past due, substandard
      overdueRatio: '0.2500',
      nplRatio: '0.2500',
      // 25 % of 100,000 held against 100,000 non-performing
      provisionCoverage: '0.2500',
    });
    expect(d.lending).toMatchObject({ cumulativeDisbursed: '400000.00', overdueBalance: '100000.00', nplBalance: '100000.00', provisionHeld: '25000.00' });
    expect(d.lending.classes).toEqual([
      { classification: 'normal', loans: 1, outstanding: '300000.00' },
      { classification: 'substandard', loans: 1, outstanding: '100000.00' },
    ]);
    const l1 = await rt.call('loan.get', { contractNo: 'L-1' });
    expect(l1.dpd).toBe(107);
    expect(d.lending.aging).toEqual([
      { bucket: 'current', loans: 1, outstanding: '300000.00' },
      { bucket: l1.bucket, loans: 1, outstanding: '100000.00' },
    ]);
    // Twelve months to June; receipts counted in the month they arrived (06-01 in June, not July).
    expect(d.lending.byMonth.map((m) => m.month)).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(d.lending.byMonth.filter((m) => m.disbursed !== '0.00' || m.collected !== '0.00')).toEqual([
      { month: '2026-01', disbursed: '100000.00', collected: '0.00' },
      { month: '2026-02', disbursed: '0.00', collected: '1000.00' },
      { month: '2026-03', disbursed: '300000.00', collected: '0.00' },
      { month: '2026-04', disbursed: '0.00', collected: '4500.00' },
      { month: '2026-05', disbursed: '0.00', collected: '4500.00' },
      { month: '2026-06', disbursed: '0.00', collected: '4500.00' },
    ]);
  });

  it('guarantees and collections', async () => {
    const d = await rt.call('report.dashboard', {});
    const ratios = await rt.call('guarantee.ratios', {});
    // 75 % of 1,000,000 (a small client under 5 million) against 50,000,000 of net assets.
    expect(d).toMatchObject({ inForceBalance: '1000000.00', leverage: ratios.leverage, compensationRate: null });
    expect(d.guarantees).toMatchObject({ weightedLiability: '750000.00', leverageLimit: ratios.leverageLimit, lossRate: null, maturingWithin90: { contracts: 1, outstanding: '1000000.00' }, checksDue: 1 });
    expect(d.guarantees.banks).toEqual([{ name: '杭州某农商银行', creditLine: '10000000.00', used: '1000000.00', usedPercent: '10.00' }]);
    expect(d.collections).toEqual({ promisesDueToday: 1, brokenPromises: 0, recoveredThisMonth: [], limitationWithin90: 0 });
    // A loan officer does not see collections.
    expect((await rt.call('report.dashboard', {}, { userName: 'li', role: 'loan-officer' })).collections).toBeNull();
  });

  it('the NPL figure drills through to the register filtered to the same loans and total', async () => {
    const npl = await rt.call('loan.list', { nonPerforming: true });
    expect(npl.items.map((l) => l.contractNo)).toEqual(['L-1']);
    expect(npl.totals.outstandingPrincipal).toBe((await rt.call('report.dashboard', {})).lending.nplBalance);
    expect((await rt.call('loan.list', { overdue: true })).total).toBe(1);
  });

  it('refuses another date and answers on an empty book', async () => {
    expect(await rt.fail('report.dashboard', { asOf: '2026-05-31' })).toMatchObject({ field: 'asOf', reason: 'asOfNotBusinessDate' });
    const empty = await testRuntime();
    try {
      expect(await empty.call('report.dashboard', {})).toMatchObject({ loanCount: 0, outstandingPrincipal: '0.00', weightedAverageRate: null, averageTermMonths: null, nplRatio: null, provisionCoverage: null, inForceBalance: '0.00' });
    } finally {
      empty.close();
    }
  });

  it('loanbridge report dashboard --json has the figures under their names', async () => {
    const dir = tempDataDir('dashboard-cli');
    await runCli('demo', '--borrowers', '30', '--loans', '60', '--guarantees', '5', '--seed', '2', '--data-dir', dir);
    const out = await runCli('report', 'dashboard', '--json', '--data-dir', dir);
    expect(out.code).toBe(0);
    const d = JSON.parse(out.stdout) as Record<string, unknown>;
    for (const key of ['outstandingPrincipal', 'loanCount', 'weightedAverageRate', 'averageTermMonths', 'overdueRatio', 'nplRatio', 'provisionCoverage', 'inForceBalance', 'leverage', 'compensationRate']) expect(d, key).toHaveProperty(key);
    expect(d.outstandingPrincipal).toMatch(/^\d+\.\d{2}$/);
    expect(d.weightedAverageRate).toMatch(/^0\.\d{4}$/);
  }, 60_000);
});

describe('microloan monthly report', () => {
  it('moves the book from opening to closing by product and borrower type, with interest due and received', async () => {
    const june = await rt.call('report.microloanMonthly', { month: '2026-06' });
    expect(june).toMatchObject({ month: '2026-06', from: '2026-06-01', to: '2026-06-30' });
    expect(june.byProduct).toEqual([{ key: '', opening: '400000.00', lent: '0.00', repaid: '0.00', writtenOff: '0.00', closing: '400000.00' }]);
    expect(june.byBorrowerKind).toEqual([
      { key: 'enterprise', opening: '300000.00', lent: '0.00', repaid: '0.00', writtenOff: '0.00', closing: '300000.00' },
      { key: 'individual', opening: '100000.00', lent: '0.00', repaid: '0.00', writtenOff: '0.00', closing: '100000.00' },
    ]);
    // Due in June: L-1's 1,000 (06-15) and L-2's 4,500 (06-01); received: L-2's 4,500.
    expect(june.interest).toEqual({ due: '5500.00', received: '4500.00' });
    // March: L-2 lent on the first day of the month; only L-1's interest fell due and nothing was paid.
    const march = await rt.call('report.microloanMonthly', { month: '2026-03' });
    expect(march).toMatchObject({ from: '2026-03-01', to: '2026-03-31', totals: { opening: '100000.00', lent: '300000.00', repaid: '0.00', closing: '400000.00' }, interest: { due: '1000.00', received: '0.00' }, positions: null });
  });

  it('for the current month: classes with provisions required and held, NPL, and the largest borrowers against net assets', async () => {
    const { positions } = await rt.call('report.microloanMonthly', {});
    expect(positions!.classes.filter((c) => c.loans > 0)).toEqual([
      { classification: 'normal', loans: 1, outstanding: '300000.00', provisionRatePercent: '0.00', provisionRequired: '0.00' },
      { classification: 'substandard', loans: 1, outstanding: '100000.00', provisionRatePercent: '25.00', provisionRequired: '25000.00' },
    ]);
    // The general reserve: 1.5% (the setting's default) of the 400,000.00 on the book.
    const general = Math.round(40_000_000 * 0.015);
    expect(positions).toMatchObject({ nplBalance: '100000.00', nplRatio: '0.2500', provisions: { required: '25000.00', held: '25000.00', generalReserve: (general / 100).toFixed(2) } });
    // The close that brought the book to the business date recorded it beside the provision.
    const run = rt.database.sqlite.prepare('SELECT required, general_reserve AS generalReserve FROM provision_runs ORDER BY business_date DESC LIMIT 1').get();
    expect(run).toEqual({ required: 2_500_000, generalReserve: general });
    expect(positions!.concentration).toEqual({
      netAssets: '50000000.00',
      largest: [
        { name: '杭州恒达建材有限公司', outstanding: '300000.00', shareOfNetAssets: '0.0060' },
        { name: '赵六', outstanding: '100000.00', shareOfNetAssets: '0.0020' },
      ],
    });
    expect(await rt.fail('report.microloanMonthly', { month: '2026-07' })).toMatchObject({ field: 'month', reason: 'afterBusinessDate' });
    expect(await rt.fail('report.microloanMonthly', { month: '2026-13' })).toMatchObject({ field: 'month' });
  });
});

describe('receipts by month, kept by triggers on payments', () => {
  const byMonth = (q: string) => rt.database.sqlite.prepare(q).all() as Array<Record<string, unknown>>;
  const kept = () => byMonth("SELECT month, status, kind, amount, payments FROM payment_month_totals WHERE payments <> 0 ORDER BY month, status, kind");
  const counted = () =>
    byMonth("SELECT substr(value_date, 1, 7) AS month, status, kind, SUM(amount) AS amount, COUNT(*) AS payments FROM payments GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");

  it('equal the payments grouped by month, before and after a reversal moves one from posted to reversed', async () => {
    // L-1's 1,000 in February; L-2's 4,500 in April, May and June.
    expect(kept()).toEqual([
      { month: '2026-02', status: 'posted', kind: 'repayment', amount: 100_000, payments: 1 },
      { month: '2026-04', status: 'posted', kind: 'repayment', amount: 450_000, payments: 1 },
      { month: '2026-05', status: 'posted', kind: 'repayment', amount: 450_000, payments: 1 },
      { month: '2026-06', status: 'posted', kind: 'repayment', amount: 450_000, payments: 1 },
    ]);
    const june = rt.database.sqlite.prepare("SELECT id FROM payments WHERE value_date >= '2026-06-01'").pluck().get() as number;
    await rt.call('loan.reverse', { paymentId: june, reason: '银行退票' });
    expect(kept()).toEqual(counted());
    expect(kept().filter((r) => r.month === '2026-06')).toEqual([{ month: '2026-06', status: 'reversed', kind: 'repayment', amount: 450_000, payments: 1 }]);
    const d = await rt.call('report.dashboard', {});
    expect(d.lending.byMonth.find((m) => m.month === '2026-06')!.collected).toBe('0.00');
    expect(d.lending.byMonth.find((m) => m.month === '2026-05')!.collected).toBe('4500.00');
  });
});
