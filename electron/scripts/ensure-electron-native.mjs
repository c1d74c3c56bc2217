#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into .electron-native/, before `npm start`.
 *
 * Tests and the CLI run under Node and use node_modules/better-sqlite3 as installed. The app runs
 * inside Electron, whose ABI differs. Rebuilding node_modules in place would break one or the other,
 * so the Electron build is made on a copy and loaded by the main process through better-sqlite3's
 * `nativeBinding` option. Packaged apps don't need this: electron-builder rebuilds for Electron.
 *
 * Order of attempts: the prebuilt binary better-sqlite3 publishes for this Electron version
 * (prebuild-install), then a source build against Electron's headers (@electron/rebuild).
 * Both need the internet once; afterwards the file is reused.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const modules = path.join(root, 'node_modules');
const electronVersion = JSON.parse(fs.readFileSync(path.join(modules, 'electron', 'package.json'), 'utf8')).version;
const abi = fs.readFileSync(path.join(modules, 'electron', 'abi_version'), 'utf8').trim();
const nativeDir = path.join(root, '.electron-native');
const target = path.join(nativeDir, `better_sqlite3-${process.platform}-${process.arch}-abi${abi}.node`);

if (fs.existsSync(target)) process.exit(0);

console.log(`Preparing better-sqlite3 for Electron ${electronVersion} (ABI ${abi}) in ${path.relative(root, nativeDir)}/ ...`);
const work = path.join(nativeDir, 'work');
const copy = path.join(work, 'node_modules', 'better-sqlite3');
fs.rmSync(work, { recursive: true, force: true });
fs.cpSync(path.join(modules, 'better-sqlite3'), copy, {
  recursive: true,
  filter: (source) => !source.includes(`${path.sep}build${path.sep}`) && !source.endsWith(`${path.sep}build`),
});
fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'electron-native-work', private: true }));
const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');

function run(label, command, args, cwd) {
  console.log(`  ${label}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env } });
  return result.status === 0 && fs.existsSync(built);
}

const ok =
  run('trying the prebuilt binary (prebuild-install) ...', process.execPath, [
    path.join(modules, 'prebuild-install', 'bin.js'),
    '--runtime', 'electron',
    '--target', electronVersion,
    '--arch', process.arch,
    '--platform', process.platform,
  ], copy) ||
  run('building from source against Electron headers (@electron/rebuild) ...', process.execPath, [
    path.join(modules, '@electron', 'rebuild', 'lib', 'cli.js'),
    '--version', electronVersion,
    '--module-dir', work,
    '--only', 'better-sqlite3',
    '--force',
  ], work);

if (!ok) {
  console.error(
    'Could not prepare better-sqlite3 for Electron. It needs the internet once (a prebuilt binary, or Electron\'s\n' +
      'headers plus a C++ toolchain). Tests and the CLI do not need this step.',
  );
  process.exit(1);
}
fs.copyFileSync(built, target);
fs.rmSync(work, { recursive: true, force: true });
console.log(`  ready: ${path.relative(root, target)}`);
