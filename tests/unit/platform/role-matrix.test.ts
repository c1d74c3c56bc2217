/**
 * Each role calling each channel is allowed or refused as specified. The expected table is written
 * out here by hand (not derived from the code under test), so a change to permissions shows up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type ChannelName } from '../../../shared/contract';
import { roles, type Role } from '../../../shared/platform/permissions';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

const PUBLIC: ChannelName[] = ['platform.status', 'session.setup', 'session.signIn'];
const EVERY_ROLE: ChannelName[] = [...PUBLIC, 'session.signOut', 'session.changePassword', 'job.progress', 'job.cancel', 'product.list', 'loan.get', 'loan.list', 'loan.payoff', 'collateral.get', 'collateral.list', 'borrower.exposure', 'day.closeStatus', 'bank.list', 'guarantee.get', 'guarantee.list', 'guarantee.ratios', 'guarantee.alerts', 'monitoring.due', 'monitoring.signals', 'export.loanRegister', 'export.loanBook', 'report.dashboard', 'report.microloanMonthly', 'report.guaranteeStatistics', 'report.vintage', 'report.rollRate', 'export.lending', 'export.guarantees', 'borrower.list', 'borrower.get', 'schedule.calculate', 'schedule.exportXlsx'];
const COLLECTIONS_READ: ChannelName[] = ['export.collections', 'collections.queue', 'collections.claim', 'limitation.due', 'collections.performance', 'collections.collectors', 'agency.list', 'agency.statement'];
const COLLECTIONS_WRITE: ChannelName[] = ['collections.logContact', 'collections.promise', 'limitation.record', 'legal.file', 'legal.stage', 'legal.cost', 'collections.letters', 'collections.delivered'];
const LEDGER: ChannelName[] = ['ledger.vouchers', 'ledger.trialBalance', 'export.ledger'];
const OVERSIGHT: ChannelName[] = [...EVERY_ROLE, 'settings.list', 'netAssets.list', 'audit.list', 'audit.verify', ...COLLECTIONS_READ, ...LEDGER];

const allowed: Record<Role, ChannelName[]> = {
  administrator: [...channelNames],
  'loan-officer': [...EVERY_ROLE, 'borrower.create', 'borrower.update', 'loan.create', 'loan.disburse', 'loan.repay', 'loan.reverse', 'loan.settle', 'collateral.create', 'collateral.revalue', 'loan.linkCollateral', 'loan.addGuarantor', 'loan.recover', 'loan.prepay'],
  'guarantee-officer': [...EVERY_ROLE, 'borrower.create', 'borrower.update', 'bank.create', 'guarantee.create', 'guarantee.activate', 'guarantee.repay', 'guarantee.release', 'guarantee.recover', 'guarantee.addCounterGuarantee', 'monitoring.record', 'guarantee.raiseSignal', 'guarantee.clearSignal'],
  collector: [...EVERY_ROLE, ...COLLECTIONS_READ, ...COLLECTIONS_WRITE],
  accountant: [...EVERY_ROLE, ...LEDGER, 'import.template', 'import.preview', 'import.commit'],
  manager: [...OVERSIGHT, 'loan.approve', 'loan.writeOff', 'loan.classify', 'loan.restructure', 'guarantee.approve', 'guarantee.compensate', 'guarantee.confirmLoss', ...COLLECTIONS_WRITE, 'collections.assign', 'collections.assignByRule', 'collections.rotate', 'collections.plan', 'agency.create', 'collections.place', 'collections.recall'],
  auditor: OVERSIGHT,
};

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

describe('role × channel matrix', () => {
  it('covers every channel of the contract', () => {
    expect(new Set(allowed.administrator)).toEqual(new Set(channelNames));
  });

  for (const role of roles) {
    it(`${role}: allowed exactly its channels, refused the rest, in the main process`, async () => {
      const actor = { userName: `test-${role}`, role };
      const outcome: Record<string, 'allowed' | 'forbidden'> = {};
      for (const channel of channelNames) {
        // A deliberately invalid input: permission is checked before validation, so nothing runs.
        const result = await rt.dispatch(channel, { __probe: true }, { actor });
        outcome[channel] = !result.ok && result.error.code === 'forbidden' ? 'forbidden' : 'allowed';
      }
      const expected = Object.fromEntries(channelNames.map((c) => [c, allowed[role].includes(c) ? 'allowed' : 'forbidden']));
      expect(outcome).toEqual(expected);
    });
  }

  it('refuses every non-public channel to a caller without a session', async () => {
    for (const channel of channelNames) {
      const result = await rt.dispatch(channel, {}, { session: null });
      if (PUBLIC.includes(channel)) expect(result.ok || result.error.code !== 'unauthenticated', channel).toBe(true);
      else expect(result, channel).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
  });
});
