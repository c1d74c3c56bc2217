/**
 * Lending limits at approval (贷款集中度): what one borrower, and one borrower with its related parties,
 * may owe the lender against its net assets at the last period end on file (settings
 * `lending.singleBorrowerLimitPercent`, default 10%, and `lending.relatedBorrowerLimitPercent`, 15%). A
 * breach, or net assets never recorded, stops the approval unless the approver records why it goes ahead.
 */
import { fenToYuan, type Fen } from '../money/yuan';
import { formatPercent, RATE_SCALE, type RateMicros } from '../rates/rate';

export interface LimitCheck {
  /** Net assets at the last period end on file, or null when none was ever recorded. */
  netAssets: { amount: Fen; periodEnd: string } | null;
  /** What the borrower owes with this loan: outstanding principal, loans approved and not yet lent, and this loan. */
  borrowerExposure: Fen;
  /** The same for the borrower with its related parties, when it has any. */
  groupExposure: Fen | null;
  relatedCount: number;
  singleLimit: RateMicros;
  relatedLimit: RateMicros;
}

export interface LimitBreach {
  reason: 'noNetAssets' | 'singleBorrowerLimit' | 'relatedBorrowerLimit';
  message: string;
  params: Record<string, string | number>;
}

export function lendingLimitBreaches(check: LimitCheck): LimitBreach[] {
  const { netAssets } = check;
  if (!netAssets) {
    return [{ reason: 'noNetAssets', message: 'no net assets are on file, so the lending limits cannot be checked: record the last period end’s net assets first', params: {} }];
  }
  const breaches: LimitBreach[] = [];
  // exposure / net assets > limit, in integers: exposure × scale > net assets × limit.
  const over = (exposure: Fen, limit: RateMicros) => exposure * RATE_SCALE > netAssets.amount * limit;
  const params = (exposure: Fen, limit: RateMicros) => ({ exposure: fenToYuan(exposure), limit: formatPercent(limit), netAssets: fenToYuan(netAssets.amount), periodEnd: netAssets.periodEnd });
  if (over(check.borrowerExposure, check.singleLimit)) {
    breaches.push({
      reason: 'singleBorrowerLimit',
      message: `the borrower would owe ${fenToYuan(check.borrowerExposure)}, over ${formatPercent(check.singleLimit)}% of net assets ${fenToYuan(netAssets.amount)} (${netAssets.periodEnd})`,
      params: params(check.borrowerExposure, check.singleLimit),
    });
  }
  if (check.groupExposure !== null && over(check.groupExposure, check.relatedLimit)) {
    breaches.push({
      reason: 'relatedBorrowerLimit',
      message: `the borrower with ${check.relatedCount} related parties would owe ${fenToYuan(check.groupExposure)}, over ${formatPercent(check.relatedLimit)}% of net assets ${fenToYuan(netAssets.amount)} (${netAssets.periodEnd})`,
      params: { ...params(check.groupExposure, check.relatedLimit), related: check.relatedCount },
    });
  }
  return breaches;
}
