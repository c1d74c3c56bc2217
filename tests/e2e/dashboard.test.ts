/** The dashboard on the demo book: the home screen after signing in; the NPL figure opens the register filtered to those loans with the same total. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostApp, launchChromium, signIn, type HostedApp } from '../helpers/browser';

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
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
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
});
