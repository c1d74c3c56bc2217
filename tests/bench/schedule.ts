/**
 * Schedule generation speed: exact installments per second on one core, beside a baseline that
 * computes the same installments with plain float PMT and Math.round.
 */
import { SeededRandom } from '../../electron/services/platform/demo/random';
import { dayNumber } from '../../shared/dates/calendar';
import { generateSchedule } from '../../shared/schedule/generate';
import type { ScheduleTerms } from '../../shared/schedule/types';
import type { BenchFigure } from './report';

const METHODS = ['equal-installment', 'equal-principal', 'interest-only', 'flat'] as const;

export function randomTerms(count: number, seed = 7): ScheduleTerms[] {
  const random = new SeededRandom(seed);
  const calendar = { rule: 'keep' as const, holidays: new Set<number>(), workdays: new Set<number>() };
  const terms: ScheduleTerms[] = [];
  for (let k = 0; k < count; k++) {
    const method = random.pick(METHODS);
    const periods = random.int(12, 60);
    terms.push({
      principal: random.int(10_000, 5_000_000) * 100,
      annualRate: random.int(60, 240) * 1000,
      periods,
      frequency: 'monthly',
      method,
      interestOnlyPeriods: method === 'equal-installment' && random.chance(0.2) ? random.int(1, 6) : 0,
      disbursementDate: dayNumber(2026, random.int(1, 12), random.int(1, 28)),
      firstDueDate: null,
      repaymentDay: null,
      dayCount: random.chance(0.8) ? '30/360' : 'ACT/365',
      roundingMode: 'half-up',
      installmentMultiple: 1,
      upfrontFee: random.chance(0.3) ? random.int(0, 2_000) * 100 : 0,
      periodicFee: 0,
      calendar,
    });
  }
  return terms;
}

interface FloatInstallment {
  number: number;
  dueDate: number;
  openingBalance: number;
  principal: number;
  interest: number;
  total: number;
  closingBalance: number;
}

/** The baseline: a spreadsheet's PMT in floats, Math.round to the fen, no exactness guarantees. */
function floatSchedule(terms: ScheduleTerms): FloatInstallment[] {
  const i = terms.annualRate / 1e6 / 12;
  const n = terms.periods;
  const payment = Math.round((terms.principal * i) / (1 - Math.pow(1 + i, -n)));
  const out: FloatInstallment[] = [];
  let balance = terms.principal;
  for (let k = 1; k <= n; k++) {
    const interest = Math.round(balance * i);
    const principal = k === n ? balance : Math.min(balance, payment - interest);
    out.push({ number: k, dueDate: terms.disbursementDate + 30 * k, openingBalance: balance, principal, interest, total: principal + interest, closingBalance: balance - principal });
    balance -= principal;
  }
  return out;
}

function timeRuns(label: string, run: () => number, rounds: number): { perSecond: number; installments: number } {
  run(); // warm up the JIT
  const times: number[] = [];
  let installments = 0;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    installments = run();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  const best = Math.min(...times);
  const perSecond = installments / best;
  // Every round shown: a spread between rounds is the machine (GC, a busy neighbour), not the engine.
  console.log(`  ${label.padEnd(34)} ${installments.toLocaleString()} installments in ${best.toFixed(3)} s = ${Math.round(perSecond).toLocaleString()}/s (rounds: ${times.map((t) => t.toFixed(3)).join(', ')} s)`);
  return { perSecond, installments };
}

export function benchSchedule(options: { loans: number; rounds: number }): BenchFigure[] {
  console.log(`schedule generation: ${options.loans.toLocaleString()} random loans of 12-60 months`);
  const terms = randomTerms(options.loans);
  const exact = timeRuns('exact engine (with APR)', () => {
    let count = 0;
    for (const t of terms) count += generateSchedule(t).installments.length;
    return count;
  }, options.rounds);
  const float = timeRuns('float PMT + Math.round (baseline)', () => {
    let count = 0;
    for (const t of terms) count += floatSchedule(t).length;
    return count;
  }, options.rounds);
  const ratio = float.perSecond / exact.perSecond;
  console.log(`  exactness costs ${ratio.toFixed(2)}x the float loop`);
  return [
    {
      name: 'schedule generation',
      value: Math.round(exact.perSecond),
      unit: 'installments/s',
      goal: '>= 4,000,000 installments/s and within 10x of the float loop',
      baseline: { name: 'float PMT + Math.round', value: Math.round(float.perSecond), unit: 'installments/s' },
      ratioToBaseline: Number(ratio.toFixed(2)),
      met: exact.perSecond >= 4_000_000 && ratio <= 10,
    },
  ];
}
