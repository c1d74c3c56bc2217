/**
 * The microloan monthly business report (小额贷款公司月度业务报表): opening, lent, repaid, written off and
 * closing balances by product and by borrower type; interest due and received; and, for the month the
 * business date is in, overdue and NPL by class, provisions required against held, and the ten largest
 * borrowers against net assets.
 */
import { netAssetsAsOf } from '../../../db/repositories/platform/net-assets';
import { interestIn, largestBorrowers, lentBy, repaidBy, writtenOffBy, type BookGroup } from '../../../db/repositories/ledgers/monthly-sources';
import { provisionByClass } from '../../../db/repositories/ledgers/journal-sources';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { addMonths, formatIsoDate, parseIsoDate } from '../../../shared/dates/calendar';
import { loanClasses, type LoanClass } from '../../../shared/lending/classification';
import { fractionString } from '../../../shared/money/rounding';
import { fenToYuan } from '../../../shared/money/yuan';
import { formatPercent } from '../../../shared/rates/rate';
import type { ServiceContext } from '../context';
import { businessDate } from '../platform/status';
import { provisionRates, generalReserveOf } from './provision';
import { computeTrialBalance } from './trial-balance';
import { voucherMapping } from './journal';

const y = fenToYuan;

function movementsBy(ctx: ServiceContext, group: BookGroup, from: string, to: string) {
  const lent = lentBy(ctx.db, group, from, to);
  const repaid = new Map(repaidBy(ctx.db, group, from, to).map((m) => [m.key, m]));
  const off = new Map(writtenOffBy(ctx.db, group, from, to).map((m) => [m.key, m]));
  return lent
    .map((l) => {
      const r = repaid.get(l.key) ?? { before: 0, within: 0 };
      const w = off.get(l.key) ?? { before: 0, within: 0 };
      const opening = l.before - r.before - w.before;
      return { key: l.key, opening, lent: l.within, repaid: r.within, writtenOff: w.within, closing: opening + l.within - r.within - w.within };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

type Row = ReturnType<typeof movementsBy>[number];
const asYuan = (r: Omit<Row, 'key'>) => ({ opening: y(r.opening), lent: y(r.lent), repaid: y(r.repaid), writtenOff: y(r.writtenOff), closing: y(r.closing) });

/** The period of a month: its first day to its last, or to the business date in the current month. */
function periodOf(ctx: ServiceContext, month: string | undefined) {
  const today = businessDate(ctx);
  const m = month ?? today.slice(0, 7);
  if (m > today.slice(0, 7)) throw new AppError('validation', `month: ${m} is after the business date ${today}`, { field: 'month', reason: 'afterBusinessDate', params: { businessDate: today } });
  const from = `${m}-01`;
  const end = formatIsoDate(addMonths(parseIsoDate(from)!, 1) - 1);
  return { month: m, from, to: end < today ? end : today, current: end >= today };
}

/** Where the book stands on the business date: by class with provisions, overdue, NPL, and concentration. */
function positions(ctx: ServiceContext, asOf: string) {
  const rates = provisionRates(ctx);
  const rows = provisionByClass(ctx.db, rates);
  const byClass = new Map(rows.map((r) => [r.classification, r]));
  const total = rows.reduce((s, r) => s + Number(r.outstanding), 0);
  const npl = rows.filter((r) => ['substandard', 'doubtful', 'loss'].includes(r.classification)).reduce((s, r) => s + Number(r.outstanding), 0);
  const required = rows.reduce((s, r) => s + Number(r.provision), 0);
  const tb = computeTrialBalance(ctx, { from: asOf, to: asOf });
  const allowance = voucherMapping(ctx).provision!.credit;
  const held = tb.ties?.find((t) => t.account === allowance && t.figure === 'loanLossAllowance')?.ledger ?? 0;
  const netAssets = netAssetsAsOf(ctx.db, asOf);
  return {
    classes: loanClasses.map((cls: LoanClass) => {
      const r = byClass.get(cls);
      return { classification: cls, loans: Number(r?.loans ?? 0), outstanding: y(Number(r?.outstanding ?? 0)), provisionRatePercent: formatPercent(rates[cls] ?? 0), provisionRequired: y(Number(r?.provision ?? 0)) };
    }),
    nplBalance: y(npl),
    nplRatio: fractionString(npl, total),
    provisions: { required: y(required), held: y(held), generalReserve: y(generalReserveOf(ctx, total)) },
    concentration: {
      netAssets: netAssets ? y(netAssets.amount) : null,
      largest: largestBorrowers(ctx.db, 10).map((b) => ({ name: b.name, outstanding: y(Number(b.outstanding)), shareOfNetAssets: netAssets ? fractionString(Number(b.outstanding), netAssets.amount) : null })),
    },
  };
}

export function microloanMonthly(ctx: ServiceContext, input: ChannelParsedInput<'report.microloanMonthly'>): ChannelOutput<'report.microloanMonthly'> {
  const period = periodOf(ctx, input.month);
  const byProduct = movementsBy(ctx, 'product', period.from, period.to);
  const byBorrowerKind = movementsBy(ctx, 'borrowerKind', period.from, period.to);
  const sum = (key: keyof Omit<Row, 'key'>) => byProduct.reduce((s, r) => s + r[key], 0);
  const interest = interestIn(ctx.db, period.from, period.to);
  return {
    month: period.month,
    from: period.from,
    to: period.to,
    byProduct: byProduct.map((r) => ({ key: r.key, ...asYuan(r) })),
    byBorrowerKind: byBorrowerKind.map((r) => ({ key: r.key, ...asYuan(r) })),
    totals: asYuan({ opening: sum('opening'), lent: sum('lent'), repaid: sum('repaid'), writtenOff: sum('writtenOff'), closing: sum('closing') }),
    interest: { due: y(interest.due), received: y(interest.received) },
    // Classes are not kept for past dates: the position sections stand only as of the business date.
    positions: period.current ? positions(ctx, period.to) : null,
  };
}
