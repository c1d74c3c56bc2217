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
// A small guarantee book beside the loans, so the guarantee register and its ratios have something to show.
const admin = { actor: { userName: 'admin', role: 'administrator' as const } };
async function seed(channel: string, input: unknown): Promise<void> {
  const result = await app.runtime.dispatch(channel, input, admin);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
}
await seed('netAssets.record', { periodEnd: '2025-12-31', amount: '50000000' });
await seed('bank.create', { name: '杭州某农商银行', branch: '西湖支行', creditLine: '10000000', lineValidFrom: '2026-01-01', lineValidTo: '2027-12-31' });
for (const [no, clientId, amount] of [['DB-2026-001', 1, '3000000'], ['DB-2026-002', 2, '2000000'], ['DB-2026-003', 3, '800000']] as const) {
  await seed('guarantee.create', { clientId, bankId: 1, contractNo: no, clientSize: 'small-micro', guaranteedAmount: amount, bankLoanRate: '4.35', loanStart: '2026-03-01', loanEnd: '2027-03-01', feeRatePercent: '2', overrideReason: '演示' });
  await seed('guarantee.approve', { contractNo: no, reviewDate: '2026-02-26', members: '审保会' });
  await seed('guarantee.activate', { contractNo: no, date: '2026-03-01' });
}
await seed('guarantee.repay', { contractNo: 'DB-2026-002', amount: '1000000', date: '2026-06-01' });
await seed('guarantee.compensate', { contractNo: 'DB-2026-002', amount: '500000', date: '2026-07-01' });
const browser = await launchChromium();
try {
  for (const language of ['zh-CN', 'en']) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(app.host.url);
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
    for (const [route, name] of [['/#/guarantees', 'guarantees'], ['/#/settings', 'settings'], ['/#/settings/users', 'users'], ['/#/settings/audit', 'audit'], ['/#/settings/backups', 'backups']] as const) {
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
