/**
 * A collector's day in Chromium: an overdue loan from the demo book is in their queue → a call at an
 * allowed time is logged → a call at 22:00 is refused with the reason → a promise is recorded → a
 * payment arrives → the promise shows kept and the limitation period moves → their statistics update.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCaller, hostApp, launchChromium, type HostedApp, newPage } from '../helpers/browser';

let app: HostedApp;
let browser: Browser;
let page: Page;
const COLLECTOR = { userName: 'xiaozhang', password: 'collect-2026' };
let contractNo: string;
let bucket: string;
let businessDate: string;

const call = <T = unknown>(channel: string, input: unknown) => adminCaller(app)<T>(channel, input);

async function setTime(value: string) {
  const input = page.locator('#contact_at');
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

beforeAll(async () => {
  app = await hostApp();
  await call('platform.demo', { borrowers: 60, loans: 150, guarantees: 0, seed: 21 });
  await call('user.create', { userName: COLLECTOR.userName, displayName: '张小红', role: 'collector', password: 'temporary-1' });
  businessDate = (await call<{ businessDate: string }>('platform.status', {})).businessDate;
  // The most overdue loan already past its maturity (so its limitation period is running) goes to the collector.
  const queue = await call<{ items: Array<{ contractNo: string; bucket: string }> }>('collections.queue', { sort: 'dpd', direction: 'desc', pageSize: 500 });
  for (const item of queue.items) {
    const loan = await call<{ maturityDate: string }>('loan.get', { contractNo: item.contractNo });
    if (loan.maturityDate < businessDate) {
      contractNo = item.contractNo;
      bucket = item.bucket;
      break;
    }
  }
  await call('collections.assign', { contractNos: [contractNo], collector: COLLECTOR.userName });
  browser = await launchChromium();
  page = await newPage(browser, app, { viewport: { width: 1440, height: 900 } });
  await page.goto(`${app.host.url}/#/collections`);
  await page.locator('#signIn_userName').fill(COLLECTOR.userName);
  await page.locator('#signIn_password').fill('temporary-1');
  await page.getByTestId('sign-in-submit').click();
  await page.locator('#changePassword_currentPassword').fill('temporary-1');
  await page.locator('#changePassword_newPassword').fill(COLLECTOR.password);
  await page.getByTestId('change-password-submit').click();
  await page.getByTestId('signed-in-user').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const row = () => page.locator('[data-testid=collections-queue] .ant-table-row', { hasText: contractNo });

describe("a collector's day", () => {
  it('finds the overdue loan in my queue', async () => {
    await page.goto(`${app.host.url}/#/collections`);
    await page.getByTestId('queue-mine').click();
    await expect.poll(() => page.locator('[data-testid=collections-queue] .ant-table-row').count()).toBe(1);
    expect(await row().textContent()).toContain(COLLECTOR.userName);
    await row().click();
    await page.getByTestId('claim-limitation').waitFor();
  });

  it('logs a call at an allowed time', async () => {
    await setTime(`${businessDate} 10:30`);
    await page.locator('#contact_outcome').fill('借款人接听，称资金周转困难');
    await page.getByTestId('contact-submit').click();
    await expect.poll(() => page.locator('[data-testid=claim-contacts] .ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('claim-contacts').textContent()).toContain(`${businessDate} 10:30`);
  });

  it('refuses a call at 22:00 and says why, on the time field', async () => {
    await setTime(`${businessDate} 22:00`);
    await page.locator('#contact_outcome').fill('无人接听');
    await page.getByTestId('contact-submit').click();
    await expect.poll(() => page.locator('#contact_at_help').textContent()).toContain('22:00');
    expect(await page.locator('#contact_at_help').textContent()).toContain('08:00–21:00');
    expect(await page.locator('[data-testid=claim-contacts] .ant-table-row').count()).toBe(1);
  });

  it('records a promise, which shows kept once the payment arrives, and the limitation period moves', async () => {
    const before = await page.getByTestId('claim-limitation').textContent();
    await page.locator('#promise_amount').fill('500');
    await page.locator('#promise_dueDate').click();
    await page.locator('#promise_dueDate').fill(businessDate);
    await page.locator('#promise_dueDate').press('Tab');
    await page.getByTestId('promise-submit').click();
    await page.getByRole('tab', { name: /承诺记录/ }).click();
    await expect.poll(() => page.getByTestId('claim-promises').textContent()).toContain('待兑现');
    // The borrower pays at the counter; the loan officer posts it.
    await call('loan.repay', { contractNo, amount: '500' });
    await page.reload();
    await page.getByTestId('queue-mine').click();
    await row().click();
    await page.getByRole('tab', { name: /承诺记录/ }).click();
    await expect.poll(() => page.getByTestId('claim-promises').textContent()).toContain('已兑现');
    const after = await page.getByTestId('claim-limitation').textContent();
    expect(after).toContain(`${businessDate} 债务人认可/还款`);
    expect(after).not.toBe(before);
    await page.keyboard.press('Escape');
  });

  it("shows the collector's statistics for the month", async () => {
    await page.getByRole('tab', { name: '业绩统计' }).click();
    const stats = page.locator('[data-testid=collector-stats] .ant-table-row', { hasText: COLLECTOR.userName });
    // The incentive is the bucket's percentage (settings) of the 500.00 recovered.
    const incentive = { M1: '5.00', M2: '7.50', M3: '10.00', 'M4-M6': '15.00', 'M6+': '25.00' }[bucket]!;
    await expect.poll(() => stats.locator('td').allTextContents()).toEqual(['', COLLECTOR.userName, '1', '0', '0', '0', '1', '1', '500.00', incentive]);
  });

  it('makes a collection notice, previews it, and prints it one letter to a page', async () => {
    await page.getByRole('tab', { name: '催收队列' }).click();
    await row().locator('.ant-checkbox-input').check();
    await page.getByTestId('letters-notice').click();
    await expect.poll(() => page.getByTestId('letters-preview').textContent()).toContain(contractNo);
    expect(await page.getByTestId('letters-preview').textContent()).toContain('催收通知书');
    // On screen the printable letters are hidden; in print they are all there is.
    expect(await page.getByTestId('printable-letters').isVisible()).toBe(false);
    await page.keyboard.press('Escape');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('printable-letters').isVisible()).toBe(true);
    expect(await page.locator('.ant-tabs').first().isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    // The letter is on the account as a contact, waiting for its delivery to be recorded.
    await row().click();
    await expect.poll(() => page.getByTestId('claim-contacts').textContent()).toContain('信函');
  });
});
