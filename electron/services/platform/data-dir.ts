import os from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'LOANBRIDGE_DATA_DIR';

/** The per-user folder, matching Electron's userData for the product name on each OS. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'LoanBridge');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'LoanBridge');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'LoanBridge');
}

/** --data-dir wins, then LOANBRIDGE_DATA_DIR, then the per-user default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag ?? env[DATA_DIR_ENV] ?? defaultDataDir(env));
}
