/** Finding a loan and recording its events: what every loan service needs first. */
import { findLoanByContract, insertLoanEvent, type LoanRow } from '../../../db/repositories/lending/loans';
import { AppError } from '../../../shared/contract/errors';
import { LoanRefusal } from '../../../shared/lending/lifecycle/steps';
import { actorOf, instant, type ServiceContext } from '../context';

export function loanOrThrow(ctx: ServiceContext, contractNo: string): LoanRow {
  const loan = findLoanByContract(ctx.db, contractNo);
  if (!loan) throw new AppError('not-found', `contractNo: no loan ${contractNo}`, { field: 'contractNo', reason: 'loanNotFound' });
  return loan;
}

export function assertStatus(loan: LoanRow, allowed: LoanRow['status'][], action: string): void {
  if (!allowed.includes(loan.status)) {
    throw new AppError('conflict', `loan ${loan.contractNo} is ${loan.status}: it cannot be ${action}`, {
      reason: 'loanStatus',
      params: { status: loan.status, action },
    });
  }
}

/** Records a dated event of the loan's life, by whom and when; returns its id. */
export function recordEvent(ctx: ServiceContext, loan: Pick<LoanRow, 'id'>, name: string, date: string, detail: string | null, paymentId: number | null = null): number {
  return insertLoanEvent(ctx.db, { loanId: loan.id, event: name, businessDate: date, detail, paymentId, at: instant(ctx), by: actorOf(ctx).userName });
}

/** A pure step's refusal as the dispatch reports it: the field, the reason and the message. */
export function refused<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof LoanRefusal) throw new AppError(error.code, error.message, { field: error.field, reason: error.reason, ...(error.params ? { params: error.params } : {}) });
    throw error;
  }
}
