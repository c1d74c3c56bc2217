/**
 * The home screen's figures (经营看板) as of the business date: the loan book (balance, rate, term, overdue
 * and NPL ratios, provision coverage, aging, classes, lending and receipts by month), the guarantee book
 * (in force, leverage against its limit, compensation and loss rates, bank lines, maturities, checks due)
 * and collections (promises due and broken, recovered this month, limitation periods ending). Amounts are
 * yuan strings; ratios are decimal fractions ("0.0425").
 */
import { bookPositions, lentByMonth, receivedByMonth, type BookPosition } from '../../../db/repositories/ledgers/dashboard-sources';
import { bucketOrder } from '../../../shared/lending/month-ends';
import { setting } from '../platform/settings';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { formatIsoDate, parseIsoDate, shiftMonth } from '../../../shared/dates/calendar';
import { fractionString } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { can } from '../../../shared/platform/permissions';
import { loanClasses, type LoanClass } from '../../../shared/lending/classification';
import { actorOf, type ServiceContext } from '../context';
import { recoveredByCollector } from '../collections/performance';
import { promiseCounts } from '../collections/queue';
import { limitationDueCount } from '../collections/limitation';
import { listBanks } from '../guarantees/contracts';
import { ratioHeadline } from '../guarantees/ratios';
import { inForceEndingBy } from '../../../db/repositories/guarantees/guarantees';
import { checksDueCount } from '../../../db/repositories/guarantees/monitoring';
import { requiredProvision } from './provision';
import { asOfBusinessDate } from './report-spec';

const y = fenToYuan;

/** The twelve months ending with the as-of month, oldest first. */
function lastTwelveMonths(asOf: string): string[] {
  return Array.from({ length: 12 }, (_, k) => shiftMonth(asOf.slice(0, 7), k - 11));
}

const NPL_CLASSES: readonly string[] = ['substandard', 'doubtful', 'loss'];

/** Positions summed over the groups a filter keeps (all of them, one bucket, one class …). */
function sum(positions: readonly BookPosition[], field: keyof Omit<BookPosition, 'bucket' | 'classification'>, keep: (p: BookPosition) => boolean = () => true): number {
  return positions.reduce((s, p) => (keep(p) ? s + p[field] : s), 0);
}

/** Rows grouped by one of the two keys, with count and balance, in the order `rank` gives. */
function groupedBy(positions: readonly BookPosition[], key: 'bucket' | 'classification', rank: (k: string) => number) {
  const keys = [...new Set(positions.map((p) => p[key]))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }));
  return keys.map((k) => ({ key: k, loans: sum(positions, 'loans', (p) => p[key] === k), outstanding: y(sum(positions, 'outstanding', (p) => p[key] === k)) }));
}

function lendingFigures(ctx: ServiceContext, asOf: string) {
  const positions = bookPositions(ctx.db);
  const outstanding = sum(positions, 'outstanding');
  const principal = sum(positions, 'principal');
  const overdue = sum(positions, 'overdue');
  const npl = sum(positions, 'outstanding', (p) => NPL_CLASSES.includes(p.classification));
  const provision = requiredProvision(ctx).total;
  const months = lastTwelveMonths(asOf);
  const lentMonths = lentByMonth(ctx.db, asOf);
  const lent = new Map(lentMonths.map((r) => [r.month, r.amount]));
  const received = new Map(receivedByMonth(ctx.db, months[0]!, months.at(-1)!).map((r) => [r.month, r.amount]));
  const buckets = bucketOrder(setting(ctx, 'lending.bucketUpperDays'));
  return {
    headline: {
      outstandingPrincipal: y(outstanding),
      loanCount: sum(positions, 'loans'),
      // Rates are held in millionths: Σ balance × rate / Σ balance / 10⁶.
      weightedAverageRate: fractionString(sum(positions, 'rateWeight'), outstanding * 1_000_000),
      averageTermMonths: principal === 0 ? null : (Math.round((sum(positions, 'termWeight') / principal) * 100) / 100).toFixed(2),
      overdueRatio: fractionString(overdue, outstanding),
      nplRatio: fractionString(npl, outstanding),
      provisionCoverage: fractionString(provision, npl),
    },
    lending: {
      cumulativeDisbursed: y(lentMonths.reduce((s, r) => s + r.amount, 0)),
      overdueBalance: y(overdue),
      nplBalance: y(npl),
      provisionHeld: y(provision),
      // Buckets from current to the oldest, classes from normal to loss: the order a chart reads.
      aging: groupedBy(positions, 'bucket', (k) => buckets.indexOf(k)).map(({ key, ...r }) => ({ bucket: key, ...r })),
      classes: groupedBy(positions, 'classification', (k) => loanClasses.indexOf(k as LoanClass)).map(({ key, ...r }) => ({ classification: key, ...r })),
      byMonth: months.map((month) => ({ month, disbursed: y(lent.get(month) ?? 0), collected: y(received.get(month) ?? 0) })),
    },
  };
}

function guaranteeFigures(ctx: ServiceContext, asOf: string) {
  const ratios = ratioHeadline(ctx, asOf);
  const maturing = inForceEndingBy(ctx.db, formatIsoDate(parseIsoDate(asOf)! + 90));
  return {
    headline: { inForceBalance: ratios.inForceBalance, leverage: ratios.leverage, compensationRate: ratios.compensationRate },
    guarantees: {
      weightedLiability: ratios.weightedLiability,
      leverageLimit: ratios.leverageLimit,
      lossRate: ratios.lossRate,
      banks: listBanks(ctx).map((b) => ({ name: b.name, creditLine: b.creditLine, used: b.used, usedPercent: b.usedPercent })),
      // Counted in SQL: the same contracts the maturity alerts list within 90 days, and the checks the
      // monitoring list shows as due (each tested equal to its list).
      maturingWithin90: { contracts: maturing.contracts, outstanding: y(maturing.outstanding) },
      checksDue: checksDueCount(ctx.db, asOf),
    },
  };
}

function collectionFigures(ctx: ServiceContext, asOf: string) {
  const promises = promiseCounts(ctx);
  const monthStart = `${asOf.slice(0, 7)}-01`;
  return {
    promisesDueToday: promises.dueToday,
    brokenPromises: promises.broken,
    recoveredThisMonth: recoveredByCollector(ctx, monthStart, asOf),
    limitationWithin90: limitationDueCount(ctx, { days: 90, asOf }),
  };
}

export function dashboard(ctx: ServiceContext, input: ChannelParsedInput<'report.dashboard'>): ChannelOutput<'report.dashboard'> {
  const asOf = asOfBusinessDate(ctx, input.asOf);
  const lending = lendingFigures(ctx, asOf);
  const guarantees = guaranteeFigures(ctx, asOf);
  return {
    asOf,
    ...lending.headline,
    ...guarantees.headline,
    lending: lending.lending,
    guarantees: guarantees.guarantees,
    collections: can(actorOf(ctx).role, 'collections.read') ? collectionFigures(ctx, asOf) : null,
  };
}

