import { useTranslation } from 'react-i18next';
import { PrintTable } from '../../../app/PrintTable';
import type { TermsInput } from '../../../../shared/schedule/terms';
import type { WireSchedule } from '../../../../shared/schedule/wire';
import { yuan } from '../../../app/format';

/**
 * The schedule as it goes on paper: a plain table (the browser repeats its header on every page),
 * the terms, and the annualized rate printed larger than any other rate.
 */
export function PrintableSchedule({ schedule, terms }: { schedule: WireSchedule; terms: TermsInput }) {
  const { t } = useTranslation();
  return (
    <section className="lb-print-only lb-printable" data-testid="printable-schedule">
      <h1>{t('schedule.printTitle')}</h1>
      <p className="lb-print-apr">
        {t('schedule.apr')}：<strong>{schedule.apr.simple}%</strong>
        <span>
          {t('schedule.aprCompound')} {schedule.apr.compound}%
        </span>
      </p>
      <table className="lb-print-terms">
        <tbody>
          <tr>
            <th>{t('terms.principal')}</th>
            <td>{yuan(terms.principal)}</td>
            <th>{t('terms.method')}</th>
            <td>
              {t(`terms.methods.${terms.method}`)}
              {terms.interestOnlyPeriods ? `（${t('terms.interestOnlyPeriods')} ${terms.interestOnlyPeriods}）` : ''}
            </td>
          </tr>
          <tr>
            <th>{t('schedule.nominal')}</th>
            <td>
              {t('schedule.nominalValue', {
                annual: schedule.nominal.annualPercent,
                monthly: schedule.nominal.monthlyPermille,
                daily: schedule.nominal.dailyPerTenThousand,
              })}
            </td>
            <th>{t('terms.disbursementDate')}</th>
            <td>{terms.disbursementDate}</td>
          </tr>
          <tr>
            <th>{t('schedule.totalInterest')}</th>
            <td>{yuan(schedule.totals.interest)}</td>
            <th>{t('schedule.costOfBorrowing')}</th>
            <td>{yuan(schedule.totals.costOfBorrowing)}</td>
          </tr>
        </tbody>
      </table>
      <PrintTable
        columns={(['number', 'dueDate', 'days', 'openingBalance', 'principal', 'interest', 'fees', 'total', 'closingBalance'] as const).map((key) => ({
          key,
          header: t(`schedule.${key}`),
          value: (i: WireSchedule['installments'][number]) => (key === 'number' || key === 'dueDate' || key === 'days' ? i[key] : yuan(i[key])),
        }))}
        rows={schedule.installments}
        rowKey={(i) => i.number}
        footer={
          <tfoot>
            <tr>
              <td colSpan={4}>{t('schedule.totals')}</td>
              <td>{yuan(schedule.totals.principal)}</td>
              <td>{yuan(schedule.totals.interest)}</td>
              <td>{yuan(schedule.totals.fees)}</td>
              <td>{yuan(schedule.totals.total)}</td>
              <td />
            </tr>
          </tfoot>
        }
      />
    </section>
  );
}
