/** `demo`: fills a data folder with a realistic book through the real services, in one transaction. */
import { contract, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import { AppError } from '../../../../shared/contract/errors';
import { findBorrowerIdByIdentity } from '../../../../db/repositories/lending/borrowers';
import type { ServiceContext } from '../../context';
import { createBorrower } from '../../lending/borrowers';
import { demoBorrower } from './people';
import { SeededRandom } from './random';

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
