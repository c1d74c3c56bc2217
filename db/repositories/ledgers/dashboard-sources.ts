/** The loan book's headline figures for the dashboard, as aggregates over the register snapshot. */
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../../open';

const NPL = sql`('substandard', 'doubtful', 'loss')`;

/**
 * Loans on the book (disbursed, not settled or written off): count, balance, the balance-weighted rate,
 * the overdue and non-performing balances; and what was ever lent.
 */
export function loanHeadline(db: AppDatabase, asOf: string) {
  const row = db.get<{ loans: number; outstanding: number | null; rateWeight: number | null; principal: number | null; overdue: number | null; npl: number | null }>(sql`SELECT
      COUNT(*) AS loans, SUM(outstanding_principal) AS outstanding, SUM(outstanding_principal * annual_rate) AS rateWeight,
      SUM(principal) AS principal,
      SUM(CASE WHEN dpd > 0 THEN outstanding_principal ELSE 0 END) AS overdue,
      SUM(CASE WHEN classification IN ${NPL} THEN outstanding_principal ELSE 0 END) AS npl
    FROM loans WHERE status = 'disbursed'`);
  const lent = db.get<{ total: number | null }>(sql`SELECT SUM(principal) AS total FROM loans WHERE disbursement_date IS NOT NULL AND disbursement_date <= ${asOf}`);
  return {
    loans: Number(row?.loans ?? 0),
    outstanding: Number(row?.outstanding ?? 0),
    /** Σ balance × rate (millionths), for the weighted average rate. */
    rateWeight: Number(row?.rateWeight ?? 0),
    principal: Number(row?.principal ?? 0),
    overdue: Number(row?.overdue ?? 0),
    npl: Number(row?.npl ?? 0),
    cumulativeDisbursed: Number(lent?.total ?? 0),
  };
}

/** Each loan on the book's principal and contract dates, for the principal-weighted average term. */
export function loanTerms(db: AppDatabase) {
  return db.all<{ principal: number; from: string; to: string }>(sql`SELECT principal, disbursement_date AS "from", maturity_date AS "to" FROM loans WHERE status = 'disbursed' AND maturity_date IS NOT NULL`);
}

/** Loans on the book by a register column (bucket or class): count and balance. */
export function loansBy(db: AppDatabase, column: 'bucket' | 'classification') {
  const col = sql.raw(column);
  return db.all<{ key: string; loans: number; outstanding: number }>(sql`SELECT ${col} AS key, COUNT(*) AS loans, SUM(outstanding_principal) AS outstanding FROM loans WHERE status = 'disbursed' GROUP BY ${col} ORDER BY ${col}`);
}

/** Lent and received per month (YYYY-MM) from `from` on: disbursements, and posted receipts of every kind. */
export function lendingByMonth(db: AppDatabase, from: string, to: string) {
  const lent = db.all<{ month: string; amount: number }>(sql`SELECT substr(disbursement_date, 1, 7) AS month, SUM(principal) AS amount FROM loans
    WHERE disbursement_date >= ${from} AND disbursement_date <= ${to} GROUP BY substr(disbursement_date, 1, 7)`);
  const received = db.all<{ month: string; amount: number }>(sql`SELECT substr(value_date, 1, 7) AS month, SUM(amount) AS amount FROM payments
    WHERE status = 'posted' AND value_date >= ${from} AND value_date <= ${to} GROUP BY substr(value_date, 1, 7)`);
  return { lent, received };
}
