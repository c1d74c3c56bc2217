/**
 * Thousands of random lives of a loan, through the pure steps: payments early, late, partial and over;
 * prepayments of both kinds; early settlements; extensions; write-offs and recoveries; reversals of any
 * earlier step. After every action the books balance, nothing goes negative, and reversing the step just
 * taken gives back exactly the loan before it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDate, type DayNumber } from '../../../shared/dates/calendar';
import { takeAction, type LoanAction, type LoanHistoryState } from '../../../shared/lending/lifecycle/actions';
import { disbursedState, penaltyRateFor, serviceState, type LoanContract } from '../../../shared/lending/lifecycle/state';
import { LoanRefusal } from '../../../shared/lending/lifecycle/steps';
import { DEFAULT_ALLOCATION } from '../../../shared/lending/product';
import { generateSchedule } from '../../../shared/schedule/generate';
import { parseTerms } from '../../../shared/schedule/terms';

const LENT = '2025-06-10';
const lentOn = parseIsoDate(LENT)!;

const loanArb = fc.record({
  method: fc.constantFrom('equal-installment' as const, 'equal-principal' as const, 'interest-only' as const, 'flat' as const),
  periods: fc.integer({ min: 2, max: 12 }),
  principal: fc.integer({ min: 1_000, max: 500_000 }),
  rate: fc.constantFrom('0', '6', '12', '15.6', '23.5'),
  strategy: fc.constantFrom('by-component' as const, 'by-installment' as const),
  graceDays: fc.constantFrom(0, 0, 3),
  compound: fc.boolean(),
});

/** An action as drawn: what the desk does and how long after the last one, sized against the loan as it stands. */
const actionArb = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('repayment' as const), gap: fc.integer({ min: 0, max: 45 }), share: fc.constantFrom(0.3, 0.5, 1, 1, 1, 1.02, 1.5, 2.5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('prepayment' as const), gap: fc.integer({ min: 0, max: 20 }), share: fc.double({ min: 0.02, max: 0.7, noNaN: true }), keepTerm: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('early-settlement' as const), gap: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extension' as const), gap: fc.integer({ min: 0, max: 30 }), periods: fc.integer({ min: 1, max: 12 }), rate: fc.constantFrom(null, '9', '14') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('write-off' as const), gap: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recovery' as const), gap: fc.integer({ min: 0, max: 30 }), amount: fc.integer({ min: 1, max: 50_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('classification' as const), gap: fc.constant(0), to: fc.constantFrom(null, 'special-mention' as const, 'doubtful' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reversal' as const), gap: fc.constant(0), pick: fc.nat() }) },
);
type Drawn = typeof actionArb extends fc.Arbitrary<infer T> ? T : never;

type LoanDraw = typeof loanArb extends fc.Arbitrary<infer T> ? T : never;

function contractOf(loan: LoanDraw): LoanContract {
  const terms = parseTerms({ principal: String(loan.principal), annualRate: loan.rate, periods: loan.periods, method: loan.method, disbursementDate: LENT });
  return {
    terms,
    servicing: {
      penaltyRate: penaltyRateFor(terms.annualRate, 500_000, 240_000),
      compoundInterest: loan.compound,
      graceDays: loan.graceDays,
      dayBasis: 360,
      roundingMode: 'half-up',
      allocationStrategy: loan.strategy,
      allocationOrder: DEFAULT_ALLOCATION,
    },
  };
}

/** The concrete action for what was drawn, on the loan as it stands on `day`. */
function concrete(contract: LoanContract, history: LoanHistoryState, drawn: Drawn, day: DayNumber, ref: number): LoanAction | null {
  const serviced = serviceState(contract, history.state, day);
  const next = serviced.installments.find((i) => i.paidOn === null);
  switch (drawn.kind) {
    case 'repayment': {
      const due = serviced.overduePrincipal + serviced.overdueInterest + serviced.penaltyOutstanding + (next ? next.principalDue + next.interestDue - next.principalPaid - next.interestPaid : 1_000);
      return { kind: 'step', step: { kind: 'repayment', ref, date: day, amount: Math.max(1, Math.round(due * drawn.share)), channel: 'bank', reference: null } };
    }
    case 'prepayment':
      return { kind: 'step', step: { kind: 'prepayment', mode: drawn.keepTerm ? 'keep-term' : 'keep-installment', ref, date: day, amount: Math.max(1, Math.round(serviced.outstandingPrincipal * drawn.share)), channel: 'bank', reference: null } };
    case 'early-settlement':
      return { kind: 'step', step: { kind: 'early-settlement', ref, date: day, amount: null, channel: 'bank', reference: null } };
    case 'extension': {
      const annualRate = drawn.rate === null ? null : Number(drawn.rate) * 10_000;
      return { kind: 'step', step: { kind: 'extension', date: day, periods: drawn.periods, annualRate, method: null, penaltyRate: penaltyRateFor(annualRate ?? contract.terms.annualRate, 500_000, 240_000), reason: '展期' } };
    }
    case 'write-off':
      return { kind: 'step', step: { kind: 'write-off', date: day, reason: '核销' } };
    case 'recovery':
      return { kind: 'step', step: { kind: 'recovery', ref, date: day, amount: drawn.amount * 100, channel: 'bank', reference: null } };
    case 'classification':
      return { kind: 'step', step: { kind: 'classification', date: day, from: 'normal', to: drawn.to, reason: '人工' } };
    case 'reversal': {
      if (history.steps.length === 0) return null;
      return { kind: 'reversal', of: history.steps[drawn.pick % history.steps.length]!.id, date: day, reason: '冲正' };
    }
  }
}

/** What every accepted action must leave: balanced books, nothing negative, every payment fully allocated. */
function checkInvariants(contract: LoanContract, history: LoanHistoryState, day: DayNumber): void {
  const { state } = history;
  const schedulePrincipal = state.schedule.installments.reduce((s, i) => s + i.principal, 0);
  expect(schedulePrincipal).toBe(contract.terms.principal);
  // A written-off loan stands as it was on the day of the write-off; a live one is checked now and later.
  const dates = state.status === 'written-off' ? [state.writtenOffOn!] : [day, day + 45];
  for (const asOf of dates) {
    const serviced = serviceState(contract, state, asOf);
    const outstanding = state.status === 'written-off' ? 0 : serviced.outstandingPrincipal;
    const repaid = serviced.principalRepaid;
    expect(outstanding + repaid + state.writtenOff).toBe(contract.terms.principal);
    expect(Math.min(serviced.outstandingPrincipal, serviced.overduePrincipal, serviced.overdueInterest, serviced.penaltyOutstanding, serviced.unappliedCredit, state.writtenOff, state.recovered)).toBeGreaterThanOrEqual(0);
    for (const i of serviced.installments) {
      expect(i.principalPaid).toBeLessThanOrEqual(i.principalDue);
      expect(i.interestPaid).toBeLessThanOrEqual(i.interestDue);
      expect(i.penaltyPaid).toBeLessThanOrEqual(i.penaltyAccrued);
    }
    for (const receipt of state.receipts.filter((r) => r.kind === 'repayment' && r.date <= asOf)) {
      const allocated = serviced.allocations.filter((a) => a.paymentId === receipt.ref).reduce((s, a) => s + a.amount, 0);
      expect(allocated, `receipt ${receipt.ref} fully allocated`).toBe(receipt.amount);
    }
  }
}

describe('a loan’s life in random sequences of events', () => {
  it('balances after every action, never goes negative, and undoing the last step restores the loan exactly', () => {
    let accepted = 0;
    let reversals = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(loanArb, fc.array(actionArb, { minLength: 1, maxLength: 14 }), (loan, drawn) => {
        const contract = contractOf(loan);
        const lent = generateSchedule(contract.terms);
        let history: LoanHistoryState = { steps: [], state: disbursedState(lent) };
        let day = lentOn;
        for (const [k, d] of drawn.entries()) {
          day += d.gap;
          const action = concrete(contract, history, d, day, k + 1);
          if (!action) continue;
          let record;
          try {
            record = takeAction(contract, lent, history, action, k + 1, { costs: [] });
          } catch (error) {
            if (!(error instanceof LoanRefusal)) throw error;
            // A reversal refuses only when a later step would not stand without it.
            if (action.kind === 'reversal') expect(error.reason).toBe('laterStepRefused');
            continue;
          }
          accepted++;
          kinds.add(action.kind === 'step' ? action.step.kind : 'reversal');
          // A step that changes the schedule never rewrites an installment already paid.
          if (action.kind === 'step' && record.schedule) {
            const paid = serviceState(contract, history.state, day).installments.filter((i) => i.paidOn !== null).map((i) => i.number);
            for (const number of paid) expect(record.schedule.installments.find((i) => i.number === number), `installment ${number} kept`).toEqual(history.state.schedule.installments.find((i) => i.number === number));
          }
          if (action.kind === 'reversal') reversals++;
          checkInvariants(contract, record, day);
          // Undo the step just taken: the loan is exactly as before it.
          if (action.kind === 'step') {
            const undone = takeAction(contract, lent, record, { kind: 'reversal', of: k + 1, date: day, reason: 'undo' }, -1, { costs: [] });
            expect(undone.state).toEqual(history.state);
            expect(undone.steps).toEqual(history.steps);
          }
          history = record;
        }
      }),
      { numRuns: 2_000, seed: 19 },
    );
    // The runs must have reached every kind of action, or they prove less than they claim.
    expect([...kinds].sort()).toEqual(['classification', 'early-settlement', 'extension', 'prepayment', 'recovery', 'repayment', 'reversal', 'write-off']);
    expect(accepted).toBeGreaterThan(5_000);
    expect(reversals).toBeGreaterThan(500);
  });
});
