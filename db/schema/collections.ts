import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { claimKinds, contactChannels, contactParties, legalCostKinds, legalStages } from '../../shared/collections/claims';

/**
 * A claim is an overdue loan or a guarantee compensation receivable (代偿款), named by its kind and the
 * id of the loan or the guarantee contract. Assignments are never overwritten: a new one ends the old.
 */
export const collectionAssignments = sqliteTable(
  'collection_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimKind: text('claim_kind', { enum: claimKinds }).notNull(),
    claimId: integer('claim_id').notNull(),
    collector: text('collector').notNull(),
    reason: text('reason').notNull(),
    /** The account's bucket and amount due when assigned: recovery rates and incentives are by these. */
    bucket: text('bucket'),
    amountAssigned: integer('amount_assigned'),
    assignedOn: text('assigned_on').notNull(),
    assignedAt: text('assigned_at').notNull(),
    assignedBy: text('assigned_by').notNull(),
    endedAt: text('ended_at'),
  },
  (t) => [index('collection_assignments_claim_idx').on(t.claimKind, t.claimId), index('collection_assignments_collector_idx').on(t.collector, t.endedAt)],
);

/** 催收记录: one contact, with the debtor's local time it happened at and what the guards found. */
export const collectionContacts = sqliteTable(
  'collection_contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimKind: text('claim_kind', { enum: claimKinds }).notNull(),
    claimId: integer('claim_id').notNull(),
    contactedAt: text('contacted_at').notNull(),
    debtorLocalTime: text('debtor_local_time').notNull(),
    timeZone: text('time_zone').notNull(),
    channel: text('channel', { enum: contactChannels }).notNull(),
    party: text('party', { enum: contactParties }).notNull(),
    partyName: text('party_name'),
    outcome: text('outcome').notNull(),
    notes: text('notes'),
    attachments: text('attachments'),
    /** A demand that reached the debtor (signed notice, delivered letter or SMS): it restarts the limitation period. */
    demandDelivered: integer('demand_delivered', { mode: 'boolean' }).notNull().default(false),
    /** The day the demand reached the debtor (a letter's delivery is recorded later); null: the day of the contact. */
    deliveredOn: text('delivered_on'),
    nextActionOn: text('next_action_on'),
    outOfHoursReason: text('out_of_hours_reason'),
    frequencyWarning: integer('frequency_warning', { mode: 'boolean' }).notNull().default(false),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('collection_contacts_claim_idx').on(t.claimKind, t.claimId, t.contactedAt), index('collection_contacts_by_idx').on(t.recordedBy, t.contactedAt)],
);

/** 承诺还款: kept, partly kept or broken is worked out from the payments that arrive, not stored. */
export const promisesToPay = sqliteTable(
  'promises_to_pay',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimKind: text('claim_kind', { enum: claimKinds }).notNull(),
    claimId: integer('claim_id').notNull(),
    amount: integer('amount').notNull(),
    dueDate: text('due_date').notNull(),
    madeOn: text('made_on').notNull(),
    contactId: integer('contact_id').references(() => collectionContacts.id),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('promises_to_pay_claim_idx').on(t.claimKind, t.claimId)],
);

/** Interruptions of the limitation period recorded by hand (a lawsuit, a written acknowledgement). */
export const limitationEvents = sqliteTable(
  'limitation_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimKind: text('claim_kind', { enum: claimKinds }).notNull(),
    claimId: integer('claim_id').notNull(),
    kind: text('kind', { enum: ['demand', 'acknowledgement', 'lawsuit'] }).notNull(),
    eventDate: text('event_date').notNull(),
    evidence: text('evidence').notNull(),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('limitation_events_claim_idx').on(t.claimKind, t.claimId)],
);

/** 分期还款计划: a hardship plan, made as a restructuring of the loan; adherence is read from its installments. */
export const repaymentPlans = sqliteTable(
  'repayment_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    loanId: integer('loan_id').notNull(),
    startedOn: text('started_on').notNull(),
    scheduleVersion: integer('schedule_version').notNull(),
    /** The plan's installments are those numbered from here on in that schedule version. */
    firstInstallment: integer('first_installment').notNull(),
    periods: integer('periods').notNull(),
    reason: text('reason').notNull(),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('repayment_plans_loan_idx').on(t.loanId)],
);

/** 委外机构: an outside collection agency or law firm, with its contract and commission by age bucket. */
export const collectionAgencies = sqliteTable('collection_agencies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  contact: text('contact'),
  phone: text('phone'),
  contractFrom: text('contract_from').notNull(),
  contractTo: text('contract_to').notNull(),
  /** JSON: percent per aging bucket, e.g. {"M1":"15.00","M6+":"30.00"}. */
  commission: text('commission').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
});

/** A placement batch: the accounts sent to an agency on a day, until recalled. */
export const placements = sqliteTable(
  'placements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => collectionAgencies.id),
    claimKind: text('claim_kind', { enum: claimKinds }).notNull(),
    claimId: integer('claim_id').notNull(),
    contractNo: text('contract_no').notNull(),
    bucket: text('bucket').notNull(),
    amountPlaced: integer('amount_placed').notNull(),
    placedOn: text('placed_on').notNull(),
    recalledOn: text('recalled_on'),
    batch: text('batch').notNull(),
    placedBy: text('placed_by').notNull(),
  },
  (t) => [index('placements_agency_idx').on(t.agencyId), index('placements_claim_idx').on(t.claimKind, t.claimId)],
);


/** 诉讼案件: a claim taken to court; its costs are charged to the claim and paid first. */
export const legalCases = sqliteTable(
  'legal_cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimKind: text('claim_kind', { enum: claimKinds }).notNull(),
    claimId: integer('claim_id').notNull(),
    court: text('court').notNull(),
    caseNo: text('case_no').notNull(),
    stage: text('stage', { enum: legalStages }).notNull(),
    filedOn: text('filed_on').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('legal_cases_claim_idx').on(t.claimKind, t.claimId)],
);

export const legalCaseEvents = sqliteTable('legal_case_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  caseId: integer('case_id')
    .notNull()
    .references(() => legalCases.id),
  stage: text('stage', { enum: legalStages }).notNull(),
  eventDate: text('event_date').notNull(),
  note: text('note'),
  at: text('at').notNull(),
  by: text('by').notNull(),
});

/** 诉讼费用: court fees, lawyers, preservation — charged to the claim on the day incurred. */
export const legalCosts = sqliteTable(
  'legal_costs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => legalCases.id),
    claimKind: text('claim_kind', { enum: claimKinds }).notNull(),
    claimId: integer('claim_id').notNull(),
    costDate: text('cost_date').notNull(),
    amount: integer('amount').notNull(),
    kind: text('kind', { enum: legalCostKinds }).notNull(),
    note: text('note'),
    at: text('at').notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('legal_costs_claim_idx').on(t.claimKind, t.claimId)],
);
