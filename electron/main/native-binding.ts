import fs from 'node:fs';
import path from 'node:path';

/**
 * In development the app loads the Electron-ABI build of better-sqlite3 that
 * electron/scripts/ensure-electron-native.mjs made; packaged apps use the one electron-builder rebuilt.
 */
export function electronNativeBinding(appRoot: string, packaged: boolean): string | undefined {
  if (packaged) return undefined;
  const file = path.join(
    appRoot,
    '.electron-native',
    `better_sqlite3-${process.platform}-${process.arch}-abi${process.versions.modules}.node`,
  );
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: start the app with \`npm start\`, which prepares it`);
  }
  return file;
}
