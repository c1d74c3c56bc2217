/** `demo`: fills a data folder with a realistic book through the real services, in one transaction. */
import { contract, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import { findBorrowerIdByIdentity } from '../../../../db/repositories/lending/borrowers';
import type { ServiceContext } from '../../context';
import { loadBorrowers } from '../../lending/borrowers';
import { createProduct, toProductView } from '../../lending/products';
import { bookHistory, loadLoanBook, type LoanHistory, type MoneyReceived } from '../../lending/loan-book';
import { generateSchedule } from '../../../../shared/schedule/generate';
import { toScheduleTerms } from '../../../../shared/schedule/terms';
import { businessDate } from '../status';
import { formatIsoDate, parseIsoDate } from '../../../../shared/dates/calendar';
import { AppError } from '../../../../shared/contract/errors';
import { allBorrowerIds } from '../../../../db/repositories/lending/borrowers';
import { allProducts } from '../../../../db/repositories/lending/products';
import { demoBorrower } from './people';
import { SeededRandom } from './random';
import { generateGuarantees } from './guarantees';
import { generateContacts } from './contacts';

/** The products a small lender typically runs; created once, on the first demo run. */
const DEMO_PRODUCTS = [
  { code: 'JY18', name: '小微经营贷（先息6期后等额本息）', method: 'equal-installment', annualRate: '17.30', periods: 18, interestOnlyPeriods: 6, upfrontFeePercent: '0' },
  { code: 'XF12', name: '个人消费贷（等额本息12期）', method: 'equal-installment', annualRate: '15.60', periods: 12 },
  { code: 'NH12', name: '农户贷（先息后本）', method: 'interest-only', annualRate: '12.00', periods: 12, graceDays: 3 },
  { code: 'ZZ06', name: '短期周转贷（到期还本付息）', method: 'bullet', annualRate: '14.40', periods: 6, dayCount: 'ACT/360' },
  { code: 'DB24', name: '抵押经营贷（等额本金24期）', method: 'equal-principal', annualRate: '11.50', periods: 24, upfrontFeePercent: '0.50' },
];

export function generateDemo(
  ctx: ServiceContext,
  input: ChannelParsedInput<'platform.demo'>,
): ChannelOutput<'platform.demo'> {
  // The demo is one load, so one audit entry records it (as the book loaders record theirs); every record
  // keeps its creator and its own events, and the entries the one-at-a-time services would write are counted.
  const recorded = new Map<string, number>();
  const loading: ServiceContext = { ...ctx, audit: (entry) => void recorded.set(entry.entityType, (recorded.get(entry.entityType) ?? 0) + 1) };
  const result = fillDemo(loading, input);
  ctx.audit({ entityType: 'demo', entityId: null, before: null, after: { ...result, seed: input.seed, records: Object.fromEntries(recorded) } });
  return result;
}

function fillDemo(ctx: ServiceContext, input: ChannelParsedInput<'platform.demo'>): ChannelOutput<'platform.demo'> {
  if (allProducts(ctx.db).length === 0) {
    for (const product of DEMO_PRODUCTS) createProduct(ctx, contract['product.create'].input.parse(product));
  }
  const random = new SeededRandom(input.seed);
  const used = new Set<string>();
  const borrowers: Array<ChannelParsedInput<'borrower.create'>> = [];
  for (let sequence = 0; borrowers.length < input.borrowers; sequence++) {
    const candidate = contract['borrower.create'].input.parse(demoBorrower(random, sequence));
    if (used.has(candidate.idNumber) || findBorrowerIdByIdentity(ctx.db, candidate.idType, candidate.idNumber)) continue;
    used.add(candidate.idNumber);
    borrowers.push(candidate);
  }
  const created = loadBorrowers(ctx, borrowers).length;
  const loans = generateLoans(ctx, random, input.loans);
  const guarantees = generateGuarantees(ctx, random, input.guarantees);
  const contacts = generateContacts(ctx, random, input.contacts);
  return { borrowers: created, loans, guarantees, contacts };
}

/** How a demo borrower behaves: most pay on time, some stop paying, some settle early. */
type Behaviour = 'on-time' | 'stopped' | 'settled-early' | 'late-then-caught-up';

function behaviourOf(random: SeededRandom): Behaviour {
  const roll = random.next();
  if (roll < 0.7) return 'on-time';
  if (roll < 0.85) return 'stopped';
  if (roll < 0.95) return 'settled-early';
  return 'late-then-caught-up';
}

/**
 * Loans over the last two years with their payment history, loaded through the book loader, which
 * computes every register figure exactly as servicing would have.
 */
function generateLoans(ctx: ServiceContext, random: SeededRandom, count: number): number {
  if (count === 0) return 0;
  const products = allProducts(ctx.db).filter((p) => p.active);
  const borrowerIds = allBorrowerIds(ctx.db);
  if (borrowerIds.length === 0) {
    throw new AppError('validation', 'loans: there are no borrowers to lend to; add --borrowers', { field: 'loans', reason: 'noBorrowers' });
  }
  const today = parseIsoDate(businessDate(ctx))!;
  // Each history made as the loader reads it: the histories of a whole book held at once would cost the
  // collector more than the loading itself.
  function* histories(): Generator<LoanHistory> {
    for (let k = 0; k < count; k++) {
      const product = toProductView(random.pick(products));
      const disbursedOn = today - random.int(20, 720);
      const principalYuan = random.int(5, 200) * 10_000;
      const terms = {
        principal: `${principalYuan}.00`,
        annualRate: product.annualRate,
        periods: product.periods,
        frequency: product.frequency,
        method: product.method,
        interestOnlyPeriods: product.interestOnlyPeriods,
        dayCount: product.dayCount,
        disbursementDate: formatIsoDate(disbursedOn),
      };
      const application = contract['loan.create'].input.parse({ borrowerId: random.pick(borrowerIds), productCode: product.code, terms, securityType: random.pick(['credit', 'guarantee', 'mortgage', 'pledge', 'combined'] as const) });
      yield loanHistory(random, application, today);
    }
  }
  loadLoanBook(ctx, histories());
  return count;
}

/** What a borrower of the given behaviour has paid by today, and whether the loan was settled or written off. */
function loanHistory(random: SeededRandom, application: LoanHistory['application'], today: number): LoanHistory {
  const installments = generateSchedule(toScheduleTerms(application.terms)).installments;
  const behaviour = behaviourOf(random);
  const stopAfter = behaviour === 'stopped' ? random.int(0, installments.length - 1) : Infinity;
  const repayments: MoneyReceived[] = [];
  let settleOn: string | null = null;
  for (const [index, installment] of installments.entries()) {
    if (installment.dueDate > today || index >= stopAfter) break;
    if (behaviour === 'settled-early' && index >= 2 && random.chance(0.25)) {
      settleOn = formatIsoDate(Math.min(installment.dueDate - random.int(1, 20), today));
      break;
    }
    const late = behaviour === 'late-then-caught-up' && random.chance(0.4) ? random.int(3, 25) : 0;
    // A late payer also pays the penalty: roughly 1% a month extra covers it; the surplus is held as credit.
    const extra = late > 0 ? Math.ceil(installment.total / 100) : 0;
    const channel = random.pick(['bank', 'bank', 'bank', 'wechat', 'deduction']);
    repayments.push({ date: formatIsoDate(Math.min(installment.dueDate + late, today)), amount: installment.total + extra, channel, reference: null });
  }
  const lastPaid = repayments.at(-1)?.date ?? formatIsoDate(application.terms.disbursementDate);
  const earlySettlement = settleOn && settleOn >= lastPaid ? { date: settleOn, channel: 'bank', reference: null } : null;
  // About half of the loans a year past due have been written off, a few with something recovered.
  const firstUnpaid = installments[stopAfter];
  let writeOff: Parameters<typeof bookHistory>[2]['writeOff'] = null;
  if (firstUnpaid && today - firstUnpaid.dueDate > 360 && random.chance(0.5)) {
    const recoveries = random.chance(0.3) ? [{ amount: Math.round(firstUnpaid.openingBalance * random.next() * 0.3) + 100, channel: 'bank', reference: '执行回款' }] : [];
    writeOff = { reason: '诉讼终结执行，经审批核销', recoveries };
  }
  return bookHistory(application, formatIsoDate(today), { repayments, earlySettlement, writeOff });
}
