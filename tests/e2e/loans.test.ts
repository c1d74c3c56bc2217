import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openpyxlDump, readersAvailable } from '../helpers/excel';
import { tempDataDir } from '../helpers/runtime';
import { hostApp, launchChromium, signIn, type HostedApp, newPage } from '../helpers/browser';
import { installDesktopPrint, saveAsPdf } from '../helpers/print';

let app: HostedApp;
let browser: Browser;
let page: Page;
const admin = { actor: { userName: 'admin', role: 'administrator' as const } };
const CONTRACT = 'DK-E2E-0001';

async function call(channel: string, input: unknown) {
  const result = await app.runtime.dispatch(channel, input, admin);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

beforeAll(async () => {
  app = await hostApp();
  await call('day.close', { to: '2026-01-15' });
  await call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
  await call('borrower.create', { kind: 'individual', name: '陈大股东', idType: 'resident-id', idNumber: '440524199003072319' });
  await call('loan.create', {
    borrowerId: 1,
    contractNo: CONTRACT,
    securityType: 'mortgage',
    terms: { principal: '1000000.00', annualRate: '17.30', periods: 18, method: 'equal-installment', interestOnlyPeriods: 6, disbursementDate: '2026-01-15', firstDueDate: '2026-02-15' },
  });
  browser = await launchChromium();
  page = await newPage(browser, app, { viewport: { width: 1440, height: 900 } });
  await page.goto(`${app.host.url}/#/lending/loans`);
  await signIn(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const text = (testId: string) => page.getByTestId(testId).textContent();

describe('a loan in the browser', () => {
  it('appears in the register as an application and opens its detail', async () => {
    await page.locator('.ant-table-row', { hasText: CONTRACT }).click();
    await expect.poll(() => text('loan-status')).toBe('申请中');
  });

  it('takes a property mortgage and a shareholder guarantee before approval', async () => {
    await page.getByRole('tab', { name: '抵质押与保证' }).click();
    await page.getByTestId('add-collateral').click();
    await page.locator('#collateral_description').fill('杭州市西湖区文三路1号厂房');
    await page.locator('#collateral_certificateNo').fill('浙(2026)杭州市不动产证明第0012345号');
    await page.locator('#collateral_appraisedValue').fill('1600000');
    await page.locator('#collateral_appraisedOn').click();
    await page.locator('#collateral_appraisedOn').fill('2026-01-10');
    await page.locator('#collateral_appraisedOn').press('Enter');
    await page.locator('#collateral_securedAmount').fill('1200000');
    await page.getByTestId('collateral-submit').click();
    await expect.poll(() => page.getByTestId('collateral-coverage').textContent()).toBe('120.00%');
    await page.getByTestId('add-guarantor').click();
    await page.locator('#guarantor_guarantorId').fill('陈大');
    await page.locator('.ant-select-item-option', { hasText: '陈大股东' }).click();
    await page.locator('#guarantor_amount').fill('1000000');
    await page.getByTestId('guarantor-submit').click();
    await expect.poll(() => page.getByTestId('loan-guarantors').textContent()).toContain('陈大股东');
    // The guarantee period runs to six months after the maturity (2027-07-15).
    expect(await page.getByTestId('loan-guarantors').textContent()).toContain('2028-01-15');
    await page.getByRole('tab', { name: '还款计划' }).click();
  });

  it('is approved and disbursed from its page; the schedule shows 14,416.67 then 91,347.18', async () => {
    // No net assets on file yet: the limits cannot be checked, so the approver is asked why it goes ahead.
    await page.getByTestId('loan-approve').click();
    await page.getByTestId('limit-override-reason').waitFor();
    expect(await page.locator('.ant-modal-confirm').textContent()).toContain('尚未录入净资产');
    await page.getByTestId('limit-override-reason').fill('净资产待年审后补录，经总经理同意');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect.poll(() => text('loan-status')).toBe('已审批');
    await page.getByTestId('loan-disburse').click();
    await expect.poll(() => text('loan-status')).toBe('在贷');
    const totals = await page.locator('[data-testid=loan-schedule] .ant-table-row td:nth-child(5)').allTextContents();
    expect(totals.slice(0, 6)).toEqual(Array(6).fill('14,416.67'));
    expect(totals[6]).toBe('91,347.18');
  });

  it('records the first repayment and shows it paid', async () => {
    await call('day.close', { to: '2026-02-15' });
    await page.reload();
    await page.getByTestId('loan-repay').click();
    await page.locator('#repay_amount').fill('14416.67');
    await page.getByTestId('repay-submit').click();
    await expect.poll(() => page.locator('[data-testid=loan-schedule] .ant-table-row').first().textContent()).toContain('已还 2026-02-15');
  });

  it('prints the borrower’s schedule with the letterhead and the APR, to a PDF', async () => {
    await call('settings.set', { key: 'company.name', value: '杭州某小额贷款有限公司' });
    await call('settings.set', { key: 'company.letterhead', value: '杭州市西湖区文三路 1 号 · 0571-88880000' });
    await page.reload();
    await page.getByTestId('loan-print-schedule').waitFor();
    const loan = await call('loan.get', { contractNo: CONTRACT });
    await page.emulateMedia({ media: 'print' });
    const printable = page.getByTestId('printable-loan-schedule');
    expect(await printable.isVisible()).toBe(true);
    expect(await page.getByTestId('loan-print-schedule').isVisible()).toBe(false);
    expect(await printable.locator('tbody tr').count()).toBe(3 + (loan.installments as unknown[]).length);
    await page.emulateMedia({ media: 'screen' });
    // Save as PDF as the desktop app does: A4 portrait, the company and title on every page, page n of m.
    await installDesktopPrint(page);
    await page.reload();
    const pdf = await saveAsPdf(page, 'loan-print-schedule', path.join(tempDataDir('print'), 'schedule.pdf'));
    expect(pdf.request).toMatchObject({ title: `借款人还款计划表 ${CONTRACT}`, orientation: 'portrait', company: '杭州某小额贷款有限公司', pageLabel: '第 {page} 页 / 共 {pages} 页' });
    // A4 portrait: 595 × 842 points.
    expect([Math.abs(pdf.width - 595) < 2, Math.abs(pdf.height - 842) < 2]).toEqual([true, true]);
    expect(pdf.text).toContain(`${String(loan.apr)}%`);
    expect(pdf.text).toContain('0571-88880000');
    expect(pdf.text).toContain(CONTRACT);
    expect(pdf.text).toMatch(new RegExp(`杭州某小额贷款有限公司\\s+借款人还款计划表 ${CONTRACT}`));
    // pdftotext drops the spaces of the footer's 第 1 页 / 共 n 页.
    expect(pdf.text.replace(/\s/g, '')).toContain(`第1页/共${pdf.pages}页`);
    // The payoff quote on the same page prints alone: not the schedule.
    expect(pdf.text).not.toContain('提前结清报价单');
  });

  it('prints the early-settlement quote alone: the letterhead, its lines and the total', async () => {
    await page.getByTestId('loan-payoff').click();
    await page.getByTestId('payoff-total').waitFor();
    const quote = await call('loan.payoff', { contractNo: CONTRACT });
    const pdf = await saveAsPdf(page, 'payoff-print', path.join(tempDataDir('print'), 'payoff.pdf'));
    expect(pdf.request.title).toBe(`提前结清报价单 ${CONTRACT}`);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('提前结清报价单');
    expect(pdf.text).not.toContain('借款人还款计划表');
    const money = (yuan: unknown) => Number(yuan).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(pdf.text).toMatch(new RegExp(`结清金额\\s+${money(quote.total)}`));
    expect(pdf.text).toMatch(new RegExp(`逾期本金\\s+${money((quote.overdue as { principal: string }).principal)}`));
    expect(pdf.text).toContain(`本报价仅适用于 ${String(quote.date)} 当日结清`);
    await page.keyboard.press('Escape');
  });

  it('months 2–7 paid on time, month 8 missed: DPD, penalty and the 关注 class in the detail and the register', async () => {
    const dues = ['2026-03-15', '2026-04-15', '2026-05-15', '2026-06-15', '2026-07-15', '2026-08-15'];
    for (const [k, due] of dues.entries()) {
      await call('day.close', { to: due });
      await call('loan.repay', { contractNo: CONTRACT, amount: k < 5 ? '14416.67' : '91347.18' });
    }
    await call('day.close', { to: '2026-10-05' });
    await page.reload();
    await expect.poll(() => page.getByTestId('loan-dpd').locator('.ant-statistic-content').textContent()).toBe('20');
    expect(await text('loan-class')).toBe('关注');
    // 78,039.59 overdue principal and 13,307.59 interest for 20 days at the 24% cap: 1,040.53 + 177.43
    expect(await page.locator('[data-testid=loan-schedule] .ant-table-row').nth(7).textContent()).toContain('1,217.96');
    await page.goto(`${app.host.url}/#/lending/loans`);
    await page.getByTestId('loan-filter-class').click();
    await page.locator('.ant-select-item-option', { hasText: '关注' }).click();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await page.locator('.lb-totals td').nth(4).textContent()).toBe('923,069.49');
    // Export what I see: the filtered register as Excel, with the same total.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('loan-export').click()]);
    const file = path.join(tempDataDir('download'), download.suggestedFilename());
    await download.saveAs(file);
    if (readersAvailable() === null) {
      const sheet = openpyxlDump(file)['贷款台账']!;
      expect(sheet.rows).toHaveLength(3);
      expect(sheet.rows[2]![0]).toBe('合计');
      expect(sheet.rows[1]![21]).toBe('关注');
      expect(openpyxlDump(file)['封面']!.rows.some((r) => r[0] === '筛选：五级分类' && r[1] === 'special-mention')).toBe(true);
    }
    // Hide the borrower and product columns: the totals stay under their columns.
    await page.getByTestId('column-chooser-open').click();
    await page.locator('.ant-popover .ant-checkbox-wrapper', { hasText: '借款人' }).click();
    await page.locator('.ant-popover .ant-checkbox-wrapper', { hasText: '产品' }).click();
    await expect.poll(() => page.locator('.ant-table-thead th').allTextContents()).not.toContain('借款人');
    expect(await page.locator('.lb-totals td').nth(2).textContent()).toBe('923,069.49');
    await page.keyboard.press('Escape');
  });

  it('paid late, penalty first: back to 正常', async () => {
    await page.locator('.ant-table-row', { hasText: CONTRACT }).click();
    await page.getByTestId('loan-repay').click();
    await page.locator('#repay_amount').fill('92565.14');
    await page.getByTestId('repay-submit').click();
    await expect.poll(() => text('loan-class')).toBe('正常');
    expect(await page.getByTestId('loan-dpd').locator('.ant-statistic-content').textContent()).toBe('0');
  });

  it('settles early with the payoff quote', async () => {
    await call('day.close', { to: '2026-10-10' });
    await page.reload();
    await page.getByTestId('loan-payoff').click();
    // 845,029.90 + interest for the 25 days used (30/360): 10,152.10
    await expect.poll(() => text('payoff-total')).toBe('855,182.00');
    await page.getByTestId('settle-submit').click();
    await expect.poll(() => text('loan-status')).toBe('已结清');
    expect(await page.getByTestId('loan-dpd').locator('.ant-statistic-content').textContent()).toBe('0');
  });

  it('runs the daily close from its screen: the business date moves to the next day', async () => {
    await page.goto(`${app.host.url}/#/lending/close`);
    await expect.poll(() => text('close-business-date')).toBe('2026-10-10');
    await page.getByTestId('close-run').click();
    await expect.poll(() => text('close-business-date')).toBe('2026-10-11');
    expect(await page.getByTestId('business-date').textContent()).toBe('2026-10-11');
  });
});
