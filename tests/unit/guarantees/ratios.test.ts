/** Ratios and reserves on a hand-built book; the expected numbers are worked out in the comments. */
import { describe, expect, it } from 'vitest';
import { compensationReserve, guaranteeRatios, type RatioContract, type RatioSettings } from '../../../shared/guarantees/ratios';

const settings: RatioSettings = { smallMicroCap: 500_000_000, farmHouseholdCap: 200_000_000, unearnedReserveRate: 500_000, compensationReserveRate: 10_000, compensationReserveCap: 100_000 };
const yuan = (v: number) => Math.round(v * 100);

function contract(partial: Partial<RatioContract> & Pick<RatioContract, 'clientId' | 'guaranteedAmount' | 'events'>): RatioContract {
  return { clientSize: 'small-micro', guaranteeType: 'loan', issuerRating: null, feeRate: 0, feeCharging: 'upfront', loanStart: '2026-01-01', loanEnd: '2027-01-01', ...partial };
}

const book: RatioContract[] = [
  // A: small/micro, 3,000,000 less 1,000,000 repaid = 2,000,000 (client total ≤ 5 million: 75%); fee 2% up front for 365 days = 60,000
  contract({ clientId: 1, guaranteedAmount: yuan(3_000_000), feeRate: 20_000, loanStart: '2026-03-01', loanEnd: '2027-03-01', events: [{ event: 'in-force', date: '2026-03-01', amount: yuan(3_000_000) }, { event: 'bank-repayment', date: '2026-06-01', amount: yuan(1_000_000) }] }),
  // B: small/micro, 6,000,000 (over 5 million: 100%); fee 1.5% yearly = 90,000 in 2026
  contract({ clientId: 2, guaranteedAmount: yuan(6_000_000), feeRate: 15_000, feeCharging: 'yearly', loanStart: '2026-02-01', loanEnd: '2028-02-01', events: [{ event: 'in-force', date: '2026-02-01', amount: yuan(6_000_000) }] }),
  // C: farm household 1,500,000 (≤ 2 million: 75%); fee 1% up front = 15,000
  contract({ clientId: 3, clientSize: 'farm-household', guaranteedAmount: yuan(1_500_000), feeRate: 10_000, loanStart: '2026-04-01', loanEnd: '2027-04-01', events: [{ event: 'in-force', date: '2026-04-01', amount: yuan(1_500_000) }] }),
  // D: bond of an AA+ issuer, 10,000,000 (80%); fee 0.5% up front = 50,000
  contract({ clientId: 4, clientSize: 'other', guaranteeType: 'bond', issuerRating: 'AA+', guaranteedAmount: yuan(10_000_000), feeRate: 5_000, loanStart: '2026-05-01', loanEnd: '2027-05-01', events: [{ event: 'in-force', date: '2026-05-01', amount: yuan(10_000_000) }] }),
  // E: released in 2026 (2,000,000 released)
  contract({ clientId: 5, clientSize: 'other', guaranteedAmount: yuan(2_000_000), loanStart: '2025-06-01', loanEnd: '2026-06-01', events: [{ event: 'in-force', date: '2025-06-01', amount: yuan(2_000_000) }, { event: 'released', date: '2026-03-01', amount: yuan(2_000_000) }] }),
  // F: compensated 1,000,000 in 2025; 300,000 recovered and 200,000 confirmed lost in 2026
  contract({
    clientId: 6,
    guaranteedAmount: yuan(1_000_000),
    loanStart: '2025-01-01',
    events: [
      { event: 'in-force', date: '2025-01-01', amount: yuan(1_000_000) },
      { event: 'compensated', date: '2025-12-01', amount: yuan(1_000_000) },
      { event: 'recovery', date: '2026-02-01', amount: yuan(300_000) },
      { event: 'loss-confirmed', date: '2026-10-01', amount: yuan(200_000) },
    ],
  }),
];

describe('guarantee ratios on a hand-built book (as of 2026-12-31)', () => {
  const ratios = guaranteeRatios(book, '2026-12-31', settings);

  it('in-force balance and weighted liability with the 75% / 80% / 100% rules', () => {
    expect(ratios.inForceBalance).toBe(yuan(19_500_000)); // 2,000,000 + 6,000,000 + 1,500,000 + 10,000,000
    expect(ratios.weightedLiability).toBe(yuan(16_625_000)); // 1,500,000 + 6,000,000 + 1,125,000 + 8,000,000
  });

  it('compensation rate, recovery rate, loss rate and compensation balance', () => {
    expect(ratios.cumulativeReleased).toBe(yuan(3_000_000));
    expect(ratios.compensationRate).toBe('33.33'); // 1,000,000 / 3,000,000
    expect(ratios.compensationRecoveryRate).toBe('30.00'); // 300,000 / (1,000,000 opening + 0 this year)
    expect(ratios.lossRate).toBe('6.67'); // 200,000 / 3,000,000
    expect(ratios.compensationBalance).toBe(yuan(500_000));
  });

  it('unearned-fee reserve: 50% of the year\'s fee income', () => {
    expect(ratios.feeIncomeThisYear).toBe(yuan(215_000)); // 60,000 + 90,000 + 15,000 + 50,000
    expect(ratios.unearnedFeeReserve).toBe(yuan(107_500));
  });

  it('compensation reserve: 1% a year, losses charged against it', () => {
    // 2025: 1% × 2,000,000 = 20,000; 2026: 1% × 19,500,000 = 195,000, less the 200,000 loss → 15,000
    expect(ratios.compensationReserve).toBe(yuan(15_000));
  });
});

describe('the 10% cumulative rule across three years', () => {
  it('tops up only the difference once the reserve reaches 10% of the liability', () => {
    const shrinking = [
      contract({
        clientId: 9,
        guaranteedAmount: yuan(1_000_000),
        loanStart: '2024-01-01',
        loanEnd: '2028-01-01',
        events: [
          { event: 'in-force', date: '2024-01-01', amount: yuan(1_000_000) },
          { event: 'bank-repayment', date: '2025-06-01', amount: yuan(850_000) },
          { event: 'bank-repayment', date: '2026-06-01', amount: yuan(50_000) },
        ],
      }),
    ];
    // 2024: 1% × 1,000,000 = 10,000. 2025: liability 150,000 → 1% = 1,500, room to 10% = 15,000 − 10,000 → 1,500 → 11,500.
    // 2026: liability 100,000 → 10% = 10,000 < 11,500 already held → nothing more.
    expect(compensationReserve(shrinking, '2024-12-31', settings, 2024)).toEqual({ balance: yuan(10_000), provisionThisYear: yuan(10_000) });
    expect(compensationReserve(shrinking, '2025-12-31', settings, 2024)).toEqual({ balance: yuan(11_500), provisionThisYear: yuan(1_500) });
    expect(compensationReserve(shrinking, '2026-12-31', settings, 2024)).toEqual({ balance: yuan(11_500), provisionThisYear: 0 });
  });
});

describe('a large book', () => {
  it('weighs 60,000 contracts with 300,000 events (more than a function call can take as arguments)', () => {
    // Each: in force on 2024-03-01 for 10,000, four bank repayments of 1,000 in 2025: 6,000 left, small/micro at 75% = 4,500.
    const large = Array.from({ length: 60_000 }, (_, k) =>
      contract({
        clientId: k + 1,
        guaranteedAmount: yuan(10_000),
        loanStart: '2024-03-01',
        loanEnd: '2027-03-01',
        events: [{ event: 'in-force', date: '2024-03-01', amount: yuan(10_000) }, ...[3, 6, 9, 12].map((m) => ({ event: 'bank-repayment', date: `2025-${String(m).padStart(2, '0')}-01`, amount: yuan(1_000) }))],
      }),
    );
    const r = guaranteeRatios(large, '2026-06-30', settings);
    expect(r.inForceBalance).toBe(60_000 * yuan(6_000));
    expect(r.weightedLiability).toBe(60_000 * yuan(4_500));
    expect(r.cumulativeReleased).toBe(60_000 * yuan(4_000));
  });
});
