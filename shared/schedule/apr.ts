/**
 * Annualized-rate disclosure (PBoC announcement 2021 No. 3): the IRR of the borrower's cash flows on
 * the principal actually received. Floats are fine here: this is a disclosed rate, not an amount.
 */
import type { AprDisclosure } from './types';

const MAX_ITERATIONS = 200;
const TOLERANCE = 1e-13;

/** Solves Σ flows[k]·(1+r)^−t_k = 0 for r by Newton's method with a bisection fallback. */
function solve(flows: readonly number[], times: readonly number[], guess: number): number {
  const value = (r: number) => {
    let sum = 0;
    for (let k = 0; k < flows.length; k++) sum += flows[k]! * Math.pow(1 + r, -times[k]!);
    return sum;
  };
  const slope = (r: number) => {
    let sum = 0;
    for (let k = 0; k < flows.length; k++) sum -= times[k]! * flows[k]! * Math.pow(1 + r, -times[k]! - 1);
    return sum;
  };
  let r = guess;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const f = value(r);
    const df = slope(r);
    if (df === 0 || !Number.isFinite(f)) break;
    const next = r - f / df;
    if (!Number.isFinite(next) || next <= -0.999999) break;
    if (Math.abs(next - r) < TOLERANCE) return next;
    r = next;
  }
  // Bisection between a rate that surely over- and one that surely under-discounts.
  let low = -0.99;
  let high = 10;
  let fLow = value(low);
  for (let i = 0; i < 500; i++) {
    const mid = (low + high) / 2;
    const fMid = value(mid);
    if (Math.abs(high - low) < TOLERANCE) return mid;
    if (Math.sign(fMid) === Math.sign(fLow)) {
      low = mid;
      fLow = fMid;
    } else high = mid;
  }
  return (low + high) / 2;
}

/**
 * IRR per period for flows at t = 0, 1, 2, ... periods. With v = 1/(1+r) the present value is a
 * polynomial in v, so Newton's method runs on Horner evaluations: no pow() in the loop, which makes
 * the disclosure cheap enough to compute for every schedule.
 */
export function periodicIrr(flows: readonly number[], guess = 0.01): number {
  const n = flows.length;
  let r = guess;
  for (let iteration = 0; iteration < 50; iteration++) {
    const v = 1 / (1 + r);
    let value = 0;
    let slope = 0; // d(value)/dv
    for (let k = n - 1; k >= 0; k--) {
      slope = slope * v + value;
      value = value * v + flows[k]!;
    }
    // d(value)/dr = d(value)/dv · dv/dr = slope · (−v²)
    const derivative = -slope * v * v;
    if (derivative === 0 || !Number.isFinite(value)) break;
    const next = r - value / derivative;
    if (!Number.isFinite(next) || next <= -0.999999) break;
    if (Math.abs(next - r) < TOLERANCE) return next;
    r = next;
  }
  return solve(flows, flows.map((_, k) => k), guess);
}

/** XIRR: the annual rate for flows at actual day offsets, on a 365-day year. */
export function xirr(flows: readonly number[], dayOffsets: readonly number[], guess = 0.1): number {
  return solve(flows, dayOffsets.map((d) => d / 365), guess);
}

export function fromPeriodicRate(periodicRate: number, perYear: number): AprDisclosure {
  return {
    periodicRate,
    simple: periodicRate * perYear,
    compound: Math.pow(1 + periodicRate, perYear) - 1,
    method: 'irr',
  };
}

/** From an XIRR annual rate, the equivalent rate per period and its simple annualization. */
export function fromAnnualRate(annual: number, perYear: number): AprDisclosure {
  const periodicRate = Math.pow(1 + annual, 1 / perYear) - 1;
  return { periodicRate, simple: periodicRate * perYear, compound: annual, method: 'xirr' };
}
