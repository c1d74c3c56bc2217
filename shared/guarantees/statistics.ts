/**
 * The guarantee statistics report in the industry's layout (融资担保业务统计表): for a period, the number of
 * clients, contracts and the amount in force at its opening, the increase and decrease within it and the
 * closing; with the bank repayments (releases), compensation, recovery and losses of the period.
 */
import { outstandingAt, type RatioContract } from './ratios';

export interface StatContract extends RatioContract {
  contractNo: string;
}

export interface StatLine {
  clients: number;
  contracts: number;
  amount: number;
}

const activatedOn = (c: RatioContract) => c.events.find((e) => e.event === 'in-force')?.date ?? null;
const endedOn = (c: RatioContract) => c.events.find((e) => e.event === 'released' || e.event === 'compensated')?.date ?? null;

/** In force at the end of `date`: activated by then and not yet released or compensated. */
function inForceAt(c: RatioContract, date: string): boolean {
  const on = activatedOn(c);
  const end = endedOn(c);
  return on !== null && on <= date && (end === null || end > date);
}

function line(contracts: readonly RatioContract[], amountOf: (c: RatioContract) => number): StatLine {
  return { clients: new Set(contracts.map((c) => c.clientId)).size, contracts: contracts.length, amount: contracts.reduce((s, c) => s + amountOf(c), 0) };
}

function sumEvents(contracts: readonly RatioContract[], names: readonly string[], from: string, to: string): number {
  let total = 0;
  for (const c of contracts) for (const e of c.events) if (names.includes(e.event) && e.date >= from && e.date <= to) total += e.amount;
  return total;
}

export function guaranteeStatistics(contracts: readonly RatioContract[], from: string, to: string) {
  const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const opening = contracts.filter((c) => inForceAt(c, dayBefore));
  const closing = contracts.filter((c) => inForceAt(c, to));
  const added = contracts.filter((c) => {
    const on = activatedOn(c);
    return on !== null && on >= from && on <= to;
  });
  const ended = contracts.filter((c) => {
    const end = endedOn(c);
    return end !== null && end >= from && end <= to && activatedOn(c) !== null;
  });
  const openingLine = line(opening, (c) => outstandingAt(c, dayBefore));
  const closingLine = line(closing, (c) => outstandingAt(c, to));
  const increaseLine = line(added, (c) => c.guaranteedAmount);
  // The amount decreases by every repayment to the bank and every compensation, whether or not the contract ended.
  const released = sumEvents(contracts, ['bank-repayment', 'released'], from, to);
  const compensated = sumEvents(contracts, ['compensated'], from, to);
  return {
    opening: openingLine,
    increase: increaseLine,
    decrease: { clients: new Set(ended.map((c) => c.clientId)).size, contracts: ended.length, amount: openingLine.amount + increaseLine.amount - closingLine.amount },
    closing: closingLine,
    released,
    compensated,
    recovered: sumEvents(contracts, ['recovery', 'closed'], from, to),
    losses: sumEvents(contracts, ['loss-confirmed'], from, to),
  };
}
