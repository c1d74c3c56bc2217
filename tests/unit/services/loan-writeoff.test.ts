import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';
import { ampleNetAssets } from '../../helpers/book';

let rt: TestRuntime;
const manager = { userName: 'wang.jingli', role: 'manager' as const };
beforeEach(async () => {
  rt = await testRuntime();
  await ampleNetAssets(rt);
  await rt.call('day.close', { to: '2026-01-15' });
  await rt.call('borrower.create', { kind: 'individual', name: '赵六', idType: 'resident-id', idNumber: '11010519491231002X' });
  await rt.call('loan.create', { borrowerId: 1, contractNo: 'W-1', terms: { principal: '100000', annualRate: '12', periods: 3, method: 'interest-only', disbursementDate: '2026-01-15' } });
  await rt.call('loan.approve', { contractNo: 'W-1' }, manager);
  await rt.call('loan.disburse', { contractNo: 'W-1' });
  await rt.call('day.close', { to: '2026-02-15' });
  await rt.call('loan.repay', { contractNo: 'W-1', amount: '1000' });
});
afterEach(() => rt.close());

describe('classification override, write-off and recovery', () => {
  it('overrides the class with a reason and a history, and returns to automatic', async () => {
    const overridden = await rt.call('loan.classify', { contractNo: 'W-1', classification: 'doubtful', reason: '借款人涉诉' }, manager);
    expect(overridden).toMatchObject({ classification: 'doubtful', classOverride: 'doubtful', dpd: 0 });
    expect(overridden.events.at(-1)).toMatchObject({ event: 'classified', detail: { from: 'normal', to: 'doubtful', reason: '借款人涉诉' } });
    await rt.call('day.close', { to: '2026-02-20' });
    expect((await rt.call('loan.list', { classification: 'doubtful' })).total).toBe(1);
    const automatic = await rt.call('loan.classify', { contractNo: 'W-1', classification: null, reason: '诉讼已撤回' }, manager);
    expect(automatic).toMatchObject({ classification: 'normal', classOverride: null });
    expect(await rt.fail('loan.classify', { contractNo: 'W-1', classification: 'loss', reason: '' }, manager)).toMatchObject({ field: 'reason' });
  });

  it('writes off the outstanding principal, keeps the history, and records recoveries', async () => {
    await rt.call('day.close', { to: '2026-09-01' });
    const written = await rt.call('loan.writeOff', { contractNo: 'W-1', reason: '法院终结本次执行' }, manager);
    expect(written).toMatchObject({ status: 'written-off', writtenOff: '100000.00', outstandingPrincipal: '0.00', principalRepaid: '0.00', classification: 'loss' });
    expect(written.installments).toHaveLength(3);
    expect(await rt.fail('loan.repay', { contractNo: 'W-1', amount: '10' })).toMatchObject({ reason: 'loanStatus' });
    const recovered = await rt.call('loan.recover', { contractNo: 'W-1', amount: '30000', reference: '拍卖款' });
    expect(recovered).toMatchObject({ recovered: '30000.00', writtenOff: '100000.00', status: 'written-off' });
    expect(recovered.payments.at(-1)).toMatchObject({ kind: 'recovery', amount: '30000.00', allocations: [] });
    const fen = (v: string) => Math.round(Number(v) * 100);
    expect(fen(recovered.principalRepaid) + fen(recovered.outstandingPrincipal) + fen(recovered.writtenOff)).toBe(fen(recovered.principal));
    // The daily close leaves a written-off loan alone.
    await rt.call('day.close', { to: '2026-10-01' });
    expect((await rt.call('loan.get', { contractNo: 'W-1' })).status).toBe('written-off');
  });

  it('only a manager or administrator writes off', async () => {
    expect(await rt.fail('loan.writeOff', { contractNo: 'W-1', reason: 'x' }, { userName: 'li', role: 'loan-officer' })).toMatchObject({ code: 'forbidden' });
  });
});
