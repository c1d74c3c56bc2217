import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHost, type Host } from '../../electron/host/server';
import { openRuntime, type Runtime } from '../../electron/services/runtime';
import { tempDataDir } from './runtime';
import { testClock } from './clock';
import { tsxWorker } from '../../electron/services/platform/tsx-worker';

/** Debian's Chromium (apt-get install chromium); override with CHROMIUM_PATH. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export const RENDERER_DIR = path.resolve('out', 'renderer');

export interface HostedApp {
  runtime: Runtime;
  host: Host;
  dataDir: string;
  close(): Promise<void>;
}

export const ADMIN = { userName: 'admin', displayName: '系统管理员', password: 'admin-pass-2026' };

/** A fresh data folder with an administrator, served by the browser host over the built renderer (`npm run build` first). */
export async function hostApp(dataDir = tempDataDir('e2e')): Promise<HostedApp> {
  const runtime = await openRuntime({ dataDir, checkOutputs: true, worker: tsxWorker, warmWorkers: true, now: testClock() });
  const setup = await runtime.dispatch('session.setup', ADMIN, { session: null });
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);
  const host = await startHost({ runtime, rendererDir: RENDERER_DIR });
  return {
    runtime,
    host,
    dataDir,
    async close() {
      await host.close();
      runtime.close();
    },
  };
}

/** Signs in through the sign-in screen and waits for the shell. */
export async function signIn(page: Page, user: { userName: string; password: string } = ADMIN): Promise<void> {
  await page.locator('#signIn_userName').fill(user.userName);
  await page.locator('#signIn_password').fill(user.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-user').waitFor();
}

/**
 * A page whose clock is the host's: it starts at the host's instant (pinned by the test) and runs on from
 * there, so the renderer and the services never disagree about the date, whatever the machine's clock.
 */
export async function newPage(browser: Browser, app: HostedApp, options: Parameters<Browser['newPage']>[0] = {}): Promise<Page> {
  const page = await browser.newPage(options);
  await page.clock.install({ time: app.runtime.now() });
  return page;
}

/** A Chromium page on the hosted app at `route`, signed in as the administrator. */
export async function openSignedIn(app: HostedApp, route: string, viewport = { width: 1440, height: 900 }): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await newPage(browser, app, { viewport });
  await page.goto(`${app.host.url}/#${route}`);
  await signIn(page);
  return { browser, page };
}

/** Calls a channel on the hosted app as the administrator; a refusal fails the test with its message. */
export function adminCaller(app: HostedApp) {
  return async <T = unknown>(channel: string, input: unknown): Promise<T> => {
    const result = await app.runtime.dispatch(channel, input, { actor: { userName: 'admin', role: 'administrator' } });
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
}
