/**
 * Regulatory ratios and reserves of a financing-guarantee book (Financing Guarantee Regulations 2017
 * and the 2018 supporting rules), as pure functions over contracts and their dated events. Every
 * amount is integer fen; ratios are exact to the basis point.
 */
import { mulDivRound, percentString } from '../money/rounding';

export interface RatioContract {
  clientId: number;
  clientSize: 'small-micro' | 'farm-household' | 'other';
  guaranteeType: 'loan' | 'bond' | 'other';
  issuerRating: string | null;
  guaranteedAmount: number;
  feeRate: number; // millionths a year
  feeCharging: 'upfront' | 'yearly';
  loanStart: string;
  loanEnd: string;
  events: Array<{ event: string; date: string; amount: number }>;
}

export interface RatioSettings {
  smallMicroCap: number; // fen: 5,000,000 yuan
  farmHouseholdCap: number; // fen: 2,000,000 yuan
  unearnedReserveRate: number; // millionths: 50%
  compensationReserveRate: number; // millionths: 1%
  compensationReserveCap: number; // millionths: 10%
}

const HIGH_RATINGS = new Set(['AAA', 'AA+', 'AA']);

/** The guaranteed balance of one contract at the end of `date`: lent, less repaid, zero once released or compensated. */
export function outstandingAt(c: RatioContract, date: string): number {
  let activated = false;
  let repaid = 0;
  for (const e of c.events) {
    if (e.date > date) continue;
    if (e.event === 'in-force') activated = true;
    if (e.event === 'bank-repayment' || e.event === 'released') repaid += e.amount;
    if (e.event === 'compensated' || e.event === 'released') return 0;
  }
  return activated ? Math.max(0, c.guaranteedAmount - repaid) : 0;
}

/** 融资担保责任余额: 75% for small/micro clients ≤ 5 million and farm households ≤ 2 million (per client), 80% for AA+ bonds, else 100%. */
export function weightedLiability(contracts: readonly RatioContract[], date: string, settings: RatioSettings): number {
  const perClientLoans = new Map<number, number>();
  for (const c of contracts) {
    if (c.guaranteeType === 'loan') perClientLoans.set(c.clientId, (perClientLoans.get(c.clientId) ?? 0) + outstandingAt(c, date));
  }
  let total = 0;
  for (const c of contracts) {
    const balance = outstandingAt(c, date);
    if (balance === 0) continue;
    let weight = 1_000_000;
    if (c.guaranteeType === 'loan') {
      const clientTotal = perClientLoans.get(c.clientId) ?? 0;
      if ((c.clientSize === 'small-micro' && clientTotal <= settings.smallMicroCap) || (c.clientSize === 'farm-household' && clientTotal <= settings.farmHouseholdCap)) weight = 750_000;
    } else if (c.guaranteeType === 'bond' && c.issuerRating && HIGH_RATINGS.has(c.issuerRating)) {
      weight = 800_000;
    }
    total += mulDivRound(balance, weight, 1_000_000, 'half-up');
  }
  return total;
}

function sumEvents(contracts: readonly RatioContract[], names: readonly string[], from: string, to: string): number {
  let total = 0;
  for (const c of contracts) for (const e of c.events) if (names.includes(e.event) && e.date >= from && e.date <= to) total += e.amount;
  return total;
}

const RELEASES = ['bank-repayment', 'released'];
const COMPENSATIONS = ['compensated'];
const RECOVERIES = ['recovery', 'closed'];
const LOSSES = ['loss-confirmed'];

function chargesFrom(c: RatioContract, start: string): Array<{ date: string; amount: number }> {
  if (c.feeCharging === 'upfront') {
    const days = (Date.parse(c.loanEnd) - Date.parse(c.loanStart)) / 86_400_000;
    return [{ date: start, amount: mulDivRound(c.guaranteedAmount, c.feeRate * days, 1_000_000 * 365, 'half-up') }];
  }
  const charges: Array<{ date: string; amount: number }> = [];
  for (let year = 0; ; year++) {
    const charge = `${Number(start.slice(0, 4)) + year}${start.slice(4)}`;
    if (charge >= c.loanEnd) break;
    charges.push({ date: charge, amount: mulDivRound(c.guaranteedAmount, c.feeRate, 1_000_000, 'half-up') });
  }
  return charges;
}

/** Each fee charge of a contract: up front for the whole term at activation, or each year on the anniversary. */
export function feeCharges(c: RatioContract): Array<{ date: string; amount: number }> {
  const start = c.events.find((e) => e.event === 'in-force')?.date;
  return start ? chargesFrom(c, start) : [];
}

/** Guarantee fees charged in [from, to]. */
export function feeIncome(contracts: readonly RatioContract[], from: string, to: string): number {
  let total = 0;
  for (const c of contracts) for (const charge of feeCharges(c)) if (charge.date >= from && charge.date <= to) total += charge.amount;
  return total;
}

/** The fee a contract charges over its whole life: what it is charged (or, before activation, would be from its start). */
export function feeOverTerm(c: RatioContract): number {
  const start = c.events.find((e) => e.event === 'in-force')?.date ?? c.loanStart;
  return chargesFrom(c, start).reduce((sum, charge) => sum + charge.amount, 0);
}

/**
 * The fee recognised as income by the end of `date`: evenly over the guarantee term, whatever the
 * charging; the rest at once when the responsibility ends early (release or compensation).
 */
export function feeEarnedBy(c: RatioContract, date: string): number {
  const activated = c.events.find((e) => e.event === 'in-force');
  if (!activated || activated.date > date) return 0;
  const total = feeOverTerm(c);
  const ended = c.events.find((e) => (e.event === 'released' || e.event === 'compensated') && e.date <= date);
  if (ended || date >= c.loanEnd) return total;
  const term = Date.parse(c.loanEnd) - Date.parse(c.loanStart);
  const elapsed = Math.max(0, Date.parse(date) - Date.parse(c.loanStart));
  return mulDivRound(total, elapsed / 86_400_000, term / 86_400_000, 'half-up');
}

/**
 * 担保赔偿准备金: each year-end, 1% of the year-end liability; once the cumulative reserve reaches 10%
 * of that year's liability only the difference is topped up (nothing when above). Confirmed losses are
 * charged against it first.
 */
export function compensationReserve(contracts: readonly RatioContract[], asOf: string, settings: RatioSettings, firstYear: number): { balance: number; provisionThisYear: number } {
  const lastYear = Number(asOf.slice(0, 4));
  let balance = 0;
  let provision = 0;
  for (let year = firstYear; year <= lastYear; year++) {
    const end = year === lastYear ? asOf : `${year}-12-31`;
    const liability = contracts.reduce((s, c) => s + outstandingAt(c, end), 0);
    const cap = mulDivRound(liability, settings.compensationReserveCap, 1_000_000, 'half-up');
    provision = Math.max(0, Math.min(mulDivRound(liability, settings.compensationReserveRate, 1_000_000, 'half-up'), cap - balance));
    balance += provision;
    balance -= Math.min(balance, sumEvents(contracts, LOSSES, `${year}-01-01`, end));
  }
  return { balance, provisionThisYear: provision };
}

export interface GuaranteeRatios {
  inForceBalance: number;
  weightedLiability: number;
  cumulativeReleased: number;
  cumulativeCompensation: number;
  compensationRate: string | null;
  compensationRecoveryRate: string | null;
  lossRate: string | null;
  compensationBalance: number;
  feeIncomeThisYear: number;
  /** Fee recognised this year over the guarantee terms, and fee charged but not yet recognised (预收担保费). */
  feeEarnedThisYear: number;
  deferredFee: number;
  unearnedFeeReserve: number;
  compensationReserve: number;
}

export function guaranteeRatios(contracts: readonly RatioContract[], asOf: string, settings: RatioSettings): GuaranteeRatios {
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const beforeYear = `${Number(asOf.slice(0, 4)) - 1}-12-31`;
  const released = sumEvents(contracts, RELEASES, '0000-01-01', asOf);
  const compensation = sumEvents(contracts, COMPENSATIONS, '0000-01-01', asOf);
  const recovered = sumEvents(contracts, RECOVERIES, '0000-01-01', asOf);
  const losses = sumEvents(contracts, LOSSES, '0000-01-01', asOf);
  const openingBalance =
    sumEvents(contracts, COMPENSATIONS, '0000-01-01', beforeYear) - sumEvents(contracts, RECOVERIES, '0000-01-01', beforeYear) - sumEvents(contracts, LOSSES, '0000-01-01', beforeYear);
  const fees = feeIncome(contracts, yearStart, asOf);
  // A loop, not Math.min(...dates): spreading a large book's events overflows the call stack.
  let firstYear = Number(asOf.slice(0, 4));
  for (const c of contracts) for (const e of c.events) firstYear = Math.min(firstYear, Number(e.date.slice(0, 4)));
  return {
    inForceBalance: contracts.reduce((s, c) => s + outstandingAt(c, asOf), 0),
    weightedLiability: weightedLiability(contracts, asOf, settings),
    cumulativeReleased: released,
    cumulativeCompensation: compensation,
    compensationRate: percentString(compensation, released),
    compensationRecoveryRate: percentString(sumEvents(contracts, RECOVERIES, yearStart, asOf), openingBalance + sumEvents(contracts, COMPENSATIONS, yearStart, asOf)),
    lossRate: percentString(losses, released),
    compensationBalance: compensation - recovered - losses,
    feeIncomeThisYear: fees,
    feeEarnedThisYear: contracts.reduce((sum, c) => sum + feeEarnedBy(c, asOf) - feeEarnedBy(c, beforeYear), 0),
    deferredFee: Math.max(0, feeIncome(contracts, '0000-01-01', asOf) - contracts.reduce((sum, c) => sum + feeEarnedBy(c, asOf), 0)),
    unearnedFeeReserve: mulDivRound(fees, settings.unearnedReserveRate, 1_000_000, 'half-up'),
    compensationReserve: compensationReserve(contracts, asOf, settings, firstYear).balance,
  };
}
