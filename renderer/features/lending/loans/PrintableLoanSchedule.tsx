import { useTranslation } from 'react-i18next';
import type { LoanDetail } from '../../../../shared/lending/loan';
import { yuan } from '../../../app/format';
import { PrintLetterhead, PrintTable, PrintTerms } from '../../../app/PrintTable';

/**
 * A borrower's repayment schedule as printed (A4 portrait): the lender's letterhead from the settings, the
 * contract's terms, the annualized rate (APR) more prominent than any other rate as PBoC 2021 No. 3 asks,
 * and the installments with their header repeated on every page.
 */
export function PrintableLoanSchedule({ loan }: { loan: LoanDetail }) {
  const { t } = useTranslation();
  return (
    <section className="lb-print-only lb-printable" data-print-target="schedule" data-testid="printable-loan-schedule">
      <PrintLetterhead />
      <h1>{t('loans.print.title')}</h1>
      <p className="lb-print-apr">
        {t('schedule.apr')}：<strong>{loan.apr}%</strong>
      </p>
      <PrintTerms
        pairs={[
          [t('loans.print.contractNo'), loan.contractNo],
          [t('loans.print.borrower'), loan.borrowerName],
          [t('terms.principal'), yuan(loan.principal)],
          [t('loans.print.annualRate'), `${loan.annualRate}%`],
          [t('terms.method'), t(`terms.methods.${loan.method}`)],
          [t('terms.disbursementDate'), loan.disbursementDate ?? ''],
        ]}
      />
      <PrintTable
        columns={(['number', 'dueDate', 'principal', 'interest', 'fees', 'total', 'closingBalance'] as const).map((key) => ({
          key,
          header: t(`loans.print.${key}`),
          value: (i: LoanDetail['installments'][number]) => (key === 'number' || key === 'dueDate' ? i[key] : yuan(i[key])),
        }))}
        rows={loan.installments}
        rowKey={(i) => i.number}
      />
    </section>
  );
}
