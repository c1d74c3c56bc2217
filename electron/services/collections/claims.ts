/** A claim (an overdue loan or a compensation receivable) found by its contract number, with its debtor. */
import { findBorrowerRow, type BorrowerRow } from '../../../db/repositories/lending/borrowers';
import { findLoanByContract } from '../../../db/repositories/lending/loans';
import { findGuaranteeByNo } from '../../../db/repositories/guarantees/guarantees';
import type { ClaimKind } from '../../../shared/collections/claims';
import { AppError } from '../../../shared/contract/errors';
import type { ServiceContext } from '../context';
import { setting } from '../platform/settings';

export interface Claim {
  kind: ClaimKind;
  id: number;
  contractNo: string;
  debtor: BorrowerRow;
  /** When the claim fell due in full: the loan's maturity, or the day of compensation. */
  fellDueOn: string | null;
}

export function claimOrThrow(ctx: ServiceContext, contractNo: string): Claim {
  const loan = findLoanByContract(ctx.db, contractNo);
  if (loan && (loan.status === 'disbursed' || loan.status === 'written-off' || loan.status === 'settled')) {
    return { kind: 'loan', id: loan.id, contractNo, debtor: findBorrowerRow(ctx.db, loan.borrowerId)!, fellDueOn: loan.maturityDate };
  }
  const guarantee = findGuaranteeByNo(ctx.db, contractNo);
  if (guarantee && ['compensated', 'recovering', 'closed', 'loss'].includes(guarantee.status)) {
    return { kind: 'guarantee', id: guarantee.id, contractNo, debtor: findBorrowerRow(ctx.db, guarantee.clientId)!, fellDueOn: guarantee.compensatedOn };
  }
  throw new AppError('not-found', `contractNo: ${contractNo} is not a loan in servicing or a compensated guarantee`, { field: 'contractNo', reason: 'claimNotFound' });
}

/** The debtor's time zone for the contact-hours guard: their own, else the office's. */
export function debtorTimeZone(ctx: ServiceContext, debtor: BorrowerRow): string {
  return debtor.timeZone ?? setting(ctx, 'platform.officeTimeZone');
}

/** The region used by assignment rules: the province or city the address starts with. */
export function regionOf(address: string | null): string | null {
  if (!address) return null;
  const match = /^(.+?(?:省|自治区|市))/.exec(address);
  return match ? match[1]! : null;
}
