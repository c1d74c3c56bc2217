/** Building a small book by hand for service tests: the two borrowers most tests use, and a loan taken to disbursement. */
import type { TestRuntime } from './runtime';

const MANAGER = { userName: 'wang', role: 'manager' as const };

/** 赵六 (an individual, borrower 1) and 杭州恒达建材有限公司 (an enterprise, borrower 2). */
export async function twoBorrowers(rt: TestRuntime): Promise<void> {
  await rt.call('borrower.create', { kind: 'individual', name: '赵六', idType: 'resident-id', idNumber: '11010519491231002X' });
  await rt.call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
}

/** A loan applied for, approved by a manager and disbursed on its terms' date. */
export async function disbursedLoan(rt: TestRuntime, contractNo: string, borrowerId: number, terms: { principal: string; annualRate: string; periods: number; method: string; dayCount?: string; disbursementDate: string }): Promise<void> {
  await rt.call('loan.create', { borrowerId, contractNo, terms: terms as never });
  await rt.call('loan.approve', { contractNo }, MANAGER);
  await rt.call('loan.disburse', { contractNo });
}

/**
 * Net assets on file, large enough that no lending limit binds: approving a loan checks the limits
 * against them and refuses when none are recorded. Tests of the limits record their own.
 */
export async function ampleNetAssets(rt: Pick<TestRuntime, 'call'>): Promise<void> {
  await rt.call('netAssets.record', { periodEnd: '2025-12-31', amount: '500000000' });
}
