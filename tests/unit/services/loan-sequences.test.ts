/**
 * The sequences of events a real desk produces, through the services on a real book. Every expected
 * figure is computed here from the contract's own formulas (PMT at 1% a month, interest = balance ×
 * 12% × days / 360, penalty at 18%), never read back from the app first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ampleNetAssets } from '../../helpers/book';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const manager = { userName: 'wang.jingli', role: 'manager' as const };
const fen = (yuan: string) => Math.round(Number(yuan) * 100);
const yuan = (f: number) => (f / 100).toFixed(2);
/** Level payment of `balance` fen over `n` months at 1% a month (PMT), to the fen. */
const pmt = (balance: number, n: number) => Math.round((balance * 0.01) / (1 - 1.01 ** -n));
const interest = (balance: number, days: number) => Math.round((balance * 0.12 * days) / 360);
const penalty = (base: number, days: number) => Math.round((base * 0.18 * days) / 360);

/** 100,000.00 at 12% for 12 months from 2026-01-15: 8,884.88 a month; installment 1 is 1,000.00 interest and 7,884.88 principal. */
const FIRST = { total: 888_488, interest: 100_000, principal: 788_488 };

async function lend(contractNo = 'P-1') {
  await rt.call('loan.create', { borrowerId: 1, contractNo, terms: { principal: '100000', annualRate: '12', periods: 12, method: 'equal-installment', disbursementDate: '2026-01-15' } });
  await rt.call('loan.approve', { contractNo }, manager);
  await rt.call('loan.disburse', { contractNo });
}
const closeTo = (date: string) => rt.call('day.close', { to: date });
const get = (contractNo = 'P-1') => rt.call('loan.get', { contractNo });
const shape = (loan: Awaited<ReturnType<typeof get>>) => loan.installments.map((i) => ({ dueDate: i.dueDate, principal: i.principal, interest: i.interest, total: i.total }));

beforeEach(async () => {
  rt = await testRuntime();
  await ampleNetAssets(rt);
  await closeTo('2026-01-15');
  await rt.call('borrower.create', { kind: 'individual', name: '孙七', idType: 'resident-id', idNumber: '11010519491231002X' });
  await lend();
  await closeTo('2026-02-15');
  await rt.call('loan.repay', { contractNo: 'P-1', amount: '8884.88' });
});
afterEach(() => rt.close());

describe('prepayments one after another', () => {
  it('keep the term, then keep the installment: the installment stays at 6,038.64 and the term shortens only as the money does', async () => {
    await closeTo('2026-03-01');
    // 16 days into period 2 (30/360): interest on 92,115.12 for 16 days, then the rest of 30,000 to principal.
    const balance = 10_000_000 - FIRST.principal;
    const paidInterest = interest(balance, 16);
    const keptTerm = await rt.call('loan.prepay', { contractNo: 'P-1', amount: '30000', mode: 'keep-term' });
    const afterTerm = balance - (3_000_000 - paidInterest);
    expect(keptTerm.installments[1]).toMatchObject({ dueDate: '2026-03-01', interest: yuan(paidInterest), principal: yuan(3_000_000 - paidInterest), state: 'paid' });
    const level = pmt(afterTerm, 11);
    expect(yuan(level)).toBe('6038.64');
    expect(keptTerm.installments.slice(2, -1).every((i) => i.total === yuan(level))).toBe(true);

    await closeTo('2026-03-15');
    const third = keptTerm.installments[2]!;
    await rt.call('loan.repay', { contractNo: 'P-1', amount: third.total });
    const keptInstallment = await rt.call('loan.prepay', { contractNo: 'P-1', amount: '1000', mode: 'keep-installment' });
    const rest = keptInstallment.installments.slice(4);
    expect(rest.slice(0, -1).every((i) => i.total === '6038.64')).toBe(true);
    const remaining = fen(third.closingBalance) - 100_000;
    const months = Math.ceil(-Math.log(1 - (remaining * 0.01) / level) / Math.log(1.01));
    expect(rest).toHaveLength(months);
    expect(keptInstallment.installments.reduce((s, i) => s + fen(i.principal), 0)).toBe(10_000_000);
  });
});

describe('reversals', () => {
  it('reversing a prepayment brings back the schedule it replaced: nothing overdue, no penalty, the whole balance', async () => {
    await closeTo('2026-03-01');
    const before = await get();
    const prepaid = await rt.call('loan.prepay', { contractNo: 'P-1', amount: '30000', mode: 'keep-term' });
    await closeTo('2026-03-10');
    const reversed = await rt.call('loan.reverse', { paymentId: prepaid.payments.at(-1)!.id, reason: '银行退票' });
    expect(shape(reversed)).toEqual(shape(before));
    expect(reversed).toMatchObject({ dpd: 0, bucket: 'current', classification: 'normal', penaltyOutstanding: '0.00', outstandingPrincipal: yuan(10_000_000 - FIRST.principal), unappliedCredit: '0.00' });
    expect(reversed.payments.at(-1)).toMatchObject({ status: 'reversed', reversalReason: '银行退票' });
    expect(reversed.events.at(-1)).toMatchObject({ event: 'reversal', detail: { event: 'prepayment', amount: '30000.00', reason: '银行退票' } });
    // The restored installment 2 falls due on 2026-03-15 like any other.
    await closeTo('2026-03-20');
    expect(await get()).toMatchObject({ dpd: 5, overduePrincipal: yuan(pmt(10_000_000, 12) - interest(10_000_000 - FIRST.principal, 30)) });
  });

  it('refuses to reverse the payment a later prepayment stood on; reversed in the other order, the loan is as lent', async () => {
    await closeTo('2026-03-01');
    const prepaid = await rt.call('loan.prepay', { contractNo: 'P-1', amount: '30000', mode: 'keep-term' });
    const [first, second] = prepaid.payments.map((p) => p.id);
    expect(await rt.fail('loan.reverse', { paymentId: first!, reason: '录错' })).toMatchObject({ code: 'conflict', reason: 'laterStepRefused', params: { event: 'prepayment', date: '2026-03-01', because: 'overdueFirst' } });
    await rt.call('loan.reverse', { paymentId: second!, reason: '录错' });
    const lent = await rt.call('loan.reverse', { paymentId: first!, reason: '录错' });
    expect(lent).toMatchObject({ outstandingPrincipal: '100000.00', principalRepaid: '0.00', dpd: 14, overduePrincipal: yuan(FIRST.principal), overdueInterest: yuan(FIRST.interest) });
    expect(lent.installments).toHaveLength(12);
    expect(await rt.fail('loan.reverse', { paymentId: first!, reason: '再次' })).toMatchObject({ reason: 'alreadyReversed' });
  });

  it('reverses an extension by its event: the schedule before it comes back', async () => {
    const before = await get();
    const extended = await rt.call('loan.restructure', { contractNo: 'P-1', kind: 'extension', periods: 18, reason: '展期' }, manager);
    expect(extended.installments).toHaveLength(1 + 18);
    const event = extended.events.findLast((e) => e.event === 'extended')!;
    const back = await rt.call('loan.reverse', { eventId: event.id, reason: '展期申请撤回' });
    expect(shape(back)).toEqual(shape(before));
    expect(back.events.find((e) => e.id === event.id)).toMatchObject({ reversed: true });
    expect(back.maturityDate).toBe('2027-01-15');
  });

  it('a write-off is reversed only after its recoveries: the loan is live again with its balance', async () => {
    await closeTo('2026-06-30');
    await rt.call('loan.writeOff', { contractNo: 'P-1', reason: '核销测试' }, manager);
    const recovered = await rt.call('loan.recover', { contractNo: 'P-1', amount: '500' });
    expect(recovered).toMatchObject({ status: 'written-off', writtenOff: yuan(10_000_000 - FIRST.principal), recovered: '500.00' });
    const writeOffId = recovered.events.find((e) => e.event === 'written-off')!.id;
    expect(await rt.fail('loan.reverse', { eventId: writeOffId, reason: '错误核销' })).toMatchObject({ reason: 'laterStepRefused', params: { event: 'recovery' } });
    await rt.call('loan.reverse', { paymentId: recovered.payments.at(-1)!.id, reason: '退回' });
    const live = await rt.call('loan.reverse', { eventId: writeOffId, reason: '错误核销' });
    expect(live).toMatchObject({ status: 'disbursed', writtenOff: '0.00', recovered: '0.00', outstandingPrincipal: yuan(10_000_000 - FIRST.principal) });
    expect(live.dpd).toBe(Date.parse('2026-06-30') / 86_400_000 - Date.parse('2026-03-15') / 86_400_000);
  });
});

describe('the terms that decide money are frozen on the loan', () => {
  it('a loan settled exactly stays settled to the fen after the day basis and rounding settings change', async () => {
    // Installment 2 (due 2026-03-15) paid 10 days late, with its penalty, then the loan settled on the same day.
    await closeTo('2026-03-25');
    const balance = 10_000_000 - FIRST.principal;
    const second = { interest: interest(balance, 30), principal: pmt(10_000_000, 12) - interest(balance, 30) };
    const expectedPenalty = penalty(second.principal, 10) + penalty(second.interest, 10);
    const quote = await rt.call('loan.payoff', { contractNo: 'P-1' });
    expect(quote.overdue.penalty).toBe(yuan(expectedPenalty));
    const settled = await rt.call('loan.settle', { contractNo: 'P-1' });
    expect(settled).toMatchObject({ status: 'settled', unappliedCredit: '0.00', penaltyOutstanding: '0.00' });
    const penaltyPaid = () => rt.database.sqlite.prepare("SELECT SUM(amount) FROM payment_allocations WHERE component = 'penalty'").pluck().get() as number;
    expect(penaltyPaid()).toBe(expectedPenalty);

    await rt.call('settings.set', { key: 'lending.daysPerYear', value: 365 });
    await rt.call('settings.set', { key: 'lending.roundingMode', value: 'half-even' });
    await closeTo('2026-04-01');
    const after = await get();
    expect(after).toMatchObject({ status: 'settled', unappliedCredit: '0.00', penaltyOutstanding: '0.00' });
    expect(after.installments[1]!.penaltyPaid).toBe(yuan(expectedPenalty));
    expect(penaltyPaid()).toBe(expectedPenalty);

    // A loan entered after the change takes the new basis, for its whole life.
    await lend('P-2');
    const row = rt.database.sqlite.prepare("SELECT day_basis, rounding_mode FROM loans WHERE contract_no = 'P-2'").get();
    expect(row).toEqual({ day_basis: 365, rounding_mode: 'half-even' });
  });
});

describe('a receipt and a prepayment on the same day', () => {
  it('the prepayment never changes how the earlier receipt was allocated', async () => {
    await closeTo('2026-03-20');
    const quote = await rt.call('loan.payoff', { contractNo: 'P-1' });
    const owed = fen(quote.overdue.principal) + fen(quote.overdue.interest) + fen(quote.overdue.penalty);
    const paid = await rt.call('loan.repay', { contractNo: 'P-1', amount: yuan(owed) });
    const allocations = paid.payments.at(-1)!.allocations;
    const prepaid = await rt.call('loan.prepay', { contractNo: 'P-1', amount: '20000', mode: 'keep-term' });
    expect(prepaid.payments.find((p) => p.id === paid.payments.at(-1)!.id)!.allocations).toEqual(allocations);
    // The prepayment's own installment: 5 days of interest (30/360, 2026-03-15 to 03-20) on what was left.
    const left = fen(paid.outstandingPrincipal);
    expect(prepaid.installments[2]).toMatchObject({ dueDate: '2026-03-20', interest: yuan(interest(left, 5)), principal: yuan(2_000_000 - interest(left, 5)), state: 'paid' });
    expect(prepaid).toMatchObject({ dpd: 0, penaltyOutstanding: '0.00', unappliedCredit: '0.00' });
  });
});

describe('a borrower who pays every installment two days late', () => {
  it('rolls into arrears when each payment pays the penalty first; with the penalty last, stays current and owes only the penalty', async () => {
    // Interest and principal of what is due before any penalty: each payment settles its installment.
    await rt.call('product.create', { code: 'ZQ', name: '罚息后收', method: 'equal-installment', annualRate: '12', periods: 12, allocationOrder: ['costs', 'interest', 'fees', 'principal', 'penalty'] });
    await rt.call('loan.create', { borrowerId: 1, contractNo: 'P-2', productCode: 'ZQ', terms: { principal: '100000', annualRate: '12', periods: 12, method: 'equal-installment', disbursementDate: '2026-01-15' } });
    await rt.call('loan.approve', { contractNo: 'P-2' }, manager);
    await rt.call('loan.disburse', { contractNo: 'P-2' });
    await lend('P-3');
    const schedule = (await get('P-2')).installments;
    let expectedPenalty = 0;
    for (const installment of schedule.slice(0, 6)) {
      const late = new Date(Date.parse(`${installment.dueDate}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
      await closeTo(late);
      for (const contractNo of ['P-2', 'P-3']) await rt.call('loan.repay', { contractNo, amount: installment.total });
      // Two days on the installment's principal and on its interest, each rounded once.
      expectedPenalty += penalty(fen(installment.principal), 2) + penalty(fen(installment.interest), 2);
      expect((await get('P-2')).dpd, `P-2 after paying ${installment.dueDate}`).toBe(0);
    }
    const [byInstallment, byComponent] = [await get('P-2'), await get('P-3')];
    expect(byInstallment).toMatchObject({ dpd: 0, classification: 'normal', penaltyOutstanding: yuan(expectedPenalty) });
    expect(byInstallment.installments.slice(0, 6).every((i) => i.state === 'paid')).toBe(true);
    // Penalty first, each payment leaves the newest installment short by what the penalty took: the arrears roll
    // forward month after month (and age once the term ends), though every installment was paid in full amount.
    expect(byComponent.dpd).toBe(2);
    expect(byComponent.installments[5]!.state).not.toBe('paid');
    expect(fen(byComponent.overduePrincipal)).toBeGreaterThan(0);
  });
});
