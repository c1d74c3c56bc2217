/** `demo`: fills a data folder with a realistic book through the real services, in one transaction. */
import { contract, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import { AppError } from '../../../../shared/contract/errors';
import { findBorrowerIdByIdentity } from '../../../../db/repositories/lending/borrowers';
import type { ServiceContext } from '../../context';
import { createBorrower } from '../../lending/borrowers';
import { createProduct } from '../../lending/products';
import { allProducts } from '../../../../db/repositories/lending/products';
import { demoBorrower } from './people';
import { SeededRandom } from './random';

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
  if (input.loans > 0) {
    throw new AppError('validation', 'loans: the demo cannot create loans yet (they arrive with the lending module); use --loans 0', {
      field: 'loans',
      reason: 'notYetAvailable',
    });
  }
  if (allProducts(ctx.db).length === 0) {
    for (const product of DEMO_PRODUCTS) createProduct(ctx, contract['product.create'].input.parse(product));
  }
  const random = new SeededRandom(input.seed);
  const used = new Set<string>();
  let created = 0;
  for (let sequence = 0; created < input.borrowers; sequence++) {
    const candidate = contract['borrower.create'].input.parse(demoBorrower(random, sequence));
    if (used.has(candidate.idNumber) || findBorrowerIdByIdentity(ctx.db, candidate.idType, candidate.idNumber)) continue;
    used.add(candidate.idNumber);
    createBorrower(ctx, candidate);
    created++;
  }
  return { borrowers: created, loans: 0 };
}
