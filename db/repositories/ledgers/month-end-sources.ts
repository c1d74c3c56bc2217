/**
 * Month-end positions (loan_month_ends): written by the daily close and the book loader, read by the
 * vintage and roll-rate tables. Portable SQL (ON CONFLICT, EXISTS) for the office-server mode.
 */
import { sql } from 'drizzle-orm';
import { shiftMonth } from '../../../shared/dates/calendar';
import type { AppDatabase } from '../../open';
import { prepared } from '../../prepared';

export interface MonthEndRow {
  month: string;
  loanId: number;
  bucket: string;
  dpd: number;
  outstandingPrincipal: number;
}

/**
 * Records positions (a month end recorded again is replaced: the latest close's figures stand). One
 * statement prepared once and fed positional values: the book loader writes a million of these.
 */
export function recordMonthEnds(db: AppDatabase, rows: readonly MonthEndRow[]): void {
  const record = monthEndWriter(db);
  for (const r of rows) record(r.month, r.loanId, r.bucket, r.dpd, r.outstandingPrincipal);
}

/** Records one month-end position from its values (a month recorded again replaces the earlier row). */
export function monthEndWriter(db: AppDatabase): (month: string, loanId: number, bucket: string, dpd: number, outstandingPrincipal: number) => void {
  const statement = prepared(db, 'recordMonthEnd', () =>
    db.$client.prepare<[string, number, string, number, number]>(`INSERT INTO loan_month_ends (month, loan_id, bucket, dpd, outstanding_principal) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (loan_id, month) DO UPDATE SET bucket = excluded.bucket, dpd = excluded.dpd, outstanding_principal = excluded.outstanding_principal`),
  );
  return (...values) => void statement.run(...values);
}

const EXITS = sql`('settled', 'written-off')`;

/**
 * Completes the month ending `monthEnd` after the close has recorded the loans it replayed: every
 * other loan on the book stands as the register has it (nothing about it changed since), and a loan
 * that left the book since last month end gets its exit row — settled, or written off with the
 * principal written off.
 */
export function completeMonthEnd(db: AppDatabase, monthEnd: string): void {
  const month = monthEnd.slice(0, 7);
  const previousMonth = shiftMonth(month, -1);
  db.run(sql`INSERT INTO loan_month_ends (month, loan_id, bucket, dpd, outstanding_principal)
    SELECT ${month}, l.id,
      CASE l.status WHEN 'disbursed' THEN l.bucket WHEN 'settled' THEN 'settled' ELSE 'written-off' END,
      CASE WHEN l.status = 'disbursed' THEN l.dpd ELSE 0 END,
      CASE l.status WHEN 'disbursed' THEN l.outstanding_principal WHEN 'written-off' THEN l.written_off ELSE 0 END
    FROM loans l
    WHERE l.disbursement_date <= ${monthEnd}
      AND (l.status = 'disbursed' OR (l.status IN ${EXITS} AND EXISTS (
        SELECT 1 FROM loan_month_ends p WHERE p.loan_id = l.id AND p.month = ${previousMonth} AND p.bucket NOT IN ${EXITS})))
      AND NOT EXISTS (SELECT 1 FROM loan_month_ends c WHERE c.loan_id = l.id AND c.month = ${month})`);
}

/** Loans moving from each bucket at `fromMonth`'s end to each bucket (or exit) at `toMonth`'s end. */
export function bucketMoves(db: AppDatabase, fromMonth: string, toMonth: string) {
  return db.all<{ fromBucket: string; toBucket: string; loans: number; outstanding: number }>(sql`SELECT a.bucket AS fromBucket, b.bucket AS toBucket,
      COUNT(*) AS loans, SUM(a.outstanding_principal) AS outstanding
    FROM loan_month_ends a JOIN loan_month_ends b ON b.loan_id = a.loan_id AND b.month = ${toMonth}
    WHERE a.month = ${fromMonth} AND a.bucket NOT IN ${EXITS}
    GROUP BY a.bucket, b.bucket`);
}

/**
 * Months with positions recorded, between two months (YYYY-MM, inclusive): one step along the month
 * index per month (a DISTINCT would read every entry of the window, a million at 100,000 loans).
 */
export function recordedMonths(db: AppDatabase, from: string, to: string): string[] {
  const step = (inclusive: boolean) =>
    prepared(db, `recordedMonths:${inclusive ? 'first' : 'next'}`, () =>
      db.$client.prepare<[string, string], string | null>(`SELECT MIN(month) FROM loan_month_ends WHERE month ${inclusive ? '>=' : '>'} ? AND month <= ?`).pluck(),
    );
  const months: string[] = [];
  for (let month = step(true).get(from, to) ?? null; month !== null; month = step(false).get(month, to) ?? null) months.push(month);
  return months;
}

/** Each disbursement month's loans: how many, and the principal lent. */
export function cohorts(db: AppDatabase, fromMonth: string, toDate: string) {
  return db.all<{ cohort: string; loans: number; principal: number }>(sql`SELECT substr(disbursement_date, 1, 7) AS cohort, COUNT(*) AS loans, SUM(principal) AS principal
    FROM loans WHERE disbursement_date >= ${`${fromMonth}-01`} AND disbursement_date <= ${toDate}
    GROUP BY substr(disbursement_date, 1, 7) ORDER BY cohort`);
}

/**
 * For each cohort and month end: the balance more than `dpdOver` days past due, and the principal
 * written off that month (the vintage curve accumulates it).
 */
export function cohortPositions(db: AppDatabase, fromMonth: string, toMonth: string, dpdOver: number) {
  return db.all<{ cohort: string; month: string; bad: number; writtenOff: number }>(sql`SELECT substr(l.disbursement_date, 1, 7) AS cohort, e.month AS month,
      SUM(CASE WHEN e.bucket NOT IN ${EXITS} AND e.dpd > ${dpdOver} THEN e.outstanding_principal ELSE 0 END) AS bad,
      SUM(CASE WHEN e.bucket = 'written-off' THEN e.outstanding_principal ELSE 0 END) AS writtenOff
    FROM loan_month_ends e JOIN loans l ON l.id = e.loan_id
    WHERE l.disbursement_date >= ${`${fromMonth}-01`} AND e.month <= ${toMonth}
      -- Only these rows add anything (dpdOver is never negative); the condition lets SQLite read the
      -- troubled-month-ends index alone. A cohort month with no row is read as zero.
      AND (e.dpd > 0 OR e.bucket = 'written-off')
    GROUP BY substr(l.disbursement_date, 1, 7), e.month`);
}
