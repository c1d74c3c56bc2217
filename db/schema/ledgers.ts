import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The loan-loss provision the book required at each daily close (贷款损失准备), so the provision
 * vouchers of past months can be rebuilt: a loan's class on a past date is not kept anywhere else.
 */
export const provisionRuns = sqliteTable('provision_runs', {
  businessDate: text('business_date').primaryKey(),
  required: integer('required').notNull(),
  /** The requirement by class, JSON {normal: fen, …}, for the classification report's history. */
  byClass: text('by_class').notNull(),
  /** The general reserve (一般风险准备) the book requires: `lending.generalReservePercent` of the loans on the book. */
  generalReserve: integer('general_reserve').notNull().default(0),
  at: text('at').notNull(),
  by: text('by').notNull(),
});

/**
 * Where each loan stood at each month end (月末快照), for the vintage and roll-rate tables: the register
 * keeps only today. Written by the daily close as it passes a month end, and by the book loader for the
 * history it loads. A loan has a row for every month end it is on the book, then one for the month
 * it left (bucket `settled` or `written-off`, with the balance it left with), then none.
 */
export const loanMonthEnds = sqliteTable(
  'loan_month_ends',
  {
    /** YYYY-MM */
    month: text('month').notNull(),
    loanId: integer('loan_id').notNull(),
    /** The aging bucket (current, M1 …) or how the loan left the book. */
    bucket: text('bucket').notNull(),
    dpd: integer('dpd').notNull(),
    outstandingPrincipal: integer('outstanding_principal').notNull(),
  },
  // Clustered by loan (WITHOUT ROWID in the SQLite migration 0022): a loan's months are written together.
  (t) => [
    primaryKey({ columns: [t.loanId, t.month] }),
    index('loan_month_ends_month_idx').on(t.month, t.loanId),
    // The month ends the vintage table sums (past due or written off, a tenth of a book's): read from this
    // index alone instead of every loan's every month.
    index('loan_month_ends_troubled_idx')
      .on(t.month, t.loanId, t.dpd, t.bucket, t.outstandingPrincipal)
      .where(sql`${t.dpd} > 0 OR ${t.bucket} = 'written-off'`),
  ],
);
