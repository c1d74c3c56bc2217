/** Invariants over a generated portfolio (demo book through the real services). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
  await rt.call('platform.demo', { borrowers: 80, loans: 150, seed: 5 });
});
afterAll(() => rt.close());

describe('a generated portfolio', () => {
  it('has a realistic mix: every method, some overdue in every class, some settled', async () => {
    const db = rt.database.sqlite;
    const methods = db.prepare('SELECT DISTINCT method FROM loans').pluck().all();
    expect(new Set(methods)).toEqual(new Set(['equal-installment', 'equal-principal', 'interest-only', 'bullet']));
    const classes = db.prepare("SELECT classification, COUNT(*) AS n FROM loans WHERE status = 'disbursed' GROUP BY classification").all() as Array<{ classification: string; n: number }>;
    expect(classes.map((c) => c.classification)).toEqual(expect.arrayContaining(['normal', 'special-mention', 'substandard']));
    expect(db.prepare("SELECT COUNT(*) FROM loans WHERE status = 'settled'").pluck().get()).toBeGreaterThan(10);
    expect(db.prepare("SELECT COUNT(*) FROM loans WHERE status = 'written-off'").pluck().get()).toBeGreaterThan(0);
  });

  it('for every loan: disbursed = principal repaid + outstanding + written off', () => {
    const broken = rt.database.sqlite
      .prepare("SELECT contract_no FROM loans WHERE status IN ('disbursed','settled','written-off') AND principal <> principal_repaid + outstanding_principal + written_off")
      .pluck()
      .all();
    expect(broken).toEqual([]);
  });

  it('every posted repayment is allocated to the fen; reversed ones and recoveries are not allocated', () => {
    const unbalanced = rt.database.sqlite
      .prepare(
        `SELECT p.id FROM payments p LEFT JOIN payment_allocations a ON a.payment_id = p.id
         GROUP BY p.id HAVING (p.status = 'posted' AND p.kind = 'repayment' AND COALESCE(SUM(a.amount), 0) <> p.amount) OR (p.kind = 'recovery' AND COUNT(a.id) > 0) OR (p.status = 'reversed' AND COUNT(a.id) > 0)`,
      )
      .pluck()
      .all();
    expect(unbalanced).toEqual([]);
  });

  it('the register snapshot agrees with a live replay of each loan', async () => {
    const page = await rt.call('loan.list', { status: 'disbursed', pageSize: 500 });
    for (const summary of page.items.slice(0, 60)) {
      const live = await rt.call('loan.get', { contractNo: summary.contractNo });
      expect([live.outstandingPrincipal, live.dpd, live.classification]).toEqual([summary.outstandingPrincipal, summary.dpd, summary.classification]);
    }
  });

  it('the register totals equal the sum of its rows', async () => {
    const page = await rt.call('loan.list', { pageSize: 500 });
    const fen = (v: string) => Math.round(Number(v) * 100);
    expect(page.items.reduce((s, l) => s + fen(l.outstandingPrincipal), 0)).toBe(fen(page.totals.outstandingPrincipal));
    expect(page.items.reduce((s, l) => s + fen(l.principal), 0)).toBe(fen(page.totals.principal));
  });

  it('the register search finds a contract by prefix (any case) or a borrower by part of the name, and nothing else', async () => {
    const db = rt.database.sqlite;
    const some = db.prepare('SELECT l.contract_no AS contractNo, b.name FROM loans l JOIN borrowers b ON b.id = l.borrower_id ORDER BY l.id LIMIT 1 OFFSET 40').get() as { contractNo: string; name: string };
    const byContract = await rt.call('loan.list', { q: some.contractNo.toLowerCase(), pageSize: 500 });
    expect(byContract.items.map((l) => l.contractNo)).toEqual([some.contractNo]);
    const fragment = some.name.slice(1, 3);
    const expected = db.prepare("SELECT COUNT(*) FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE instr(b.name, ?) > 0 OR l.contract_no LIKE ? || '%'").pluck().get(fragment, fragment) as number;
    const byName = await rt.call('loan.list', { q: fragment, pageSize: 500 });
    expect(byName.total).toBe(expected);
    expect(byName.items.every((l) => l.borrowerName.includes(fragment))).toBe(true);
    // LIKE wildcards typed into the box are text, not patterns.
    expect((await rt.call('loan.list', { q: '%' })).total).toBe(0);
    expect((await rt.call('loan.list', { q: '_' })).total).toBe(0);
  });

  it('pages through a sort without gaps or repeats, in both directions', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let previous: number | null = null;
      for (let page = 1; page <= 4; page++) {
        const result = await rt.call('loan.list', { sort: 'principal', direction, page, pageSize: 40 });
        for (const loan of result.items) {
          const principal = Number(loan.principal);
          if (previous !== null) expect(direction === 'asc' ? principal >= previous : principal <= previous).toBe(true);
          previous = principal;
          seen.push(loan.contractNo);
        }
      }
      expect(new Set(seen).size).toBe(150);
    }
  });
});
