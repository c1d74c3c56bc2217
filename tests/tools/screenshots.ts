/**
 * `npm run screenshots [-- --out folder]`: opens the built UI over a demo book in Chromium and saves
 * screenshots of each screen in both languages, to look at and for the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hostApp, launchChromium } from '../helpers/browser';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'screenshots' } } });
const out = path.resolve(values.out);
fs.mkdirSync(out, { recursive: true });

const app = await hostApp();
await app.runtime.dispatch('platform.demo', { borrowers: 120, seed: 11 }, { userName: 'demo', role: 'administrator' });
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
    await page.close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await app.close();
}
