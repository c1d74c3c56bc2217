import { formatIsoDate } from '../../shared/dates/calendar';
import { generateSchedule } from '../../shared/schedule/generate';
import { parseTerms, type TermsInput } from '../../shared/schedule/terms';
import type { Schedule } from '../../shared/schedule/types';

export function scheduleOf(terms: TermsInput): Schedule {
  return generateSchedule(parseTerms(terms));
}

/** Installments as [due date, principal, interest, total, closing] in yuan, for readable expectations. */
export function rows(schedule: Schedule): Array<[string, number, number, number, number]> {
  return schedule.installments.map((i) => [formatIsoDate(i.dueDate), i.principal / 100, i.interest / 100, i.total / 100, i.closingBalance / 100]);
}

export const base: TermsInput = {
  principal: '100000.00',
  annualRate: '12',
  periods: 12,
  method: 'equal-installment',
  disbursementDate: '2026-01-15',
};

/** The field material's loan: 1,000,000.00 at 17.30%, 18 months, 6 interest-only then equal installments. */
export const seedStoryTerms = {
  principal: '1000000.00',
  annualRate: '17.30',
  periods: 18,
  method: 'equal-installment' as const,
  interestOnlyPeriods: 6,
  disbursementDate: '2026-01-15',
  firstDueDate: '2026-02-15',
};
