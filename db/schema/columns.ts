import { integer, text } from 'drizzle-orm/sqlite-core';

/** Columns every business table carries: an optimistic version, UTC instants (ISO 8601) and user names. */
export const stamps = {
  version: integer('version').notNull().default(1),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
};
