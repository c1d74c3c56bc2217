import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostApp, launchChromium, signIn, type HostedApp, newPage } from '../helpers/browser';

let app: HostedApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await hostApp();
  await app.runtime.dispatch('platform.demo', { borrowers: 30, seed: 3 }, { actor: { userName: 'seed', role: 'administrator' } });
  browser = await launchChromium();
  page = await newPage(browser, app, { viewport: { width: 1366, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('borrowers in the browser (Chinese by default)', () => {
  it('shows the shell with navigation, the borrower list and the status bar', async () => {
    await page.goto(`${app.host.url}/#/lending/borrowers`);
    await signIn(page);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(20);
    for (const label of ['贷款', '担保', '催收', '台账与报表', '设置']) {
      await expect(page.getByRole('menuitem', { name: label }).count()).resolves.toBeGreaterThan(0);
    }
    await expect(page.getByTestId('database-file').textContent()).resolves.toBe(app.runtime.database.file);
    await expect(page.getByTestId('business-date').textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByText('共 30 位借款人').count()).resolves.toBe(1);
  });

  it('shows the check-digit message for a wrong ID, then saves once corrected', async () => {
    await page.getByTestId('borrower-add').click();
    await page.locator('#borrower_name').fill('周美玲');
    await page.locator('#borrower_idNumber').fill('110105194912310021');
    await page.locator('#borrower_phone').fill('13912345678');
    await page.getByTestId('borrower-save').click();
    const explain = page.locator('#borrower_idNumber_help');
    await expect.poll(() => explain.textContent()).toContain('校验位（最后一位）不正确');
    // Nothing was written.
    expect(app.runtime.database.sqlite.prepare("SELECT COUNT(*) FROM borrowers WHERE name = '周美玲'").pluck().get()).toBe(0);

    await page.locator('#borrower_idNumber').fill('11010519491231002X');
    await page.getByTestId('borrower-save').click();
    await expect.poll(() => page.getByText('已保存借款人 周美玲').count()).toBe(1);
    expect(app.runtime.database.sqlite.prepare("SELECT id_number FROM borrowers WHERE name = '周美玲'").pluck().get()).toBe(
      '11010519491231002X',
    );
  });

  it('shows the server refusal of a duplicate ID on the field', async () => {
    await page.getByTestId('borrower-add').click();
    await page.locator('#borrower_name').fill('重复的人');
    await page.locator('#borrower_idNumber').fill('11010519491231002X');
    await page.getByTestId('borrower-save').click();
    await expect.poll(() => page.locator('#borrower_idNumber_help').textContent()).toContain('该证件号码已登记为借款人');
    await page.keyboard.press('Escape');
  });

  it('finds the borrower again after a reload, by name and by ID number', async () => {
    await page.reload();
    const search = page.getByTestId('borrower-search').locator('input');
    await search.fill('美玲');
    await search.press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await expect(page.locator('.ant-table-row').first().textContent()).resolves.toContain('周美玲');
    await search.fill('110105194912310');
    await search.press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').first().textContent()).toContain('11010519491231002X');
  });

  it('opens a borrower\'s page with their exposure, and edits the borrower there', async () => {
    await page.locator('.ant-table-row').first().click();
    await expect.poll(() => page.getByTestId('borrower-name').textContent()).toBe('周美玲');
    expect(await page.getByTestId('borrower-exposure').textContent()).toContain('0.00');
    await page.getByRole('button', { name: /编辑借款人/ }).click();
    await expect.poll(() => page.locator('#borrower_name').inputValue()).toBe('周美玲');
    await page.locator('#borrower_address').fill('浙江省杭州市西湖区文三路1号');
    await page.getByTestId('borrower-save').click();
    await page.goto(`${app.host.url}/#/lending/borrowers`);
    const search = page.getByTestId('borrower-search').locator('input');
    await search.fill('美玲');
    await search.press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').first().textContent()).toContain('文三路1号');
  });

  it('switches to English and stays English after a reload', async () => {
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Borrowers' }).count()).toBe(1);
    await expect(page.getByTestId('borrower-add').textContent()).resolves.toContain('Add borrower');
    await page.reload();
    await expect.poll(() => page.getByTestId('borrower-add').textContent()).toContain('Add borrower');
    await expect(page.getByText('Business date').count()).resolves.toBe(1);
    // And back, so the language is a switch, not a one-way door.
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('borrower-add').textContent()).toContain('新增借款人');
  });

  it('validates in English too', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByTestId('borrower-add').click();
    await page.locator('#borrower_idNumber').fill('110105194912310021');
    await expect.poll(() => page.locator('#borrower_idNumber_help').textContent()).toContain('The check digit (last character) is wrong');
    await page.keyboard.press('Escape');
  });
});
