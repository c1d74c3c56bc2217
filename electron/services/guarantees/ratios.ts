/** The ratios page and `loanbridge ratios`: the book's figures against the regulatory limits, with formulas. */
import { guaranteeBookTotals, ratioBook, weightedLiabilityNow } from '../../../db/repositories/guarantees/guarantees';
import { findBorrowerRow, relatedBorrowerPairs } from '../../../db/repositories/lending/borrowers';
import { clientGroups, largestConcentrations } from '../../../shared/guarantees/concentration';
import { netAssetsAsOf } from '../../../db/repositories/platform/net-assets';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { guaranteeRatios, outstandingAt, type RatioContract, type RatioSettings } from '../../../shared/guarantees/ratios';
import { mulDivRound, percentString } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { parsePercent } from '../../../shared/rates/rate';
import type { ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { businessDate } from '../platform/status';

/** A ratio as a decimal fraction with 4 decimals ("0.3333"), from a percent with 2 decimals. */
function fraction(percent: string | null): string | null {
  if (percent === null) return null;
  const [whole, cents] = percent.split('.');
  const bp = Number(whole) * 100 + Number(cents);
  return `${Math.floor(bp / 10_000)}.${String(bp % 10_000).padStart(4, '0')}`;
}

/** The book as the ratio functions read it: every contract with its dated events. */
export function ratioContracts(ctx: ServiceContext): RatioContract[] {
  return ratioBook(ctx.db);
}

export function ratioSettings(ctx: ServiceContext): RatioSettings {
  return {
    smallMicroCap: 500_000_000,
    farmHouseholdCap: 200_000_000,
    unearnedReserveRate: parsePercent(setting(ctx, 'guarantees.unearnedFeeReservePercent'))!,
    compensationReserveRate: parsePercent(setting(ctx, 'guarantees.compensationReservePercent'))!,
    compensationReserveCap: parsePercent(setting(ctx, 'guarantees.compensationReserveCapPercent'))!,
  };
}


function concentrationOf(ctx: ServiceContext, contracts: RatioContract[], asOf: string, netAssets: number | null) {
  const balances = new Map<number, number>();
  for (const c of contracts) balances.set(c.clientId, (balances.get(c.clientId) ?? 0) + outstandingAt(c, asOf));
  const { client, group } = largestConcentrations(balances, clientGroups(relatedBorrowerPairs(ctx.db)), netAssets);
  const view = (found: typeof client, limitKey: 'guarantees.singleClientLimitPercent' | 'guarantees.relatedClientLimitPercent') => {
    if (!found) return null;
    const limit = setting(ctx, limitKey);
    return {
      clientIds: found.clientIds,
      clientNames: found.clientIds.map((id) => findBorrowerRow(ctx.db, id)?.name ?? String(id)),
      balance: fenToYuan(found.balance),
      percentOfNetAssets: found.percentOfNetAssets,
      limitPercent: limit,
      withinLimit: found.percentOfNetAssets === null ? null : Number(found.percentOfNetAssets) <= Number(limit),
    };
  };
  return { largestClient: view(client, 'guarantees.singleClientLimitPercent'), largestGroup: view(group, 'guarantees.relatedClientLimitPercent') };
}

/** Leverage (放大倍数): weighted liability ÷ the net assets on file for `asOf`, to two decimals, against the limit. */
function leverageOf(ctx: ServiceContext, weightedLiability: number, asOf: string) {
  const net = netAssetsAsOf(ctx.db, asOf);
  const leverageHundredths = net ? mulDivRound(weightedLiability, 100, net.amount, 'half-up') : null;
  const limit = setting(ctx, 'guarantees.leverageLimit');
  return {
    net,
    leverage: leverageHundredths === null ? null : `${Math.floor(leverageHundredths / 100)}.${String(leverageHundredths % 100).padStart(2, '0')}`,
    leverageLimit: String(limit),
    leverageWithinLimit: leverageHundredths === null ? null : leverageHundredths <= limit * 100,
  };
}

/**
 * The dashboard's guarantee figures. On the business date they come from the contracts' running figures
 * and the weighted liability the triggers keep — a few indexed reads however large the book; on another
 * date, from the ratio functions over every contract's dated events (computeRatios).
 */
export function ratioHeadline(ctx: ServiceContext, asOf: string) {
  if (asOf !== businessDate(ctx)) {
    const r = computeRatios(ctx, { asOf });
    return { inForceBalance: r.inForceBalance, weightedLiability: r.weightedLiability, leverage: r.leverage, leverageLimit: r.leverageLimit, compensationRate: r.compensationRate, lossRate: r.lossRate };
  }
  const book = guaranteeBookTotals(ctx.db);
  const weighted = weightedLiabilityNow(ctx.db);
  const { leverage, leverageLimit } = leverageOf(ctx, weighted, asOf);
  return {
    inForceBalance: fenToYuan(book.inForce),
    weightedLiability: fenToYuan(weighted),
    leverage,
    leverageLimit,
    compensationRate: fraction(percentString(book.compensated, book.released)),
    lossRate: fraction(percentString(book.losses, book.released)),
  };
}

/** The ratios page; a report that has read the book already passes it (`contracts`) rather than reading it again. */
export function computeRatios(ctx: ServiceContext, input: ChannelParsedInput<'guarantee.ratios'>, contracts: RatioContract[] = ratioContracts(ctx)): ChannelOutput<'guarantee.ratios'> {
  const asOf = input.asOf ?? businessDate(ctx);
  const r = guaranteeRatios(contracts, asOf, ratioSettings(ctx));
  const { net, ...leverage } = leverageOf(ctx, r.weightedLiability, asOf);
  return {
    asOf,
    ...concentrationOf(ctx, contracts, asOf, net?.amount ?? null),
    inForceBalance: fenToYuan(r.inForceBalance),
    weightedLiability: fenToYuan(r.weightedLiability),
    netAssets: net ? fenToYuan(net.amount) : null,
    netAssetsPeriodEnd: net?.periodEnd ?? null,
    ...leverage,
    cumulativeReleased: fenToYuan(r.cumulativeReleased),
    cumulativeCompensation: fenToYuan(r.cumulativeCompensation),
    compensationRate: fraction(r.compensationRate),
    compensationRecoveryRate: fraction(r.compensationRecoveryRate),
    lossRate: fraction(r.lossRate),
    compensationBalance: fenToYuan(r.compensationBalance),
    feeIncomeThisYear: fenToYuan(r.feeIncomeThisYear),
    feeEarnedThisYear: fenToYuan(r.feeEarnedThisYear),
    deferredFee: fenToYuan(r.deferredFee),
    unearnedFeeReserve: fenToYuan(r.unearnedFeeReserve),
    compensationReserve: fenToYuan(r.compensationReserve),
    formulas: {
      weightedLiability: 'Σ in-force balance × weight (75% small/micro ≤ 5m and farm households ≤ 2m per client; 80% bonds rated AA or above; else 100%)',
      leverage: 'weighted liability ÷ net assets',
      compensationRate: 'compensation paid ÷ guarantees released (cumulative)',
      compensationRecoveryRate: 'recovered this year ÷ (compensation balance at 1 January + compensation this year)',
      lossRate: 'confirmed losses ÷ guarantees released (cumulative)',
      compensationBalance: 'compensation − recovered − confirmed losses',
      unearnedFeeReserve: '50% of this year\'s guarantee fee income',
      feeEarnedThisYear: 'each contract\'s fee recognised evenly over its guarantee term; the rest on release or compensation',
      deferredFee: 'fees charged to date − fees recognised to date',
      largestClient: 'the largest in-force balance of one client ÷ net assets (limit by setting, 10%)',
      largestGroup: 'the largest in-force balance of a client with its related parties ÷ net assets (limit by setting, 15%)',
      compensationReserve: '1% of each year-end liability, topped up only to 10% of that liability; confirmed losses charged first',
    },
  };
}
