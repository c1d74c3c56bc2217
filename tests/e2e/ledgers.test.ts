/**
 * The accountant's round in Chromium: export the register with a filter, try to import a file with two
 * bad rows, read the errors by row and column, fix the file and import it; then the trial balance.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openpyxlDump, readersAvailable } from '../helpers/excel';
import { tempDataDir } from '../helpers/runtime';
import { workbook } from '../helpers/workbooks';
import { hostApp, launchChromium, signIn, type HostedApp, newPage } from '../helpers/browser';

let app: HostedApp;
let browser: Browser;
let page: Page;
const admin = { actor: { userName: 'admin', role: 'administrator' as const } };

async function call<T = Record<string, unknown>>(channel: string, input: unknown): Promise<T> {
  const result = await app.runtime.dispatch(channel, input, admin);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  app = await hostApp();
  await call('platform.demo', { borrowers: 40, loans: 80, guarantees: 0, seed: 7 });
  browser = await launchChromium();
  page = await newPage(browser, app, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await page.goto(`${app.host.url}/#/lending/loans`);
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('ledgers in the browser', () => {
  it('exports the filtered register', async () => {
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('loan-filter-class').click();
    await page.locator('.ant-select-item-option', { hasText: '正常' }).click();
    await page.waitForTimeout(500);
    const register = await call<{ total: number }>('loan.list', { classification: 'normal', pageSize: 1 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('loan-export').click()]);
    const file = path.join(tempDataDir('download'), download.suggestedFilename());
    await download.saveAs(file);
    if (readersAvailable() === null) {
      const sheet = openpyxlDump(file)['贷款台账']!;
      expect(sheet.rows).toHaveLength(register.total + 2);
      expect(new Set(sheet.rows.slice(1, -1).map((r) => r[21]))).toEqual(new Set(['正常']));
    }
  });

  it('imports a file with two bad rows: sees the errors, fixes the file, imports it', async () => {
    const before = await call<{ total: number }>('borrower.list', { pageSize: 1 });
    const dir = tempDataDir('import-e2e');
    const header = ['借款人类型', '姓名/名称', '证件号码', '手机号码'];
    const good = [
      ['个人', '周美玲', '33010619500101001X', '13900000001'],
      ['个人', '吴国强', '33010619750315002X', '13900000002'],
    ];
    const badFile = path.join(dir, '借款人.xlsx');
    fs.writeFileSync(badFile, await workbook({ name: '借款人', rows: [header, good[0]!, ['个人', '郑小芳', '330106195001010018', null], good[1]!, ['合伙', '钱多多', '330102199007200036', null]] }));
    await page.goto(`${app.host.url}/#/ledgers`);
    await page.getByRole('tab', { name: '导入' }).click();
    await page.locator('.ant-upload input[type=file]').setInputFiles(badFile);
    await page.getByTestId('import-issues').locator('.ant-table-row').first().waitFor();
    const rows = await page.getByTestId('import-issues').locator('.ant-table-row').allTextContents();
    expect(await page.getByTestId('import-errors').locator('.ant-statistic-content-value').textContent()).toBe('2');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBe('借款人3C330106195001010018证件号码：校验位（最后一位）不正确，请核对号码');
    expect(rows[1]).toBe('借款人5A合伙借款人类型：请选择列表中的选项（个人 / 农户 / 企业）');
    await expect.poll(() => page.getByTestId('import-commit').count()).toBe(0);
    await page.screenshot({ path: path.join(dir, 'import-errors.png') });
    // The marked-up copy to fix it in.
    const [annotated] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-annotated').click()]);
    expect(annotated.suggestedFilename()).toBe('错误标注-借款人.xlsx');
    // Fixed: the check digit and the type.
    const fixedFile = path.join(dir, '借款人-改正.xlsx');
    fs.writeFileSync(fixedFile, await workbook({ name: '借款人', rows: [header, good[0]!, ['个人', '郑小芳', '330106195001010036', null], good[1]!, ['企业', '钱多多贸易有限公司', '91350100M000100Y43', null]] }));
    await page.locator('.ant-upload input[type=file]').setInputFiles(fixedFile);
    await page.getByTestId('import-commit').waitFor();
    expect(await page.getByTestId('import-new').locator('.ant-statistic-content-value').textContent()).toBe('4');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toMatch(/新增 4 条/);
    expect((await call<{ total: number }>('borrower.list', { pageSize: 1 })).total).toBe(before.total + 4);
  });

  it('shows a balanced trial balance tied to the sub-ledgers', async () => {
    await page.getByRole('tab', { name: '科目余额表' }).click();
    await page.getByTestId('trial-balance-ties').waitFor();
    expect(await page.getByTestId('trial-balance-status').textContent()).toBe('借贷平衡');
    const differences = await page.getByTestId('trial-balance-ties').locator('.ant-table-row td:last-child').allTextContents();
    expect(differences.length).toBe(5);
    for (const d of differences) expect(d).toBe('0.00');
  });
});
