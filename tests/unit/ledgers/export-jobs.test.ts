/** A large export watched and stopped: progress while it is written, cancel leaves no file, only the starter sees it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const tick = () => new Promise((resolve) => setImmediate(resolve));

beforeAll(async () => {
  rt = await testRuntime();
  // About 12,000 installments: the schedules report yields to the event loop every 5,000 rows.
  await rt.call('platform.demo', { borrowers: 200, loans: 1_000, guarantees: 0, seed: 5 });
}, 120_000);
afterAll(() => rt.close());

describe('export jobs', () => {
  it('reports rows written while the export runs and finishes done', async () => {
    const id = crypto.randomUUID();
    const export_ = rt.call('export.lending', { report: 'schedules', jobId: id });
    let seen = 0;
    for (let k = 0; k < 2_000 && seen === 0; k++) {
      await tick();
      const progress = await rt.dispatch('job.progress', { id }, { actor: { userName: 'local-admin', role: 'administrator' } });
      if (progress.ok) seen = (progress.value as { done: number }).done;
    }
    expect(seen).toBeGreaterThanOrEqual(5_000);
    const file = await export_;
    expect(file.rows).toBeGreaterThan(seen);
    expect(await rt.call('job.progress', { id })).toMatchObject({ state: 'done', done: file.rows });
    // Another user does not see it.
    expect(await rt.fail('job.progress', { id }, { userName: 'xiaozhang', role: 'collector' })).toMatchObject({ reason: 'jobNotFound' });
  });

  it('stops at the next check when cancelled, with nothing written', async () => {
    const id = crypto.randomUUID();
    const export_ = rt.dispatch('export.lending', { report: 'schedules', jobId: id }, { actor: { userName: 'local-admin', role: 'administrator' } });
    let running = false;
    for (let k = 0; k < 2_000 && !running; k++) {
      await tick();
      const progress = await rt.dispatch('job.progress', { id }, { actor: { userName: 'local-admin', role: 'administrator' } });
      running = progress.ok && (progress.value as { done: number }).done > 0;
    }
    expect(await rt.call('job.cancel', { id })).toMatchObject({ id });
    const result = await export_;
    expect(result).toMatchObject({ ok: false, error: { reason: 'exportCancelled' } });
    expect(await rt.call('job.progress', { id })).toMatchObject({ state: 'cancelled' });
    expect(await rt.fail('job.cancel', { id: crypto.randomUUID() })).toMatchObject({ reason: 'jobNotFound' });
  });
});
