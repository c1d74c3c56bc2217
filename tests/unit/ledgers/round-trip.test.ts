/**
 * Round trip: the demo book exported as a migration package and imported into an empty database gives
 * the same register — every loan's figures and the totals — and a second import adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let source: TestRuntime;
let target: TestRuntime;

type Register = Awaited<ReturnType<TestRuntime['call']>>;
async function register(rt: TestRuntime) {
  const rows: Array<Record<string, unknown>> = [];
  for (let page = 1; ; page++) {
    const result = (await rt.call('loan.list', { page, pageSize: 500, sort: 'contractNo', direction: 'asc' })) as Register & { items: Array<Record<string, unknown>>; total: number; totals: unknown };
    rows.push(...result.items);
    if (page * 500 >= result.total) return { rows, totals: result.totals, total: result.total };
  }
}

/** What the register shows of a loan, without the database's own ids. */
const figures = (r: Record<string, unknown>) => {
  const { id: _id, borrowerId: _b, ...rest } = r;
  return rest;
};

beforeAll(async () => {
  source = await testRuntime();
  await source.call('platform.demo', { borrowers: 60, loans: 300, guarantees: 0, seed: 41 });
  target = await testRuntime();
}, 120_000);
afterAll(() => {
  source.close();
  target.close();
});

describe('round trip through the migration package', () => {
  it('rebuilds the same register in an empty database', async () => {
    const today = (await source.call('platform.status', {})).businessDate;
    const pack = await source.call('export.loanBook', {});
    // The new office sets up its business date and its products first.
    await target.call('day.close', { to: today });
    for (const p of await source.call('product.list', {})) {
      const { id: _id, version: _v, active: _a, ...product } = p as Record<string, unknown>;
      await target.call('product.create', product as never);
    }
    const upload = (kind: 'borrowers' | 'loans') => ({ kind, fileName: pack.fileName, contentBase64: pack.contentBase64 });
    const borrowers = await target.call('import.commit', upload('borrowers'));
    expect(borrowers).toMatchObject({ created: 60, existing: 0 });
    const seen = await target.call('import.preview', upload('loans'));
    expect(seen.issues).toEqual([]);
    const loans = await target.call('import.commit', upload('loans'));
    expect(loans.created).toBe(300);

    const before = await register(source);
    const after = await register(target);
    expect(after.total).toBe(before.total);
    expect(after.totals).toEqual(before.totals);
    expect(after.rows.map(figures)).toEqual(before.rows.map(figures));
    // The book has every kind of history in it, so the comparison means something.
    expect(new Set(before.rows.map((r) => r.status))).toEqual(new Set(['disbursed', 'settled', 'written-off']));

    expect(await target.call('import.commit', upload('loans'))).toMatchObject({ created: 0, existing: 300 });
  }, 120_000);
});
