import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, channelNames, type ChannelName } from '../../../shared/contract';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';
import { TEST_DATE } from '../../helpers/clock';
import { b64, workbook } from '../../helpers/workbooks';
import { demoBorrower } from '../../../electron/services/platform/demo/people';
import { SeededRandom } from '../../../electron/services/platform/demo/random';

let rt: TestRuntime;
beforeEach(async () => {
  rt = await testRuntime();
});
afterEach(() => rt.close());

const auditCount = () => rt.database.sqlite.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
const admin = { actor: { userName: 'admin', role: 'administrator' as const } };
/** `n` borrowers added one by one: an audit entry each (entries 1…n on a new book). */
async function borrowers(n: number) {
  const random = new SeededRandom(7);
  for (let k = 0; k < n; k++) await rt.call('borrower.create', demoBorrower(random, k) as never);
}

/** A valid call for every channel that writes, run in order against one data folder. */
const writes: Record<string, () => Promise<unknown>> = {
  'session.setup': () => rt.dispatch('session.setup', { userName: 'admin', displayName: '管理员', password: 'admin-pass-1' }, { session: null }),
  'session.signIn': () => rt.dispatch('session.signIn', { userName: 'admin', password: 'admin-pass-1' }, { session: null }),
  'session.changePassword': async () => {
    const signedIn = await rt.dispatch('session.signIn', { userName: 'admin', password: 'admin-pass-1' }, { session: null });
    const session = (signedIn as { value: { token: string } }).value.token;
    return rt.dispatch('session.changePassword', { currentPassword: 'admin-pass-1', newPassword: 'admin-pass-2' }, { session });
  },
  'user.create': () => rt.dispatch('user.create', { userName: 'sun', displayName: '孙', role: 'collector', password: 'temp-pass-1' }, admin),
  'user.update': () => rt.dispatch('user.update', { id: 2, version: 1, displayName: '孙二', role: 'collector', active: true }, admin),
  'user.resetPassword': () => rt.dispatch('user.resetPassword', { id: 2, newPassword: 'temp-pass-3' }, admin),
  'netAssets.record': () => rt.dispatch('netAssets.record', { periodEnd: '2025-12-31', amount: '50000000.00' }, admin),
  'settings.set': () => rt.dispatch('settings.set', { key: 'company.name', value: '某某小额贷款有限公司' }, admin),
  'product.create': () => rt.dispatch('product.create', { code: 'JY18', name: '经营贷18期', method: 'equal-installment', annualRate: '17.30', periods: 18, interestOnlyPeriods: 6 }, admin),
  'product.update': () => rt.dispatch('product.update', { id: 1, version: 1, code: 'JY18', name: '经营贷18期（先息6期）', method: 'equal-installment', annualRate: '17.30', periods: 18, interestOnlyPeriods: 6 }, admin),
  'borrower.create': () => rt.dispatch('borrower.create', { kind: 'individual', name: '周', idType: 'resident-id', idNumber: '11010519491231002X' }, admin),
  'borrower.update': () => rt.dispatch('borrower.update', { kind: 'individual', name: '周二', idType: 'resident-id', idNumber: '11010519491231002X', id: 1, version: 1 }, admin),
  'loan.create': () =>
    rt.dispatch('loan.create', { borrowerId: 1, contractNo: 'A-1', terms: { principal: '10000', annualRate: '12', periods: 3, method: 'equal-installment', disbursementDate: '2026-11-01' } }, admin),
  'collateral.create': () =>
    rt.dispatch('collateral.create', { ownerBorrowerId: 1, kind: 'property', description: '杭州市西湖区文三路1号房产', appraisedValue: '2000000', appraisedOn: '2026-10-01' }, admin),
  'collateral.revalue': () => rt.dispatch('collateral.revalue', { id: 1, value: '1900000', valuedOn: '2026-11-01' }, admin),
  'loan.linkCollateral': () => rt.dispatch('loan.linkCollateral', { contractNo: 'A-1', collateralId: 1, securedAmount: '10000' }, admin),
  'loan.addGuarantor': async () => {
    await rt.dispatch('borrower.create', { kind: 'individual', name: '担保人', idType: 'resident-id', idNumber: '440524199003072319' }, admin);
    return rt.dispatch('loan.addGuarantor', { contractNo: 'A-1', guarantorId: 2, kind: 'personal', amount: '10000' }, admin);
  },
  'loan.approve': () => rt.dispatch('loan.approve', { contractNo: 'A-1' }, admin),
  'loan.disburse': () => rt.dispatch('loan.disburse', { contractNo: 'A-1' }, admin),
  'loan.repay': () => rt.dispatch('loan.repay', { contractNo: 'A-1', amount: '100.00' }, admin),
  'loan.reverse': async () => {
    const id = rt.database.sqlite.prepare('SELECT MAX(id) FROM payments').pluck().get() as number;
    return rt.dispatch('loan.reverse', { paymentId: id, reason: '测试冲正' }, admin);
  },
  'loan.settle': () => rt.dispatch('loan.settle', { contractNo: 'A-1' }, admin),
  'loan.classify': async () => {
    const terms = { principal: '5000', annualRate: '12', periods: 3, method: 'interest-only', disbursementDate: '2026-11-01' };
    await rt.dispatch('loan.create', { borrowerId: 1, contractNo: 'A-2', terms }, admin);
    await rt.dispatch('loan.approve', { contractNo: 'A-2' }, admin);
    await rt.dispatch('loan.disburse', { contractNo: 'A-2' }, admin);
    return rt.dispatch('loan.classify', { contractNo: 'A-2', classification: 'substandard', reason: '经营恶化' }, admin);
  },
  'loan.prepay': async () => {
    const terms = { principal: '12000', annualRate: '12', periods: 12, method: 'equal-installment', disbursementDate: '2026-11-01' };
    await rt.dispatch('loan.create', { borrowerId: 1, contractNo: 'A-3', terms }, admin);
    await rt.dispatch('loan.approve', { contractNo: 'A-3' }, admin);
    await rt.dispatch('loan.disburse', { contractNo: 'A-3' }, admin);
    return rt.dispatch('loan.prepay', { contractNo: 'A-3', amount: '1000', mode: 'keep-term' }, admin);
  },
  'loan.restructure': () => rt.dispatch('loan.restructure', { contractNo: 'A-3', kind: 'extension', periods: 24, reason: '展期' }, admin),
  'loan.writeOff': () => rt.dispatch('loan.writeOff', { contractNo: 'A-2', reason: '法院终结执行' }, admin),
  'loan.recover': () => rt.dispatch('loan.recover', { contractNo: 'A-2', amount: '100' }, admin),
  'collections.assign': () => rt.dispatch('collections.assign', { contractNos: ['A-2'], collector: 'sun' }, admin),
  'collections.assignByRule': () => rt.dispatch('collections.assignByRule', { collectors: ['sun'], onlyUnassigned: false }, admin),
  'collections.rotate': () => rt.dispatch('collections.rotate', { collectors: ['sun', 'admin'] }, admin),
  'collections.logContact': () => rt.dispatch('collections.logContact', { contractNo: 'A-2', at: `${TEST_DATE}T10:30`, channel: 'letter', party: 'borrower', outcome: '寄送催收通知书' }, admin),
  'collections.plan': async () => {
    await rt.dispatch('loan.create', { borrowerId: 1, contractNo: 'A-9', terms: { principal: '10000', annualRate: '12', periods: 3, method: 'interest-only', disbursementDate: '2026-01-15' } }, admin);
    await rt.dispatch('loan.approve', { contractNo: 'A-9' }, admin);
    await rt.dispatch('loan.disburse', { contractNo: 'A-9' }, admin);
    return rt.dispatch('collections.plan', { contractNo: 'A-9', periods: 6, reason: '困难' }, admin);
  },
  'agency.create': () => rt.dispatch('agency.create', { name: '某催收公司', contractFrom: '2026-01-01', contractTo: '2099-12-31' }, admin),
  'collections.place': async () => {
    await rt.dispatch('loan.create', { borrowerId: 1, contractNo: 'A-10', terms: { principal: '10000', annualRate: '12', periods: 3, method: 'interest-only', disbursementDate: '2026-01-15' } }, admin);
    await rt.dispatch('loan.approve', { contractNo: 'A-10' }, admin);
    await rt.dispatch('loan.disburse', { contractNo: 'A-10' }, admin);
    return rt.dispatch('collections.place', { agencyId: 1, contractNos: ['A-10'] }, admin);
  },
  'collections.recall': () => rt.dispatch('collections.recall', { contractNos: ['A-10'] }, admin),
  'legal.file': () => rt.dispatch('legal.file', { contractNo: 'A-10', court: '杭州市西湖区人民法院', caseNo: '(2026)浙0106民初1号', filedOn: '2026-02-01' }, admin),
  'legal.stage': () => rt.dispatch('legal.stage', { caseId: 1, stage: 'judgment', date: '2026-03-01' }, admin),
  'legal.cost': () => rt.dispatch('legal.cost', { caseId: 1, date: '2026-03-01', amount: '500', kind: 'court-fee' }, admin),
  'collections.letters': () => rt.dispatch('collections.letters', { kind: 'lawyer', contractNos: ['A-10'], payBy: '2099-01-01' }, admin),
  'collections.delivered': async () => {
    const contactId = rt.database.sqlite.prepare('SELECT MAX(id) FROM collection_contacts').pluck().get() as number;
    const { businessDate } = await rt.call('platform.status', {});
    return rt.dispatch('collections.delivered', { contactId, deliveredOn: businessDate }, admin);
  },
  'collections.promise': () => rt.dispatch('collections.promise', { contractNo: 'A-2', amount: '100', dueDate: '2099-12-31' }, admin),
  'limitation.record': () => rt.dispatch('limitation.record', { contractNo: 'A-2', kind: 'acknowledgement', date: '2026-01-01', evidence: '还款确认书' }, admin),
  'bank.create': () => rt.dispatch('bank.create', { name: '某农商银行', branch: '西湖支行', creditLine: '50000000', lineValidFrom: '2026-01-01', lineValidTo: '2027-12-31' }, admin),
  'guarantee.create': () =>
    rt.dispatch('guarantee.create', { clientId: 1, bankId: 1, contractNo: 'G-1', clientSize: 'small-micro', guaranteedAmount: '1000000', bankLoanRate: '4.35', loanStart: '2026-11-01', loanEnd: '2027-11-01', feeRatePercent: '1.5' }, admin),
  'guarantee.addCounterGuarantee': () => rt.dispatch('guarantee.addCounterGuarantee', { contractNo: 'G-1', kind: 'margin', securedAmount: '200000' }, admin),
  'guarantee.approve': () => rt.dispatch('guarantee.approve', { contractNo: 'G-1', reviewDate: '2026-11-02', members: '张、王、李' }, admin),
  'guarantee.activate': () => rt.dispatch('guarantee.activate', { contractNo: 'G-1' }, admin),
  'guarantee.repay': () => rt.dispatch('guarantee.repay', { contractNo: 'G-1', amount: '100000' }, admin),
  'monitoring.record': () => rt.dispatch('monitoring.record', { contractNo: 'G-1', checkType: 'site-visit', findings: '经营正常，资金用途与合同一致', riskGrade: 'normal' }, admin),
  'guarantee.raiseSignal': () => rt.dispatch('guarantee.raiseSignal', { contractNo: 'G-1', signal: 'litigation', detail: '被供应商起诉' }, admin),
  'guarantee.clearSignal': () => rt.dispatch('guarantee.clearSignal', { id: 1, reason: '已和解撤诉' }, admin),
  'guarantee.compensate': () => rt.dispatch('guarantee.compensate', { contractNo: 'G-1', amount: '900000' }, admin),
  'guarantee.recover': () => rt.dispatch('guarantee.recover', { contractNo: 'G-1', amount: '100000', source: 'collateral-sale' }, admin),
  'guarantee.confirmLoss': () => rt.dispatch('guarantee.confirmLoss', { contractNo: 'G-1', amount: '800000', evidenceType: 'enforcement-ruling', documentNo: '(2026)浙0106执1234号' }, admin),
  'guarantee.release': async () => {
    await rt.dispatch('guarantee.create', { clientId: 1, bankId: 1, contractNo: 'G-2', clientSize: 'small-micro', guaranteedAmount: '500000', bankLoanRate: '4.35', loanStart: '2026-11-01', loanEnd: '2027-11-01', feeRatePercent: '1.5' }, admin);
    await rt.dispatch('guarantee.approve', { contractNo: 'G-2', reviewDate: '2026-11-02', members: '张' }, admin);
    await rt.dispatch('guarantee.activate', { contractNo: 'G-2' }, admin);
    return rt.dispatch('guarantee.release', { contractNo: 'G-2' }, admin);
  },
  'import.commit': async () => {
    const file = await workbook({ name: '借款人', rows: [['借款人类型', '姓名/名称', '证件号码'], ['个人', '吴', '110105198001010016']] });
    return rt.dispatch('import.commit', { kind: 'borrowers', fileName: 'b.xlsx', contentBase64: b64(file) }, admin);
  },
  'day.close': () => rt.dispatch('day.close', { to: '2099-12-31' }, admin),
  'platform.demo': () => rt.dispatch('platform.demo', { borrowers: 3 }, admin),
  'backup.restore': async () => {
    const backup = (await rt.dispatch('backup.create', {}, admin)) as { value: { name: string } };
    return rt.dispatch('backup.restore', { name: backup.value.name }, admin);
  },
};

describe('audit trail', () => {
  it('has a sample for every channel that writes', () => {
    const mutating = channelNames.filter((c) => contract[c as ChannelName].mutates);
    expect(new Set(Object.keys(writes))).toEqual(new Set(mutating));
  });

  it('every write path leaves at least one entry, and the chain stays intact', async () => {
    for (const [channel, call] of Object.entries(writes)) {
      const before = auditCount();
      const result = (await call()) as { ok: boolean; error?: unknown };
      expect(result.ok, `${channel}: ${JSON.stringify(result.error)}`).toBe(true);
      expect(auditCount(), channel).toBeGreaterThan(before);
      const last = rt.database.sqlite.prepare('SELECT channel, user_name AS userName FROM audit_log ORDER BY id DESC LIMIT 1').get() as { channel: string };
      expect(last.channel).toBe(channel);
    }
    expect(await rt.call('audit.verify', {})).toMatchObject({ ok: true, firstBroken: null });
  });

  it('records before and after of an edit', async () => {
    await writes['borrower.create']!();
    await writes['borrower.update']!();
    const page = await rt.call('audit.list', { entityType: 'borrower', entityId: '1' });
    expect(page.total).toBe(2);
    const edit = page.items[0]!;
    expect(edit).toMatchObject({ channel: 'borrower.update', userName: 'admin', before: { name: '周' }, after: { name: '周二' } });
  });

  it('is append-only: UPDATE and DELETE are refused by the database itself', async () => {
    await writes['borrower.create']!();
    expect(() => rt.database.sqlite.prepare("UPDATE audit_log SET user_name = 'x'").run()).toThrow(/append-only/);
    expect(() => rt.database.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  describe('tampering is found by verify, which names the first broken entry', () => {
    beforeEach(async () => {
      await borrowers(5);
      // An attacker with the file in hand can drop the triggers; the hash chain still tells.
      rt.database.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    });

    it('an altered entry', async () => {
      rt.database.sqlite.prepare(`UPDATE audit_log SET after = replace(after, '"name":"', '"name":"X') WHERE id = 3`).run();
      expect(await rt.call('audit.verify', {})).toMatchObject({ ok: false, firstBroken: { id: 3, reason: expect.stringContaining('altered') } });
    });

    it('a removed entry in the middle', async () => {
      rt.database.sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run();
      expect(await rt.call('audit.verify', {})).toMatchObject({ ok: false, firstBroken: { id: 3 } });
    });

    it('entries removed from the end', async () => {
      rt.database.sqlite.prepare('DELETE FROM audit_log WHERE id >= 4').run();
      expect(await rt.call('audit.verify', {})).toMatchObject({ ok: false, firstBroken: { id: 4, reason: expect.stringContaining('removed from the end') } });
    });

    it('a re-hashed entry (the attacker recomputed its own hash)', async () => {
      const { createHash } = await import('node:crypto');
      const row = rt.database.sqlite.prepare('SELECT * FROM audit_log WHERE id = 2').get() as Record<string, string>;
      const after = row.after!.replace('"name":"', '"name":"Y');
      const hash = createHash('sha256').update(JSON.stringify([row.prev_hash, row.at, row.user_name, row.role, row.channel, row.entity_type, row.entity_id, row.before, after])).digest('hex');
      rt.database.sqlite.prepare('UPDATE audit_log SET after = ?, hash = ? WHERE id = 2').run(after, hash);
      // Entry 2 now checks out, but entry 3 no longer links to it.
      expect(await rt.call('audit.verify', {})).toMatchObject({ ok: false, firstBroken: { id: 3, reason: expect.stringContaining('link') } });
    });
  });

  it('lists with filters and paging', async () => {
    await borrowers(12);
    await rt.dispatch('platform.demo', { borrowers: 3 }, admin);
    expect((await rt.call('audit.list', { channel: 'borrower.create' })).total).toBe(12);
    const page = await rt.call('audit.list', { entityType: 'borrower', pageSize: 5, page: 2 });
    expect(page.total).toBe(12);
    expect(page.items.map((e) => e.id)).toEqual([7, 6, 5, 4, 3]);
    // The demo is one load: one entry, counting the records its services wrote (the first run adds the 5 standard products; the borrowers are one load of their own).
    const demo = await rt.call('audit.list', { channel: 'platform.demo' });
    expect(demo.total).toBe(1);
    expect(demo.items[0]).toMatchObject({ id: 13, entityType: 'demo' });
    expect(demo.items[0]!.after).toMatchObject({ borrowers: 3, records: { 'loan-product': 5, 'borrower-book': 1 } });
    expect((await rt.call('audit.list', { userName: 'nobody' })).total).toBe(0);
    expect(path.basename(rt.database.file)).toBe('loanbridge.db');
  });
});
