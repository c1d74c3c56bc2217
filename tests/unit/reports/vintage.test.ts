/**
 * Vintage and roll-rate tables on a hand-built book lived through daily closes, every cell worked out
 * below; the month ends the book loader writes for imported history match the ones the closes kept.
 *
 * A: 120,000 at 12 %, interest only, lent 01-10 (due the 10th); pays February, then nothing.
 * B:  60,000 at 12 %, interest only, lent 01-20 (due the 20th); pays February, settles early on 03-20.
 * C: 100,000 at 12 %, interest only, lent 02-05 (due the 5th); never pays; written off on 04-10.
 *
 *            31 Jan        28 Feb        31 Mar                  30 Apr
 *  A         current       current       M1 (21 days: 03-10)     M2 (51 days)
 *  B         current       current       settled                 —
 *  C         —             current       M1 (26 days: 03-05)     written off 100,000
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { bookHistory, loadLoanBook } from '../../../electron/services/lending/loan-book';
import { disbursedLoan, twoBorrowers, ampleNetAssets } from '../../helpers/book';
import { runCli } from '../../helpers/cli';
import { serviceContext, tempDataDir, testRuntime, type TestRuntime } from '../../helpers/runtime';

const manager = { userName: 'wang', role: 'manager' as const };
const interestOnly = (principal: string, disbursementDate: string) => ({ principal, annualRate: '12', periods: 6, method: 'interest-only', disbursementDate });

let rt: TestRuntime;
let dataDir: string;

function monthEnds(runtime: TestRuntime, contractNos: string[]) {
  return runtime.database.db.all<{ contractNo: string; month: string; bucket: string; dpd: number; outstanding: number }>(sql`SELECT l.contract_no AS contractNo, e.month, e.bucket, e.dpd,
      e.outstanding_principal AS outstanding
    FROM loan_month_ends e JOIN loans l ON l.id = e.loan_id WHERE l.contract_no IN (${sql.join(contractNos.map((c) => sql`${c}`), sql`, `)}) ORDER BY l.contract_no, e.month`);
}

beforeAll(async () => {
  dataDir = tempDataDir('vintage');
  rt = await testRuntime({ dataDir });
  await ampleNetAssets(rt);
  await rt.call('day.close', { to: '2026-01-10' });
  await twoBorrowers(rt);
  await disbursedLoan(rt, 'L-A', 1, interestOnly('120000', '2026-01-10'));
  await rt.call('day.close', { to: '2026-01-20' });
  await disbursedLoan(rt, 'L-B', 2, interestOnly('60000', '2026-01-20'));
  await rt.call('day.close', { to: '2026-02-05' });
  await disbursedLoan(rt, 'L-C', 2, interestOnly('100000', '2026-02-05'));
  await rt.call('day.close', { to: '2026-02-10' });
  await rt.call('loan.repay', { contractNo: 'L-A', amount: '1200' });
  await rt.call('day.close', { to: '2026-02-20' });
  await rt.call('loan.repay', { contractNo: 'L-B', amount: '600' });
  await rt.call('day.close', { to: '2026-03-20' });
  await rt.call('loan.settle', { contractNo: 'L-B' });
  await rt.call('day.close', { to: '2026-04-10' });
  await rt.call('loan.writeOff', { contractNo: 'L-C', reason: '借款人失联，经审批核销' }, manager);
  await rt.call('day.close', { to: '2026-05-05' });
}, 60_000);
afterAll(() => rt.close());

describe('month ends kept by the daily close', () => {
  it('records each loan at every month end the closes pass, then the month it left', () => {
    expect(monthEnds(rt, ['L-A', 'L-B', 'L-C']).map((r) => [r.contractNo, r.month, r.bucket, r.dpd, r.outstanding])).toEqual([
      ['L-A', '2026-01', 'current', 0, 12_000_000],
      ['L-A', '2026-02', 'current', 0, 12_000_000],
      ['L-A', '2026-03', 'M1', 21, 12_000_000],
      ['L-A', '2026-04', 'M2', 51, 12_000_000],
      ['L-B', '2026-01', 'current', 0, 6_000_000],
      ['L-B', '2026-02', 'current', 0, 6_000_000],
      ['L-B', '2026-03', 'settled', 0, 0],
      ['L-C', '2026-02', 'current', 0, 10_000_000],
      ['L-C', '2026-03', 'M1', 26, 10_000_000],
      ['L-C', '2026-04', 'written-off', 0, 10_000_000],
    ]);
  });

  it('the book loader writes the same history for the same loans (import and demo)', async () => {
    const other = await testRuntime();
    await ampleNetAssets(other);
    try {
      await other.call('day.close', { to: '2026-05-05' });
      await twoBorrowers(other);
      const application = (contractNo: string, borrowerId: number, principal: string, date: string) =>
        contract['loan.create'].input.parse({ borrowerId, contractNo, terms: interestOnly(principal, date) });
      const ctx = serviceContext(other);
      ctx.transaction(() =>
        loadLoanBook(ctx, [
          bookHistory(application('L-A', 1, '120000', '2026-01-10'), '2026-05-05', { repayments: [{ date: '2026-02-10', amount: 120_000, channel: 'bank', reference: null }] }),
          bookHistory(application('L-B', 2, '60000', '2026-01-20'), '2026-05-05', { repayments: [{ date: '2026-02-20', amount: 60_000, channel: 'bank', reference: null }], earlySettlement: { date: '2026-03-20', channel: 'bank', reference: null } }),
        ]),
      );
      expect(monthEnds(other, ['L-A', 'L-B'])).toEqual(monthEnds(rt, ['L-A', 'L-B']));
    } finally {
      other.close();
    }
  });
});

describe('roll rates', () => {
  it('April: of the 220,000 in M1 at the end of March, 120,000 rolled to M2 and 100,000 was written off', async () => {
    const r = await rt.call('report.rollRate', {});
    expect([r.previousMonth, r.month, r.complete]).toEqual(['2026-03', '2026-04', true]);
    expect(r.buckets).toEqual(['current', 'M1', 'M2', 'M3', 'M4-M6', 'M6+']);
    const m1 = r.matrix.find((row) => row.from === 'M1')!;
    expect([m1.loans, m1.outstanding]).toEqual([2, '220000.00']);
    const share = (to: string) => m1.cells.find((c) => c.to === to)!;
    expect([share('M2').loans, share('M2').outstanding, share('M2').share]).toEqual([1, '120000.00', '0.5455']);
    expect([share('written-off').loans, share('written-off').outstanding, share('written-off').share]).toEqual([1, '100000.00', '0.4545']);
    expect(share('current').share).toBe('0.0000');
    // Nothing was current at the end of March: the row is there, empty, its shares undefined.
    expect(r.matrix.find((row) => row.from === 'current')).toMatchObject({ loans: 0, outstanding: '0.00' });
  });

  it('March: of the 280,000 current at the end of February, 220,000 rolled to M1 and 60,000 settled', async () => {
    const r = await rt.call('report.rollRate', { month: '2026-03' });
    const current = r.matrix.find((row) => row.from === 'current')!;
    expect(current.outstanding).toBe('280000.00');
    expect(current.cells.filter((c) => c.loans > 0).map((c) => [c.to, c.outstanding, c.share])).toEqual([
      ['M1', '220000.00', '0.7857'],
      ['settled', '60000.00', '0.2143'],
    ]);
  });

  it('trend: each month forward roll; months without both month ends are blank', async () => {
    const r = await rt.call('report.rollRate', { months: 4 });
    expect(r.trend.map((t) => t.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const roll = (month: string, from: string) => r.trend.find((t) => t.month === month)!.rates.find((x) => x.from === from)!.share;
    // January has no December to roll from.
    expect(roll('2026-01', 'current')).toBeNull();
    expect([roll('2026-02', 'current'), roll('2026-03', 'current'), roll('2026-04', 'M1')]).toEqual(['0.0000', '0.7857', '0.5455']);
  });
});

describe('vintage', () => {
  it('any days past due: January lent 180,000 (A and B), February 100,000 (C)', async () => {
    const v = await rt.call('report.vintage', { months: 4, dpdOver: 0 });
    expect(v.lastMonth).toBe('2026-04');
    expect(v.missingMonths).toEqual([]);
    expect(v.cohorts.map((c) => [c.cohort, c.loans, c.disbursed, c.cells.map((x) => x.ratio)])).toEqual([
      // A's 120,000 overdue from March: 120,000 / 180,000
      ['2026-01', 2, '180000.00', ['0.0000', '0.0000', '0.6667', '0.6667']],
      // C overdue in March, written off in April (it stays counted)
      ['2026-02', 1, '100000.00', ['0.0000', '1.0000', '1.0000']],
    ]);
  });

  it('more than 30 days past due: A counts from April, C only once written off', async () => {
    const v = await rt.call('report.vintage', { months: 4, dpdOver: 30 });
    expect(v.cohorts.map((c) => c.cells.map((x) => [x.mob, x.month, x.bad, x.ratio]))).toEqual([
      [[0, '2026-01', '0.00', '0.0000'], [1, '2026-02', '0.00', '0.0000'], [2, '2026-03', '0.00', '0.0000'], [3, '2026-04', '120000.00', '0.6667']],
      [[0, '2026-02', '0.00', '0.0000'], [1, '2026-03', '0.00', '0.0000'], [2, '2026-04', '100000.00', '1.0000']],
    ]);
  });

  it('a window reaching before the first close shows those months as missing, their cells blank', async () => {
    const v = await rt.call('report.vintage', { months: 6 });
    expect(v.missingMonths).toEqual(['2025-11', '2025-12']);
    const v2 = await rt.call('report.vintage', { asOf: '2026-03-31', months: 3 });
    expect(v2.lastMonth).toBe('2026-03');
    expect(v2.cohorts.map((c) => c.cells.length)).toEqual([3, 2]);
  });

  it('refuses an as-of after the business date, naming the field', async () => {
    expect(await rt.fail('report.vintage', { asOf: '2026-06-30' })).toMatchObject({ field: 'asOf', reason: 'afterBusinessDate' });
    expect(await rt.fail('report.rollRate', { month: '2026-13' })).toMatchObject({ field: 'month' });
    expect(await rt.fail('report.vintage', { dpdOver: 45 })).toMatchObject({ field: 'dpdOver' });
  });
});

describe('CLI and Excel', () => {
  it('loanbridge report vintage|roll-rate --json', async () => {
    rt.close();
    const v = JSON.parse((await runCli('--data-dir', dataDir, '--json', 'report', 'vintage', '--dpd-over', '0', '--months', '4')).stdout);
    expect(v.cohorts[0].cells.map((x: { ratio: string }) => x.ratio)).toEqual(['0.0000', '0.0000', '0.6667', '0.6667']);
    const r = JSON.parse((await runCli('--data-dir', dataDir, '--json', 'report', 'roll-rate')).stdout);
    expect(r.matrix.find((row: { from: string }) => row.from === 'M1').outstanding).toBe('220000.00');
    rt = await testRuntime({ dataDir });
  });
});

describe('month boundaries and an empty book', () => {
  it('a payment on the month-end day counts for that month; a due date on the month end is not yet overdue', async () => {
    const other = await testRuntime();
    await ampleNetAssets(other);
    try {
      await other.call('day.close', { to: '2025-12-31' });
      await twoBorrowers(other);
      // Due on the last day of each month: 01-31, 02-28, 03-31 …
      await disbursedLoan(other, 'L-EOM', 1, interestOnly('100000', '2025-12-31'));
      await other.call('day.close', { to: '2026-01-31' });
      await other.call('loan.repay', { contractNo: 'L-EOM', amount: '1000' });
      await other.call('day.close', { to: '2026-02-01' });
      await other.call('day.close', { to: '2026-04-01' });
      expect(monthEnds(other, ['L-EOM']).map((r) => [r.month, r.bucket, r.dpd])).toEqual([
        ['2025-12', 'current', 0],
        // Paid on 31 January, the month-end day itself.
        ['2026-01', 'current', 0],
        // Due 28 February: on its own day it is not yet late.
        ['2026-02', 'current', 0],
        // Still unpaid on 31 March: 31 days past due, M2.
        ['2026-03', 'M2', 31],
      ]);
      expect((await other.call('report.rollRate', { month: '2026-03' })).matrix.find((r) => r.from === 'current')!.cells.find((c) => c.to === 'M2')!.share).toBe('1.0000');
    } finally {
      other.close();
    }
  });

  it('an empty book has no cohorts, every month missing and no roll-rate matrix', async () => {
    const empty = await testRuntime();
    try {
      await empty.call('day.close', { to: '2026-03-15' });
      const v = await empty.call('report.vintage', { months: 3 });
      expect(v).toEqual({ lastMonth: '2026-02', dpdOver: 30, missingMonths: ['2025-12', '2026-01', '2026-02'], cohorts: [] });
      const r = await empty.call('report.rollRate', {});
      expect([r.month, r.complete, r.matrix]).toEqual(['2026-02', false, []]);
      expect(r.trend.every((t) => t.rates.every((x) => x.share === null))).toBe(true);
    } finally {
      empty.close();
    }
  });
});
