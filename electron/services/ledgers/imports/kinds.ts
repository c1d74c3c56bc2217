/**
 * Each import kind: its rows become the channel inputs the one-at-a-time screens send (so the same
 * schemas check them), are checked against the book by their keys (identity number, contract number,
 * certificate number), and are written through the same services — loans through the book loader.
 * A key already in the book with the same content is skipped, so importing a file twice adds nothing.
 */
import type { ImportKind } from '../../../../shared/import/kinds';
import type { ServiceContext } from '../../context';
import { planBankRepayments, planGuarantees } from './guarantee-plans';
import { planBorrowers, planCollateral, planLoans } from './lending-plans';
import type { ImportPlan, Sheets } from './plan';
import type { ImportIssue } from './workbook-reader';

export { UnitError, type ImportPlan, type ImportUnit } from './plan';

export const importPlanners: Record<ImportKind, (ctx: ServiceContext, sheets: Sheets, issues: ImportIssue[]) => ImportPlan> = {
  borrowers: planBorrowers,
  collateral: planCollateral,
  loans: planLoans,
  guarantees: planGuarantees,
  'bank-repayments': planBankRepayments,
};
