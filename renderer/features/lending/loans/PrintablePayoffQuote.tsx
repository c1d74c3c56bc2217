import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import type { LoanDetail } from '../../../../shared/lending/loan';
import { yuan } from '../../../app/format';
import { PrintLetterhead, PrintTerms } from '../../../app/PrintTable';

type Quote = ChannelOutput<'loan.payoff'>;

/**
 * The early-settlement quote (提前结清报价单) as handed to a borrower: what settles the loan on the quote
 * date, item by item, and that it holds only for that date (interest accrues daily).
 */
export function PrintablePayoffQuote({ loan, quote }: { loan: LoanDetail; quote: Quote }) {
  const { t } = useTranslation();
  const lines: Array<[string, string]> = [
    [t('loans.outstanding'), quote.outstandingPrincipal],
    [t('loans.accruedInterest'), quote.accruedInterest],
    [t('loans.printPayoff.overduePrincipal'), quote.overdue.principal],
    [t('loans.printPayoff.overdueInterest'), quote.overdue.interest],
    [t('loans.printPayoff.overdueFees'), quote.overdue.fees],
    [t('loans.printPayoff.penalty'), quote.overdue.penalty],
    ...(Number(quote.costsOutstanding) > 0 ? [[t('loans.printPayoff.costs'), quote.costsOutstanding] as [string, string]] : []),
    ...(Number(quote.creditHeld) > 0 ? [[t('loans.printPayoff.credit'), `-${quote.creditHeld}`] as [string, string]] : []),
  ];
  return (
    <section className="lb-print-only lb-printable" data-print-target="payoff" data-testid="printable-payoff">
      <PrintLetterhead />
      <h1>{t('loans.printPayoff.title')}</h1>
      <PrintTerms
        pairs={[
          [t('loans.print.contractNo'), loan.contractNo],
          [t('loans.print.borrower'), loan.borrowerName],
          [t('terms.principal'), yuan(loan.principal)],
          [t('loans.quoteDate'), quote.date],
        ]}
      />
      <table className="lb-print-table">
        <thead>
          <tr>
            <th>{t('loans.printPayoff.item')}</th>
            <th>{t('loans.printPayoff.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map(([label, amount]) => (
            <tr key={label}>
              <td style={{ textAlign: 'left' }}>{label}</td>
              <td>{yuan(amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td style={{ textAlign: 'left' }}>{t('loans.payoffTotal')}</td>
            <td>{yuan(quote.total)}</td>
          </tr>
        </tfoot>
      </table>
      <p>{t('loans.printPayoff.validOn', { date: quote.date })}</p>
      <p className="lb-print-signatures">{t('loans.printPayoff.signatures')}</p>
    </section>
  );
}
