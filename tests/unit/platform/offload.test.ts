/**
 * The long channels and the whole-book reports run in worker threads, not on the main thread: the main
 * connection runs no query while an export is written, the daily close moves the book or the dashboard
 * is computed, yet it sees what the workers wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
let mainQueries = 0;

beforeAll(async () => {
  rt = await testRuntime({ worker: true });
  await rt.call('platform.demo', { borrowers: 50, loans: 300, guarantees: 0, seed: 9 });
  // Count every statement the main thread's connection prepares from here on.
  const sqlite = rt.database.sqlite;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    mainQueries++;
    return prepare(source);
  }) as typeof sqlite.prepare;
}, 120_000);
afterAll(() => rt.close());

describe('the background worker', () => {
  it('writes an export without a single query on the main thread', async () => {
    mainQueries = 0;
    const file = await rt.call('export.loanRegister', {});
    expect(mainQueries).toBe(0);
    expect(file.rows).toBe(300);
    expect(Buffer.from(file.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('runs the daily close there: the main thread then reads the new date and the audit entry the worker wrote', async () => {
    const before = (await rt.call('platform.status', {})).businessDate;
    mainQueries = 0;
    const closed = await rt.call('day.close', { to: '2027-01-04' });
    expect(mainQueries).toBe(0);
    expect(closed).toMatchObject({ to: '2027-01-04' });
    expect(before).not.toBe('2027-01-04');
    expect((await rt.call('platform.status', {})).businessDate).toBe('2027-01-04');
    const audit = await rt.call('audit.list', { entityType: 'business-date' });
    expect(audit.items[0]).toMatchObject({ channel: 'day.close', userName: 'local-admin' });
  });

  it('computes the dashboard, the ratios and the reports in the reports worker, also while an export is written', async () => {
    mainQueries = 0;
    const [file, dashboard, vintage, queue] = await Promise.all([
      rt.call('export.loanRegister', {}),
      rt.call('report.dashboard', {}),
      rt.call('report.vintage', {}),
      rt.call('collections.queue', {}),
    ]);
    expect(mainQueries).toBe(0);
    expect(file.rows).toBe(300);
    expect(dashboard.loanCount).toBeGreaterThan(0);
    expect(vintage.cohorts.length).toBeGreaterThan(0);
    expect(queue.total).toBeGreaterThan(0);
    // A write on the main thread is seen by the worker's next read: one more entry in the audit trail.
    const before = await rt.call('audit.verify', {});
    await rt.call('borrower.create', { kind: 'individual', name: '新客户', idType: 'resident-id', idNumber: '11010519491231002X' });
    mainQueries = 0;
    const after = await rt.call('audit.verify', {});
    expect(mainQueries).toBe(0);
    expect(after).toMatchObject({ ok: true, entries: before.entries + 1 });
  });

  it('checks the input and the permission on the main thread before handing the work over', async () => {
    expect(await rt.fail('export.lending', { report: 'no-such-report' })).toMatchObject({ code: 'validation' });
    expect(await rt.fail('day.close', { to: '2027-01-05' }, { userName: 'li', role: 'loan-officer' })).toMatchObject({ code: 'forbidden' });
  });
});
