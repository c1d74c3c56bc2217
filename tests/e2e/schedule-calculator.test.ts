import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostApp, launchChromium, signIn, type HostedApp, newPage } from '../helpers/browser';
import { openpyxlDump, readersAvailable } from '../helpers/excel';
import { tempDataDir } from '../helpers/runtime';

let app: HostedApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await hostApp();
  browser = await launchChromium();
  page = await newPage(browser, app, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await page.goto(`${app.host.url}/#/lending/calculator`);
  await signIn(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function setDate(id: string, value: string) {
  const input = page.locator(id);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

function totals(): Promise<string[]> {
  return page.locator('[data-testid=schedule-table] .ant-table-row').evaluateAll((rows) =>
    rows.map((row) => (row as HTMLElement).querySelectorAll('td')[7]!.textContent ?? ''),
  );
}

describe('schedule calculator (试算) in the browser', () => {
  it('starts from the business date and shows a schedule straight away', async () => {
    const status = (await (await fetch(`${app.host.url}/api/platform.status`, { method: 'POST', body: '{}' })).json()) as { value: { businessDate: string } };
    expect(status.value.businessDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect.poll(() => page.locator('#terms_disbursementDate').inputValue()).toBe(status.value.businessDate);
    await expect.poll(async () => (await totals()).length).toBe(12);
    await expect.poll(() => page.getByTestId('apr-simple').textContent()).toContain('12.00%');
  });

  it('18 months at 17.30%, 6 interest-only: 14,416.67 for months 1–6, 91,347.18 from month 7', async () => {
    await page.locator('#terms_principal').fill('1000000');
    await page.locator('#terms_annualRate').fill('17.30');
    await page.locator('#terms_periods').fill('18');
    await page.locator('#terms_interestOnlyPeriods').fill('6');
    await setDate('#terms_disbursementDate', '2026-01-15');
    await setDate('#terms_firstDueDate', '2026-02-15');
    await expect.poll(async () => (await totals()).length).toBe(18);
    await expect.poll(async () => (await totals()).slice(0, 6)).toEqual(Array(6).fill('14,416.67'));
    const all = await totals();
    expect(all.slice(6, 17)).toEqual(Array(11).fill('91,347.18'));
    expect(all[17]).toBe('91,347.22');
    expect(await page.getByTestId('apr-simple').textContent()).toContain('17.30%');
    // Above 4 × LPR: a warning, not a block.
    expect(await page.locator('.ant-alert-warning').textContent()).toContain('17.30%');
  });

  it('shows the APR more prominently than the nominal rate', async () => {
    const aprSize = await page.getByTestId('apr-simple').locator('.ant-statistic-content').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const nominalSize = await page.locator('.lb-disclosure').getByText(/月 14\.4167‰/).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(aprSize).toBeGreaterThan(nominalSize * 2);
  });

  it('prints the schedule as a plain A4 table with the APR, without the form', async () => {
    await page.emulateMedia({ media: 'print' });
    const printable = page.getByTestId('printable-schedule');
    expect(await printable.isVisible()).toBe(true);
    expect(await page.locator('.lb-calculator').isVisible()).toBe(false);
    expect(await printable.locator('.lb-print-apr').textContent()).toContain('17.30%');
    expect(await printable.locator('tbody tr').count()).toBe(18 + 3);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });
  });

  it('puts a server refusal on the field it names', async () => {
    await page.locator('#terms_interestOnlyPeriods').fill('18');
    await expect.poll(() => page.locator('#terms_interestOnlyPeriods_help').textContent()).toContain('先付息期数必须少于总期数');
    await page.locator('#terms_interestOnlyPeriods').fill('6');
    await expect.poll(() => page.locator('#terms_interestOnlyPeriods_help').count()).toBe(0);
  });

  it('blocks an APR above the hard cap until the officer overrides it', async () => {
    await page.locator('#terms_annualRate').fill('30');
    await expect.poll(() => page.locator('.ant-alert-error').textContent()).toContain('超过上限 24.00%');
    await page.locator('.ant-alert-error button').click();
    await expect.poll(() => page.getByTestId('apr-simple').textContent()).toContain('30.00%');
    await page.locator('#terms_annualRate').fill('17.30');
    await expect.poll(() => page.getByTestId('apr-simple').textContent()).toContain('17.30%');
  });

  it.skipIf(readersAvailable() !== null)('exports the schedule to an Excel file that opens with the same numbers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('schedule-export').click()]);
    const file = path.join(tempDataDir('dl'), download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    const sheet = openpyxlDump(file)['还款计划']!;
    const rows = sheet.rows.filter((row) => typeof row[0] === 'number');
    expect(rows).toHaveLength(18);
    expect(rows[6]![8]).toBe(91347.18);
  });
});
