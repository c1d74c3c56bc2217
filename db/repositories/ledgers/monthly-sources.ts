/**
 * The movements of the loan book over a period, by product or by borrower type: principal lent before and
 * within it, principal repaid, written off; interest due and received. Balances at any date follow from
 * these (lent − repaid − written off), so past months need no stored snapshots.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { interestDueByDay } from './journal-sources';

export type BookGroup = 'product' | 'borrowerKind';

const groupKey = (group: BookGroup): SQL => (group === 'product' ? sql`COALESCE(pr.code, '')` : sql`b.kind`);

interface Movement {
  key: string;
  before: number;
  within: number;
}

const toMovements = (rows: Array<{ key: string; before: number | null; within: number | null }>): Movement[] => rows.map((r) => ({ key: r.key, before: Number(r.before ?? 0), within: Number(r.within ?? 0) }));

/** Principal lent before `from` and from `from` to `to`, by group. */
export function lentBy(db: AppDatabase, group: BookGroup, from: string, to: string): Movement[] {
  return toMovements(
    db.all(sql`SELECT ${groupKey(group)} AS key,
        SUM(CASE WHEN l.disbursement_date < ${from} THEN l.principal ELSE 0 END) AS before,
        SUM(CASE WHEN l.disbursement_date >= ${from} THEN l.principal ELSE 0 END) AS within
      FROM loans l JOIN borrowers b ON b.id = l.borrower_id LEFT JOIN loan_products pr ON pr.id = l.product_id
      WHERE l.disbursement_date IS NOT NULL AND l.disbursement_date <= ${to} GROUP BY ${groupKey(group)}`),
  );
}

/** Principal repaid (posted repayments' principal), before and within the period, by group. */
export function repaidBy(db: AppDatabase, group: BookGroup, from: string, to: string): Movement[] {
  return toMovements(
    db.all(sql`SELECT ${groupKey(group)} AS key,
        SUM(CASE WHEN p.value_date < ${from} THEN a.amount ELSE 0 END) AS before,
        SUM(CASE WHEN p.value_date >= ${from} THEN a.amount ELSE 0 END) AS within
      FROM payment_allocations a JOIN payments p ON p.id = a.payment_id JOIN loans l ON l.id = a.loan_id
      JOIN borrowers b ON b.id = l.borrower_id LEFT JOIN loan_products pr ON pr.id = l.product_id
      WHERE a.component = 'principal' AND p.status = 'posted' AND p.kind = 'repayment' AND p.value_date <= ${to} GROUP BY ${groupKey(group)}`),
  );
}

/** Principal written off, before and within the period, by group. */
export function writtenOffBy(db: AppDatabase, group: BookGroup, from: string, to: string): Movement[] {
  return toMovements(
    db.all(sql`SELECT ${groupKey(group)} AS key,
        SUM(CASE WHEN w.business_date < ${from} THEN l.written_off ELSE 0 END) AS before,
        SUM(CASE WHEN w.business_date >= ${from} THEN l.written_off ELSE 0 END) AS within
      FROM loan_events w JOIN loans l ON l.id = w.loan_id JOIN borrowers b ON b.id = l.borrower_id LEFT JOIN loan_products pr ON pr.id = l.product_id
      WHERE w.event = 'written-off' AND w.reversed_by IS NULL AND w.business_date <= ${to} GROUP BY ${groupKey(group)}`),
  );
}

/** Interest falling due in the period (current schedules; none after a write-off) and interest received in it. */
export function interestIn(db: AppDatabase, from: string, to: string): { due: number; received: number } {
  // The same interest the vouchers accrue day by day.
  const due = interestDueByDay(db, to).reduce((sum, day) => (day.date >= from ? sum + Number(day.interest) : sum), 0);
  const received = db.get<{ total: number | null }>(sql`SELECT SUM(a.amount) AS total FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
    WHERE a.component = 'interest' AND p.status = 'posted' AND p.kind = 'repayment' AND p.value_date >= ${from} AND p.value_date <= ${to}`);
  return { due, received: Number(received?.total ?? 0) };
}

/** The borrowers with the largest balances on the book (a group of loans to one borrower counts once). */
export function largestBorrowers(db: AppDatabase, limit: number) {
  return db.all<{ borrowerId: number; name: string; outstanding: number }>(sql`SELECT b.id AS borrowerId, b.name AS name, SUM(l.outstanding_principal) AS outstanding
    FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE l.status = 'disbursed'
    GROUP BY b.id, b.name ORDER BY SUM(l.outstanding_principal) DESC, b.id LIMIT ${limit}`);
}
