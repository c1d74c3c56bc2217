/**
 * One life, two ways: random sequences of actions taken one by one through the services (with the money
 * settings changed between them), and the same history handed to the book loader. Both books must hold
 * the same rows for the loan, to the fen: the rules live once, and a setting changed after a loan's
 * entry never reaches it.
 */
import fc from 'fast-check';
import { ampleNetAssets } from '../../helpers/book';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookHistory, loadLoanBook, type HistoryAction } from '../../../electron/services/lending/loan-book';
import { contract as channels } from '../../../shared/contract';
import { formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import { penaltyRateFor } from '../../../shared/lending/lifecycle/state';
import { parseYuan } from '../../../shared/money/yuan';
import { parsePercent } from '../../../shared/rates/rate';
import { serviceContext, testRuntime, type TestRuntime } from '../../helpers/runtime';

const TODAY = '2026-09-30';
const fen = (yuan: string) => parseYuan(yuan)!;
const yuan = (f: number) => (f / 100).toFixed(2);

let services: TestRuntime;
let loaded: TestRuntime;
async function seeded() {
  const rt = await testRuntime();
  await ampleNetAssets(rt);
  await rt.call('day.close', { to: TODAY });
  await rt.call('borrower.create', { kind: 'individual', name: '孙七', idType: 'resident-id', idNumber: '11010519491231002X' });
  return rt;
}
beforeAll(async () => {
  [services, loaded] = await Promise.all([seeded(), seeded()]);
});
afterAll(() => {
  services.close();
  loaded.close();
});

const MONEY_SETTINGS = [
  ['lending.daysPerYear', 365, 360],
  ['lending.roundingMode', 'half-even', 'half-up'],
  ['lending.penaltyMarkupPercent', '30.00', '50.00'],
  ['lending.compoundInterest', false, true],
] as const;

const loanArb = fc.record({
  method: fc.constantFrom('equal-installment' as const, 'equal-principal' as const, 'interest-only' as const),
  periods: fc.integer({ min: 2, max: 10 }),
  principal: fc.integer({ min: 2_000, max: 300_000 }),
  rate: fc.constantFrom('8', '12', '15.6'),
  lentDaysAgo: fc.integer({ min: 20, max: 420 }),
});
const actionArb = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('repayment' as const), gap: fc.integer({ min: 0, max: 40 }), share: fc.constantFrom(0.4, 1, 1, 1, 1.3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('prepayment' as const), gap: fc.integer({ min: 0, max: 15 }), share: fc.constantFrom(0.05, 0.2, 0.5), keepTerm: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('early-settlement' as const), gap: fc.integer({ min: 0, max: 15 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extension' as const), gap: fc.integer({ min: 0, max: 20 }), periods: fc.integer({ min: 2, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('write-off' as const), gap: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recovery' as const), gap: fc.integer({ min: 0, max: 20 }), amount: fc.integer({ min: 1, max: 5_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reversal' as const), gap: fc.constant(0), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('setting' as const), gap: fc.constant(0), which: fc.nat({ max: MONEY_SETTINGS.length - 1 }) }) },
);

/** The loan's rows with their ids replaced by their order within the loan, so two books compare whatever came before. */
function rowsOf(rt: TestRuntime, contractNo: string) {
  const db = rt.database.sqlite;
  const loan = db.prepare('SELECT * FROM loans WHERE contract_no = ?').get(contractNo) as Record<string, unknown> & { id: number };
  const payments = db.prepare('SELECT * FROM payments WHERE loan_id = ? ORDER BY id').all(loan.id) as Array<Record<string, unknown> & { id: number }>;
  const events = db.prepare('SELECT * FROM loan_events WHERE loan_id = ? ORDER BY id').all(loan.id) as Array<Record<string, unknown> & { id: number }>;
  const paymentNo = new Map(payments.map((p, k) => [p.id, k]));
  const eventNo = new Map(events.map((e, k) => [e.id, k]));
  const renumber = (detail: unknown) => (typeof detail === 'string' ? detail.replace(/"paymentId":(\d+)/, (_, id: string) => `"paymentId":${paymentNo.get(Number(id))}`) : detail);
  return {
    loan: { ...loan, id: null, created_at: null, updated_at: null },
    installments: db.prepare('SELECT schedule_version, number, period_start, period_end, due_date, days, opening_balance, principal, interest, fees, closing_balance, penalty_rate FROM installments WHERE loan_id = ? ORDER BY schedule_version, number').all(loan.id),
    payments: payments.map((p) => ({ ...p, id: paymentNo.get(p.id), loan_id: null, created_at: null, reversed_at: null })),
    allocations: (db.prepare('SELECT payment_id, installment_number, component, amount FROM payment_allocations WHERE loan_id = ? ORDER BY payment_id, installment_number, component').all(loan.id) as Array<{ payment_id: number }>).map((a) => ({ ...a, payment_id: paymentNo.get(a.payment_id) })),
    events: events.map((e) => ({ event: e.event, business_date: e.business_date, detail: renumber(e.detail), payment_id: e.payment_id === null ? null : paymentNo.get(e.payment_id as number), reversed_by: e.reversed_by === null ? null : eventNo.get(e.reversed_by as number), by: e.by })),
  };
}

describe('the same life through the services and through the book loader', () => {
  it('leaves the same rows, with the money settings changed between the services’ actions', async () => {
    let run = 0;
    const taken = new Set<string>();
    await fc.assert(
      fc.asyncProperty(loanArb, fc.array(actionArb, { minLength: 1, maxLength: 10 }), async (terms, drawn) => {
        const contractNo = `T-${++run}`;
        const lentOn = formatIsoDate(parseIsoDate(TODAY)! - terms.lentDaysAgo);
        const application = { borrowerId: 1, contractNo, terms: { principal: String(terms.principal), annualRate: terms.rate, periods: terms.periods, method: terms.method, disbursementDate: lentOn } };
        await services.call('loan.create', application);
        await services.call('loan.approve', { contractNo });
        const lent = await services.call('loan.disburse', { contractNo });
        const history: HistoryAction[] = [];
        /** For each step still standing: its event in the services' book and its index in the history. */
        const standing: Array<{ eventId: number; index: number }> = [];
        let day = parseIsoDate(lentOn)!;
        const last = parseIsoDate(TODAY)!;
        for (const d of drawn) {
          day = Math.min(day + d.gap, last);
          const date = formatIsoDate(day);
          const loan = await services.call('loan.get', { contractNo });
          const open = loan.installments.find((i) => i.state !== 'paid');
          const owed = open ? fen(open.total) - fen(open.principalPaid) - fen(open.interestPaid) : 100_000;
          let call: Promise<unknown> | null = null;
          let action: HistoryAction | null = null;
          const field = `actions[${history.length}]`;
          switch (d.kind) {
            case 'repayment': {
              const amount = Math.max(1, Math.round((owed + fen(loan.overdueInterest) + fen(loan.penaltyOutstanding)) * d.share));
              call = services.call('loan.repay', { contractNo, date, amount: yuan(amount) });
              action = { field, step: { kind: 'repayment', date: day, amount, channel: 'bank', reference: null } };
              break;
            }
            case 'prepayment': {
              const amount = Math.max(1, Math.round(fen(loan.outstandingPrincipal) * d.share));
              const mode = d.keepTerm ? ('keep-term' as const) : ('keep-installment' as const);
              call = services.call('loan.prepay', { contractNo, date, amount: yuan(amount), mode });
              action = { field, step: { kind: 'prepayment', mode, date: day, amount, channel: 'bank', reference: null } };
              break;
            }
            case 'early-settlement':
              call = services.call('loan.settle', { contractNo, date });
              action = { field, step: { kind: 'early-settlement', date: day, amount: null, channel: 'bank', reference: null } };
              break;
            case 'extension': {
              const penaltyRate = penaltyRateFor(parsePercent(lent.annualRate)!, 500_000, 240_000);
              call = services.call('loan.restructure', { contractNo, kind: 'extension', periods: d.periods, date, reason: '展期' });
              action = { field, step: { kind: 'extension', date: day, periods: d.periods, annualRate: null, method: null, penaltyRate, reason: '展期' } };
              break;
            }
            case 'write-off':
              call = services.call('loan.writeOff', { contractNo, date, reason: '核销' });
              action = { field, step: { kind: 'write-off', date: day, reason: '核销' } };
              break;
            case 'recovery':
              call = services.call('loan.recover', { contractNo, date, amount: yuan(d.amount * 100) });
              action = { field, step: { kind: 'recovery', date: day, amount: d.amount * 100, channel: 'bank', reference: null } };
              break;
            case 'reversal': {
              if (standing.length === 0) continue;
              const target = standing[d.pick % standing.length]!;
              call = services.call('loan.reverse', { eventId: target.eventId, reason: '冲正' });
              action = { field, reverses: target.index, reason: '冲正' };
              break;
            }
            case 'setting': {
              const [key, value] = MONEY_SETTINGS[d.which]!;
              await services.call('settings.set', { key, value } as never);
              continue;
            }
          }
          const accepted = await call!.then(
            () => true,
            (error: Error) => {
              // Refused as the desk would be told: a domain reason, never an internal error.
              expect(error.message).not.toContain('"code":"internal"');
              return false;
            },
          );
          if (!accepted) continue;
          taken.add(d.kind);
          if ('reverses' in action!) standing.splice(standing.findIndex((s) => s.index === action.reverses), 1);
          else {
            const eventId = services.database.sqlite.prepare("SELECT MAX(id) FROM loan_events WHERE loan_id = (SELECT id FROM loans WHERE contract_no = ?) AND event NOT IN ('settled', 'reopened')").pluck().get(contractNo) as number;
            standing.push({ eventId, index: history.length });
          }
          history.push(action!);
        }
        // The loader runs with the settings the loan was entered under.
        for (const [key, , original] of MONEY_SETTINGS) await services.call('settings.set', { key, value: original } as never);
        const ctx = serviceContext(loaded);
        ctx.transaction(() => loadLoanBook(ctx, [{ ...bookHistory(channels['loan.create'].input.parse(application), TODAY, { repayments: [] }), actions: history }]));
        const [expected, actual] = [rowsOf(services, contractNo), rowsOf(loaded, contractNo)];
        for (const table of Object.keys(expected) as Array<keyof typeof expected>) expect(actual[table], `${contractNo} ${table}`).toEqual(expected[table]);
      }),
      { numRuns: 150, seed: 1919 },
    );
    expect([...taken].sort()).toEqual(['early-settlement', 'extension', 'prepayment', 'recovery', 'repayment', 'reversal', 'write-off']);
  }, 240_000);
});
