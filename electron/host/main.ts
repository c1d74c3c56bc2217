/** `npm run serve -- --data-dir FOLDER [--port N]`: the browser host for tests and demos. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openRuntime } from '../services/runtime';
import { resolveDataDir } from '../services/platform/data-dir';
import { startHost } from './server';
import { tsxWorker } from '../services/platform/tsx-worker';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '5174' },
    renderer: { type: 'string', default: path.resolve('out', 'renderer') },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`error: --port: expected a port number, got "${values.port}"`);
  process.exit(2);
}

const dataDir = resolveDataDir(values['data-dir']);
const runtime = await openRuntime({ dataDir, worker: tsxWorker, quickStart: true, warmWorkers: true }).catch((error: unknown) => {
  console.error(`error: ${(error as Error).message}`);
  if ((error as { code?: string }).code === 'database-damaged') {
    console.error(`The database is never opened for writing once damaged. Restore the newest good backup with:\n  npx loanbridge restore --latest --data-dir ${dataDir}`);
  }
  process.exit(1);
});
const host = await startHost({ runtime, rendererDir: values.renderer, port });
const backup = () => void runtime.dailyBackupIfDue().catch((error: unknown) => console.error('daily backup failed:', error));
backup();
const daily = setInterval(backup, 3_600_000);
console.log(`LoanBridge browser host on ${host.url} (data: ${runtime.database.file})`);

function stop() {
  clearInterval(daily);
  void host.close().then(() => {
    runtime.close();
    process.exit(0);
  });
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
