/** A loan as the register and the lists show it: amounts in yuan, codes as they are (the screens translate them). */
import type { LoanRow } from '../../../db/repositories/lending/loans';
import type { LoanClass } from '../../../shared/lending/classification';
import type { LoanSummary } from '../../../shared/lending/loan';
import { fenToYuan } from '../../../shared/money/yuan';
import { formatPercent } from '../../../shared/rates/rate';

const y = fenToYuan;

export function toLoanSummary(loan: LoanRow, borrower: { name: string; kind: LoanSummary['borrowerKind'] }, productCode: string | null): LoanSummary {
  return {
    contractNo: loan.contractNo,
    borrowerId: loan.borrowerId,
    borrowerName: borrower.name,
    borrowerKind: borrower.kind,
    productCode,
    purpose: loan.purpose,
    securityType: loan.securityType,
    loanOfficer: loan.loanOfficer,
    method: loan.method,
    periods: loan.periods,
    annualRate: formatPercent(loan.annualRate),
    penaltyRate: formatPercent(loan.penaltyRate),
    apr: loan.aprPercent,
    principal: y(loan.principal),
    outstandingPrincipal: y(loan.outstandingPrincipal),
    principalRepaid: y(loan.principalRepaid),
    writtenOff: y(loan.writtenOff),
    recovered: y(loan.recovered),
    classOverride: (loan.classOverride as LoanClass | null) ?? null,
    overduePrincipal: y(loan.overduePrincipal),
    overdueInterest: y(loan.overdueInterest),
    penaltyOutstanding: y(loan.penaltyOutstanding),
    costsOutstanding: y(loan.costsOutstanding),
    dpd: loan.dpd,
    bucket: loan.bucket,
    classification: loan.classification as LoanClass,
    status: loan.status,
    disbursementDate: loan.disbursementDate,
    maturityDate: loan.maturityDate,
    nextDueDate: loan.nextDueDate,
    asOf: loan.asOf,
  };
}
