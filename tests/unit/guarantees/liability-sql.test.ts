/**
 * The weighted liability in one query (the entry check's) equals shared/guarantees/ratios' on a demo book
 * of guarantees in every state, on dates across their lives, with and without a candidate contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratioBook, weightedLiabilityAt } from '../../../db/repositories/guarantees/guarantees';
import { ratioSettings } from '../../../electron/services/guarantees/ratios';
import { weightedLiability, type RatioContract } from '../../../shared/guarantees/ratios';
import { serviceContext, testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;

beforeAll(async () => {
  rt = await testRuntime();
  await rt.call('platform.demo', { borrowers: 80, loans: 0, guarantees: 120, seed: 31 });
}, 120_000);
afterAll(() => rt.close());

describe('weighted liability in SQL', () => {
  it('equals the JavaScript computation on every date tried, with and without a candidate', () => {
    const ctx = serviceContext(rt);
    const settings = ratioSettings(ctx);
    const caps = { smallMicro: settings.smallMicroCap, farmHousehold: settings.farmHouseholdCap };
    const book = ratioBook(ctx.db);
    const events = book.flatMap((c) => c.events.map((e) => e.event));
    // Not vacuous: contracts in force, repaid, released and compensated.
    for (const event of ['in-force', 'bank-repayment', 'released', 'compensated']) expect(events).toContain(event);
    const dates = [...new Set(book.flatMap((c) => c.events.map((e) => e.date)))].sort().filter((_, k, all) => k % Math.ceil(all.length / 25) === 0);
    const client = book.find((c) => c.guaranteeType === 'loan' && c.clientSize === 'small-micro')!.clientId;
    for (const date of dates) {
      expect(weightedLiabilityAt(ctx.db, date, caps), date).toBe(weightedLiability(book, date, settings));
      for (const amount of [100_000_00, 600_000_000]) {
        const candidate = { clientId: client, clientSize: 'small-micro' as const, guaranteeType: 'loan' as const, issuerRating: null, amount };
        const asContract: RatioContract = { ...candidate, guaranteedAmount: amount, feeRate: 0, feeCharging: 'upfront', loanStart: date, loanEnd: date, events: [{ event: 'in-force', date, amount }] };
        expect(weightedLiabilityAt(ctx.db, date, caps, candidate), `${date} + ${amount}`).toBe(weightedLiability([...book, asContract], date, settings));
      }
    }
    expect(weightedLiability(book, dates.at(-1)!, settings)).toBeGreaterThan(0);
  });
});
