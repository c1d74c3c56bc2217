/**
 * Every lifecycle step tried from every status: allowed exactly where the rules allow it, refused
 * everywhere else with the status named, and a refused step changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guaranteeStatuses, type GuaranteeStatus } from '../../../shared/guarantees/guarantee';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const terms = { clientId: 1, bankId: 1, clientSize: 'small-micro' as const, guaranteedAmount: '1000000', bankLoanRate: '4.35', loanStart: '2026-03-01', loanEnd: '2027-03-01', feeRatePercent: '2.00' };

/** The steps that lead to each status from a fresh application. */
const pathTo: Record<GuaranteeStatus, Array<[string, Record<string, unknown>]>> = {
  applied: [],
  approved: [['guarantee.approve', { reviewDate: '2026-02-26', members: '王' }]],
  'in-force': [['guarantee.approve', { reviewDate: '2026-02-26', members: '王' }], ['guarantee.activate', {}]],
  released: [['guarantee.approve', { reviewDate: '2026-02-26', members: '王' }], ['guarantee.activate', {}], ['guarantee.release', {}]],
  compensated: [['guarantee.approve', { reviewDate: '2026-02-26', members: '王' }], ['guarantee.activate', {}], ['guarantee.compensate', { amount: '1000000' }]],
  recovering: [['guarantee.approve', { reviewDate: '2026-02-26', members: '王' }], ['guarantee.activate', {}], ['guarantee.compensate', { amount: '1000000' }], ['guarantee.recover', { amount: '100000' }]],
  closed: [['guarantee.approve', { reviewDate: '2026-02-26', members: '王' }], ['guarantee.activate', {}], ['guarantee.compensate', { amount: '1000000' }], ['guarantee.recover', { amount: '1000000' }]],
  loss: [['guarantee.approve', { reviewDate: '2026-02-26', members: '王' }], ['guarantee.activate', {}], ['guarantee.compensate', { amount: '1000000' }], ['guarantee.confirmLoss', { amount: '1000000', evidenceType: 'judgment', documentNo: '(2026)浙01民初1号' }]],
};

/** Each step with a small input, and the statuses it is allowed from (written out, not read from the code). */
const steps: Array<[string, Record<string, unknown>, GuaranteeStatus[]]> = [
  ['guarantee.approve', { reviewDate: '2026-02-26', members: '王' }, ['applied']],
  ['guarantee.activate', {}, ['approved']],
  ['guarantee.repay', { amount: '1000' }, ['in-force']],
  ['guarantee.release', {}, ['in-force']],
  ['guarantee.compensate', { amount: '1000' }, ['in-force']],
  ['guarantee.recover', { amount: '1000' }, ['compensated', 'recovering']],
  ['guarantee.confirmLoss', { amount: '1000', evidenceType: 'award', documentNo: '(2026)杭仲裁字第1号' }, ['compensated', 'recovering']],
  ['monitoring.record', { checkType: 'site-visit', findings: '正常', riskGrade: 'normal' }, ['in-force']],
  ['guarantee.raiseSignal', { signal: 'litigation' }, ['in-force']],
];

beforeAll(async () => {
  rt = await testRuntime();
  await rt.call('day.close', { to: '2026-03-01' });
  await rt.call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
  await rt.call('bank.create', { name: '杭州某农商银行', creditLine: '900000000', lineValidFrom: '2026-01-01', lineValidTo: '2027-12-31' });
});
afterAll(() => rt.close());

describe('guarantee lifecycle transitions', () => {
  let serial = 0;
  for (const status of guaranteeStatuses) {
    it(`from ${status}: each step allowed or refused as the rules say`, async () => {
      for (const [channel, input, allowedFrom] of steps) {
        const contractNo = `T-${++serial}`;
        await rt.call('guarantee.create', { ...terms, contractNo });
        for (const [step, stepInput] of pathTo[status]) await rt.call(step as never, { contractNo, ...stepInput } as never);
        expect((await rt.call('guarantee.get', { contractNo })).status).toBe(status);
        const result = await rt.dispatch(channel, { contractNo, ...input }, { actor: { userName: 'admin', role: 'administrator' } });
        if (allowedFrom.includes(status)) {
          expect(result.ok, `${channel} from ${status}`).toBe(true);
        } else {
          expect(result.ok, `${channel} from ${status}`).toBe(false);
          expect(!result.ok && result.error).toMatchObject({ code: 'conflict', reason: 'guaranteeStatus', params: { status } });
          expect((await rt.call('guarantee.get', { contractNo })).status).toBe(status);
        }
      }
    });
  }
});
