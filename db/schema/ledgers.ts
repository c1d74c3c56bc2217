import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The loan-loss provision the book required at each daily close (贷款损失准备), so the provision
 * vouchers of past months can be rebuilt: a loan's class on a past date is not kept anywhere else.
 */
export const provisionRuns = sqliteTable('provision_runs', {
  businessDate: text('business_date').primaryKey(),
  required: integer('required').notNull(),
  /** The requirement by class, JSON {normal: fen, …}, for the classification report's history. */
  byClass: text('by_class').notNull(),
  at: text('at').notNull(),
  by: text('by').notNull(),
});
