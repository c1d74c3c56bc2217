/** Partial prepayment and extension on stored loans: new schedule versions, the old ones kept. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ampleNetAssets } from '../../helpers/book';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const manager = { userName: 'wang.jingli', role: 'manager' as const };
const fen = (v: string) => Math.round(Number(v) * 100);

beforeEach(async () => {
  rt = await testRuntime();
  await ampleNetAssets(rt);
  await rt.call('day.close', { to: '2026-01-15' });
  await rt.call('borrower.create', { kind: 'individual', name: '孙七', idType: 'resident-id', idNumber: '11010519491231002X' });
  await rt.call('loan.create', { borrowerId: 1, contractNo: 'P-1', terms: { principal: '100000', annualRate: '12', periods: 12, method: 'equal-installment', disbursementDate: '2026-01-15' } });
  await rt.call('loan.approve', { contractNo: 'P-1' }, manager);
  await rt.call('loan.disburse', { contractNo: 'P-1' });
  for (const date of ['2026-02-15', '2026-03-15']) {
    await rt.call('day.close', { to: date });
    await rt.call('loan.repay', { contractNo: 'P-1', amount: '8884.88' });
  }
});
afterEach(() => rt.close());

describe('partial prepayment', () => {
  it('keep the term: 12 installments still, a lower installment', async () => {
    const loan = await rt.call('loan.prepay', { contractNo: 'P-1', amount: '30000', mode: 'keep-term' });
    // Two paid, one prepayment installment, nine re-amortized.
    expect(loan.installments).toHaveLength(13);
    expect(loan.installments[2]).toMatchObject({ dueDate: '2026-03-15', principal: '30000.00', interest: '0.00', state: 'paid' });
    expect(fen(loan.installments[3]!.total)).toBeLessThan(888_488);
    expect(loan.installments.at(-1)!.dueDate).toBe('2027-01-15');
    expect(fen(loan.outstandingPrincipal)).toBe(fen('84151.39') - 3_000_000);
    expect(loan.events.at(-1)).toMatchObject({ event: 'prepayment', detail: { mode: 'keep-term' } });
  });

  it('keep the installment: the same 8,884.88, a shorter term', async () => {
    const loan = await rt.call('loan.prepay', { contractNo: 'P-1', amount: '30000', mode: 'keep-installment' });
    expect(loan.installments.slice(3, -1).every((i) => i.total === '8884.88')).toBe(true);
    expect(loan.installments.at(-1)!.dueDate < '2027-01-15').toBe(true);
    const principal = loan.installments.reduce((s, i) => s + fen(i.principal), 0);
    expect(principal).toBe(10_000_000);
  });

  it('between due dates it pays the interest for the days used first', async () => {
    await rt.call('day.close', { to: '2026-03-25' });
    const loan = await rt.call('loan.prepay', { contractNo: 'P-1', amount: '20000', mode: 'keep-term' });
    // 84,151.39 × 12% × 10/360 = 280.50
    expect(loan.installments[2]).toMatchObject({ dueDate: '2026-03-25', interest: '280.50', principal: '19719.50' });
    expect(loan.installments[3]!.periodStart).toBe('2026-03-25');
  });

  it('refuses when something is overdue or the amount would settle the loan', async () => {
    await rt.call('day.close', { to: '2026-04-20' });
    expect(await rt.fail('loan.prepay', { contractNo: 'P-1', amount: '1000', mode: 'keep-term' })).toMatchObject({ reason: 'overdueFirst' });
  });
});

describe('extension (展期)', () => {
  it('re-amortizes the outstanding principal over more periods from the date, keeping the history', async () => {
    await rt.call('day.close', { to: '2026-04-15' });
    await rt.call('loan.repay', { contractNo: 'P-1', amount: '8884.88' });
    const before = await rt.call('loan.get', { contractNo: 'P-1' });
    const extended = await rt.call('loan.restructure', { contractNo: 'P-1', kind: 'extension', periods: 18, reason: '经营周期延长，申请展期' }, manager);
    expect(extended.installments.slice(0, 3).map((i) => i.state)).toEqual(['paid', 'paid', 'paid']);
    expect(extended.installments).toHaveLength(3 + 18);
    expect(extended.maturityDate).toBe('2027-10-15');
    expect(extended.outstandingPrincipal).toBe(before.outstandingPrincipal);
    expect(extended.installments.reduce((s, i) => s + fen(i.principal), 0)).toBe(10_000_000);
    expect(extended.events.at(-1)).toMatchObject({ event: 'extended', detail: { reason: '经营周期延长，申请展期', periods: 18 } });
    expect(await rt.fail('loan.restructure', { contractNo: 'P-1', kind: 'extension', periods: 6, reason: 'x' }, { userName: 'li', role: 'loan-officer' })).toMatchObject({ code: 'forbidden' });
  });

  it('capitalises overdue interest and penalty into an installment due on the day of a restructuring', async () => {
    await rt.call('day.close', { to: '2026-05-25' });
    const before = await rt.call('loan.get', { contractNo: 'P-1' });
    expect(before.dpd).toBe(40);
    const restructured = await rt.call('loan.restructure', { contractNo: 'P-1', kind: 'restructuring', periods: 24, annualRate: '10.00', reason: '困难重组' }, manager);
    const bridge = restructured.installments[2]!;
    expect(bridge).toMatchObject({ dueDate: '2026-05-25', principal: '0.00' });
    expect(fen(bridge.interest)).toBeGreaterThan(fen(before.overdueInterest));
    expect(restructured.outstandingPrincipal).toBe(before.outstandingPrincipal);
    expect(restructured.dpd).toBe(0);
  });
});
