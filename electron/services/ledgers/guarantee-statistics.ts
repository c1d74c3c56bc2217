/**
 * The guarantee statistics report (融资担保业务统计表) for a period, in 万元 as the industry reports it:
 * clients, contracts and amount at the opening, increase, decrease and closing; releases, compensation,
 * recovery and losses of the period; the reserves and the ratios with their formulas at its end.
 */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { guaranteeStatistics, type StatLine } from '../../../shared/guarantees/statistics';
import { divRound } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import type { ServiceContext } from '../context';
import { computeRatios, ratioContracts } from '../guarantees/ratios';
import { fen, periodOf } from './report-spec';

/** Fen as 万元 with two decimals, rounded half-up (the report's unit). */
export function wanYuan(fen: number): string {
  return fenToYuan(divRound(fen, 10_000, 'half-up'));
}

const lineView = (l: StatLine) => ({ clients: l.clients, contracts: l.contracts, amountWan: wanYuan(l.amount) });

export function guaranteeStatisticsReport(ctx: ServiceContext, input: ChannelParsedInput<'report.guaranteeStatistics'>): ChannelOutput<'report.guaranteeStatistics'> {
  // The year to date unless a period is asked for.
  const { from, to } = periodOf(ctx, input, (end) => `${end.slice(0, 4)}-01-01`);
  const contracts = ratioContracts(ctx);
  const s = guaranteeStatistics(contracts, from, to);
  const ratios = computeRatios(ctx, { asOf: to }, contracts);
  return {
    from,
    to,
    opening: lineView(s.opening),
    increase: lineView(s.increase),
    decrease: lineView(s.decrease),
    closing: lineView(s.closing),
    releasedWan: wanYuan(s.released),
    compensatedWan: wanYuan(s.compensated),
    recoveredWan: wanYuan(s.recovered),
    lossesWan: wanYuan(s.losses),
    reserves: { unearnedFeeWan: wanYuan(fen(ratios.unearnedFeeReserve)), compensationWan: wanYuan(fen(ratios.compensationReserve)) },
    ratios: {
      weightedLiabilityWan: wanYuan(fen(ratios.weightedLiability)),
      leverage: ratios.leverage,
      leverageLimit: ratios.leverageLimit,
      compensationRate: ratios.compensationRate,
      lossRate: ratios.lossRate,
      compensationRecoveryRate: ratios.compensationRecoveryRate,
    },
    formulas: ratios.formulas,
  };
}
