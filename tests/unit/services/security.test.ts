import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';
import { ampleNetAssets } from '../../helpers/book';

let rt: TestRuntime;
beforeEach(async () => {
  rt = await testRuntime();
  await ampleNetAssets(rt);
  await rt.call('day.close', { to: '2026-01-15' });
  await rt.call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
  await rt.call('borrower.create', { kind: 'individual', name: '陈大股东', idType: 'resident-id', idNumber: '440524199003072319' });
  for (const [no, principal] of [['L-1', '1000000.00'], ['L-2', '500000.00']] as const) {
    await rt.call('loan.create', { borrowerId: 1, contractNo: no, securityType: 'mortgage', terms: { principal, annualRate: '17.30', periods: 18, method: 'equal-installment', interestOnlyPeriods: 6, disbursementDate: '2026-01-15' } });
  }
});
afterEach(() => rt.close());

const property = { ownerBorrowerId: 1, kind: 'property' as const, description: '杭州市西湖区文三路1号厂房', certificateNo: '浙(2026)杭州市不动产证明第0012345号', appraisedValue: '1600000.00', appraisedOn: '2026-01-10', appraiser: '某评估公司' };

describe('collateral and guarantors', () => {
  it('records collateral with its valuation history', async () => {
    const created = await rt.call('collateral.create', property);
    expect(created).toMatchObject({ ownerName: '杭州恒达建材有限公司', appraisedValue: '1600000.00', status: 'pledged', securedTotal: '0.00', available: '1600000.00' });
    const revalued = await rt.call('collateral.revalue', { id: created.id, value: '1500000', valuedOn: '2026-06-30' });
    expect(revalued.valuations).toEqual([
      { value: '1600000.00', valuedOn: '2026-01-10', appraiser: '某评估公司' },
      { value: '1500000.00', valuedOn: '2026-06-30', appraiser: null },
    ]);
    expect(await rt.fail('collateral.revalue', { id: created.id, value: '1', valuedOn: '2026-01-01' })).toMatchObject({ field: 'valuedOn', reason: 'dateOrder' });
  });

  it('one item secures several loans up to its value; coverage and LTV per loan', async () => {
    const item = await rt.call('collateral.create', property);
    const first = await rt.call('loan.linkCollateral', { contractNo: 'L-1', collateralId: item.id, securedAmount: '1200000' });
    expect(first).toMatchObject({ collateralCoverage: '120.00', loanToValue: '62.50' });
    expect(await rt.fail('loan.linkCollateral', { contractNo: 'L-2', collateralId: item.id, securedAmount: '500000' })).toMatchObject({
      field: 'securedAmount',
      reason: 'exceedsCollateralValue',
      params: { available: '400000.00' },
    });
    const second = await rt.call('loan.linkCollateral', { contractNo: 'L-2', collateralId: item.id, securedAmount: '400000' });
    expect(second.collateralCoverage).toBe('80.00');
    expect((await rt.call('collateral.get', { id: item.id })).available).toBe('0.00');
    const detail = await rt.call('loan.get', { contractNo: 'L-1' });
    expect(detail.security.collateral).toEqual([expect.objectContaining({ description: '杭州市西湖区文三路1号厂房', securedAmount: '1200000.00', lienRank: 1 })]);
  });

  it('adds a shareholder guarantee with the default guarantee period: six months after maturity', async () => {
    const result = await rt.call('loan.addGuarantor', { contractNo: 'L-1', guarantorId: 2, kind: 'shareholder', amount: '1000000' });
    expect(result.guarantors).toEqual([{ guarantorId: 2, name: '陈大股东', kind: 'shareholder', amount: '1000000.00', periodEnd: '2028-01-15', groupName: null }]);
    expect(await rt.fail('loan.addGuarantor', { contractNo: 'L-1', guarantorId: 1, kind: 'personal', amount: '1' })).toMatchObject({ reason: 'selfGuarantee' });
    expect(await rt.fail('loan.addGuarantor', { contractNo: 'L-1', guarantorId: 99, kind: 'personal', amount: '1' })).toMatchObject({ field: 'guarantorId' });
  });

  it('sums a borrower\'s exposure: own loans, guarantees given for others, collateral owned', async () => {
    const item = await rt.call('collateral.create', property);
    await rt.call('loan.linkCollateral', { contractNo: 'L-1', collateralId: item.id, securedAmount: '1000000' });
    await rt.call('loan.addGuarantor', { contractNo: 'L-1', guarantorId: 2, kind: 'shareholder', amount: '1000000' });
    for (const no of ['L-1', 'L-2']) {
      await rt.call('loan.approve', { contractNo: no }, { userName: 'm', role: 'manager' });
      await rt.call('loan.disburse', { contractNo: no });
    }
    const company = await rt.call('borrower.exposure', { id: 1 });
    expect(company.loans.map((l) => l.contractNo).sort()).toEqual(['L-1', 'L-2']);
    expect(company.totals).toMatchObject({ outstandingPrincipal: '1500000.00', guaranteed: '0.00', exposure: '1500000.00' });
    expect(company.collateral).toHaveLength(1);
    const shareholder = await rt.call('borrower.exposure', { id: 2 });
    expect(shareholder.guaranteesGiven).toEqual([{ contractNo: 'L-1', borrowerName: '杭州恒达建材有限公司', kind: 'shareholder', amount: '1000000.00', periodEnd: '2028-01-15', loanStatus: 'disbursed' }]);
    expect(shareholder.totals).toMatchObject({ outstandingPrincipal: '0.00', guaranteed: '1000000.00', exposure: '1000000.00' });
  });

  it('needs an owner for third-party collateral', async () => {
    expect(await rt.fail('collateral.create', { ...property, ownerBorrowerId: undefined })).toMatchObject({ field: 'ownerName', reason: 'required' });
    const thirdParty = await rt.call('collateral.create', { ...property, ownerBorrowerId: undefined, ownerName: '王某（第三人）' });
    expect(thirdParty.ownerBorrowerId).toBeNull();
  });
});
