/**
 * `npm run screenshots [-- --out folder]`: opens the built UI over a demo book in Chromium and saves
 * screenshots of each screen in both languages, to look at and for the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hostApp, launchChromium, signIn } from '../helpers/browser';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'screenshots' } } });
const out = path.resolve(values.out);
fs.mkdirSync(out, { recursive: true });

const app = await hostApp();
await app.runtime.dispatch('platform.demo', { borrowers: 120, loans: 150, seed: 11 }, { actor: { userName: 'demo', role: 'administrator' } });
await app.runtime.dispatch('user.create', { userName: 'xiaozhang', displayName: '张小红', role: 'collector', password: 'temp-pass-1' }, { actor: { userName: 'admin', role: 'administrator' } });
await app.runtime.dispatch('backup.create', {}, { actor: { userName: 'admin', role: 'administrator' } });
// A guarantee book beside the loans: banks, net assets, contracts in every state, checks and signals.
await app.runtime.dispatch('platform.demo', { borrowers: 0, loans: 0, guarantees: 120, seed: 12 }, { actor: { userName: 'zhao.danbao', role: 'administrator' } });
const browser = await launchChromium();
try {
  for (const language of ['zh-CN', 'en']) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${app.host.url}/#/lending/borrowers`);
    await page.evaluate(
      (lang) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('loanbridge.language', lang),
      language,
    );
    await page.reload();
    await page.screenshot({ path: path.join(out, `sign-in-${language}.png`) });
    await signIn(page);
    await page.locator('.ant-table-row').first().waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(out, `borrowers-${language}.png`) });
    await page.getByTestId('borrower-add').click();
    await page.locator('#borrower_name').fill('周美玲');
    await page.locator('#borrower_idNumber').fill('110105194912310021');
    await page.locator('#borrower_phone').fill('1391234');
    await page.getByTestId('borrower-save').click();
    await page.locator('#borrower_idNumber_help').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `borrower-form-errors-${language}.png`) });
    await page.goto(`${app.host.url}/#/lending/calculator`);
    await page.locator('#terms_principal').fill('1000000');
    await page.locator('#terms_annualRate').fill('17.30');
    await page.locator('#terms_periods').fill('18');
    await page.locator('#terms_interestOnlyPeriods').fill('6');
    for (const [id, value] of [['#terms_disbursementDate', '2026-01-15'], ['#terms_firstDueDate', '2026-02-15']] as const) {
      await page.locator(id).click();
      await page.locator(id).fill(value);
      await page.locator(id).press('Enter');
    }
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(out, `calculator-${language}.png`) });
    await page.goto(`${app.host.url}/#/lending/loans`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(out, `loans-${language}.png`) });
    await page.locator('.ant-table-row', { hasText: language === 'en' ? 'special mention' : '关注' }).first().click();
    await page.getByTestId('loan-schedule').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `loan-detail-${language}.png`) });
    await page.goto(`${app.host.url}/#/guarantees`);
    await page.getByTestId('guarantee-register').locator('.ant-table-row').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(out, `guarantees-${language}.png`) });
    for (const [tab, name] of [[language === 'en' ? 'Monitoring checks' : '保后检查任务', 'monitoring-tasks'], [language === 'en' ? 'Maturity and line alerts' : '到期与额度提醒', 'guarantee-alerts']] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: path.join(out, `${name}-${language}.png`) });
    }
    await page.getByRole('tab', { name: language === 'en' ? 'Monitoring checks' : '保后检查任务' }).click();
    await page.getByTestId('monitoring-tasks').locator('.ant-table-row').first().click();
    await page.getByTestId('monitoring-history').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, `guarantee-detail-${language}.png`) });
    await page.getByTestId('action-check').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, `guarantee-check-${language}.png`) });
    await page.keyboard.press('Escape');
    await page.goto(`${app.host.url}/#/collections`);
    await page.getByTestId('collections-queue').locator('.ant-table-row').first().waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, `collections-${language}.png`) });
    await page.getByTestId('collections-queue').locator('.ant-table-row').first().click();
    await page.getByTestId('claim-limitation').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, `collections-claim-${language}.png`) });
    await page.locator('.ant-drawer').getByRole('tab', { name: language === 'en' ? /^Legal/ : /^诉讼 / }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `collections-legal-${language}.png`) });
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: language === 'en' ? 'Agencies' : '委外机构' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, `collections-agencies-${language}.png`) });
    // The dashboard scrolls inside the shell: a tall window shows all of it.
    await page.setViewportSize({ width: 1366, height: 1280 });
    await page.goto(`${app.host.url}/#/dashboard`);
    await page.getByTestId('chart-months').locator('canvas').waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(out, `dashboard-${language}.png`) });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${app.host.url}/#/ledgers`);
    await page.getByTestId('trial-balance-ties').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `ledgers-trial-balance-${language}.png`), fullPage: true });
    await page.getByRole('tab', { name: language === 'en' ? 'Vouchers' : '记账凭证' }).click();
    await page.getByTestId('vouchers').locator('.ant-table-row').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `ledgers-vouchers-${language}.png`) });
    await page.getByRole('tab', { name: language === 'en' ? 'Reports' : '报表' }).click();
    await page.getByTestId('report-monthly').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `ledgers-reports-${language}.png`) });
    for (const view of ['vintage', 'roll-rate'] as const) {
      await page.getByTestId(`report-view-${view}`).click();
      await page.getByTestId(`report-${view}`).waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(out, `ledgers-${view}-${language}.png`), fullPage: true });
    }
    await page.getByRole('tab', { name: language === 'en' ? 'Import' : '导入' }).click();
    await page.getByTestId('import-template').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `ledgers-import-${language}.png`) });
    await page.goto(`${app.host.url}/#/guarantees`);
    await page.getByTestId('guarantee-new').click();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(out, `guarantee-new-${language}.png`) });
    for (const [route, name] of [['/#/settings', 'settings'], ['/#/settings/users', 'users'], ['/#/settings/audit', 'audit'], ['/#/settings/backups', 'backups']] as const) {
      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${app.host.url}${route}`);
      await page.waitForTimeout(700);
      await page.screenshot({ path: path.join(out, `${name}-${language}.png`) });
    }
    await page.goto(`${app.host.url}/#/lending/calculator`);
    await page.waitForTimeout(500);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: path.join(out, `calculator-${language}.pdf`), format: 'A4', printBackground: true });
    await page.close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await app.close();
}
