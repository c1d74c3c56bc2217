import { useTranslation } from 'react-i18next';
import type { LoanDetail } from '../../../../shared/lending/loan';
import { yuan } from '../../../app/format';
import { PrintTable } from '../../../app/PrintTable';
import { useStatus } from '../../../app/useStatus';

/**
 * A borrower's repayment schedule as printed (A4 portrait): the lender's letterhead from the settings, the
 * contract's terms, the annualized rate (APR) more prominent than any other rate as PBoC 2021 No. 3 asks,
 * and the installments with their header repeated on every page.
 */
export function PrintableLoanSchedule({ loan }: { loan: LoanDetail }) {
  const { t } = useTranslation();
  const status = useStatus().data;
  return (
    <section className="lb-print-only lb-printable" data-testid="printable-loan-schedule">
      <header className="lb-letterhead">
        <strong>{status?.companyName || 'LoanBridge'}</strong>
        {status?.letterhead && <div>{status.letterhead}</div>}
      </header>
      <h1>{t('loans.print.title')}</h1>
      <p className="lb-print-apr">
        {t('schedule.apr')}：<strong>{loan.apr}%</strong>
      </p>
      <table className="lb-print-terms">
        <tbody>
          <tr>
            <th>{t('loans.print.contractNo')}</th>
            <td>{loan.contractNo}</td>
            <th>{t('loans.print.borrower')}</th>
            <td>{loan.borrowerName}</td>
          </tr>
          <tr>
            <th>{t('terms.principal')}</th>
            <td>{yuan(loan.principal)}</td>
            <th>{t('loans.print.annualRate')}</th>
            <td>{loan.annualRate}%</td>
          </tr>
          <tr>
            <th>{t('terms.method')}</th>
            <td>{t(`terms.methods.${loan.method}`)}</td>
            <th>{t('terms.disbursementDate')}</th>
            <td>{loan.disbursementDate ?? ''}</td>
          </tr>
        </tbody>
      </table>
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
