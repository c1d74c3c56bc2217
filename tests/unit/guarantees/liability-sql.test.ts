/**
 * The weighted liability the entry check reads (guarantee_liability_total, kept by triggers through
 * guarantee_client_exposures) equals
 * shared/guarantees/ratios' on a demo book of guarantees in every state, and stays equal through every
 * kind of change to a contract: activation, bank repayment, release, compensation, a client crossing the
 * small/micro cap and coming back under it, and a contract changing client or class. So does each bank's
in-force balance against its credit line (guarantee_bank_exposures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankUsage, inForceEndingBy, ratioBook, updateGuarantee, weightedLiabilityNow } from '../../../db/repositories/guarantees/guarantees';
import { checksDueCount } from '../../../db/repositories/guarantees/monitoring';
import { formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import { ratioHeadline, ratioSettings } from '../../../electron/services/guarantees/ratios';
import { businessDate } from '../../../electron/services/platform/status';
import { weightedLiability } from '../../../shared/guarantees/ratios';
import { serviceContext, testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;

beforeAll(async () => {
  rt = await testRuntime();
  await rt.call('platform.demo', { borrowers: 80, loans: 0, guarantees: 120, seed: 31 });
}, 120_000);
afterAll(() => rt.close());

function liabilities() {
  const ctx = serviceContext(rt);
  const settings = ratioSettings(ctx);
  const date = businessDate(ctx);
  const book = ratioBook(ctx.db);
  return {
    sql: weightedLiabilityNow(ctx.db),
    reference: weightedLiability(book, date, settings),
    book,
  };
}

/** Each bank's in-force balance as kept (guarantee_bank_exposures) and as summed from its contracts. */
function bankBalances() {
  const ctx = serviceContext(rt);
  const summed = rt.database.sqlite
    .prepare("SELECT b.id, COALESCE(SUM(CASE WHEN g.status = 'in-force' THEN g.guaranteed_amount - g.repaid_to_bank END), 0) AS balance FROM partner_banks b LEFT JOIN guarantee_contracts g ON g.bank_id = b.id GROUP BY b.id ORDER BY b.id")
    .all() as Array<{ id: number; balance: number }>;
  return { kept: summed.map((b) => bankUsage(ctx.db, b.id)), summed: summed.map((b) => b.balance) };
}

const exposureRows = () => rt.database.sqlite.prepare('SELECT * FROM guarantee_client_exposures ORDER BY client_id').all() as Array<Record<string, number>>;

describe('weighted liability from the client exposures', () => {
  it('equals the JavaScript computation over every contract and event on the demo book', () => {
    const { sql, reference, book } = liabilities();
    const events = book.flatMap((c) => c.events.map((e) => e.event));
    // Not vacuous: contracts in force, repaid, released and compensated.
    for (const event of ['in-force', 'bank-repayment', 'released', 'compensated']) expect(events).toContain(event);
    expect(reference).toBeGreaterThan(0);
    expect(sql).toBe(reference);
    const banks = bankBalances();
    expect(banks.summed.filter((b) => b > 0).length).toBeGreaterThan(1);
    expect(banks.kept).toEqual(banks.summed);
    // Only clients with a balance in force are kept.
    const rows = exposureRows();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.entries(row).some(([k, v]) => k !== 'client_id' && v !== 0), String(row.client_id)).toBe(true);
  });

  it('the dashboard’s figures on the business date equal the ratio functions’ and the lists they count', async () => {
    const ctx = serviceContext(rt);
    const today = businessDate(ctx);
    const ratios = await rt.call('guarantee.ratios', {});
    expect(ratios.compensationRate).not.toBeNull();
    expect(ratioHeadline(ctx, today)).toEqual({
      inForceBalance: ratios.inForceBalance,
      weightedLiability: ratios.weightedLiability,
      leverage: ratios.leverage,
      leverageLimit: ratios.leverageLimit,
      compensationRate: ratios.compensationRate,
      lossRate: ratios.lossRate,
    });
    // The alerts list contracts up to the longest alert window (90 days).
    for (const days of [0, 30, 89, 90]) {
      const until = formatIsoDate(parseIsoDate(today)! + days);
      const alerts = (await rt.call('guarantee.alerts', {})).maturing.filter((m) => m.loanEnd <= until);
      const fen = (v: string) => Math.round(Number(v) * 100);
      expect(inForceEndingBy(ctx.db, until), until).toEqual({ contracts: alerts.length, outstanding: alerts.reduce((s, m) => s + fen(m.outstanding), 0) });
      expect(checksDueCount(ctx.db, until), until).toBe((await rt.call('monitoring.due', { withinDays: days })).length);
    }
    expect(checksDueCount(ctx.db, today)).toBeGreaterThan(0);
  });

  it('stays equal through activation, repayment, a cap crossed and uncrossed, release, compensation and reclassification', async () => {
    const status = (await rt.call('platform.status', {})) as { businessDate: string };
    const today = status.businessDate;
    const banks = (await rt.call('bank.list', {})) as Array<{ id: number }>;
    const clientId = 7;
    const contract = async (contractNo: string, amount: string, clientSize: 'small-micro' | 'farm-household') => {
      await rt.call('guarantee.create', {
        contractNo, clientId, bankId: banks[0]!.id, guaranteeType: 'loan', clientSize, guaranteedAmount: amount, bankLoanNo: `T-${contractNo}`, bankLoanRate: '4.35',
        loanStart: today, loanEnd: '2099-12-31', feeRatePercent: '1.50', feeCharging: 'upfront', marginDeposit: '0', overrideReason: '测试',
      });
      await rt.call('guarantee.approve', { contractNo, reviewDate: today, members: '审保会', conditions: null });
    };
    const same = (step: string) => {
      const { sql, reference } = liabilities();
      expect(sql, step).toBe(reference);
      const banks = bankBalances();
      expect(banks.kept, step).toEqual(banks.summed);
    };
    await contract('L-1', '3000000.01', 'small-micro');
    same('approved, not yet in force');
    await rt.call('guarantee.activate', { contractNo: 'L-1', date: today });
    same('in force: 75% while under the 5 million cap (an odd fen rounds half-up)');
    await contract('L-2', '2500000', 'small-micro');
    await rt.call('guarantee.activate', { contractNo: 'L-2', date: today });
    same('the client over the cap: both at 100%');
    await rt.call('guarantee.repay', { contractNo: 'L-2', amount: '600000', date: today });
    same('repaid back under the cap');
    await contract('L-3', '800000', 'farm-household');
    await rt.call('guarantee.activate', { contractNo: 'L-3', date: today });
    same('a farm-household contract of the same client, its cap exceeded by the client total');
    await rt.call('guarantee.release', { contractNo: 'L-1', date: today });
    same('released');
    await rt.call('guarantee.compensate', { contractNo: 'L-2', amount: '1000000', date: today });
    same('compensated');
    // Changes no service makes, straight to the table: the triggers follow them all the same.
    const ctx = serviceContext(rt);
    const l3 = ratioBook(ctx.db, clientId).find((c) => c.contractNo === 'L-3')!;
    const id = rt.database.sqlite.prepare('SELECT id FROM guarantee_contracts WHERE contract_no = ?').pluck().get(l3.contractNo) as number;
    updateGuarantee(ctx.db, id, { clientId: 8 });
    same('moved to another client');
    updateGuarantee(ctx.db, id, { guaranteeType: 'bond', issuerRating: 'AA+' });
    same('reclassified as a bond rated AA+');
    expect(exposureRows().find((r) => r.client_id === 8)?.bond_high_weighted).toBe(64_000_000);
    const before = bankBalances().kept;
    updateGuarantee(ctx.db, id, { bankId: banks[1]!.id });
    same('moved to another bank');
    expect(bankBalances().kept[1]! - before[1]!).toBe(80_000_000);
  });
});
