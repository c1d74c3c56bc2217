/** The seed story through the real services: a mortgaged business loan from application to early settlement. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ampleNetAssets } from '../../helpers/book';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';
import { seedStoryTerms } from '../../helpers/schedule';

let rt: TestRuntime;
const officer = { userName: 'li.xindai', role: 'loan-officer' as const };
const manager = { userName: 'wang.jingli', role: 'manager' as const };
const CONTRACT = 'DK-2026-0001';

const seedTerms = seedStoryTerms;

async function closeTo(date: string) {
  return rt.call('day.close', { to: date });
}

beforeAll(async () => {
  rt = await testRuntime({ now: () => new Date('2026-01-14T02:00:00Z') });
  await ampleNetAssets(rt);
  await rt.call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
});
afterAll(() => rt.close());

describe('a loan from application to settlement', () => {
  it('applies with the terms checked by the schedule engine, and a contract number', async () => {
    await closeTo('2026-01-15');
    const loan = await rt.call('loan.create', { borrowerId: 1, terms: seedTerms, securityType: 'mortgage', purpose: '采购建材', contractNo: CONTRACT }, officer);
    expect(loan).toMatchObject({ contractNo: CONTRACT, status: 'applied', principal: '1000000.00', apr: '17.30', penaltyRate: '24.00', loanOfficer: 'li.xindai', installments: [] });
    // Penalty = 17.30% × 1.5 = 25.95%, held to the 24% cap on all-in cost.
    expect(loan.events.map((e) => e.event)).toEqual(['applied']);
  });

  it('refuses to disburse before approval; a loan officer cannot approve', async () => {
    expect(await rt.fail('loan.disburse', { contractNo: CONTRACT }, officer)).toMatchObject({ code: 'conflict', reason: 'loanStatus' });
    expect(await rt.fail('loan.approve', { contractNo: CONTRACT }, officer)).toMatchObject({ code: 'forbidden' });
    const approved = await rt.call('loan.approve', { contractNo: CONTRACT, comment: '抵押充足，同意' }, manager);
    expect(approved).toMatchObject({ status: 'approved' });
  });

  it('disburses: the schedule is frozen and stored', async () => {
    const loan = await rt.call('loan.disburse', { contractNo: CONTRACT }, officer);
    expect(loan.status).toBe('disbursed');
    expect(loan.installments).toHaveLength(18);
    expect(loan.installments.slice(0, 6).map((i) => i.total)).toEqual(Array(6).fill('14416.67'));
    expect(loan.installments[6]!.total).toBe('91347.18');
    expect(loan).toMatchObject({ outstandingPrincipal: '1000000.00', dpd: 0, classification: 'normal', maturityDate: '2027-07-15' });
  });

  it('months 1–7 paid on their due dates', async () => {
    for (let month = 0; month < 7; month++) {
      const detail = await rt.call('loan.get', { contractNo: CONTRACT });
      const installment = detail.installments[month]!;
      await closeTo(installment.dueDate);
      await rt.call('loan.repay', { contractNo: CONTRACT, amount: installment.total, reference: `银行流水${month + 1}` }, officer);
    }
    const loan = await rt.call('loan.get', { contractNo: CONTRACT });
    expect(loan.installments.slice(0, 7).every((i) => i.state === 'paid')).toBe(true);
    expect(loan).toMatchObject({ outstandingPrincipal: '923069.49', principalRepaid: '76930.51', dpd: 0 });
  });

  it('month 8 missed: DPD, penalty on the overdue principal and compound interest, class 关注', async () => {
    const closed = await closeTo('2026-10-05');
    expect(closed.loans).toBe(1);
    const loan = await rt.call('loan.get', { contractNo: CONTRACT });
    // Due 2026-09-15; 20 days at 24% / 360: 78,039.59 → 1,040.53 penalty; 13,307.59 → 177.43 compound.
    expect(loan).toMatchObject({ dpd: 20, bucket: 'M1', classification: 'special-mention', overduePrincipal: '78039.59', overdueInterest: '13307.59', penaltyOutstanding: '1217.96' });
    expect(loan.installments[7]).toMatchObject({ state: 'overdue', penaltyAccrued: '1217.96' });
    const register = await rt.call('loan.list', { classification: 'special-mention' });
    expect(register.items.map((l) => [l.contractNo, l.dpd, l.bucket])).toEqual([[CONTRACT, 20, 'M1']]);
  });

  it('paid late, penalty first: back to normal', async () => {
    const loan = await rt.call('loan.repay', { contractNo: CONTRACT, amount: '92565.14', channel: 'bank' }, officer);
    const payment = loan.payments.at(-1)!;
    expect(payment.allocations).toEqual([
      { installment: 8, component: 'penalty', amount: '1217.96' },
      { installment: 8, component: 'interest', amount: '13307.59' },
      { installment: 8, component: 'principal', amount: '78039.59' },
    ]);
    expect(loan).toMatchObject({ dpd: 0, classification: 'normal', penaltyOutstanding: '0.00', outstandingPrincipal: '845029.90' });
  });

  it('a mistaken payment is reversed with a reason; the allocation replays', async () => {
    const mistaken = await rt.call('loan.repay', { contractNo: CONTRACT, amount: '500.00', reference: '错账' }, officer);
    const id = mistaken.payments.at(-1)!.id;
    expect(mistaken.unappliedCredit).toBe('500.00');
    const reversed = await rt.call('loan.reverse', { paymentId: id, reason: '客户误转，已退回' }, officer);
    expect(reversed.payments.at(-1)).toMatchObject({ status: 'reversed', reversalReason: '客户误转，已退回', allocations: [] });
    expect(reversed.unappliedCredit).toBe('0.00');
    expect(await rt.fail('loan.reverse', { paymentId: id, reason: 'again' }, officer)).toMatchObject({ reason: 'alreadyReversed' });
    expect(await rt.fail('loan.reverse', { paymentId: id, reason: '' }, officer)).toMatchObject({ field: 'reason' });
  });

  it('settles early with the payoff quote: interest only for the days used', async () => {
    await closeTo('2026-10-10');
    const quote = await rt.call('loan.payoff', { contractNo: CONTRACT });
    // 845,029.90 outstanding; 2026-09-15 → 2026-10-10 is 25 days (30/360): × 17.30% × 25/360 = 10,152.095… → 10,152.10
    expect(quote).toMatchObject({ outstandingPrincipal: '845029.90', accruedInterest: '10152.10', total: '855182.00', overdue: { principal: '0.00', penalty: '0.00' } });
    const settled = await rt.call('loan.settle', { contractNo: CONTRACT, reference: '提前结清' }, officer);
    expect(settled).toMatchObject({ status: 'settled', outstandingPrincipal: '0.00', principalRepaid: '1000000.00', dpd: 0 });
    expect(settled.installments.at(-1)).toMatchObject({ number: 9, dueDate: '2026-10-10', principal: '845029.90', interest: '10152.10', state: 'paid' });
    expect(settled.events.map((e) => e.event)).toEqual([
      'applied', 'approved', 'disbursed', ...Array(7).fill('repayment'), 'repayment', 'repayment', 'reversal', 'early-settlement', 'settled',
    ]);
  });

  it('keeps the invariants: disbursed = repaid + outstanding + written off; allocations sum to payments', async () => {
    const loan = await rt.call('loan.get', { contractNo: CONTRACT });
    const fen = (v: string) => Math.round(Number(v) * 100);
    expect(fen(loan.principalRepaid) + fen(loan.outstandingPrincipal) + fen(loan.writtenOff)).toBe(fen(loan.principal));
    for (const payment of loan.payments.filter((p) => p.status === 'posted')) {
      expect(payment.allocations.reduce((s, a) => s + fen(a.amount), 0)).toBe(fen(payment.amount));
    }
    expect(await rt.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('refuses bad requests naming the field', async () => {
    expect(await rt.fail('loan.create', { borrowerId: 99, terms: seedTerms }, officer)).toMatchObject({ field: 'borrowerId', reason: 'borrowerNotFound' });
    expect(await rt.fail('loan.create', { borrowerId: 1, terms: { ...seedTerms, annualRate: '30' } }, officer)).toMatchObject({ field: 'terms.annualRate', reason: 'aprAboveCap' });
    expect(await rt.fail('loan.create', { borrowerId: 1, terms: seedTerms, contractNo: CONTRACT }, officer)).toMatchObject({ field: 'contractNo', reason: 'contractNoTaken' });
    expect(await rt.fail('loan.repay', { contractNo: CONTRACT, amount: '-5' }, officer)).toMatchObject({ field: 'amount' });
    expect(await rt.fail('loan.repay', { contractNo: 'NOPE-1', amount: '5' }, officer)).toMatchObject({ field: 'contractNo', reason: 'loanNotFound' });
    expect(await rt.fail('loan.repay', { contractNo: CONTRACT, amount: '5' }, officer)).toMatchObject({ reason: 'loanStatus' });
    expect(await rt.fail('day.close', { to: '2026-01-01' })).toMatchObject({ field: 'to', reason: 'dateOrder' });
  });
});
