/**
 * Fuzzing the channels: random and hostile inputs (wrong types, huge strings, negative and NaN
 * amounts, SQL and HTML fragments, prototype keys) to every channel — no crash, no write, and a clear
 * error each time.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, contract } from '../../../shared/contract';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
const admin = { actor: { userName: 'fuzz', role: 'administrator' as const } };

beforeAll(async () => {
  rt = await testRuntime();
  await rt.dispatch('platform.demo', { borrowers: 5 }, admin);
});
afterAll(() => rt.close());

const hostileStrings = fc.constantFrom(
  "'; DROP TABLE borrowers; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil","x")',
  '../../../../etc/passwd',
  '\u0000\u0001\u001f',
  '１２３４５',
  'NaN',
  '-0.01',
  '1e308',
  '99999999999999999999999.99',
  'x'.repeat(100_000),
  '😀'.repeat(1000),
);
const hostileNumbers = fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, -0, 1e308, 2 ** 53 + 1, 0.1, -999999999);
const hostileValue = fc.oneof(fc.anything({ maxDepth: 3, withObjectString: true, withNullPrototype: true }), hostileStrings, hostileNumbers);

/** Objects shaped like the channel's input, with each field replaced by something hostile. */
function inputsFor(channel: string) {
  const keys = ['id', 'name', 'idNumber', 'principal', 'annualRate', 'periods', 'terms', 'key', 'value', 'page', 'pageSize', 'q', 'kind', 'userName', 'password', 'file', 'folder', 'borrowers', '__proto__', 'constructor'];
  return fc.oneof(
    hostileValue,
    fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: 6 }),
    channel === 'schedule.calculate' ? fc.record({ terms: fc.dictionary(fc.constantFrom('principal', 'annualRate', 'periods', 'method', 'disbursementDate'), hostileValue) }) : hostileValue,
  );
}

function snapshot(): string {
  const db = rt.database.sqlite;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  // Every row of every table (the test book is small): any write shows, in tables with or without a rowid.
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}

const KNOWN_CODES = new Set(['validation', 'not-found', 'conflict', 'forbidden', 'unauthenticated', 'unknown-channel', 'bad-request', 'too-large']);

describe('channel fuzzing', () => {
  it('thousands of hostile inputs: no crash, no write, a clear error', async () => {
    const before = snapshot();
    let calls = 0;
    for (const channel of channelNames) {
      // Sign-in costs a scrypt hash per attempt and records the attempt: fuzzed apart, below.
      if (channel === 'session.signIn') continue;
      const samples = fc.sample(inputsFor(channel), { numRuns: 250, seed: 42 });
      for (const input of samples) {
        // A sample that happens to be a valid call (e.g. {} where every field has a default) is no attack.
        if (contract[channel].mutates && contract[channel].input.safeParse(input).success) continue;
        const result = await rt.dispatch(channel, input, admin);
        calls++;
        if (result.ok) {
          // Only a read may succeed on a fuzzed input; a write must never slip through.
          expect(contract[channel].mutates, `${channel} accepted ${JSON.stringify(input)?.slice(0, 200)}`).toBe(false);
          continue;
        }
        expect(KNOWN_CODES.has(result.error.code), `${channel}: ${result.error.code} ${result.error.message}`).toBe(true);
        expect(result.error.message.length).toBeGreaterThan(3);
        expect(result.error.message.length).toBeLessThan(2000);
      }
    }
    expect(calls).toBeGreaterThan(5000);
    expect(snapshot()).toBe(before);
  });

  it('hostile sign-in attempts are refused without a crash', async () => {
    for (const input of fc.sample(inputsFor('session.signIn'), { numRuns: 25, seed: 7 })) {
      const result = await rt.dispatch('session.signIn', input, { session: null });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['validation', 'unauthenticated']).toContain(result.error.code);
    }
  });

  it('keeps SQL and HTML fragments verbatim where text is allowed', async () => {
    const text = `<b>王</b>'); DELETE FROM borrowers; --`;
    const created = await rt.call('borrower.create', { kind: 'individual', name: text, idType: 'passport', idNumber: 'E12345678' });
    expect((await rt.call('borrower.get', { id: created.id })).name).toBe(text);
    expect((await rt.call('borrower.list', { q: "'); DELETE" })).total).toBe(1);
  });
});
