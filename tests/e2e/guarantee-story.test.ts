/**
 * The guarantee officer's story in Chromium: a bank with a credit line → a contract with a property
 * mortgage and a shareholder's guarantee → the first monitoring check appears → the check is recorded →
 * a bank repayment lowers the outstanding → default → compensation → partial recovery → the ratios
 * show the new compensation rate. Only the clock (the daily close) moves outside the UI.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCaller, hostApp, openSignedIn, type HostedApp } from '../helpers/browser';

let app: HostedApp;
let browser: Browser;
let page: Page;

const call = (channel: string, input: unknown) => adminCaller(app)(channel, input);

/** Tab, not Enter: Enter in the last field would also submit the form. */
async function pickDate(id: string, value: string) {
  await page.locator(id).click();
  await page.locator(id).fill(value);
  await page.locator(id).press('Tab');
}

async function choose(id: string, search: string | null, option: string) {
  await page.locator(id).click();
  if (search) await page.locator(id).fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

const stat = (testId: string) => page.getByTestId(testId).locator('.ant-statistic-content').textContent();

beforeAll(async () => {
  app = await hostApp();
  await call('day.close', { to: '2026-03-01' });
  await call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
  await call('borrower.create', { kind: 'individual', name: '陈大股东', idType: 'resident-id', idNumber: '440524199003072319' });
  await call('collateral.create', { ownerBorrowerId: 1, kind: 'property', description: '杭州市西湖区文三路1号厂房', appraisedValue: '4000000', appraisedOn: '2026-02-01' });
  await call('netAssets.record', { periodEnd: '2025-12-31', amount: '50000000' });
  ({ browser, page } = await openSignedIn(app, '/guarantees'));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a guarantee from the bank line to recovery, in the browser', () => {
  it('adds a partner bank with its credit line', async () => {
    await page.getByTestId('bank-new').click();
    await page.locator('#bank_name').fill('杭州某农商银行');
    await page.locator('#bank_branch').fill('西湖支行');
    await page.locator('#bank_creditLine').fill('10000000');
    await pickDate('#bank_lineValidFrom', '2026-01-01');
    await pickDate('#bank_lineValidTo', '2027-12-31');
    await page.getByTestId('bank-submit').click();
    await page.getByRole('tab', { name: '合作银行' }).click();
    await expect.poll(() => page.getByTestId('bank-list').textContent()).toContain('10,000,000.00');
  });

  it('applies for a guarantee and opens it', async () => {
    await page.getByTestId('guarantee-new').click();
    await choose('#guarantee_clientId', '恒达', '杭州恒达建材有限公司');
    await choose('#guarantee_bankId', null, '杭州某农商银行');
    await page.locator('#guarantee_guaranteedAmount').fill('3000000');
    await page.locator('#guarantee_loan').click();
    await page.locator('#guarantee_loan').fill('2026-03-01');
    await page.locator('#guarantee_loan').press('Enter');
    await page.locator('.ant-picker-range input').nth(1).fill('2027-03-01');
    await page.locator('.ant-picker-range input').nth(1).press('Enter');
    await page.locator('#guarantee_contractNo').fill('DB-2026-0301');
    await page.getByTestId('guarantee-submit').click();
    await expect.poll(() => page.getByTestId('guarantee-status').textContent()).toBe('申请中');
    expect(page.url()).toContain('/guarantees/DB-2026-0301');
  });

  it('takes a property mortgage and a shareholder’s guarantee as counter-guarantees', async () => {
    await page.getByTestId('action-counter').click();
    await choose('#guarantee-counter_collateralId', null, '文三路1号厂房');
    await page.locator('#guarantee-counter_securedAmount').fill('2500000');
    await page.getByTestId('guarantee-counter-submit').click();
    await page.getByTestId('action-counter').click();
    await choose('#guarantee-counter_kind', null, '保证');
    await choose('#guarantee-counter_guarantorId', null, '陈大股东');
    await page.locator('#guarantee-counter_securedAmount').fill('3000000');
    await page.getByTestId('guarantee-counter-submit').click();
    await expect.poll(() => page.locator('.ant-modal:visible').count()).toBe(0);
    await page.getByRole('tab', { name: '反担保' }).click();
    await expect.poll(() => page.locator('[data-testid=counter-guarantees] .ant-table-row').count(), { timeout: 5000 }).toBe(2);
    // 5,500,000 secured against 3,000,000 guaranteed
    expect(await page.locator('.ant-descriptions').textContent()).toContain('183.33%');
  });

  it('is approved by the review meeting, the bank lends, and the first check falls due 60 days later', async () => {
    await page.getByTestId('action-approve').click();
    await pickDate('#guarantee-approve_reviewDate', '2026-02-27');
    await page.locator('#guarantee-approve_members').fill('审保会：王总、李经理、陈律师');
    await page.getByTestId('guarantee-approve-submit').click();
    await expect.poll(() => page.getByTestId('guarantee-status').textContent()).toBe('已审批');
    await page.getByTestId('action-activate').click();
    await page.getByTestId('guarantee-activate-submit').click();
    await expect.poll(() => page.getByTestId('guarantee-status').textContent()).toBe('在保');
    await page.getByRole('tab', { name: '保后监管' }).click();
    await expect.poll(() => page.getByTestId('monitoring-history').textContent()).toContain('2026-04-30');
    expect(await page.getByTestId('monitoring-history').textContent()).toContain('待检查');
  });

  it('shows the check in the task list when it is due, and records it', async () => {
    await call('day.close', { to: '2026-05-05' });
    await page.goto(`${app.host.url}/#/guarantees`);
    await page.getByRole('tab', { name: '保后检查任务' }).click();
    const row = page.locator('[data-testid=monitoring-tasks] .ant-table-row', { hasText: 'DB-2026-0301' });
    await expect.poll(() => row.textContent()).toContain('首次检查');
    expect(await row.textContent()).toContain('5');
    await row.click();
    await page.getByTestId('action-check').click();
    await page.locator('#guarantee-check_findings').fill('生产经营正常，贷款用于采购原材料，与合同约定一致');
    await page.getByTestId('guarantee-check-submit').click();
    await expect.poll(() => page.getByTestId('monitoring-history').textContent()).toContain('2026-08-05');
    expect(await page.getByTestId('monitoring-history').textContent()).toContain('实地走访');
  });

  it('a bank repayment lowers the outstanding', async () => {
    await page.getByTestId('action-repay').click();
    await page.locator('#guarantee-repay_amount').fill('2000000');
    await page.getByTestId('guarantee-repay-submit').click();
    await expect.poll(() => stat('guarantee-outstanding')).toBe('1,000,000.00');
  });

  it('on default compensates the bank, then records a partial recovery', async () => {
    await call('day.close', { to: '2026-09-10' });
    await page.reload();
    await page.getByTestId('action-compensate').click();
    await page.getByTestId('guarantee-compensate-submit').click();
    await expect.poll(() => page.getByTestId('guarantee-status').textContent()).toBe('已代偿');
    expect(await stat('compensation-balance')).toBe('1,000,000.00');
    // No checks after compensation: recovery is collection work.
    expect(await page.getByTestId('monitoring-history').textContent()).toContain('已取消');
    await page.getByTestId('action-recover').click();
    await page.locator('#guarantee-recover_amount').fill('400000');
    await choose('#guarantee-recover_source', null, '处置抵质押物');
    await page.getByTestId('guarantee-recover-submit').click();
    await expect.poll(() => page.getByTestId('guarantee-status').textContent()).toBe('追偿中');
    expect(await stat('compensation-balance')).toBe('600,000.00');
    await page.getByRole('tab', { name: '历程' }).click();
    expect(await page.getByTestId('guarantee-timeline').textContent()).toContain('追偿回款');
  });

  it('the ratios page shows the new compensation rate', async () => {
    await page.goto(`${app.host.url}/#/guarantees`);
    // Compensated 1,000,000 ÷ released 2,000,000
    await expect.poll(() => stat('ratio-compensation')).toBe('50.00%');
    expect(await page.locator('[data-testid=guarantee-register] .ant-table-row', { hasText: 'DB-2026-0301' }).textContent()).toContain('追偿中');
  });
});
