/**
 * Loan-loss provision (贷款损失准备) the book requires: each loan on the book at its class's rate from
 * the settings, rounded per loan, and the general reserve on the whole book. The daily close records
 * both so past months' vouchers can be rebuilt.
 */
import { provisionByClass, recordProvisionRun } from '../../../db/repositories/ledgers/journal-sources';
import { mulDivRound } from '../../../shared/money/rounding';
import { parsePercent, RATE_SCALE } from '../../../shared/rates/rate';
import { actorOf, instant, type ServiceContext } from '../context';
import { setting } from '../platform/settings';

/** The class names loans carry → the keys of the provision-rate setting. */
const RATE_KEYS = { normal: 'normal', 'special-mention': 'specialMention', substandard: 'substandard', doubtful: 'doubtful', loss: 'loss' } as const;

/** Provision rate by class in millionths (percent "25.00" → 250,000). */
export function provisionRates(ctx: Pick<ServiceContext, 'db'>): Record<string, number> {
  const percents = setting(ctx, 'lending.provisionPercent');
  return Object.fromEntries(Object.entries(RATE_KEYS).map(([cls, key]) => [cls, parsePercent(percents[key])!]));
}

export function requiredProvision(ctx: Pick<ServiceContext, 'db'>) {
  const rows = provisionByClass(ctx.db, provisionRates(ctx)).map((r) => ({ ...r, loans: Number(r.loans), outstanding: Number(r.outstanding), provision: Number(r.provision) }));
  const outstanding = rows.reduce((s, r) => s + r.outstanding, 0);
  return {
    byClass: rows,
    total: rows.reduce((s, r) => s + r.provision, 0),
    generalReserve: generalReserveOf(ctx, outstanding),
  };
}

/** 一般风险准备: the loans on the book (the risk assets, `outstanding`) at `lending.generalReservePercent`, rounded once. */
export function generalReserveOf(ctx: Pick<ServiceContext, 'db'>, outstanding: number): number {
  return mulDivRound(outstanding, parsePercent(setting(ctx, 'lending.generalReservePercent'))!, RATE_SCALE, 'half-up');
}

/** Called by the daily close once the book stands as of `date`. */
export function recordProvision(ctx: ServiceContext, date: string): void {
  const required = requiredProvision(ctx);
  recordProvisionRun(ctx.db, {
    businessDate: date,
    required: required.total,
    generalReserve: required.generalReserve,
    byClass: JSON.stringify(Object.fromEntries(required.byClass.map((r) => [r.classification, r.provision]))),
    at: instant(ctx),
    by: actorOf(ctx).userName,
  });
}
