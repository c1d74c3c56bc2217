/**
 * A large export watched and stopped: progress while it is written, cancel leaves no file, only the
 * starter sees it — in the main thread (the CLI) and in the background worker (the app and the host).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir, testRuntime, type TestRuntime } from '../../helpers/runtime';

const admin = { actor: { userName: 'local-admin', role: 'administrator' as const } };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dataDir = tempDataDir('export-jobs');

beforeAll(async () => {
  const rt = await testRuntime({ dataDir });
  // About 12,000 installments: the schedules report yields to the event loop every 5,000 rows.
  await rt.call('platform.demo', { borrowers: 200, loans: 1_000, guarantees: 0, seed: 5 });
  rt.close();
}, 120_000);

describe.each([
  ['in the main thread', false],
  ['in the background worker', true],
])('export jobs %s', (_, worker) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime({ dataDir, worker });
  });
  afterAll(() => rt.close());

  /** Polls the job until it has written rows (the worker takes a moment to start). */
  async function rowsWritten(id: string): Promise<number> {
    for (let waited = 0; waited < 30_000; waited += 2) {
      const progress = await rt.dispatch('job.progress', { id }, admin);
      if (progress.ok && (progress.value as { done: number }).done > 0) return (progress.value as { done: number }).done;
      await pause(2);
    }
    return 0;
  }

  it('reports rows written while the export runs and finishes done', async () => {
    const id = crypto.randomUUID();
    const export_ = rt.call('export.lending', { report: 'schedules', jobId: id });
    const seen = await rowsWritten(id);
    expect(seen).toBeGreaterThanOrEqual(5_000);
    const file = await export_;
    expect(file.rows).toBeGreaterThan(seen);
    expect(await rt.call('job.progress', { id })).toMatchObject({ state: 'done', done: file.rows });
    // Another user does not see it.
    expect(await rt.fail('job.progress', { id }, { userName: 'xiaozhang', role: 'collector' })).toMatchObject({ reason: 'jobNotFound' });
  }, 60_000);

  it('stops at the next check when cancelled, with nothing written', async () => {
    const id = crypto.randomUUID();
    const export_ = rt.dispatch('export.lending', { report: 'schedules', jobId: id }, admin);
    expect(await rowsWritten(id)).toBeGreaterThan(0);
    expect(await rt.call('job.cancel', { id })).toMatchObject({ id });
    const result = await export_;
    expect(result).toMatchObject({ ok: false, error: { reason: 'exportCancelled' } });
    expect(await rt.call('job.progress', { id })).toMatchObject({ state: 'cancelled' });
    expect(await rt.fail('job.cancel', { id: crypto.randomUUID() })).toMatchObject({ reason: 'jobNotFound' });
  }, 60_000);
});
