import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../electron/services/platform/backups';
import { ADMIN, hostApp, launchChromium, signIn, type HostedApp, newPage } from '../helpers/browser';

let app: HostedApp;
let browser: Browser;
let page: Page;
const admin = { actor: { userName: 'admin', role: 'administrator' as const } };
const COLLECTOR = { userName: 'cuishou', password: 'collect-2026' };

beforeAll(async () => {
  app = await hostApp();
  await app.runtime.dispatch('platform.demo', { borrowers: 12, seed: 4 }, admin);
  await app.runtime.dispatch('user.create', { userName: COLLECTOR.userName, displayName: '催收员小张', role: 'collector', password: 'temporary-1' }, admin);
  browser = await launchChromium();
  page = await newPage(browser, app, { viewport: { width: 1366, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('platform in the browser', () => {
  it('a collector signs in, must choose a password, then sees IDs and phones masked', async () => {
    await page.goto(`${app.host.url}/#/lending/borrowers`);
    await signInAs({ userName: COLLECTOR.userName, password: 'temporary-1' }, false);
    await page.locator('#changePassword_currentPassword').fill('temporary-1');
    await page.locator('#changePassword_newPassword').fill(COLLECTOR.password);
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('signed-in-user').waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(12);
    const ids = await page.locator('.ant-table-row td:nth-child(3)').allTextContents();
    expect(ids.every((id) => /^\w{6}\*{8}\w{4}$/.test(id))).toBe(true);
    const phones = await page.locator('.ant-table-row td:nth-child(4)').allTextContents();
    expect(phones.every((phone) => /^\d{3}\*{4}\d{4}$/.test(phone))).toBe(true);
  });

  it('is refused the settings page, which the menu does not even offer', async () => {
    await page.getByRole('menuitem', { name: '设置' }).click();
    expect(await page.getByRole('menuitem', { name: '系统设置' }).count()).toBe(0);
    await page.goto(`${app.host.url}/#/settings`);
    await page.getByTestId('forbidden').waitFor();
    // The main process refuses too, whatever the page does.
    const direct = await page.evaluate(async () => (await fetch('/api/settings.list', { method: 'POST', body: '{}' })).status);
    expect(direct).toBe(403);
    await page.getByTestId('sign-out').click();
    await page.locator('#signIn_userName').waitFor();
  });

  it('a wrong password is refused with a clear message', async () => {
    await page.locator('#signIn_userName').fill('admin');
    await page.locator('#signIn_password').fill('not-the-password-1');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('用户名或密码错误');
  });

  it('the administrator restores yesterday’s backup', async () => {
    // Yesterday's automatic copy holds the 12 borrowers; today 3 more were added.
    const folder = ((await app.runtime.dispatch('backup.list', {}, admin)) as { value: { folder: string } }).value.folder;
    const yesterday = await writeBackup(app.runtime.database.sqlite, folder, 'daily', new Date(app.runtime.now().getTime() - 86_400_000));
    await app.runtime.dispatch('platform.demo', { borrowers: 3, seed: 77 }, admin);

    await signIn(page, ADMIN);
    await page.goto(`${app.host.url}/#/lending/borrowers`);
    await expect.poll(() => page.getByText('共 15 位借款人').count()).toBe(1);
    await page.goto(`${app.host.url}/#/settings/backups`);
    await page.getByTestId(`restore-${yesterday.name}`).click();
    await page.locator('.ant-popconfirm-buttons button').last().click();
    // Everyone signs in again on the restored book.
    await page.locator('#signIn_userName').waitFor({ timeout: 20_000 });
    await signIn(page, ADMIN);
    await page.goto(`${app.host.url}/#/lending/borrowers`);
    await expect.poll(() => page.getByText('共 12 位借款人').count()).toBe(1);
  });

  it('shows the audit trail with the restore, and verifies it intact', async () => {
    await page.goto(`${app.host.url}/#/settings/audit`);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    expect(await page.locator('.ant-table-row', { hasText: 'backup.restore' }).count()).toBe(1);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toContain('审计链完整');
  });
});

async function signInAs(user: { userName: string; password: string }, waitForShell = true) {
  await page.locator('#signIn_userName').fill(user.userName);
  await page.locator('#signIn_password').fill(user.password);
  await page.getByTestId('sign-in-submit').click();
  if (waitForShell) await page.getByTestId('signed-in-user').waitFor();
}
