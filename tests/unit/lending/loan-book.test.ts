/**
 * The bulk book load must leave exactly what the one-loan services leave: the same loans, schedule
 * versions, payments, allocations and events, to the fen. Two books, one built each way, compared
 * table by table; then the load's refusals, which leave nothing behind. Then the same with the planning
 * on a second thread (planner.ts), as the background worker runs it.
 */
import { fileURLToPath } from 'node:url';
import { ampleNetAssets } from '../../helpers/book';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunksPlannedOffThread, enablePlanner, stopPlanner } from '../../../electron/services/platform/planner';
import { tsxWorker } from '../../../electron/services/platform/tsx-worker';
import { bookHistory, loadLoanBook, type LoanHistory } from '../../../electron/services/lending/loan-book';
import { contract, type ChannelInput } from '../../../shared/contract';
import { parseYuan } from '../../../shared/money/yuan';
import { expectSameTables, twinRuntimes } from '../../helpers/loaders';
import { serviceContext, testRuntime, type TestRuntime } from '../../helpers/runtime';

const TODAY = '2026-09-30';

interface Story {
  terms: ChannelInput<'loan.create'>['terms'];
  productCode?: string;
  repayments: Array<{ date: string; amount: string; reference?: string }>;
  settleOn?: string;
  writeOff?: { recoveries: string[] };
}

/** Stories covering every path: on time, fully repaid, stopped with penalty, late with credit, settled early, written off. */
const stories: Story[] = [
  { productCode: 'JY18', terms: { principal: '300000', annualRate: '17.30', periods: 18, method: 'equal-installment', interestOnlyPeriods: 6, disbursementDate: '2025-12-10' }, repayments: [{ date: '2026-01-10', amount: '4325' }, { date: '2026-02-10', amount: '4325', reference: '网银 8812' }] },
  { terms: { principal: '12000', annualRate: '12', periods: 3, method: 'equal-principal', disbursementDate: '2026-01-05' }, repayments: [{ date: '2026-02-05', amount: '4120' }, { date: '2026-03-05', amount: '4080' }, { date: '2026-04-03', amount: '4040' }] },
  { productCode: 'NH12', terms: { principal: '50000', annualRate: '12', periods: 12, method: 'interest-only', disbursementDate: '2025-10-20' }, repayments: [{ date: '2025-11-20', amount: '500' }] },
  { terms: { principal: '20000', annualRate: '15.6', periods: 12, method: 'equal-installment', disbursementDate: '2026-03-01' }, repayments: [{ date: '2026-04-15', amount: '2000' }, { date: '2026-05-01', amount: '1900' }] },
  { productCode: 'DB24', terms: { principal: '200000', annualRate: '11.5', periods: 24, method: 'equal-principal', disbursementDate: '2025-11-15', upfrontFee: '1000' }, repayments: [{ date: '2025-12-15', amount: '10250' }], settleOn: '2026-01-08' },
  { terms: { principal: '80000', annualRate: '14.4', periods: 6, method: 'bullet', dayCount: 'ACT/360', disbursementDate: '2025-02-01' }, repayments: [], writeOff: { recoveries: ['3500.50'] } },
];

async function seeded(): Promise<TestRuntime> {
  const rt = await testRuntime();
  await ampleNetAssets(rt);
  await rt.call('day.close', { to: TODAY });
  await rt.call('platform.demo', { borrowers: 6, seed: 3 });
  return rt;
}

function application(story: Story, k: number) {
  return { borrowerId: (k % 6) + 1, terms: story.terms, securityType: 'credit' as const, ...(story.productCode ? { productCode: story.productCode } : {}) };
}

async function throughServices(rt: TestRuntime): Promise<void> {
  for (const [k, story] of stories.entries()) {
    const { contractNo } = await rt.call('loan.create', application(story, k));
    await rt.call('loan.approve', { contractNo });
    await rt.call('loan.disburse', { contractNo });
    for (const r of story.repayments) await rt.call('loan.repay', { contractNo, date: r.date, amount: r.amount, channel: 'bank', reference: r.reference ?? null });
    if (story.settleOn) await rt.call('loan.settle', { contractNo, date: story.settleOn, channel: 'bank' });
    if (story.writeOff) {
      await rt.call('loan.writeOff', { contractNo, reason: '终结执行' });
      for (const amount of story.writeOff.recoveries) await rt.call('loan.recover', { contractNo, amount, channel: 'bank', reference: '执行款' });
    }
  }
}

/** Each story as the book on file has it, before it becomes the loader's history. */
function books() {
  return stories.map((story, k) => ({
    application: contract['loan.create'].input.parse(application(story, k)),
    repayments: story.repayments.map((r) => ({ date: r.date, amount: parseYuan(r.amount)!, channel: 'bank', reference: r.reference ?? null })),
    earlySettlement: story.settleOn ? { date: story.settleOn, channel: 'bank', reference: null } : null,
    writeOff: story.writeOff ? { reason: '终结执行', recoveries: story.writeOff.recoveries.map((amount) => ({ amount: parseYuan(amount)!, channel: 'bank', reference: '执行款' })) } : null,
  }));
}
type Book = ReturnType<typeof books>[number];
const historiesOf = (list: Book[]): LoanHistory[] => list.map(({ application: a, ...book }) => bookHistory(a, TODAY, book));
const histories = () => historiesOf(books());

/** Every lending table, without the wall-clock instants (the two books were built a moment apart). */
function tables(rt: TestRuntime) {
  const all = (sql: string) => rt.database.sqlite.prepare(sql).all();
  return {
    loans: all('SELECT * FROM loans ORDER BY id').map((row) => ({ ...(row as { status: string }), created_at: null, updated_at: null })),
    installments: all('SELECT * FROM installments ORDER BY loan_id, schedule_version, number'),
    payments: all('SELECT * FROM payments ORDER BY id').map((row) => ({ ...(row as object), created_at: null })),
    allocations: all('SELECT payment_id, loan_id, installment_number, component, amount FROM payment_allocations ORDER BY payment_id, installment_number, component'),
    events: all('SELECT loan_id, event, business_date, detail, by FROM loan_events ORDER BY loan_id, id'),
  };
}

const twins = twinRuntimes(seeded);
let one: TestRuntime;
let bulk: TestRuntime;
beforeEach(() => {
  [one, bulk] = [twins.services(), twins.loaded()];
});

describe('loading a book of loans with their history', () => {
  it('leaves the same rows, to the fen, as the one-loan services', async () => {
    await throughServices(one);
    const ctx = serviceContext(bulk);
    const contractNos = ctx.transaction(() => loadLoanBook(ctx, histories()));
    expect(contractNos).toHaveLength(stories.length);
    const expected = tables(one);
    const actual = tables(bulk);
    // The stories reach every status and path; otherwise the comparison proves less than it claims.
    expect(new Set(expected.loans.map((l) => l.status))).toEqual(new Set(['disbursed', 'settled', 'written-off']));
    expect(expected.events.map((e) => (e as { event: string }).event)).toEqual(expect.arrayContaining(['early-settlement', 'settled', 'written-off', 'recovery']));
    expect(expected.allocations.length).toBeGreaterThan(20);
    expectSameTables(actual, expected);
  });

  it('records the load in one audit entry', () => {
    const ctx = serviceContext(bulk);
    const before = bulk.database.sqlite.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    ctx.transaction(() => loadLoanBook(ctx, histories()));
    const entries = bulk.database.sqlite.prepare('SELECT entity_type, after FROM audit_log WHERE id > ?').all(before) as Array<{ entity_type: string; after: string }>;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.entity_type).toBe('loan-book');
    expect(JSON.parse(entries[0]!.after)).toMatchObject({ loans: stories.length, payments: 11 }) // 9 repayments, 1 payoff, 1 recovery;
  });

  it.each([
    ['a repayment before the loan was lent', (h: Book[]) => (h[1]!.repayments[0]!.date = '2025-12-31'), 'loans[1].repayments[0].date', 'beforeDisbursement'],
    ['a repayment after the business date', (h: Book[]) => (h[3]!.repayments[1]!.date = '2026-10-01'), 'loans[3].repayments[1].date', 'afterBusinessDate'],
    ['a negative amount', (h: Book[]) => (h[0]!.repayments[0]!.amount = -100), 'loans[0].repayments[0].amount', 'notPositive'],
    ['an unknown borrower', (h: Book[]) => (h[2]!.application.borrowerId = 999), 'loans[2].borrowerId', 'borrowerNotFound'],
    ['a loan lent after the business date', (h: Book[]) => (h[4]!.application.terms.disbursementDate += 400), 'loans[4].terms.disbursementDate', 'afterBusinessDate'],
    ['settling a loan its repayments already settled', (h: Book[]) => (h[1]!.earlySettlement = { date: '2026-05-01', channel: 'bank', reference: null }), 'loans[1].earlySettlement', 'loanStatus'],
    ['a duplicate contract number', (h: Book[]) => ((h[0]!.application.contractNo = 'X-1'), (h[5]!.application.contractNo = 'X-1')), 'loans[5].contractNo', 'contractNoTaken'],
  ])('refuses %s, naming the loan and field, and writes nothing', (_label, spoil, field, reason) => {
    const ctx = serviceContext(bulk);
    const list = books();
    spoil(list);
    const book = historiesOf(list);
    const count = (table: string) => bulk.database.sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
    const before = ['loans', 'installments', 'payments', 'loan_events', 'audit_log'].map(count);
    expect(() => ctx.transaction(() => loadLoanBook(ctx, book))).toThrow(expect.objectContaining({ field, reason }));
    expect(['loans', 'installments', 'payments', 'loan_events', 'audit_log'].map(count)).toEqual(before);
  });
});

describe('a book planned on a second thread while the first writes', () => {
  // The six stories many times over: past the small first chunks into full ones.
  const REPEATS = 220;
  const bigBooks = () => Array.from({ length: REPEATS }, () => books()).flat();
  const bigBook = () => historiesOf(bigBooks());
  const spoiledAt = (list: Book[], index: number, spoil: (h: Book) => void) => {
    spoil(list[index]!);
    return historiesOf(list);
  };
  let threaded: TestRuntime;
  beforeEach(async () => {
    threaded = await seeded();
    enablePlanner(fileURLToPath(tsxWorker.script));
  });
  afterEach(async () => {
    await stopPlanner();
    threaded.close();
  });

  it('leaves the same rows as planning inline, and the planning ran off this thread', () => {
    const ctx = serviceContext(threaded);
    const before = chunksPlannedOffThread();
    ctx.transaction(() => loadLoanBook(ctx, bigBook()));
    expect(chunksPlannedOffThread() - before).toBeGreaterThan(5);
    const inline = serviceContext(bulk);
    inline.transaction(() => loadLoanBook(inline, bigBook()));
    const [actual, expected] = [tables(threaded), tables(bulk)];
    expect(actual.loans).toHaveLength(stories.length * REPEATS);
    expectSameTables(actual, expected);
  });

  it('reports a refusal from the planning thread by entry and field, and writes nothing', () => {
    const ctx = serviceContext(threaded);
    const book = spoiledAt(bigBooks(), 6 * 150 + 3, (h) => (h.repayments[1]!.date = '2026-10-01'));
    const count = () => threaded.database.sqlite.prepare('SELECT COUNT(*) FROM loans').pluck().get();
    expect(() => ctx.transaction(() => loadLoanBook(ctx, book))).toThrow(expect.objectContaining({ field: 'loans[903].repayments[1].date', reason: 'afterBusinessDate' }));
    expect(count()).toBe(0);
    // The thread is ready for the next load.
    ctx.transaction(() => loadLoanBook(ctx, histories()));
    expect(count()).toBe(stories.length);
  });

  it('reports the earliest refusal when planning refuses an entry before one this thread refuses', () => {
    const ctx = serviceContext(threaded);
    const list = bigBooks();
    spoiledAt(list, 6 * 100 + 2, (h) => (h.application.borrowerId = 999));
    const book = spoiledAt(list, 6 * 100 + 1, (h) => (h.repayments[0]!.date = '2025-12-31'));
    expect(() => ctx.transaction(() => loadLoanBook(ctx, book))).toThrow(expect.objectContaining({ field: 'loans[601].repayments[0].date', reason: 'beforeDisbursement' }));
  });
});
