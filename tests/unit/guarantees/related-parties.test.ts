/**
 * Related-party groups walked from one client (the guarantee entry check) equal the groups the ratios
 * page builds from every link: a chain A ← B (B names A as its shareholder), B and C controlled by the
 * same person, D on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relatedBorrowerPairs } from '../../../db/repositories/lending/borrowers';
import { SeededRandom } from '../../../electron/services/platform/demo/random';
import { personName, residentId, socialCreditCode } from '../../../electron/services/platform/demo/people';
import { relatedParties } from '../../../electron/services/lending/related-borrowers';
import { clientGroups } from '../../../shared/guarantees/concentration';
import { serviceContext, testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const random = new SeededRandom(4);
const codes = Array.from({ length: 4 }, () => socialCreditCode(random, '330106'));
const controller = residentId(random, '330106', 1);

beforeAll(async () => {
  rt = await testRuntime();
  const company = (k: number, relatedPersons: unknown[]) =>
    rt.call('borrower.create', { kind: 'enterprise', name: `关联测试公司${k}`, idType: 'social-credit-code', idNumber: codes[k]!, relatedPersons: relatedPersons as never });
  await company(0, []);
  await company(1, [{ name: '关联测试公司0', relationship: 'shareholder', idNumber: codes[0] }, { name: personName(random), relationship: 'actual-controller', idNumber: controller }]);
  await company(2, [{ name: '同一实际控制人', relationship: 'actual-controller', idNumber: controller }]);
  // A contact person is not a link.
  await company(3, [{ name: '联系人', relationship: 'contact', idNumber: codes[0] }]);
});
afterAll(() => rt.close());

describe('related parties', () => {
  it('walks the chain from any member to the whole group, and leaves an unrelated client alone', () => {
    const ctx = serviceContext(rt);
    expect(relatedParties(ctx, 1)).toEqual([2, 3]);
    expect(relatedParties(ctx, 3)).toEqual([1, 2]);
    expect(relatedParties(ctx, 4)).toEqual([]);
    const groupOf = clientGroups(relatedBorrowerPairs(ctx.db));
    for (const id of [1, 2, 3, 4]) {
      expect(relatedParties(ctx, id)).toEqual([1, 2, 3, 4].filter((other) => other !== id && groupOf(other) === groupOf(id)));
    }
  });
});
