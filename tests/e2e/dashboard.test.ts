/** The dashboard on the demo book: the home screen after signing in; the NPL figure opens the register filtered to those loans with the same total. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostApp, launchChromium, signIn, type HostedApp, newPage } from '../helpers/browser';
import { installDesktopPrint, saveAsPdf } from '../helpers/print';
import { tempDataDir } from '../helpers/runtime';

let app: HostedApp;
let browser: Browser;
let page: Page;
const admin = { actor: { userName: 'admin', role: 'administrator' as const } };

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await app.runtime.dispatch(channel, input, admin);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  app = await hostApp();
  await call('platform.demo', { borrowers: 80, loans: 300, guarantees: 30, seed: 13 });
  browser = await launchChromium();
  page = await newPage(browser, app, { viewport: { width: 1440, height: 900 } });
  await installDesktopPrint(page);
  await page.goto(app.host.url);
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('dashboard in the browser', () => {
  it('is the home screen, with every figure stating its date and the charts drawn', async () => {
    await page.getByTestId('dashboard').waitFor();
    const d = await call<{ asOf: string; nplRatio: string; outstandingPrincipal: string; lending: { nplBalance: string } }>('report.dashboard', {});
    const npl = page.getByTestId('fig-npl');
    expect(await npl.locator('.ant-statistic-content-value').textContent()).toBe(`${(Number(d.nplRatio) * 100).toFixed(2)}%`);
    expect(await npl.textContent()).toContain(`截至 ${d.asOf}`);
    for (const chart of ['chart-months', 'chart-aging', 'chart-classes', 'chart-leverage']) await page.getByTestId(chart).locator('canvas').waitFor();
  });

  it('a click on the NPL figure opens the register filtered to those loans, with the same total', async () => {
    const d = await call<{ lending: { nplBalance: string } }>('report.dashboard', {});
    await page.getByTestId('fig-npl').click();
    await page.getByTestId('filter-npl').waitFor();
    await page.locator('.lb-totals').waitFor();
    const register = await call<{ total: number; totals: { outstandingPrincipal: string } }>('loan.list', { nonPerforming: true, pageSize: 1 });
    expect(register.totals.outstandingPrincipal).toBe(d.lending.nplBalance);
    expect(Number(d.lending.nplBalance)).toBeGreaterThan(0);
    const totals = await page.locator('.lb-totals td').allTextContents();
    expect(totals.join(' ')).toContain(Number(register.totals.outstandingPrincipal).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    expect(totals.join(' ')).toContain(`${register.total} 笔`);
  });

  it('the register keeps its rows, scroll and the loan last opened across a refresh and a visit to a loan', async () => {
    await page.goto(`${app.host.url}/#/lending/loans`);
    const body = page.locator('.ant-table-tbody-virtual-holder');
    await page.locator('.ant-table-row').first().waitFor();
    // The register remembers the NPL filter the previous test opened it with: the whole book again.
    await page.getByTestId('filter-npl').locator('.ant-tag-close-icon').click();
    await page.getByText('共 300 笔贷款').waitFor();
    await body.evaluate((el) => el.scrollTo({ top: 900 }));
    await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBe(900);
    // The contract number of the first row wholly inside the scrolled body.
    const firstVisible = () =>
      body.evaluate((holder) => {
        const top = holder.getBoundingClientRect().top;
        const row = [...holder.querySelectorAll('.ant-table-row')].find((r) => r.getBoundingClientRect().top >= top);
        return row?.querySelector('.ant-table-cell')?.textContent ?? null;
      });
    // The virtual list draws the rows for the new position on its next frame.
    await expect.poll(firstVisible).not.toBeNull();
    const before = await firstVisible();
    await page.getByTestId('loan-refresh').click();
    await expect.poll(() => page.getByTestId('loan-refresh').locator('.ant-btn-loading-icon').count()).toBe(0);
    expect(await body.evaluate((el) => el.scrollTop)).toBe(900);
    await expect.poll(firstVisible).toBe(before);
    // Open that loan, come back: the same place, the loan marked.
    await page.locator('.ant-table-row', { hasText: before! }).click();
    await page.getByTestId('loan-contract').waitFor();
    await page.goBack();
    await page.locator('.lb-row-last-opened').waitFor();
    await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBe(900);
    expect(await page.locator('.lb-row-last-opened .ant-table-cell').first().textContent()).toBe(before);
  });

  it('the dashboard prints on A4 landscape with its figures and charts', async () => {
    await page.goto(`${app.host.url}/#/dashboard`);
    await page.getByTestId('chart-months').locator('canvas').waitFor();
    const d = await call<{ asOf: string; loanCount: number }>('report.dashboard', {});
    const printed = await saveAsPdf(page, 'dashboard-print', `${tempDataDir('dashboard-print')}/dashboard.pdf`);
    expect(printed.request).toMatchObject({ title: '经营看板', orientation: 'landscape' });
    expect(printed.width).toBeGreaterThan(printed.height);
    expect(printed.text).toContain(`经营看板（截至 ${d.asOf}）`);
    expect(printed.text).toContain(String(d.loanCount));
  });

  it('reports print on A4 with the letterhead: the monthly report portrait, vintage and roll rates landscape', async () => {
    const vintage = await call<{ lastMonth: string; cohorts: Array<{ cohort: string; disbursed: string }> }>('report.vintage', {});
    await page.goto(`${app.host.url}/#/ledgers`);
    await page.getByRole('tab', { name: '报表' }).click();
    await page.getByTestId('report-monthly').waitFor();
    const dir = tempDataDir('report-print');
    const monthly = await saveAsPdf(page, 'report-print', `${dir}/monthly.pdf`);
    expect(monthly.request).toMatchObject({ title: '月度业务报表', orientation: 'portrait' });
    expect(monthly.width).toBeLessThan(monthly.height);
    expect(monthly.text).toContain('小额贷款公司月度业务报表');
    // The screen's controls stay off the paper.
    expect(monthly.text).not.toContain('导出 Excel');

    await page.getByTestId('report-view-vintage').click();
    await page.getByTestId('report-vintage').waitFor();
    const printed = await saveAsPdf(page, 'report-print', `${dir}/vintage.pdf`);
    expect(printed.request).toMatchObject({ title: '账龄分析（Vintage）', orientation: 'landscape' });
    // A4 landscape: 842 × 595 points.
    expect([Math.abs(printed.width - 842) < 2, Math.abs(printed.height - 595) < 2]).toEqual([true, true]);
    expect(printed.text).toContain(`截至 ${vintage.lastMonth} 月末`);
    expect(printed.text).toContain('MOB0');
    const first = vintage.cohorts[0]!;
    expect(printed.text).toMatch(new RegExp(`${first.cohort}\\s+\\d+\\s+${Number(first.disbursed).toLocaleString('en-US', { minimumFractionDigits: 2 })}`));

    await page.getByTestId('report-view-roll-rate').click();
    await page.getByTestId('report-roll-rate').waitFor();
    const roll = await saveAsPdf(page, 'report-print', `${dir}/roll.pdf`);
    expect(roll.request.orientation).toBe('landscape');
    expect(roll.text).toContain('向下迁徙率趋势');
  });
});
