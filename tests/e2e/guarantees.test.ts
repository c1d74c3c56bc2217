import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCaller, hostApp, openSignedIn, type HostedApp } from '../helpers/browser';

let app: HostedApp;
let browser: Browser;
let page: Page;

const call = (channel: string, input: unknown) => adminCaller(app)(channel, input);

beforeAll(async () => {
  app = await hostApp();
  await call('day.close', { to: '2026-03-01' });
  await call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
  await call('netAssets.record', { periodEnd: '2025-12-31', amount: '50000000' });
  await call('bank.create', { name: '杭州某农商银行', branch: '西湖支行', creditLine: '10000000', lineValidFrom: '2026-01-01', lineValidTo: '2027-12-31' });
  for (const [no, amount] of [['G-1', '3000000'], ['G-2', '2000000']] as const) {
    await call('guarantee.create', { clientId: 1, bankId: 1, contractNo: no, clientSize: 'small-micro', guaranteedAmount: amount, bankLoanRate: '4.35', loanStart: '2026-03-01', loanEnd: '2027-03-01', feeRatePercent: '2', overrideReason: '测试' });
    await call('guarantee.approve', { contractNo: no, reviewDate: '2026-02-26', members: '审保会' });
    await call('guarantee.activate', { contractNo: no });
  }
  await call('guarantee.repay', { contractNo: 'G-2', amount: '1000000' });
  await call('guarantee.compensate', { contractNo: 'G-2', amount: '500000' });
  ({ browser, page } = await openSignedIn(app, '/guarantees'));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('guarantees in the browser', () => {
  it('shows the register and the ratios with the new compensation rate', async () => {
    await expect.poll(() => page.locator('[data-testid=guarantee-register] .ant-table-row').count()).toBe(2);
    // 5,000,000 in force → 3,000,000 after G-2 was compensated; weighted 75% (client total ≤ 5 m) = 2,250,000 ÷ 50,000,000 = 0.05
    expect(await page.getByTestId('ratio-leverage').locator('.ant-statistic-content').textContent()).toBe('0.05 / 10');
    // Compensated 500,000 ÷ released 1,000,000
    expect(await page.getByTestId('ratio-compensation').locator('.ant-statistic-content').textContent()).toBe('50.00%');
    expect(await page.locator('[data-testid=guarantee-register] .ant-table-row', { hasText: 'G-2' }).textContent()).toContain('已代偿');
    // The totals row: guaranteed 5,000,000.00 in all, 3,000,000.00 still in force, under their columns.
    const totals = await page.locator('[data-testid=guarantee-register] .lb-totals td').allTextContents();
    expect(totals).toEqual(expect.arrayContaining(['5,000,000.00', '3,000,000.00', '500,000.00']));
  });

  it('shows the bank line usage', async () => {
    await page.getByRole('tab', { name: '合作银行' }).click();
    await expect.poll(() => page.getByTestId('bank-list').textContent()).toContain('30.00%');
  });
});
