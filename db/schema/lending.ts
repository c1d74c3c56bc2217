import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { borrowerKinds, idTypes, relationships } from '../../shared/lending/borrower';
import { roundingModes } from '../../shared/money/rounding';
import { dayCounts, frequencies, repaymentMethods } from '../../shared/schedule/types';

/** Audit columns every business table carries: UTC instants (ISO 8601) and user names. */
const stamps = {
  version: integer('version').notNull().default(1),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
};

/** 借款人 */
export const borrowers = sqliteTable(
  'borrowers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: borrowerKinds }).notNull(),
    name: text('name').notNull(),
    idType: text('id_type', { enum: idTypes }).notNull(),
    idNumber: text('id_number').notNull(),
    phone: text('phone'),
    address: text('address'),
    employer: text('employer'),
    industry: text('industry'),
    legalRepresentative: text('legal_representative'),
    note: text('note'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('borrowers_identity_uq').on(t.idType, t.idNumber),
    index('borrowers_name_idx').on(t.name),
    index('borrowers_phone_idx').on(t.phone),
  ],
);

/** 关联人: spouse, shareholders, contacts. Removed rows are kept with removed_at for the record. */
export const borrowerRelatedPersons = sqliteTable(
  'borrower_related_persons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    borrowerId: integer('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    name: text('name').notNull(),
    relationship: text('relationship', { enum: relationships }).notNull(),
    idNumber: text('id_number'),
    phone: text('phone'),
    note: text('note'),
    removedAt: text('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [index('borrower_related_persons_borrower_idx').on(t.borrowerId)],
);

/**
 * Loan products (贷款产品): the defaults a new loan starts from. Rates in millionths (17.30% = 173000),
 * amounts in fen. Products are deactivated, never deleted: loans keep pointing at them.
 */
export const loanProducts = sqliteTable(
  'loan_products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    method: text('method', { enum: repaymentMethods }).notNull(),
    annualRate: integer('annual_rate').notNull(),
    periods: integer('periods').notNull(),
    frequency: text('frequency', { enum: frequencies }).notNull(),
    interestOnlyPeriods: integer('interest_only_periods').notNull().default(0),
    dayCount: text('day_count', { enum: dayCounts }).notNull(),
    roundingMode: text('rounding_mode', { enum: roundingModes }).notNull(),
    installmentMultiple: integer('installment_multiple').notNull().default(1),
    /** Upfront fee as millionths of the principal. */
    upfrontFeeRate: integer('upfront_fee_rate').notNull().default(0),
    periodicFee: integer('periodic_fee').notNull().default(0),
    /** Penalty interest = contract rate × (1 + markup); markup in millionths (50% = 500000). */
    penaltyMarkup: integer('penalty_markup').notNull(),
    compoundInterest: integer('compound_interest', { mode: 'boolean' }).notNull(),
    graceDays: integer('grace_days').notNull().default(0),
    /** JSON array: the order a payment settles components, e.g. ["costs","penalty","interest","principal"]. */
    allocationOrder: text('allocation_order').notNull(),
    note: text('note'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...stamps,
  },
  (t) => [uniqueIndex('loan_products_code_uq').on(t.code)],
);
