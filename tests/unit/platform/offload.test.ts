/**
 * The long channels run in the background worker, not on the main thread: the main connection runs no
 * query while an export is written or the daily close moves the book, yet it sees what the worker wrote.
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

  it('checks the input and the permission on the main thread before handing the work over', async () => {
    expect(await rt.fail('export.lending', { report: 'no-such-report' })).toMatchObject({ code: 'validation' });
    expect(await rt.fail('day.close', { to: '2027-01-05' }, { userName: 'li', role: 'loan-officer' })).toMatchObject({ code: 'forbidden' });
  });
});
