import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { borrowerKinds, idTypes, relationships } from '../../shared/lending/borrower';

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
