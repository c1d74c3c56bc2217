/**
 * Crash safety: a child process writing a large batch (the demo generator, one transaction) is
 * killed with SIGKILL at random points. Each time the database must pass integrity_check, hold
 * all or none of the batch, keep an intact audit chain, and accept the batch when rerun.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../electron/services/platform/demo/random';
import { runCli } from '../../helpers/cli';
import { tempDataDir } from '../../helpers/runtime';
import { TEST_DATE } from '../../helpers/clock';

const BATCH = 1500;
const RUNS = 20;

function runDemo(dataDir: string, seed: number, killAfterMs: number | null): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('electron/cli/bin.mjs'), 'demo', '--borrowers', String(BATCH), '--seed', String(seed), '--data-dir', dataDir], {
      stdio: 'ignore',
    });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

function inspect(dataDir: string): { integrity: string; borrowers: number } {
  const db = new Database(path.join(dataDir, 'loanbridge.db'));
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      borrowers: db.prepare('SELECT COUNT(*) FROM borrowers').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe('crash safety under SIGKILL', () => {
  it(`${RUNS} killed batches: never corrupt, always all-or-nothing, and the rerun completes`, async () => {
    const dataDir = tempDataDir('crash');
    // The children read the machine's clock: the book's business date is pinned first, so what they
    // write does not depend on the day the suite runs (an empty book may start on any date).
    expect((await runCli('close-day', '--to', TEST_DATE, '--data-dir', dataDir)).code).toBe(0);
    const random = new SeededRandom(2026);
    let expected = 0;
    let killedMidway = 0;
    for (let run = 0; run < RUNS; run++) {
      const outcome = await runDemo(dataDir, run + 1, random.int(300, 3000));
      const state = inspect(dataDir);
      expect(state.integrity, `run ${run}`).toBe('ok');
      expect([expected, expected + BATCH], `run ${run}: ${state.borrowers} borrowers`).toContain(state.borrowers);
      if (state.borrowers === expected && outcome.killed) killedMidway++;
      expected = state.borrowers;
      const verify = await runCli('audit', 'verify', '--json', '--data-dir', dataDir);
      expect(JSON.parse(verify.stdout), `run ${run}`).toMatchObject({ ok: true });
    }
    // The kills must really have interrupted some batches, or this test proves nothing.
    expect(killedMidway).toBeGreaterThan(3);
    const rerun = await runDemo(dataDir, 999, null);
    expect(rerun.code).toBe(0);
    expect(inspect(dataDir)).toEqual({ integrity: 'ok', borrowers: expected + BATCH });
  }, 300_000);
});
