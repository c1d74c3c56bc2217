/**
 * Lending limits at approval: one borrower ≤ 10% of net assets, one borrower with its related parties ≤ 15%
 * (the settings' defaults). Net assets here are 10,000,000.00, so the limits are 1,000,000.00 and 1,500,000.00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../electron/services/platform/demo/random';
import { socialCreditCode } from '../../../electron/services/platform/demo/people';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const manager = { userName: 'wang.jingli', role: 'manager' as const };
const codes = (() => {
  const random = new SeededRandom(11);
  return [socialCreditCode(random, '330106'), socialCreditCode(random, '330106')];
})();
const apply = (contractNo: string, borrowerId: number, principal: string) =>
  rt.call('loan.create', { borrowerId, contractNo, terms: { principal, annualRate: '12', periods: 12, method: 'equal-installment', disbursementDate: '2026-01-15' } });

beforeAll(async () => {
  rt = await testRuntime();
  await rt.call('day.close', { to: '2026-01-15' });
  await rt.call('borrower.create', { kind: 'enterprise', name: '甲公司', idType: 'social-credit-code', idNumber: codes[0]! });
  // 乙 names 甲 as its shareholder: the two are related parties.
  await rt.call('borrower.create', { kind: 'enterprise', name: '乙公司', idType: 'social-credit-code', idNumber: codes[1]!, relatedPersons: [{ name: '甲公司', relationship: 'shareholder', idNumber: codes[0]! }] as never });
});
afterAll(() => rt.close());

describe('lending limits at approval', () => {
  it('refuses with no net assets on file, unless the approver records why', async () => {
    await apply('L-0', 1, '10000');
    expect(await rt.fail('loan.approve', { contractNo: 'L-0' }, manager)).toMatchObject({ code: 'conflict', field: 'limitOverride', reason: 'noNetAssets' });
    const approved = await rt.call('loan.approve', { contractNo: 'L-0', limitOverride: '净资产待审计后补录' }, manager);
    expect(approved.events.at(-1)).toMatchObject({ event: 'approved', detail: { limitOverride: { reason: '净资产待审计后补录', breaches: ['noNetAssets'] } } });
    await rt.call('loan.disburse', { contractNo: 'L-0' });
  });

  it('counts what the borrower owes and what it has been approved for; over 10% of net assets needs a reason', async () => {
    await rt.call('netAssets.record', { periodEnd: '2025-12-31', amount: '10000000' });
    // 甲 owes 10,000.00 (L-0); L-1 of 890,000.00 takes it to 900,000.00, within 1,000,000.00.
    await apply('L-1', 1, '890000');
    expect((await rt.call('loan.approve', { contractNo: 'L-1' }, manager)).status).toBe('approved');
    // Approved, not yet lent, it still counts: 10,000 + 890,000 + 100,001 = 1,000,001.00 > 1,000,000.00.
    await apply('L-2', 1, '100001');
    expect(await rt.fail('loan.approve', { contractNo: 'L-2' }, manager)).toMatchObject({ reason: 'singleBorrowerLimit', params: { exposure: '1000001.00', limit: '10.00', netAssets: '10000000.00' } });
    await apply('L-3', 1, '100000');
    expect((await rt.call('loan.approve', { contractNo: 'L-3' }, manager)).status).toBe('approved');
  });

  it('counts the related parties together against 15%', async () => {
    // 甲 now owes 1,000,000.00; 乙's own 500,000.01 is within its 10%, but together 1,500,000.01 > 1,500,000.00.
    await apply('L-4', 2, '500000.01');
    const refused = await rt.fail('loan.approve', { contractNo: 'L-4' }, manager);
    expect(refused).toMatchObject({ reason: 'relatedBorrowerLimit', params: { exposure: '1500000.01', limit: '15.00', related: 1 } });
    const approved = await rt.call('loan.approve', { contractNo: 'L-4', limitOverride: '贷审会2026-03号决议同意' }, manager);
    expect(approved.events.at(-1)!.detail).toMatchObject({ limitOverride: { breaches: ['relatedBorrowerLimit'] } });
    // A rejection checks nothing.
    await apply('L-5', 2, '9000000');
    expect((await rt.call('loan.approve', { contractNo: 'L-5', decision: 'reject', comment: '超限' }, manager)).status).toBe('rejected');
  });
});
