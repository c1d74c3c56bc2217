import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Key/value settings; value is JSON. Each row remembers who changed it last. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});
