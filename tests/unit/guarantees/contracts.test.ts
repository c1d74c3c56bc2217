import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const manager = { userName: 'wang', role: 'manager' as const };
const officer = { userName: 'zhao.danbao', role: 'guarantee-officer' as const };
const contract = { clientId: 1, bankId: 1, clientSize: 'small-micro' as const, guaranteedAmount: '3000000', bankLoanRate: '4.35', loanStart: '2026-03-01', loanEnd: '2027-03-01', feeRatePercent: '2.00', marginDeposit: '600000' };

beforeEach(async () => {
  rt = await testRuntime();
  await rt.call('day.close', { to: '2026-03-01' });
  await rt.call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
  await rt.call('bank.create', { name: '杭州某农商银行', branch: '西湖支行', creditLine: '10000000', lineValidFrom: '2026-01-01', lineValidTo: '2027-12-31', marginPercent: '20', riskSharePercent: '20' }, officer);
});
afterEach(() => rt.close());

describe('guarantee contracts', () => {
  it('goes applied → approved → in force; bank repayments lower the outstanding; the last one releases it', async () => {
    const applied = await rt.call('guarantee.create', { ...contract, contractNo: 'DB-1' }, officer);
    expect(applied).toMatchObject({ status: 'applied', outstanding: '0.00', guaranteedAmount: '3000000.00', marginDeposit: '600000.00', officer: 'zhao.danbao' });
    expect(await rt.fail('guarantee.activate', { contractNo: 'DB-1' }, officer)).toMatchObject({ code: 'conflict', reason: 'guaranteeStatus' });
    await rt.call('guarantee.approve', { contractNo: 'DB-1', reviewDate: '2026-02-26', members: '审保会：王、李、陈', conditions: '追加股东连带责任保证' }, manager);
    const inForce = await rt.call('guarantee.activate', { contractNo: 'DB-1' }, officer);
    expect(inForce).toMatchObject({ status: 'in-force', outstanding: '3000000.00' });
    expect((await rt.call('bank.list', {}))[0]).toMatchObject({ used: '3000000.00', available: '7000000.00', usedPercent: '30.00' });
    await rt.call('day.close', { to: '2026-06-01' });
    const partly = await rt.call('guarantee.repay', { contractNo: 'DB-1', amount: '1000000' }, officer);
    expect(partly).toMatchObject({ status: 'in-force', outstanding: '2000000.00', releasedAmount: '1000000.00' });
    expect(await rt.fail('guarantee.repay', { contractNo: 'DB-1', amount: '2000000.01' }, officer)).toMatchObject({ field: 'amount', reason: 'exceedsOutstanding' });
    const released = await rt.call('guarantee.repay', { contractNo: 'DB-1', amount: '2000000' }, officer);
    expect(released).toMatchObject({ status: 'released', outstanding: '0.00', releasedAmount: '3000000.00' });
    expect(released.events.map((e) => e.event)).toEqual(['applied', 'approved', 'in-force', 'bank-repayment', 'released']);
    expect(await rt.fail('guarantee.compensate', { contractNo: 'DB-1', amount: '1' }, manager)).toMatchObject({ reason: 'guaranteeStatus' });
  });

  it('default → compensation → partial recovery → loss confirmed only with evidence', async () => {
    await rt.call('guarantee.create', { ...contract, contractNo: 'DB-2' }, officer);
    await rt.call('guarantee.approve', { contractNo: 'DB-2', reviewDate: '2026-02-26', members: '王' }, manager);
    await rt.call('guarantee.activate', { contractNo: 'DB-2' }, officer);
    await rt.call('guarantee.repay', { contractNo: 'DB-2', amount: '500000' }, officer);
    const compensated = await rt.call('guarantee.compensate', { contractNo: 'DB-2', amount: '2500000' }, manager);
    expect(compensated).toMatchObject({ status: 'compensated', outstanding: '0.00', compensatedAmount: '2500000.00', compensationBalance: '2500000.00' });
    const recovering = await rt.call('guarantee.recover', { contractNo: 'DB-2', amount: '900000', source: 'collateral-sale' }, officer);
    expect(recovering).toMatchObject({ status: 'recovering', compensationBalance: '1600000.00' });
    expect(await rt.fail('guarantee.confirmLoss', { contractNo: 'DB-2', amount: '1600000', evidenceType: 'rumour', documentNo: 'x' }, manager)).toMatchObject({ field: 'evidenceType' });
    expect(await rt.fail('guarantee.confirmLoss', { contractNo: 'DB-2', amount: '1600000', evidenceType: 'judgment', documentNo: '' }, manager)).toMatchObject({ field: 'documentNo' });
    const lost = await rt.call('guarantee.confirmLoss', { contractNo: 'DB-2', amount: '1600000', evidenceType: 'enforcement-ruling', documentNo: '(2026)浙0106执恢123号' }, manager);
    expect(lost).toMatchObject({ status: 'loss', lossAmount: '1600000.00', compensationBalance: '0.00' });
  });

  it('full recovery closes the claim', async () => {
    await rt.call('guarantee.create', { ...contract, contractNo: 'DB-3' }, officer);
    await rt.call('guarantee.approve', { contractNo: 'DB-3', reviewDate: '2026-02-26', members: '王' }, manager);
    await rt.call('guarantee.activate', { contractNo: 'DB-3' }, officer);
    await rt.call('guarantee.compensate', { contractNo: 'DB-3', amount: '3000000' }, manager);
    expect(await rt.fail('guarantee.recover', { contractNo: 'DB-3', amount: '3000000.01' }, officer)).toMatchObject({ reason: 'exceedsBalance' });
    expect(await rt.call('guarantee.recover', { contractNo: 'DB-3', amount: '3000000', source: 'client' }, officer)).toMatchObject({ status: 'closed', compensationBalance: '0.00' });
  });

  it('warns at entry about the bank line and concentration, and needs a recorded override', async () => {
    await rt.call('netAssets.record', { periodEnd: '2025-12-31', amount: '20000000' });
    // 3,000,000 > 10% of 20,000,000 net assets
    const refused = await rt.fail('guarantee.create', { ...contract, contractNo: 'DB-4' }, officer);
    expect(refused).toMatchObject({ field: 'overrideReason', reason: 'limitBreach', params: { warnings: 'concentrationExceeded' } });
    const over = await rt.call('guarantee.create', { ...contract, contractNo: 'DB-4', guaranteedAmount: '12000000', overrideReason: '董事会特批' }, officer);
    expect(over.warnings.map((w) => w.reason)).toEqual(['creditLineExceeded', 'concentrationExceeded']);
    expect(over.events[0]!.detail).toMatchObject({ overrideReason: '董事会特批' });
  });

  it('reports ratios through the channel: leverage against net assets, compensation rate', async () => {
    await rt.call('netAssets.record', { periodEnd: '2025-12-31', amount: '50000000' });
    await rt.call('guarantee.create', { ...contract, contractNo: 'R-1' }, officer);
    await rt.call('guarantee.approve', { contractNo: 'R-1', reviewDate: '2026-02-26', members: '王' }, manager);
    await rt.call('guarantee.activate', { contractNo: 'R-1' }, officer);
    await rt.call('guarantee.create', { ...contract, contractNo: 'R-2', clientSize: 'other', guaranteedAmount: '2000000' }, officer);
    await rt.call('guarantee.approve', { contractNo: 'R-2', reviewDate: '2026-02-26', members: '王' }, manager);
    await rt.call('guarantee.activate', { contractNo: 'R-2' }, officer);
    await rt.call('guarantee.repay', { contractNo: 'R-2', amount: '1000000' }, officer);
    await rt.call('guarantee.compensate', { contractNo: 'R-2', amount: '500000' }, manager);
    const ratios = await rt.call('guarantee.ratios', {});
    // In force: R-1 3,000,000 (small/micro ≤ 5 million: 75% → 2,250,000). Leverage 2,250,000 / 50,000,000 = 0.05.
    expect(ratios).toMatchObject({ inForceBalance: '3000000.00', weightedLiability: '2250000.00', netAssets: '50000000.00', leverage: '0.05', leverageLimit: '10', leverageWithinLimit: true });
    // Released 1,000,000; compensated 500,000 → 0.5000
    expect(ratios).toMatchObject({ cumulativeReleased: '1000000.00', compensationRate: '0.5000', compensationBalance: '500000.00' });
    // Fees up front: 2% × 3,000,000 × 365/365 + 2% × 2,000,000 = 100,000 → unearned reserve 50,000
    expect(ratios).toMatchObject({ feeIncomeThisYear: '100000.00', unearnedFeeReserve: '50000.00' });
  });

  it('takes counter-guarantees — a mortgage shared with a loan up to its value, a shareholder, margin — with their coverage', async () => {
    await rt.call('borrower.create', { kind: 'individual', name: '陈大股东', idType: 'resident-id', idNumber: '440524199003072319' });
    await rt.call('guarantee.create', { ...contract, contractNo: 'C-1' }, officer);
    const item = await rt.call('collateral.create', { ownerBorrowerId: 1, kind: 'property', description: '厂房', appraisedValue: '4000000', appraisedOn: '2026-02-01' });
    await rt.call('guarantee.addCounterGuarantee', { contractNo: 'C-1', kind: 'mortgage', collateralId: item.id, securedAmount: '2500000' }, officer);
    await rt.call('guarantee.addCounterGuarantee', { contractNo: 'C-1', kind: 'guarantee', guarantorId: 2, securedAmount: '3000000' }, officer);
    const secured = await rt.call('guarantee.addCounterGuarantee', { contractNo: 'C-1', kind: 'margin', securedAmount: '600000' }, officer);
    expect(secured.counterGuarantees).toEqual([
      { kind: 'mortgage', description: '厂房', securedAmount: '2500000.00' },
      { kind: 'guarantee', description: '陈大股东', securedAmount: '3000000.00' },
      { kind: 'margin', description: 'margin', securedAmount: '600000.00' },
    ]);
    expect(secured.counterCoverage).toBe('203.33'); // 6,100,000 / 3,000,000
    // The same building can secure a loan only with what is left of its value: 1,500,000.
    expect((await rt.call('collateral.get', { id: item.id })).available).toBe('1500000.00');
    expect(await rt.fail('guarantee.addCounterGuarantee', { contractNo: 'C-1', kind: 'pledge', collateralId: item.id, securedAmount: '1500000.01' }, officer)).toMatchObject({ reason: 'exceedsCollateralValue' });
    expect(await rt.fail('guarantee.addCounterGuarantee', { contractNo: 'C-1', kind: 'mortgage', securedAmount: '1' }, officer)).toMatchObject({ field: 'kind', reason: 'counterGuaranteeParty' });
  });

  it('refuses nonsense naming the field', async () => {
    expect(await rt.fail('guarantee.create', { ...contract, loanEnd: '2026-01-01' }, officer)).toMatchObject({ field: 'loanEnd', reason: 'dateOrder' });
    expect(await rt.fail('guarantee.create', { ...contract, guaranteeType: 'bond' }, officer)).toMatchObject({ field: 'issuerRating' });
    expect(await rt.fail('guarantee.create', { ...contract, bankId: 9 }, officer)).toMatchObject({ field: 'bankId', reason: 'bankNotFound' });
    expect(await rt.fail('guarantee.create', { ...contract, guaranteedAmount: '-1' }, officer)).toMatchObject({ field: 'guaranteedAmount' });
  });
});
