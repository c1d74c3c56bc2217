/**
 * The voucher journal (凭证): every business event of the book as a balanced voucher, built from the
 * business records with the chart and the event → account mapping from the settings, in date order and
 * numbered per month. Built from inception every time, so it always agrees with the book (a reversed
 * payment or a replayed split shows as the book now stands); periodic entries are batched: interest
 * accrual per day, fee amortization per month end, provision at the last close of each month, reserves
 * at each year end.
 */
import { ratioBook } from '../../../db/repositories/guarantees/guarantees';
import {
  disbursementsUpTo,
  interestDueByDay,
  legalCostsUpTo,
  loanRecoveriesUpTo,
  provisionRunsUpTo,
  receiptsWithSplit,
  writeOffsUpTo,
} from '../../../db/repositories/ledgers/journal-sources';
import { formatIsoDate, monthEndsBetween, parseIsoDate } from '../../../shared/dates/calendar';
import { compensationReserve, feeCharges, feeEarnedBy, type RatioContract } from '../../../shared/guarantees/ratios';
import { VoucherBuilder, vatSplit, voucherOrder, type Voucher, type VoucherKind, type VoucherMapping } from '../../../shared/ledgers/journal';
import { mulDivRound } from '../../../shared/money/rounding';
import { settingsCatalog } from '../../../shared/platform/settings-catalog';
import type { ServiceContext } from '../context';
import { ratioSettings } from '../guarantees/ratios';
import { setting } from '../platform/settings';
import { businessDate } from '../platform/status';
import { requiredProvision } from './provision';

export interface NumberedVoucher extends Voucher {
  /** Sequence within the voucher's month (凭证号), from 1. */
  number: number;
  /** Items batched into the voucher (installments accrued, contracts amortized); 1 for single events. */
  items: number;
}

/** The mapping in force: the accountant's, with defaults for events added since it was saved. */
export function voucherMapping(ctx: Pick<ServiceContext, 'db'>): VoucherMapping {
  return { ...settingsCatalog['ledger.voucherMapping'].defaultValue, ...setting(ctx, 'ledger.voucherMapping') };
}

interface Pending {
  date: string;
  kind: VoucherKind;
  reference: string;
  items: number;
  /** Builds the lines when the voucher's turn comes (stateful entries read the balances so far). */
  lines: (b: VoucherBuilder, balance: (account: string) => number) => void;
}

/** One source of vouchers, already in date order. */
type Source = Iterator<Pending>;

function* fromRows<T>(rows: readonly T[], make: (row: T) => Pending | null): Generator<Pending> {
  for (const row of rows) {
    const p = make(row);
    if (p) yield p;
  }
}

/** A voucher for one business event. */
function single(kind: VoucherKind, date: string, reference: string, lines: Pending['lines']): Pending {
  return { date, kind, reference, items: 1, lines };
}

function lendingSources(ctx: ServiceContext, to: string): Source[] {
  const disbursements = fromRows(disbursementsUpTo(ctx.db, to), (r) => single('disbursement', r.date, r.contractNo, (b) => b.post('disbursement', r.principal)));
  const repayments = fromRows(receiptsWithSplit(ctx.db, { to, kind: 'repayment' }), (r) => single('repayment', r.date, r.contractNo, (b) => {
      const penalty = vatSplit(r.penalty);
      const fees = vatSplit(r.fees);
      const unapplied = r.amount - r.principal - r.interest - r.penalty - r.fees - r.costs;
      b.debit('repaymentPrincipal', r.amount)
        .credit('repaymentPrincipal', r.principal)
        .credit('repaymentAccruedInterest', r.interest)
        .credit('penaltyIncome', penalty.net)
        .credit('feeIncome', fees.net)
        .credit('outputVat', penalty.vat + fees.vat)
        .credit('costsRecovered', r.costs)
        .credit('unappliedReceived', unapplied);
    }));
  const accruals = fromRows(interestDueByDay(ctx.db, to), (r) => ({ ...single('interestAccrual', r.date, r.date, (b) => b.post('interestAccrual', r.interest)), items: r.loans }));
  const writeOffs = fromRows(writeOffsUpTo(ctx.db, to), (r) => single('writeOff', r.date, r.contractNo, (b) => b.post('writeOff', r.principal).post('writeOffInterest', r.interestReceivable)));
  const recoveries = fromRows(loanRecoveriesUpTo(ctx.db, to), (r) => single('loanRecovery', r.date, r.contractNo, (b) => b.post('loanRecovery', r.amount)));
  const legalCosts = fromRows(legalCostsUpTo(ctx.db, to), (r) => single('legalCost', r.date, r.contractNo, (b) => b.post('legalCostAdvanced', r.amount)));
  return [disbursements, repayments, accruals, writeOffs, recoveries, legalCosts, provisionSource(ctx, to)];
}

/**
 * The allowance is brought to what the book requires at the last close of each month (and today's
 * figure on the business date), net of write-offs and recoveries booked against it since.
 */
function provisionSource(ctx: ServiceContext, to: string): Source {
  const today = businessDate(ctx);
  const runs = new Map<string, { date: string; required: number }>();
  for (const run of provisionRunsUpTo(ctx.db, to)) runs.set(run.date.slice(0, 7), run);
  if (today <= to) runs.set(today.slice(0, 7), { date: today, required: requiredProvision(ctx).total });
  const mapping = voucherMapping(ctx);
  const list = [...runs.values()].sort((a, b) => a.date.localeCompare(b.date));
  // The allowance is a contra-asset with a credit balance: its balance here is negative.
  return fromRows(list, (run) => single('provision', run.date, run.date, (b, balance) => b.post('provision', run.required + balance(mapping.provision!.credit))));
}

function guaranteeSources(ctx: ServiceContext, to: string): Source[] {
  const contracts = ratioBook(ctx.db);
  const settings = ratioSettings(ctx);
  const mapping = voucherMapping(ctx);
  const events: Pending[] = [];
  for (const c of contracts) {
    const ref = c.contractNo;
    const add = (date: string, kind: VoucherKind, lines: Pending['lines']) => {
      if (date <= to) events.push({ date, kind, reference: ref, items: 1, lines });
    };
    for (const charge of feeCharges(c)) add(charge.date, 'guaranteeFee', (b) => b.post('guaranteeFeeReceived', charge.amount));
    let marginHeld = false;
    for (const e of c.events) {
      if (e.event === 'in-force' && c.marginDeposit > 0) {
        marginHeld = true;
        add(e.date, 'marginReceived', (b) => b.post('marginReceived', c.marginDeposit));
      } else if (e.event === 'compensated') {
        add(e.date, 'compensation', (b) => b.post('compensation', e.amount));
      } else if (e.event === 'recovery' || e.event === 'closed') {
        add(e.date, 'guaranteeRecovery', (b) => b.post('recovery', e.amount));
      } else if (e.event === 'loss-confirmed') {
        add(e.date, 'confirmedLoss', (b, balance) => {
          // Charged to the compensation reserve first (a credit balance), the excess to guarantee loss.
          const reserve = Math.max(0, -balance(mapping.confirmedLoss!.debit));
          const covered = Math.min(reserve, e.amount);
          b.post('confirmedLoss', covered).post('confirmedLossExcess', e.amount - covered);
        });
      }
      // The margin goes back when the responsibility ends: released, recovered in full, or loss confirmed.
      if (marginHeld && (e.event === 'released' || e.event === 'closed' || (e.event === 'loss-confirmed' && c.status === 'loss' && e === c.events.findLast((x) => x.event === 'loss-confirmed')))) {
        marginHeld = false;
        add(e.date, 'marginReturned', (b) => b.post('marginReturned', c.marginDeposit));
      }
    }
  }
  events.sort((a, b) => a.date.localeCompare(b.date) || voucherOrder[a.kind] - voucherOrder[b.kind]);
  const first = events[0]?.date;
  if (!first) return [];
  return [events[Symbol.iterator](), amortizationSource(contracts, first, to), reserveSource(ctx, contracts, first, to, settings)];
}

/** Fee earned over each month (straight-line over the term; the rest when the guarantee ends early). */
function* amortizationSource(contracts: RatioContract[], first: string, to: string): Generator<Pending> {
  const earned = contracts.map(() => 0);
  // Every month end from the first event's month to `to`, inclusive.
  for (const end of monthEndsBetween(parseIsoDate(first)!, parseIsoDate(to)! + 1).map(formatIsoDate)) {
    let amount = 0;
    let items = 0;
    contracts.forEach((c, k) => {
      const now = feeEarnedBy(c, end);
      if (now !== earned[k]) {
        amount += now - earned[k]!;
        items++;
        earned[k] = now;
      }
    });
    if (amount !== 0) yield { date: end, kind: 'feeAmortization', reference: end.slice(0, 7), items, lines: (b) => b.post('guaranteeFeeAmortized', amount) };
  }
}

/**
 * Year-end reserves: the unearned-fee reserve brought to its rate of the year's fees (the last year's
 * released), and the compensation reserve's provision for the year (1 % of liability up to the 10 % cap).
 */
function* reserveSource(ctx: ServiceContext, contracts: RatioContract[], first: string, to: string, settings: ReturnType<typeof ratioSettings>): Generator<Pending> {
  const mapping = voucherMapping(ctx);
  const firstYear = Number(first.slice(0, 4));
  for (let year = firstYear; `${year}-12-31` <= to; year++) {
    const end = `${year}-12-31`;
    const fees = contracts.reduce((sum, c) => sum + feeCharges(c).reduce((s, f) => s + (f.date.startsWith(`${year}-`) ? f.amount : 0), 0), 0);
    const unearned = mulDivRound(fees, settings.unearnedReserveRate, 1_000_000, 'half-up');
    const compensation = compensationReserve(contracts, end, settings, firstYear).provisionThisYear;
    yield {
      date: end,
      kind: 'reserves',
      reference: String(year),
      items: 1,
      lines: (b, balance) => b.post('unearnedFeeReserve', unearned + balance(mapping.unearnedFeeReserve!.credit)).post('compensationReserve', compensation),
    };
  }
}

/**
 * Every voucher up to `to`, in date order (within a day: lending, receipts, accrual, then period-end
 * work), numbered per month. Lines with nothing to post are left out; a voucher with no lines is skipped.
 */
export function* journal(ctx: ServiceContext, to: string): Generator<NumberedVoucher> {
  const mapping = voucherMapping(ctx);
  const sources = [...lendingSources(ctx, to), ...guaranteeSources(ctx, to)];
  const heads = sources.map((s) => s.next());
  const balances = new Map<string, number>();
  const balance = (account: string) => balances.get(account) ?? 0;
  let month = '';
  let number = 0;
  for (;;) {
    let pick = -1;
    heads.forEach((h, k) => {
      if (h.done) return;
      const best = pick < 0 ? undefined : (heads[pick]!.value as Pending);
      if (!best || h.value.date < best.date || (h.value.date === best.date && voucherOrder[h.value.kind] < voucherOrder[best.kind])) pick = k;
    });
    if (pick < 0) return;
    const pending = heads[pick]!.value as Pending;
    heads[pick] = sources[pick]!.next();
    const builder = new VoucherBuilder(mapping);
    pending.lines(builder, balance);
    const lines = builder.build();
    if (lines.length === 0) continue;
    for (const l of lines) balances.set(l.account, balance(l.account) + l.debit - l.credit);
    if (pending.date.slice(0, 7) !== month) [month, number] = [pending.date.slice(0, 7), 0];
    number++;
    yield { date: pending.date, kind: pending.kind, reference: pending.reference, items: pending.items, lines, number };
  }
}
