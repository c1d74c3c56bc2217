/**
 * The home screen's loan figures as aggregates that read indexes alone: the register's principal index
 * carries every column the book's position needs, the disbursement index carries the principal, and
 * receipts come from the month totals the payment triggers keep.
 */
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../../open';

/** Months from disbursement to maturity as a calendar reads them (15 Jan → 15 Jul is 6; a day is 1/30). */
const TERM_MONTHS = sql`((CAST(substr(maturity_date, 1, 4) AS INTEGER) - CAST(substr(disbursement_date, 1, 4) AS INTEGER)) * 12
  + (CAST(substr(maturity_date, 6, 2) AS INTEGER) - CAST(substr(disbursement_date, 6, 2) AS INTEGER))
  + (CAST(substr(maturity_date, 9, 2) AS INTEGER) - CAST(substr(disbursement_date, 9, 2) AS INTEGER)) / 30.0)`;

export interface BookPosition {
  bucket: string;
  classification: string;
  loans: number;
  outstanding: number;
  /** Σ balance × rate (rates in millionths), for the weighted average rate. */
  rateWeight: number;
  principal: number;
  /** Σ principal × term in months, for the principal-weighted average term. */
  termWeight: number;
  overdue: number;
}

/** Loans on the book (disbursed, not settled or written off) by bucket and class, in one scan. */
export function bookPositions(db: AppDatabase): BookPosition[] {
  return db
    .all<Record<keyof BookPosition, string | number | null>>(
      sql`SELECT bucket, classification, COUNT(*) AS loans, SUM(outstanding_principal) AS outstanding,
        SUM(outstanding_principal * annual_rate) AS rateWeight, SUM(principal) AS principal,
        SUM(CASE WHEN maturity_date IS NULL THEN 0 ELSE principal * ${TERM_MONTHS} END) AS termWeight,
        SUM(CASE WHEN dpd > 0 THEN outstanding_principal ELSE 0 END) AS overdue
      FROM loans WHERE status = 'disbursed' GROUP BY bucket, classification`,
    )
    .map((r) => ({
      bucket: String(r.bucket),
      classification: String(r.classification),
      loans: Number(r.loans),
      outstanding: Number(r.outstanding ?? 0),
      rateWeight: Number(r.rateWeight ?? 0),
      principal: Number(r.principal ?? 0),
      termWeight: Number(r.termWeight ?? 0),
      overdue: Number(r.overdue ?? 0),
    }));
}

/** What was lent each month (YYYY-MM) up to `to`: the dashboard sums them for the cumulative figure. */
export function lentByMonth(db: AppDatabase, to: string): Array<{ month: string; amount: number }> {
  return db
    .all<{ month: string; amount: number }>(sql`SELECT substr(disbursement_date, 1, 7) AS month, SUM(principal) AS amount FROM loans
      WHERE disbursement_date IS NOT NULL AND disbursement_date <= ${to} GROUP BY substr(disbursement_date, 1, 7)`)
    .map((r) => ({ month: r.month, amount: Number(r.amount) }));
}

/** Posted receipts of every kind by value month, from `fromMonth` to `toMonth` (YYYY-MM). */
export function receivedByMonth(db: AppDatabase, fromMonth: string, toMonth: string): Array<{ month: string; amount: number }> {
  return db
    .all<{ month: string; amount: number }>(sql`SELECT month, SUM(amount) AS amount FROM payment_month_totals
      WHERE status = 'posted' AND month >= ${fromMonth} AND month <= ${toMonth} GROUP BY month`)
    .map((r) => ({ month: r.month, amount: Number(r.amount) }));
}
