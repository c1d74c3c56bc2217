import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../shared/dates/calendar';
import { agingBucket, classify } from '../../../shared/lending/classification';
import { DEFAULT_ALLOCATION } from '../../../shared/lending/product';
import { serviceLoan, type PostedPayment, type ScheduledInstallment, type ServicingTerms } from '../../../shared/lending/servicing';

const d = (text: string) => parseIsoDate(text)!;

/** 100,000.00 at 12%, interest only, 3 months: 1,000.00 a month and the principal with the last. */
const schedule: ScheduledInstallment[] = [
  { number: 1, dueDate: d('2026-02-15'), principal: 0, interest: 100_000, fees: 0 },
  { number: 2, dueDate: d('2026-03-15'), principal: 0, interest: 100_000, fees: 0 },
  { number: 3, dueDate: d('2026-04-15'), principal: 10_000_000, interest: 100_000, fees: 0 },
];

/** Penalty rate 12% × (1 + 50%) = 18% a year, on a 360-day year. */
const terms: ServicingTerms = { penaltyRate: 180_000, compoundInterest: true, graceDays: 0, dayBasis: 360, roundingMode: 'half-up', allocationStrategy: 'by-component', allocationOrder: DEFAULT_ALLOCATION };

const pay = (id: number, date: string, yuan: number): PostedPayment => ({ id, date: d(date), amount: Math.round(yuan * 100) });

describe('enforcement costs (legal cases)', () => {
  it('are paid first by every payment after they are charged, then the waterfall continues; credit meets a later cost', () => {
    const costs = [{ date: d('2026-03-20'), amount: 200_000 }];
    // On 25 March: 2,000.00 costs, then the 5.00 penalty and 1,000.00 interest of installment 2.
    const state = serviceLoan(schedule, [pay(1, '2026-02-15', 1000), pay(2, '2026-03-25', 3005)], terms, d('2026-03-25'), costs);
    expect(state.allocations.filter((a) => a.paymentId === 2)).toEqual([
      { paymentId: 2, installment: null, component: 'costs', amount: 200_000 },
      { paymentId: 2, installment: 2, component: 'penalty', amount: 500 },
      { paymentId: 2, installment: 2, component: 'interest', amount: 100_000 },
    ]);
    expect(state).toMatchObject({ costsOutstanding: 0, costsPaid: 200_000, dpd: 0 });
    // A payment before the cost was charged does not pay it; the cost stays outstanding.
    const before = serviceLoan(schedule, [pay(1, '2026-02-15', 1000), pay(2, '2026-03-15', 1000)], terms, d('2026-03-25'), costs);
    expect(before).toMatchObject({ costsOutstanding: 200_000, costsPaid: 0 });
    // Credit held from an overpayment pays a cost on the day it is charged.
    const credit = serviceLoan(schedule, [pay(1, '2026-02-15', 1000), pay(2, '2026-03-15', 4000)], terms, d('2026-03-25'), costs);
    expect(credit.allocations.filter((a) => a.component === 'costs')).toEqual([{ paymentId: 2, installment: null, component: 'costs', amount: 200_000 }]);
    expect(credit.costsOutstanding).toBe(0);
  });
});

describe('servicing a loan', () => {
  it('an on-time payment settles its installment and nothing is overdue', () => {
    const state = serviceLoan(schedule, [pay(1, '2026-02-15', 1000)], terms, d('2026-03-01'));
    expect(state.installments[0]).toMatchObject({ interestPaid: 100_000, paidOn: d('2026-02-15'), penaltyAccrued: 0 });
    expect(state).toMatchObject({ dpd: 0, overdueInterest: 0, penaltyOutstanding: 0, outstandingPrincipal: 10_000_000 });
    expect(state.allocations).toEqual([{ paymentId: 1, installment: 1, component: 'interest', amount: 100_000 }]);
  });

  it('a missed interest installment: DPD counts from the due date, compound interest accrues on it', () => {
    const state = serviceLoan(schedule, [pay(1, '2026-02-15', 1000)], terms, d('2026-03-25'));
    // 1,000.00 overdue for 10 days at 18% / 360 = 5.00
    expect(state).toMatchObject({ dpd: 10, overdueInterest: 100_000, penaltyOutstanding: 500, oldestUnpaidDueDate: d('2026-03-15') });
    const paid = serviceLoan(schedule, [pay(1, '2026-02-15', 1000), pay(2, '2026-03-25', 1005)], terms, d('2026-03-25'));
    expect(paid.allocations.filter((a) => a.paymentId === 2)).toEqual([
      { paymentId: 2, installment: 2, component: 'penalty', amount: 500 },
      { paymentId: 2, installment: 2, component: 'interest', amount: 100_000 },
    ]);
    expect(paid).toMatchObject({ dpd: 0, penaltyOutstanding: 0 });
  });

  it('penalty on overdue principal and compound interest, then the waterfall: penalty → interest → principal', () => {
    const payments = [pay(1, '2026-02-15', 1000), pay(2, '2026-03-15', 1000)];
    const late = serviceLoan(schedule, payments, terms, d('2026-05-15'));
    // 30 days: 100,000.00 × 18% × 30/360 = 1,500.00 penalty; 1,000.00 × 18% × 30/360 = 15.00 compound
    expect(late).toMatchObject({ dpd: 30, overduePrincipal: 10_000_000, overdueInterest: 100_000, penaltyOutstanding: 151_500 });
    const partly = serviceLoan(schedule, [...payments, pay(3, '2026-05-15', 50_000)], terms, d('2026-05-15'));
    expect(partly.allocations.filter((a) => a.paymentId === 3)).toEqual([
      { paymentId: 3, installment: 3, component: 'penalty', amount: 151_500 },
      { paymentId: 3, installment: 3, component: 'interest', amount: 100_000 },
      { paymentId: 3, installment: 3, component: 'principal', amount: 4_748_500 },
    ]);
    expect(partly).toMatchObject({ outstandingPrincipal: 5_251_500, principalRepaid: 4_748_500, dpd: 30 });
    // Ten days later the penalty runs on the remaining 52,515.00 only: × 18% × 10/360 = 262.575 → 262.58
    expect(serviceLoan(schedule, [...payments, pay(3, '2026-05-15', 50_000)], terms, d('2026-05-25')).penaltyOutstanding).toBe(26_258);
  });

  it('oldest installment first within each component', () => {
    const state = serviceLoan(schedule, [pay(1, '2026-03-20', 1500)], terms, d('2026-03-20'));
    // #1: 33 days overdue on 1,000.00 → 16.50 compound; #2: 5 days → 2.50; then interest of #1, then of #2.
    expect(state.allocations).toEqual([
      { paymentId: 1, installment: 1, component: 'penalty', amount: 1650 },
      { paymentId: 1, installment: 2, component: 'penalty', amount: 250 },
      { paymentId: 1, installment: 1, component: 'interest', amount: 100_000 },
      { paymentId: 1, installment: 2, component: 'interest', amount: 48_100 },
    ]);
    expect(state.dpd).toBe(5);
  });

  it('paid within the grace days: no penalty, and no days past due afterwards', () => {
    const graceful = { ...terms, graceDays: 3 };
    const state = serviceLoan(schedule, [pay(1, '2026-02-17', 1000)], graceful, d('2026-02-20'));
    expect(state.installments[0]).toMatchObject({ penaltyAccrued: 0, interestPaid: 100_000 });
    expect(state.dpd).toBe(0);
    const tooLate = serviceLoan(schedule, [pay(1, '2026-02-19', 1001)], graceful, d('2026-02-20'));
    // 4 days: outside the grace; penalty from the due date: 1,000.00 × 18% × 4/360 = 2.00, paid first.
    expect(tooLate.allocations[0]).toEqual({ paymentId: 1, installment: 1, component: 'penalty', amount: 200 });
  });

  it('holds an overpayment as credit and applies it as installments fall due', () => {
    const state = serviceLoan(schedule, [pay(1, '2026-02-15', 1500)], terms, d('2026-03-20'));
    expect(state.installments[1]).toMatchObject({ interestPaid: 50_000 });
    expect(state.allocations).toEqual([
      { paymentId: 1, installment: 1, component: 'interest', amount: 100_000 },
      { paymentId: 1, installment: 2, component: 'interest', amount: 50_000 },
    ]);
    expect(state.unappliedCredit).toBe(0);
    const early = serviceLoan(schedule, [pay(1, '2026-02-15', 1500)], terms, d('2026-03-01'));
    expect(early.unappliedCredit).toBe(50_000);
    expect(early.allocations).toContainEqual({ paymentId: 1, installment: null, component: 'unapplied', amount: 50_000 });
  });

  it('a reversed payment simply drops out and the allocation replays', () => {
    const all = [pay(1, '2026-02-15', 1000), pay(2, '2026-03-15', 1000), pay(3, '2026-04-15', 101_000)];
    expect(serviceLoan(schedule, all, terms, d('2026-04-20')).outstandingPrincipal).toBe(0);
    const withoutSecond = serviceLoan(schedule, all.filter((p) => p.id !== 2), terms, d('2026-04-20'));
    // Payment 3 now pays #2's penalty and interest first, so principal stays owed.
    expect(withoutSecond.allocations.filter((a) => a.paymentId === 3).map((a) => [a.installment, a.component])).toEqual([
      [2, 'penalty'],
      [2, 'interest'],
      [3, 'interest'],
      [3, 'principal'],
    ]);
    expect(withoutSecond.outstandingPrincipal).toBeGreaterThan(0);
  });
});

describe('servicing invariants (fast-check)', () => {
  it('every payment is fully allocated, nothing is paid twice, principal adds up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 200 }), fen: fc.integer({ min: 1, max: 6_000_000 }) }), { maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 260 }),
        (raw, compound, grace, asOfOffset) => {
          const start = d('2026-01-20');
          const payments = raw.map((p, k) => ({ id: k + 1, date: start + p.day, amount: p.fen }));
          const state = serviceLoan(schedule, payments, { ...terms, compoundInterest: compound, graceDays: grace }, start + asOfOffset);
          for (const p of payments.filter((x) => x.date <= start + asOfOffset)) {
            expect(state.allocations.filter((a) => a.paymentId === p.id).reduce((s, a) => s + a.amount, 0)).toBe(p.amount);
          }
          for (const i of state.installments) {
            expect(i.principalPaid).toBeLessThanOrEqual(i.principalDue);
            expect(i.interestPaid).toBeLessThanOrEqual(i.interestDue);
            expect(i.penaltyPaid).toBeLessThanOrEqual(i.penaltyAccrued);
          }
          expect(state.principalRepaid + state.outstandingPrincipal).toBe(10_000_000);
          expect(state.allocations.every((a) => a.amount > 0 || a.component === 'unapplied')).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('checkpoints (month ends for vintage and roll-rate tables)', () => {
  it('each checkpoint gives the balance and days past due of a replay to that day, including credit held', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 200 }), fen: fc.integer({ min: 1, max: 6_000_000 }) }), { maxLength: 10 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 220 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 5 }),
        (raw, offsets, grace) => {
          const start = d('2026-01-20');
          const payments = raw.map((p, k) => ({ id: k + 1, date: start + p.day, amount: p.fen }));
          const days = offsets.map((o) => start + o).sort((a, b) => a - b);
          const withGrace = { ...terms, graceDays: grace };
          const asOf = start + 220;
          const { checkpoints } = serviceLoan(schedule, payments, withGrace, asOf, [], days);
          expect(checkpoints.map((c) => c.day)).toEqual(days);
          for (const c of checkpoints) {
            const then = serviceLoan(schedule, payments, withGrace, c.day);
            const settled = then.installments.every((i) => i.paidOn !== null) && then.penaltyOutstanding === 0 && then.costsOutstanding === 0;
            expect([c.outstandingPrincipal, c.dpd, c.paidOff]).toEqual([then.outstandingPrincipal, then.dpd, settled]);
          }
        },
      ),
      { numRuns: 800 },
    );
  });

  it('a loan whose installments are all paid but whose penalty is not is still on the book at the month end', () => {
    // A product taking penalty last: everything scheduled paid 20 days late on 2026-05-05 leaves the
    // penalty, which is paid on 2026-06-10.
    const penaltyLast: ServicingTerms = { ...terms, allocationOrder: ['costs', 'interest', 'fees', 'principal', 'penalty'] };
    const total = schedule.reduce((sum, i) => sum + i.principal + i.interest + i.fees, 0);
    const ends = [d('2026-04-30'), d('2026-05-31'), d('2026-06-30')];
    const unpaidPenalty = serviceLoan(schedule, [{ id: 1, date: d('2026-05-05'), amount: total }], penaltyLast, d('2026-06-30'), [], ends);
    expect(unpaidPenalty.penaltyOutstanding).toBeGreaterThan(0);
    expect(unpaidPenalty.checkpoints.map((c) => [c.outstandingPrincipal, c.paidOff])).toEqual([[expect.any(Number), false], [0, false], [0, false]]);
    const penaltyPaid = serviceLoan(schedule, [{ id: 1, date: d('2026-05-05'), amount: total }, { id: 2, date: d('2026-06-10'), amount: unpaidPenalty.penaltyOutstanding }], penaltyLast, d('2026-06-30'), [], ends);
    expect(penaltyPaid.penaltyOutstanding).toBe(0);
    expect(penaltyPaid.checkpoints.map((c) => c.paidOff)).toEqual([false, false, true]);
  });

  it('on a worked example: due 15 Feb unpaid, paid 20 March', () => {
    const state = serviceLoan(schedule, [pay(1, '2026-03-20', 2100)], terms, d('2026-04-30'), [], [d('2026-01-31'), d('2026-02-28'), d('2026-03-31'), d('2026-04-30')]);
    // 28 Feb: installment 1 is 13 days late; 31 March: 1 and 2 paid on 20 March (2,100.00 covers the penalty too); 30 April: 3 (due 15 April) is 15 days late.
    expect(state.checkpoints.map((c) => [c.dpd, c.outstandingPrincipal])).toEqual([[0, 10_000_000], [13, 10_000_000], [0, 10_000_000], [15, 10_000_000]]);
  });
});

describe('buckets and classification', () => {
  it('uses the settings: M1 1–30 … M6+ over 180; 关注 from any overdue, 次级 > 90, 可疑 > 270, 损失 > 360', () => {
    const upper = [30, 60, 90, 180];
    expect([0, 1, 30, 31, 60, 61, 90, 91, 180, 181].map((dpd) => agingBucket(dpd, upper))).toEqual([
      'current', 'M1', 'M1', 'M2', 'M2', 'M3', 'M3', 'M4-M6', 'M4-M6', 'M6+',
    ]);
    const days = { specialMention: 1, substandard: 91, doubtful: 271, loss: 361 };
    expect([0, 1, 90, 91, 270, 271, 360, 361].map((dpd) => classify(dpd, days))).toEqual([
      'normal', 'special-mention', 'special-mention', 'substandard', 'substandard', 'doubtful', 'doubtful', 'loss',
    ]);
  });
});

describe('penalty across month and year ends', () => {
  it('counts actual days through February and over New Year', () => {
    const yearEnd: ScheduledInstallment[] = [{ number: 1, dueDate: d('2026-12-15'), principal: 3_600_000, interest: 0, fees: 0 }];
    // 2026-12-15 → 2027-01-15: 31 days; 36,000.00 × 18% × 31/360 = 558.00
    expect(serviceLoan(yearEnd, [], terms, d('2027-01-15')).penaltyOutstanding).toBe(55_800);
    // → 2027-03-01: 76 days (December 17, January 31, February 28): 1,368.00
    expect(serviceLoan(yearEnd, [], terms, d('2027-03-01')).penaltyOutstanding).toBe(136_800);
    const leap: ScheduledInstallment[] = [{ number: 1, dueDate: d('2028-02-15'), principal: 3_600_000, interest: 0, fees: 0 }];
    // 2028 is a leap year: 2028-02-15 → 2028-03-15 is 29 days: 522.00
    expect(serviceLoan(leap, [], terms, d('2028-03-15')).penaltyOutstanding).toBe(52_200);
    expect(serviceLoan(leap, [], { ...terms, dayBasis: 365 }, d('2028-03-15')).penaltyOutstanding).toBe(51_485);
  });

  it('splits the accrual at a part-payment: the penalty runs on what is left after it', () => {
    const one: ScheduledInstallment[] = [{ number: 1, dueDate: d('2026-12-31'), principal: 3_600_000, interest: 0, fees: 0 }];
    // 10 days on 36,000.00 (180.00), then 1,800.00 + 180.00 paid on 2027-01-10, then 10 days on 34,200.00 (171.00)
    const state = serviceLoan(one, [pay(1, '2027-01-10', 1980)], { ...terms, compoundInterest: false }, d('2027-01-20'));
    expect(state.allocations).toEqual([
      { paymentId: 1, installment: 1, component: 'penalty', amount: 18_000 },
      { paymentId: 1, installment: 1, component: 'principal', amount: 180_000 },
    ]);
    expect(state.penaltyOutstanding).toBe(17_100);
    expect(state.dpd).toBe(20);
  });
});

describe('allocation strategies', () => {
  it('by installment pays the oldest installment in full (penalty, interest, principal) before the next; by component pays each component across them', () => {
    // 3,000.00 principal due on each of two dates, 100.00 interest each; nothing paid until 2026-03-25.
    const two: ScheduledInstallment[] = [
      { number: 1, dueDate: d('2026-02-15'), principal: 300_000, interest: 10_000, fees: 0 },
      { number: 2, dueDate: d('2026-03-15'), principal: 300_000, interest: 10_000, fees: 0 },
    ];
    const day = d('2026-03-25');
    // Penalty at 18% / 360 to 2026-03-25: installment 1 for 38 days, installment 2 for 10, on principal and interest, each rounded once.
    const penalty = (base: number, days: number) => Math.round((base * 0.18 * days) / 360);
    const p1 = penalty(300_000, 38) + penalty(10_000, 38);
    const p2 = penalty(300_000, 10) + penalty(10_000, 10);
    const amount = 400_000;
    const byInstallment = serviceLoan(two, [{ id: 1, date: day, amount }], { ...terms, allocationStrategy: 'by-installment' }, day);
    expect(byInstallment.allocations).toEqual([
      { paymentId: 1, installment: 1, component: 'penalty', amount: p1 },
      { paymentId: 1, installment: 1, component: 'interest', amount: 10_000 },
      { paymentId: 1, installment: 1, component: 'principal', amount: 300_000 },
      { paymentId: 1, installment: 2, component: 'penalty', amount: p2 },
      { paymentId: 1, installment: 2, component: 'interest', amount: 10_000 },
      { paymentId: 1, installment: 2, component: 'principal', amount: amount - p1 - 10_000 - 300_000 - p2 - 10_000 },
    ]);
    expect(byInstallment.installments[0]!.paidOn).toBe(day);
    const byComponent = serviceLoan(two, [{ id: 1, date: day, amount }], terms, day);
    expect(byComponent.allocations).toEqual([
      { paymentId: 1, installment: 1, component: 'penalty', amount: p1 },
      { paymentId: 1, installment: 2, component: 'penalty', amount: p2 },
      { paymentId: 1, installment: 1, component: 'interest', amount: 10_000 },
      { paymentId: 1, installment: 2, component: 'interest', amount: 10_000 },
      { paymentId: 1, installment: 1, component: 'principal', amount: 300_000 },
      { paymentId: 1, installment: 2, component: 'principal', amount: amount - p1 - p2 - 20_000 - 300_000 },
    ]);
  });
});

