/** The Electron main process: owns the database, registers the bridge, opens the window. */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { migrationsFolder } from '../../db/migrations-path';
import { AppError } from '../../shared/contract/errors';
import { systemClock } from '../../shared/dates/clock';
import { recoverFromLatestBackup } from '../services/platform/backups';
import { DATABASE_FILE_NAME, openRuntime, type Runtime } from '../services/runtime';
import { resolveDataDir } from '../services/platform/data-dir';
import { registerIpc } from './ipc';
import { registerPrint } from './print';
import { electronNativeBinding } from './native-binding';
import { hardenApp, hardenSession } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererFile = path.join(here, '..', 'renderer', 'index.html');
const rendererFileUrl = pathToFileURL(rendererFile).href;

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index >= 0) return process.argv[index + 1];
  return process.argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

let runtime: Runtime | undefined;

/** A damaged database is never opened for writing: offer the newest backup that passes verification. */
async function offerRecovery(error: unknown, dataDir: string, migrations: string, open: () => Promise<Runtime>): Promise<Runtime | undefined> {
  const message = (error as Error).message;
  if (!(error instanceof AppError && error.code === 'database-damaged')) {
    dialog.showErrorBox('LoanBridge 贷桥', `无法打开数据库 / Cannot open the database:\n\n${message}`);
    return undefined;
  }
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: 'LoanBridge 贷桥',
    message: '数据库文件已损坏 / The database file is damaged',
    detail: `${message}\n\n可以用最近一次通过校验的备份替换它（损坏的文件会保留）。\nRestore the newest backup that passes verification? (The damaged file is kept.)`,
    buttons: ['恢复最近的备份 / Restore latest backup', '退出 / Quit'],
    defaultId: 0,
    cancelId: 1,
  });
  if (choice !== 0) return undefined;
  const restored = recoverFromLatestBackup(path.join(dataDir, DATABASE_FILE_NAME), migrations, [path.join(dataDir, 'backups')], systemClock());
  if (!restored) {
    dialog.showErrorBox('LoanBridge 贷桥', '没有可用的备份 / No usable backup was found.');
    return undefined;
  }
  return open();
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'LoanBridge 贷桥',
    show: false,
    webPreferences: {
      preload: path.join(here, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(rendererFile);
}

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.whenReady().then(async () => {
  hardenApp(rendererFileUrl);
  hardenSession();
  const appRoot = app.getAppPath();
  const dataDir = resolveDataDir(flag('--data-dir'));
  const migrations = app.isPackaged ? migrationsFolder({ packagedResources: process.resourcesPath }) : migrationsFolder({ appRoot });
  const open = () => {
    const nativeBinding = electronNativeBinding(appRoot, app.isPackaged);
    return openRuntime({
      dataDir,
      migrationsFolder: migrations,
      ...(nativeBinding ? { nativeBinding } : {}),
      // The offThread channels (exports, imports, the daily close; the whole-book reports) run in workers
      // built beside index.js, off the window's thread; the reports worker starts while the user signs in.
      worker: { script: path.join(here, 'worker.js') },
      quickStart: true,
      warmWorkers: true,
      onInternalError: (channel, error) => console.error(`[${channel}]`, error),
    });
  };
  try {
    runtime = await open();
  } catch (error) {
    runtime = await offerRecovery(error, dataDir, migrations, open);
    if (!runtime) {
      app.quit();
      return;
    }
  }
  registerIpc(runtime, rendererFileUrl);
  registerPrint(rendererFileUrl);
  void runtime.dailyBackupIfDue().catch((error: unknown) => console.error('daily backup failed', error));
  const daily = setInterval(() => void runtime?.dailyBackupIfDue().catch((error: unknown) => console.error('daily backup failed', error)), 3_600_000);
  app.on('will-quit', () => clearInterval(daily));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => runtime?.close());
