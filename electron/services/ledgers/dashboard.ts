/**
 * The home screen's figures (经营看板) as of the business date: the loan book (balance, rate, term, overdue
 * and NPL ratios, provision coverage, aging, classes, lending and receipts by month), the guarantee book
 * (in force, leverage against its limit, compensation and loss rates, bank lines, maturities, checks due)
 * and collections (promises due and broken, recovered this month, limitation periods ending). Amounts are
 * yuan strings; ratios are decimal fractions ("0.0425").
 */
import { lendingByMonth, loanHeadline, loansBy, loanTerms } from '../../../db/repositories/ledgers/dashboard-sources';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { shiftMonth } from '../../../shared/dates/calendar';
import { fractionString } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { can } from '../../../shared/platform/permissions';
import { loanClasses, type LoanClass } from '../../../shared/lending/classification';
import { actorOf, type ServiceContext } from '../context';
import { collectorPerformance } from '../collections/performance';
import { allClaims } from '../collections/queue';
import { limitationDue } from '../collections/limitation';
import { listBanks } from '../guarantees/contracts';
import { guaranteeAlerts, monitoringDue } from '../guarantees/monitoring';
import { computeRatios } from '../guarantees/ratios';
import { requiredProvision } from './provision';
import { asOfBusinessDate, fen } from './report-spec';

const y = fenToYuan;

/** Months between two ISO dates, as a calendar reads them (2026-01-15 → 2026-07-15 is 6). */
function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) + (td - fd) / 30;
}

/** The twelve months ending with the as-of month, oldest first. */
function lastTwelveMonths(asOf: string): string[] {
  return Array.from({ length: 12 }, (_, k) => shiftMonth(asOf.slice(0, 7), k - 11));
}

function lendingFigures(ctx: ServiceContext, asOf: string) {
  const h = loanHeadline(ctx.db, asOf);
  const terms = loanTerms(ctx.db);
  const termWeight = terms.reduce((s, t) => s + t.principal * monthsBetween(t.from, t.to), 0);
  const provision = requiredProvision(ctx).total;
  const months = lastTwelveMonths(asOf);
  const flows = lendingByMonth(ctx.db, `${months[0]}-01`, asOf);
  const lent = new Map(flows.lent.map((r) => [r.month, Number(r.amount)]));
  const received = new Map(flows.received.map((r) => [r.month, Number(r.amount)]));
  return {
    headline: {
      outstandingPrincipal: y(h.outstanding),
      loanCount: h.loans,
      // Rates are held in millionths: Σ balance × rate / Σ balance / 10⁶.
      weightedAverageRate: fractionString(h.rateWeight, h.outstanding * 1_000_000),
      averageTermMonths: h.principal === 0 ? null : (Math.round((termWeight / h.principal) * 100) / 100).toFixed(2),
      overdueRatio: fractionString(h.overdue, h.outstanding),
      nplRatio: fractionString(h.npl, h.outstanding),
      provisionCoverage: fractionString(provision, h.npl),
    },
    lending: {
      cumulativeDisbursed: y(h.cumulativeDisbursed),
      overdueBalance: y(h.overdue),
      nplBalance: y(h.npl),
      provisionHeld: y(provision),
      // Buckets from current to the oldest, classes from normal to loss: the order a chart reads.
      aging: loansBy(ctx.db, 'bucket')
        .sort((a, b) => (a.key === 'current' ? -1 : b.key === 'current' ? 1 : a.key.localeCompare(b.key, 'en', { numeric: true })))
        .map((r) => ({ bucket: r.key, loans: Number(r.loans), outstanding: y(Number(r.outstanding)) })),
      classes: loansBy(ctx.db, 'classification')
        .sort((a, b) => loanClasses.indexOf(a.key as LoanClass) - loanClasses.indexOf(b.key as LoanClass))
        .map((r) => ({ classification: r.key, loans: Number(r.loans), outstanding: y(Number(r.outstanding)) })),
      byMonth: months.map((month) => ({ month, disbursed: y(lent.get(month) ?? 0), collected: y(received.get(month) ?? 0) })),
    },
  };
}

function guaranteeFigures(ctx: ServiceContext, asOf: string) {
  const ratios = computeRatios(ctx, { asOf });
  const alerts = guaranteeAlerts(ctx, { asOf });
  const maturing = alerts.maturing.filter((m) => m.daysLeft <= 90);
  return {
    headline: { inForceBalance: ratios.inForceBalance, leverage: ratios.leverage, compensationRate: ratios.compensationRate },
    guarantees: {
      weightedLiability: ratios.weightedLiability,
      leverageLimit: ratios.leverageLimit,
      lossRate: ratios.lossRate,
      banks: listBanks(ctx).map((b) => ({ name: b.name, creditLine: b.creditLine, used: b.used, usedPercent: b.usedPercent })),
      maturingWithin90: { contracts: maturing.length, outstanding: y(maturing.reduce((s, m) => s + fen(m.outstanding), 0)) },
      checksDue: monitoringDue(ctx, { asOf, withinDays: 0 }).length,
    },
  };
}

function collectionFigures(ctx: ServiceContext, asOf: string) {
  const claims = allClaims(ctx);
  const monthStart = `${asOf.slice(0, 7)}-01`;
  return {
    promisesDueToday: claims.filter((c) => c.promise?.status === 'open' && c.promise.dueDate === asOf).length,
    brokenPromises: claims.filter((c) => c.promise?.status === 'broken').length,
    recoveredThisMonth: collectorPerformance(ctx, { from: monthStart, to: asOf })
      .map((p) => ({ collector: p.collector, recovered: p.recovered }))
      .filter((p) => fen(p.recovered) > 0),
    limitationWithin90: limitationDue(ctx, { days: 90, asOf }).length,
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

