/**
 * The level installment of an equal-installment loan, A = P·i·(1+i)^n / ((1+i)^n − 1), rounded once
 * to the installment multiple. The exact rational value decides the rounding: a float estimate is used
 * only when it is provably far from a rounding boundary, otherwise BigInt arithmetic settles it.
 */
import { divRound, divRoundBig, type RoundingMode } from '../money/rounding';

export interface PeriodicRate {
  /** The periodic rate is numerator / denominator (both positive integers). */
  numerator: number;
  denominator: number;
}

export function levelPayment(principal: number, rate: PeriodicRate, periods: number, multiple: number, mode: RoundingMode): number {
  if (periods <= 0 || principal <= 0) return 0;
  if (rate.numerator === 0) return divRound(principal, periods * multiple, mode) * multiple;
  const i = rate.numerator / rate.denominator;
  const growth = Math.expm1(periods * Math.log1p(i)); // (1+i)^n − 1, accurate for small i·n
  const estimate = (principal * i * (growth + 1)) / growth / multiple;
  const floor = Math.floor(estimate);
  const distanceFromTie = Math.abs(estimate - floor - 0.5);
  // Float error here is ~1e-13 relative; stay 10,000x clear of it before trusting the float.
  if (distanceFromTie > 1e-9 * Math.max(1, estimate)) {
    return (estimate - floor > 0.5 ? floor + 1 : floor) * multiple;
  }
  return exactLevelPayment(principal, rate, periods, multiple, mode);
}

export function exactLevelPayment(principal: number, rate: PeriodicRate, periods: number, multiple: number, mode: RoundingMode): number {
  const a = BigInt(rate.numerator);
  const d = BigInt(rate.denominator);
  const n = BigInt(periods);
  const up = (d + a) ** n;
  const base = d ** n;
  const numerator = BigInt(principal) * a * up;
  const denominator = d * (up - base) * BigInt(multiple);
  return Number(divRoundBig(numerator, denominator, mode)) * multiple;
}
