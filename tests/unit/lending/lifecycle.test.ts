/**
 * The loan's life as pure steps, on the sequences a desk produces. Every expected figure is computed
 * here from the formula (PMT, interest = balance × rate × days / 360), not read from the engine.
 */
import { describe, expect, it } from 'vitest';
import { parseIsoDate, type DayNumber } from '../../../shared/dates/calendar';
import { DEFAULT_ALLOCATION } from '../../../shared/lending/product';
import { replaySteps, replayWithout, type RecordedStep } from '../../../shared/lending/lifecycle/replay';
import { penaltyRateFor, serviceState, type LoanContract, type LoanState } from '../../../shared/lending/lifecycle/state';
import { LoanRefusal, type LoanStep } from '../../../shared/lending/lifecycle/steps';
import { generateSchedule } from '../../../shared/schedule/generate';
import { parseTerms } from '../../../shared/schedule/terms';

const d = (text: string): DayNumber => parseIsoDate(text)!;

/** 100,000.00 at 12%, 12 months, equal installments from 2026-01-15; penalty 12% × 1.5 = 18%. */
const terms = parseTerms({ principal: '100000.00', annualRate: '12', periods: 12, method: 'equal-installment', disbursementDate: '2026-01-15' });
const contract: LoanContract = {
  terms,
  servicing: { penaltyRate: penaltyRateFor(120_000, 500_000, null), compoundInterest: true, graceDays: 0, dayBasis: 360, roundingMode: 'half-up', allocationStrategy: 'by-component', allocationOrder: DEFAULT_ALLOCATION },
};
const schedule = generateSchedule(terms);
const env = { costs: [] };

/** The level payment of `balance` fen over `n` months at 1% a month, to the fen (PMT). */
const pmt = (balance: number, n: number) => Math.round((balance * 0.01) / (1 - 1.01 ** -n));

let nextRef = 1;
const money = (kind: 'repayment' | 'recovery', date: string, amount: number): LoanStep => ({ kind, ref: nextRef++, date: d(date), amount, channel: 'bank', reference: null });
const prepay = (date: string, amount: number, mode: 'keep-term' | 'keep-installment'): LoanStep => ({ kind: 'prepayment', mode, ref: nextRef++, date: d(date), amount, channel: 'bank', reference: null });
const recorded = (steps: LoanStep[]): RecordedStep[] => steps.map((step, id) => ({ id, step }));
const live = (steps: LoanStep[]) => replaySteps(contract, schedule, recorded(steps), env).state;
const totals = (state: LoanState) => state.schedule.installments.map((i) => i.total);

describe('prepayments in sequence', () => {
  const first = money('repayment', '2026-02-15', 888_488);
  // 2026-03-01 is 16 days into the second period (30/360): interest on 92,115.12 is 491.28, the rest is principal.
  const keepTerm = prepay('2026-03-01', 3_000_000, 'keep-term');

  it('keep the term lowers the installment to PMT of the new balance over the periods left', () => {
    const state = live([first, keepTerm]);
    const balanceAfterFirst = 10_000_000 - (888_488 - 100_000);
    const interest = Math.round((balanceAfterFirst * 0.12 * 16) / 360);
    expect(interest).toBe(49_128);
    const prepaid = state.schedule.installments[1]!;
    expect(prepaid).toMatchObject({ dueDate: d('2026-03-01'), interest, principal: 3_000_000 - interest, total: 3_000_000 });
    const balance = balanceAfterFirst - (3_000_000 - interest);
    expect(state.schedule.levelAmount).toBe(pmt(balance, 11));
    expect(state.schedule.levelAmount).toBe(603_864);
    expect(totals(state).slice(2, -1).every((t) => t === 603_864)).toBe(true);
  });

  it('keep the installment afterwards keeps 6,038.64 and shortens the term (not back to 8,884.88)', () => {
    // The first re-amortized installment falls due on 2026-03-15 and is paid; then 1,000.00 more, keeping the installment.
    const before = live([first, keepTerm]);
    const third = before.schedule.installments[2]!;
    const steps = [first, keepTerm, money('repayment', '2026-03-15', third.total), prepay('2026-03-15', 100_000, 'keep-installment')];
    const state = live(steps);
    const rest = state.schedule.installments.slice(4);
    expect(rest.slice(0, -1).every((i) => i.total === 603_864)).toBe(true);
    expect(rest.at(-1)!.total).toBeLessThanOrEqual(603_864);
    // Months needed to repay the balance at 6,038.64 a month: n = −log(1 − B·i/A) / log(1 + i), rounded up.
    const balance = third.closingBalance - 100_000;
    const months = Math.ceil(-Math.log(1 - (balance / 100) * 0.01 / 6_038.64) / Math.log(1.01));
    expect(rest).toHaveLength(months);
    // The bug this guards against went back to 8,884.88 and cut the term to 7 months.
    expect(months).toBeGreaterThan(7);
    expect(state.schedule.installments.reduce((s, i) => s + i.principal, 0)).toBe(10_000_000);
  });

  it('reversing the prepayment brings back the schedule it replaced, exactly', () => {
    const steps = recorded([first, keepTerm]);
    const reversed = replayWithout(contract, schedule, steps, 1, env).state;
    const without = live([first]);
    expect(reversed).toEqual(without);
    expect(totals(reversed).slice(0, -1).every((t) => t === 888_488)).toBe(true);
    const serviced = serviceState(contract, reversed, d('2026-03-10'));
    expect(serviced).toMatchObject({ dpd: 0, penaltyOutstanding: 0, outstandingPrincipal: 10_000_000 - (888_488 - 100_000) });
  });

  it('reversing the payment before a prepayment is refused while the prepayment stands: it needed nothing overdue', () => {
    const steps = recorded([first, keepTerm]);
    let refusal: unknown;
    try {
      replayWithout(contract, schedule, steps, 0, env);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(LoanRefusal);
    expect(refusal).toMatchObject({ reason: 'laterStepRefused', params: { event: 'prepayment', date: '2026-03-01', because: 'overdueFirst' } });
    // Reversed in the other order, both go: the loan is as lent.
    const withoutPrepayment = recorded([first]);
    expect(replayWithout(contract, schedule, withoutPrepayment, 0, env).state).toEqual(live([]));
  });

  it('a receipt and a prepayment on the same day: the prepayment never changes the receipt’s allocation', () => {
    // Installment 2 (due 2026-03-15) paid 5 days late, with its penalty; then 20,000.00 prepaid the same day.
    const late = live([first]);
    const serviced = serviceState(contract, late, d('2026-03-20'));
    const owed = serviced.overduePrincipal + serviced.overdueInterest + serviced.penaltyOutstanding;
    const second = money('repayment', '2026-03-20', owed);
    const alone = serviceState(contract, live([first, second]), d('2026-03-20'));
    const together = live([first, second, prepay('2026-03-20', 2_000_000, 'keep-term')]);
    const both = serviceState(contract, together, d('2026-03-20'));
    const of = (s: typeof alone, ref: number) => s.allocations.filter((a) => a.paymentId === ref);
    expect(of(both, second.kind === 'repayment' ? second.ref : 0)).toEqual(of(alone, second.kind === 'repayment' ? second.ref : 0));
    // The prepayment's own installment carries 5 days of interest, and it pays exactly that installment.
    const prepaid = together.schedule.installments[2]!;
    const balance = alone.outstandingPrincipal;
    expect(prepaid.interest).toBe(Math.round((balance * 0.12 * 5) / 360));
    expect(both).toMatchObject({ dpd: 0, penaltyOutstanding: 0, unappliedCredit: 0, overdueInterest: 0 });
  });
});

describe('penalty interest', () => {
  it('is rounded once per installment and segment: other installments falling due do not move it', () => {
    // Nothing paid; on 2026-07-01 installment 1 (due 2026-02-15) is 136 days overdue.
    const state = live([]);
    const first = state.schedule.installments[0]!;
    const days = d('2026-07-01') - d('2026-02-15');
    const exact = (base: number) => Number((BigInt(base) * 180_000n * BigInt(days) * 2n + 360n * 1_000_000n) / (360n * 1_000_000n * 2n));
    const serviced = serviceState(contract, state, d('2026-07-01'));
    expect(serviced.installments[0]!.penaltyAccrued).toBe(exact(first.principal) + exact(first.interest));
    // A later installment falling due on an unrelated date does not change installment 1's figure.
    const sooner = serviceState(contract, state, d('2026-06-15'));
    const daysSooner = d('2026-06-15') - d('2026-02-15');
    const exactSooner = (base: number) => Math.round((base * 0.18 * daysSooner) / 360);
    expect(sooner.installments[0]!.penaltyAccrued).toBe(exactSooner(first.principal) + exactSooner(first.interest));
  });

  it('a part payment of the installment starts a new segment on the lower base', () => {
    const part = money('repayment', '2026-03-01', 500_000);
    const state = live([part]);
    const first = state.schedule.installments[0]!;
    const serviced = serviceState(contract, state, d('2026-04-01'));
    // 14 days on the whole installment, then the payment (penalty 1,0xx first, then interest, then principal), then 31 days on what is left.
    const firstSegment = (base: number) => Math.round((base * 0.18 * 14) / 360);
    const penalty1 = firstSegment(first.principal) + firstSegment(first.interest);
    const paidToInterestAndPrincipal = 500_000 - penalty1;
    const interestLeft = Math.max(0, first.interest - paidToInterestAndPrincipal);
    const principalLeft = first.principal - Math.max(0, paidToInterestAndPrincipal - first.interest);
    const second = (base: number) => Math.round((base * 0.18 * 31) / 360);
    expect(serviced.installments[0]!.penaltyAccrued).toBe(penalty1 + second(principalLeft) + second(interestLeft));
  });
});
