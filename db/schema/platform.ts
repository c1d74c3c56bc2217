import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { roles } from '../../shared/platform/permissions';

/** Key/value settings; value is JSON. Each row remembers who changed it last. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Who may sign in. Passwords are kept only as scrypt hashes. Users are deactivated, never deleted. */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userName: text('user_name').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: roles }).notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: text('locked_until'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    lastSignInAt: text('last_sign_in_at'),
    passwordChangedAt: text('password_changed_at').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [uniqueIndex('users_user_name_uq').on(t.userName)],
);

/**
 * The audit trail: append-only (triggers refuse UPDATE and DELETE) and tamper-evident (each entry
 * carries the SHA-256 of the previous entry's hash and its own content).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userName: text('user_name').notNull(),
    role: text('role').notNull(),
    channel: text('channel').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_at_idx').on(t.at)],
);

/** Net assets (净资产) per period end: the base of leverage and concentration limits. Amounts in fen. */
export const netAssets = sqliteTable(
  'net_assets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodEnd: text('period_end').notNull(),
    amount: integer('amount').notNull(),
    note: text('note'),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [uniqueIndex('net_assets_period_uq').on(t.periodEnd)],
);
