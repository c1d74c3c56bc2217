/**
 * Post-guarantee monitoring: the task list, check records, the watch list, warning signals (by hand
 * and from a collateral revaluation), maturity and credit-line alerts; and the entry checks against
 * leverage and related-party concentration; fees recognised over the term.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const manager = { userName: 'wang', role: 'manager' as const };
const officer = { userName: 'zhao.danbao', role: 'guarantee-officer' as const };
const terms = { clientId: 1, bankId: 1, clientSize: 'small-micro' as const, guaranteedAmount: '1000000', bankLoanRate: '4.35', loanStart: '2026-03-01', loanEnd: '2027-03-01', feeRatePercent: '2.00' };

async function inForce(contractNo: string, extra: Record<string, unknown> = {}) {
  await rt.call('guarantee.create', { ...terms, contractNo, ...extra }, officer);
  await rt.call('guarantee.approve', { contractNo, reviewDate: '2026-02-26', members: '审保会：王、李、陈' }, manager);
  return rt.call('guarantee.activate', { contractNo, date: '2026-03-01' }, officer);
}

beforeEach(async () => {
  rt = await testRuntime();
  await rt.call('day.close', { to: '2026-03-01' });
  await rt.call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
  await rt.call('bank.create', { name: '杭州某农商银行', branch: '西湖支行', creditLine: '10000000', lineValidFrom: '2026-01-01', lineValidTo: '2026-12-31' }, officer);
});
afterEach(() => rt.close());

describe('the monitoring task list and check records', () => {
  it('schedules the first check 60 days after the bank lends; it appears when due and counts days overdue', async () => {
    const contract = await inForce('M-1');
    expect(contract.monitoring).toEqual([expect.objectContaining({ dueDate: '2026-04-30', reason: 'first', status: 'due', officer: 'zhao.danbao' })]);
    expect(await rt.call('monitoring.due', {})).toEqual([]);
    expect((await rt.call('monitoring.due', { withinDays: 60 })).map((t) => t.dueDate)).toEqual(['2026-04-30']);
    await rt.call('day.close', { to: '2026-05-05' });
    expect(await rt.call('monitoring.due', {})).toEqual([
      expect.objectContaining({ contractNo: 'M-1', clientName: '杭州恒达建材有限公司', bankName: '杭州某农商银行', daysOverdue: 5, reason: 'first', outstanding: '1000000.00', watchList: false }),
    ]);
    expect(await rt.call('monitoring.due', { officer: 'someone.else' })).toEqual([]);
  });

  it('recording a check closes the task and schedules the next: quarterly, monthly once graded below normal', async () => {
    await inForce('M-2');
    await rt.call('day.close', { to: '2026-05-05' });
    const normal = await rt.call('monitoring.record', { contractNo: 'M-2', checkType: 'site-visit', findings: '生产正常，资金用于采购原材料', riskGrade: 'normal' }, officer);
    expect(normal.monitoring.map((c) => [c.status, c.reason, c.dueDate, c.checkedOn, c.nextCheckOn])).toEqual([
      ['done', 'first', '2026-04-30', '2026-05-05', '2026-08-05'],
      ['due', 'periodic', '2026-08-05', null, null],
    ]);
    expect(normal.watchList).toBe(false);
    const worse = await rt.call('monitoring.record', { contractNo: 'M-2', checkType: 'statements-review', findings: '应收账款大幅增加，现金流紧张', riskGrade: 'special-mention' }, officer);
    expect(worse.watchList).toBe(true);
    expect(worse.monitoring.at(-1)).toMatchObject({ status: 'due', reason: 'watch-list', dueDate: '2026-06-05' });
    expect(worse.events.filter((e) => e.event === 'check-recorded')).toHaveLength(2);
  });

  it('refuses checks in the future, before the loan, with the next check first, or on a released contract', async () => {
    await inForce('M-3');
    const base = { contractNo: 'M-3', checkType: 'bank-inquiry', findings: '银行确认按时付息', riskGrade: 'normal' };
    expect(await rt.fail('monitoring.record', { ...base, checkedOn: '2026-03-02' }, officer)).toMatchObject({ field: 'checkedOn', reason: 'afterBusinessDate' });
    expect(await rt.fail('monitoring.record', { ...base, checkedOn: '2026-02-27' }, officer)).toMatchObject({ field: 'checkedOn', reason: 'dateOrder' });
    expect(await rt.fail('monitoring.record', { ...base, checkedOn: '2026-03-01', nextCheckOn: '2026-02-01' }, officer)).toMatchObject({ field: 'nextCheckOn', reason: 'dateOrder' });
    expect(await rt.fail('monitoring.record', { ...base, riskGrade: 'fine' }, officer)).toMatchObject({ field: 'riskGrade' });
    expect(await rt.fail('monitoring.record', { ...base, findings: '' }, officer)).toMatchObject({ field: 'findings' });
    const released = await rt.call('guarantee.release', { contractNo: 'M-3' }, officer);
    expect(released.monitoring).toEqual([expect.objectContaining({ status: 'cancelled', closedNote: 'released' })]);
    expect(await rt.fail('monitoring.record', base, officer)).toMatchObject({ code: 'conflict', reason: 'guaranteeStatus' });
    expect(await rt.call('monitoring.due', { withinDays: 365 })).toEqual([]);
  });
});

describe('warning signals and the watch list', () => {
  it('a signal puts the contract on the watch list with a check due at once; clearing it takes it off', async () => {
    await inForce('S-1');
    await rt.call('day.close', { to: '2026-04-10' });
    const raised = await rt.call('guarantee.raiseSignal', { contractNo: 'S-1', signal: 'interest-unpaid', detail: '银行通知3月欠息' }, officer);
    expect(raised.watchList).toBe(true);
    expect(raised.signals).toEqual([expect.objectContaining({ signal: 'interest-unpaid', source: 'manual', raisedOn: '2026-04-10', clearedOn: null })]);
    expect((await rt.call('monitoring.due', {})).map((t) => [t.contractNo, t.reason, t.daysOverdue, t.watchList])).toEqual([['S-1', 'warning-signal', 0, true]]);
    expect(await rt.fail('guarantee.raiseSignal', { contractNo: 'S-1', signal: 'bad-weather' }, officer)).toMatchObject({ field: 'signal', reason: 'unknownSignal' });
    expect(await rt.fail('guarantee.clearSignal', { id: raised.signals[0]!.id, reason: '' }, officer)).toMatchObject({ field: 'reason' });
    const cleared = await rt.call('guarantee.clearSignal', { id: raised.signals[0]!.id, reason: '已补缴欠息' }, officer);
    expect(cleared).toMatchObject({ watchList: false, signals: [expect.objectContaining({ clearedOn: '2026-04-10', clearReason: '已补缴欠息' })] });
    expect(await rt.fail('guarantee.clearSignal', { id: raised.signals[0]!.id, reason: '再次' }, officer)).toMatchObject({ reason: 'alreadyCleared' });
  });

  it('raises collateral-value-drop from data when a revaluation leaves the collateral below what it secures', async () => {
    await inForce('S-2');
    const item = await rt.call('collateral.create', { ownerBorrowerId: 1, kind: 'property', description: '厂房', appraisedValue: '1500000', appraisedOn: '2026-02-01' });
    await rt.call('guarantee.addCounterGuarantee', { contractNo: 'S-2', kind: 'mortgage', collateralId: item.id, securedAmount: '1200000' }, officer);
    await rt.call('collateral.revalue', { id: item.id, value: '1300000', valuedOn: '2026-03-01' });
    expect((await rt.call('guarantee.get', { contractNo: 'S-2' })).signals).toEqual([]);
    await rt.call('collateral.revalue', { id: item.id, value: '1100000', valuedOn: '2026-03-01' });
    const after = await rt.call('guarantee.get', { contractNo: 'S-2' });
    expect(after.watchList).toBe(true);
    expect(after.signals).toEqual([expect.objectContaining({ signal: 'collateral-value-drop', source: 'data', detail: expect.stringContaining('1100000.00') })]);
    // A further drop does not raise the same open signal twice.
    await rt.call('collateral.revalue', { id: item.id, value: '900000', valuedOn: '2026-03-01' });
    expect((await rt.call('guarantee.get', { contractNo: 'S-2' })).signals).toHaveLength(1);
  });
});

describe('alerts', () => {
  it('lists bank loans maturing within 30/60/90 days and credit lines near their limit or expiry', async () => {
    await inForce('A-1', { loanEnd: '2026-10-20', guaranteedAmount: '4000000' });
    await inForce('A-2', { loanEnd: '2026-12-15', guaranteedAmount: '5000000', overrideReason: '额度内' });
    await inForce('A-3', { loanEnd: '2027-06-30', guaranteedAmount: '500000' });
    const alerts = await rt.call('guarantee.alerts', { asOf: '2026-10-01' });
    expect(alerts.maturing.map((m) => [m.contractNo, m.daysLeft, m.window])).toEqual([
      ['A-1', 19, 30],
      ['A-2', 75, 90],
    ]);
    // 9,500,000 of 10,000,000 used (95% ≥ 90%); the line ends 2026-12-31, 91 days later: not yet within 60.
    expect(alerts.creditLines).toEqual([expect.objectContaining({ name: '杭州某农商银行', usedPercent: '95.00', daysLeft: 91, reasons: ['near-limit'] })]);
    // The register filtered to the maturities by year-end, with its totals row.
    const maturing = await rt.call('guarantee.list', { loanEndBy: '2026-12-31' });
    expect(maturing.items.map((g) => g.contractNo).sort()).toEqual(['A-1', 'A-2']);
    expect(maturing.totals).toEqual({ guaranteedAmount: '9000000.00', outstanding: '9000000.00', compensatedAmount: '0.00', recoveredAmount: '0.00' });
    expect((await rt.call('guarantee.list', { watchList: true })).total).toBe(0);
    expect((await rt.call('guarantee.list', { clientSize: 'small-micro', guaranteeType: 'loan' })).total).toBe(3);
    const later = await rt.call('guarantee.alerts', { asOf: '2026-11-15' });
    expect(later.creditLines[0]!.reasons).toEqual(['near-limit', 'expiring']);
    expect(later.maturing.map((m) => [m.contractNo, m.daysLeft, m.window])).toEqual([
      ['A-1', -26, 30],
      ['A-2', 30, 30],
    ]);
  });
});

describe('entry checks and fee recognition', () => {
  it('warns about leverage and about concentration with related parties, and needs an override', async () => {
    // Net assets 1,000,000: leverage limit 10 × = 10,000,000 of weighted liability.
    await rt.call('netAssets.record', { periodEnd: '2025-12-31', amount: '1000000' });
    // A second company names the first as its shareholder: the two are related parties.
    await rt.call('borrower.create', {
      kind: 'enterprise',
      name: '杭州恒达物流有限公司',
      idType: 'social-credit-code',
      idNumber: '91330106MA2B00001Y',
      relatedPersons: [{ name: '杭州恒达建材有限公司', relationship: 'shareholder', idNumber: '91350100M000100Y43' }],
    });
    await inForce('E-1', { clientId: 2, guaranteedAmount: '90000', overrideReason: '测试' });
    // Client 1 alone: 70,000 ≤ 10% of 1,000,000; with its related company: 160,000 > 15%.
    const refused = await rt.fail('guarantee.create', { ...terms, contractNo: 'E-2', guaranteedAmount: '70000' }, officer);
    expect(refused).toMatchObject({ reason: 'limitBreach', params: { warnings: 'relatedConcentrationExceeded' } });
    await inForce('E-2', { guaranteedAmount: '70000', overrideReason: '董事会特批' });
    // The ratios page: client 2 alone 90,000 = 9.00%; the group of both 160,000 = 16.00% > 15%.
    expect(await rt.call('guarantee.ratios', {})).toMatchObject({
      largestClient: { clientIds: [2], balance: '90000.00', percentOfNetAssets: '9.00', withinLimit: true },
      largestGroup: { clientIds: [1, 2], clientNames: ['杭州恒达建材有限公司', '杭州恒达物流有限公司'], balance: '160000.00', percentOfNetAssets: '16.00', limitPercent: '15.00', withinLimit: false },
    });
    // Leverage: an "other" client at 100% weight pushing weighted liability past 10 × net assets.
    const leverage = await rt.fail('guarantee.create', { ...terms, contractNo: 'E-3', clientSize: 'other', guaranteedAmount: '9950000' }, officer);
    expect(String(leverage.params?.warnings).split(',')).toContain('leverageExceeded');
  });

  it('recognises the fee evenly over the term and the rest on release', async () => {
    await inForce('F-1');
    // 2% × 1,000,000 × 365/365 = 20,000 over 2026-03-01 … 2027-03-01.
    await rt.call('day.close', { to: '2026-08-30' });
    const midway = await rt.call('guarantee.get', { contractNo: 'F-1' });
    // 182 of 365 days: 20,000 × 182 / 365 = 9,972.60
    expect(midway).toMatchObject({ feeOverTerm: '20000.00', feeEarned: '9972.60' });
    expect(await rt.call('guarantee.ratios', {})).toMatchObject({ feeIncomeThisYear: '20000.00', feeEarnedThisYear: '9972.60', deferredFee: '10027.40' });
    const released = await rt.call('guarantee.release', { contractNo: 'F-1' }, officer);
    expect(released.feeEarned).toBe('20000.00');
    expect(await rt.call('guarantee.ratios', {})).toMatchObject({ feeEarnedThisYear: '20000.00', deferredFee: '0.00' });
  });
});
