import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { stamps } from './columns';
import { borrowerKinds, idTypes, relationships } from '../../shared/lending/borrower';
import { roundingModes } from '../../shared/money/rounding';
import { allocationStrategies } from '../../shared/lending/product';
import { dayCounts, frequencies, repaymentMethods } from '../../shared/schedule/types';

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
    /** IANA zone the borrower lives in, for the contact-hours guard; null: the office's. */
    timeZone: text('time_zone'),
    note: text('note'),
    ...stamps,
  },
  (t) => [
    // Identity number first: related parties are matched on the number alone.
    uniqueIndex('borrowers_identity_uq').on(t.idNumber, t.idType),
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
  (t) => [
    index('borrower_related_persons_borrower_idx').on(t.borrowerId),
    // Related-party groups join people across borrowers by identity number (concentration limits).
    index('borrower_related_persons_id_number_idx').on(t.idNumber),
  ],
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
    /** Component by component across installments (the Civil Code default), or installment by installment. */
    allocationStrategy: text('allocation_strategy', { enum: allocationStrategies }).notNull().default('by-component'),
    note: text('note'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...stamps,
  },
  (t) => [uniqueIndex('loan_products_code_uq').on(t.code)],
);

export const loanStatuses = ['applied', 'approved', 'rejected', 'disbursed', 'settled', 'written-off'] as const;
export const securityTypes = ['credit', 'guarantee', 'mortgage', 'pledge', 'combined'] as const;

/**
 * Loans (贷款). Terms are kept as approved (the public terms format, JSON); the register columns
 * (outstanding, DPD, bucket, class…) are a snapshot refreshed on every event and by the daily close.
 */
/** The columns the loan register filters on, in every register index (see below). */
function registerIndex(name: string, sortedBy: AnySQLiteColumn, t: Record<'status' | 'bucket' | 'classification' | 'loanOfficer' | 'productId' | 'securityType' | 'borrowerId' | 'disbursementDate' | 'contractNo', AnySQLiteColumn>, ...extra: AnySQLiteColumn[]) {
  const filters = [t.status, t.bucket, t.classification, t.loanOfficer, t.productId, t.securityType, t.borrowerId, t.disbursementDate, t.contractNo].filter((c) => c !== sortedBy);
  return index(name).on(sortedBy, ...filters, ...extra);
}

export const loans = sqliteTable(
  'loans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractNo: text('contract_no').notNull(),
    borrowerId: integer('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    productId: integer('product_id').references(() => loanProducts.id),
    purpose: text('purpose'),
    securityType: text('security_type', { enum: securityTypes }).notNull(),
    loanOfficer: text('loan_officer').notNull(),
    principal: integer('principal').notNull(),
    annualRate: integer('annual_rate').notNull(),
    method: text('method', { enum: repaymentMethods }).notNull(),
    periods: integer('periods').notNull(),
    terms: text('terms').notNull(),
    penaltyRate: integer('penalty_rate').notNull(),
    compoundInterest: integer('compound_interest', { mode: 'boolean' }).notNull(),
    graceDays: integer('grace_days').notNull(),
    allocationOrder: text('allocation_order').notNull(),
    // Frozen at application from the product or the settings: servicing never reads the settings again.
    allocationStrategy: text('allocation_strategy', { enum: allocationStrategies }).notNull().default('by-component'),
    /** Days in the year penalty and compound interest accrue on (360 or 365). */
    dayBasis: integer('day_basis').notNull().default(360),
    /** How penalty and compound interest are rounded to the fen. */
    roundingMode: text('rounding_mode', { enum: roundingModes }).notNull().default('half-up'),
    /** Penalty rate = contract rate × (1 + markup), millionths: prices the penalty of a restructured rate. */
    penaltyMarkup: integer('penalty_markup').notNull().default(500_000),
    aprPercent: text('apr_percent').notNull(),
    status: text('status', { enum: loanStatuses }).notNull(),
    approvedBy: text('approved_by'),
    approvalComment: text('approval_comment'),
    disbursementDate: text('disbursement_date'),
    maturityDate: text('maturity_date'),
    scheduleVersion: integer('schedule_version').notNull().default(0),
    classOverride: text('class_override'),
    // Register snapshot
    asOf: text('as_of'),
    outstandingPrincipal: integer('outstanding_principal').notNull().default(0),
    principalRepaid: integer('principal_repaid').notNull().default(0),
    writtenOff: integer('written_off').notNull().default(0),
    recovered: integer('recovered').notNull().default(0),
    overduePrincipal: integer('overdue_principal').notNull().default(0),
    overdueInterest: integer('overdue_interest').notNull().default(0),
    penaltyOutstanding: integer('penalty_outstanding').notNull().default(0),
    /** Enforcement costs (legal cases) charged and not yet paid. */
    costsOutstanding: integer('costs_outstanding').notNull().default(0),
    dpd: integer('dpd').notNull().default(0),
    bucket: text('bucket').notNull().default('current'),
    classification: text('classification').notNull().default('normal'),
    nextDueDate: text('next_due_date'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('loans_contract_no_uq').on(t.contractNo),
    index('loans_borrower_idx').on(t.borrowerId),
    // The register walks one of these in its sort order and tests every filter on the index entry,
    // never the wide row: a page of 50 out of 100,000 loans reads a few thousand small entries.
    // The principal one also carries the sums, so the totals row is a scan of the index alone. No
    // index leads with a filter column: the planner (without statistics) would pick it and then read
    // and sort tens of thousands of rows for an unselective filter such as status = disbursed.
    // The dashboard's loan figures (balance, rate, term, overdue, classes) are one scan of it too.
    registerIndex('loans_register_principal_idx', t.principal, t, t.outstandingPrincipal, t.overduePrincipal, t.annualRate, t.dpd, t.maturityDate),
    registerIndex('loans_register_outstanding_idx', t.outstandingPrincipal, t),
    registerIndex('loans_register_dpd_idx', t.dpd, t),
    // With the principal: what was lent by month reads the index alone.
    registerIndex('loans_register_disbursed_idx', t.disbursementDate, t, t.principal),
    registerIndex('loans_register_contract_idx', t.contractNo, t),
  ],
);

/** The frozen schedule; a restructuring or early settlement adds a new version, the old one stays. */
export const installments = sqliteTable(
  'installments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    loanId: integer('loan_id')
      .notNull()
      .references(() => loans.id),
    scheduleVersion: integer('schedule_version').notNull(),
    number: integer('number').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    dueDate: text('due_date').notNull(),
    days: integer('days').notNull(),
    openingBalance: integer('opening_balance').notNull(),
    principal: integer('principal').notNull(),
    interest: integer('interest').notNull(),
    fees: integer('fees').notNull(),
    closingBalance: integer('closing_balance').notNull(),
    /** The penalty rate this installment accrues at (a restructuring prices its own installments only). */
    penaltyRate: integer('penalty_rate').notNull(),
    /** The payment that alone pays it: a prepayment's own installment (no other receipt is allocated to it). */
    paidBy: integer('paid_by').references((): AnySQLiteColumn => payments.id),
  },
  (t) => [uniqueIndex('installments_loan_version_number_uq').on(t.loanId, t.scheduleVersion, t.number)],
);

/** Payments are never deleted: a mistaken one is reversed with a reason and the allocation replays. */
export const payments = sqliteTable(
  'payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    loanId: integer('loan_id')
      .notNull()
      .references(() => loans.id),
    valueDate: text('value_date').notNull(),
    amount: integer('amount').notNull(),
    channel: text('channel').notNull(),
    reference: text('reference'),
    status: text('status', { enum: ['posted', 'reversed'] }).notNull(),
    /** repayment: serviced against the schedule; recovery: received after write-off (核销后收回). */
    kind: text('kind', { enum: ['repayment', 'recovery'] }).notNull().default('repayment'),
    reversalReason: text('reversal_reason'),
    reversedAt: text('reversed_at'),
    reversedBy: text('reversed_by'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    index('payments_loan_idx').on(t.loanId, t.valueDate),
    // Receipts by date (dashboard months, repayment journal, vouchers) read this index alone.
    index('payments_value_date_idx').on(t.valueDate, t.status, t.kind, t.amount),
  ],
);

/**
 * Money received by value month, status and kind (收款月度汇总), kept by triggers on payments (see the
 * migration payment_month_totals): the dashboard's twelve months read twelve rows instead of scanning
 * every receipt of the year. A reversal moves its amount from posted to reversed.
 */
export const paymentMonthTotals = sqliteTable(
  'payment_month_totals',
  {
    /** YYYY-MM of the value date. */
    month: text('month').notNull(),
    status: text('status', { enum: ['posted', 'reversed'] }).notNull(),
    kind: text('kind', { enum: ['repayment', 'recovery'] }).notNull(),
    amount: integer('amount').notNull(),
    payments: integer('payments').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.status, t.kind] })],
);

/** How each posted payment is split; derived from the replay and rewritten when it changes. */
export const paymentAllocations = sqliteTable(
  'payment_allocations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    paymentId: integer('payment_id')
      .notNull()
      .references(() => payments.id),
    loanId: integer('loan_id').notNull(),
    installmentNumber: integer('installment_number'),
    component: text('component').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [index('payment_allocations_payment_idx').on(t.paymentId), index('payment_allocations_loan_idx').on(t.loanId)],
);

/** Every step of a loan's life: a dated business event with who did it. */
export const loanEvents = sqliteTable(
  'loan_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    loanId: integer('loan_id')
      .notNull()
      .references(() => loans.id),
    event: text('event').notNull(),
    businessDate: text('business_date').notNull(),
    detail: text('detail'),
    /** The payment the step received (repayment, prepayment, early settlement, recovery). */
    paymentId: integer('payment_id').references((): AnySQLiteColumn => payments.id),
    /** The reversal event that undid this step; the step stays on file. */
    reversedBy: integer('reversed_by').references((): AnySQLiteColumn => loanEvents.id),
    at: text('at').notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('loan_events_loan_idx').on(t.loanId)],
);

export const collateralKinds = ['property', 'land-use-right', 'vehicle', 'equipment', 'equity', 'receivables', 'deposit', 'other'] as const;

/** 抵押物/质押物: owned by a borrower or a third party; its value is the latest valuation. */
export const collateral = sqliteTable(
  'collateral',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerBorrowerId: integer('owner_borrower_id').references(() => borrowers.id),
    ownerName: text('owner_name').notNull(),
    kind: text('kind', { enum: collateralKinds }).notNull(),
    description: text('description').notNull(),
    /** 他项权证 / registration number of the lien. */
    certificateNo: text('certificate_no'),
    lienRank: integer('lien_rank').notNull().default(1),
    appraisedValue: integer('appraised_value').notNull(),
    appraisedOn: text('appraised_on').notNull(),
    insuranceExpiry: text('insurance_expiry'),
    status: text('status', { enum: ['pledged', 'released', 'disposed'] }).notNull(),
    ...stamps,
  },
  (t) => [index('collateral_owner_idx').on(t.ownerBorrowerId)],
);

/** Every valuation is kept: the first appraisal and each revaluation. */
export const collateralValuations = sqliteTable('collateral_valuations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  collateralId: integer('collateral_id')
    .notNull()
    .references(() => collateral.id),
  value: integer('value').notNull(),
  valuedOn: text('valued_on').notNull(),
  appraiser: text('appraiser'),
  at: text('at').notNull(),
  by: text('by').notNull(),
});

/** Which collateral secures which loan, and for how much of its value. */
export const loanCollateral = sqliteTable(
  'loan_collateral',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    loanId: integer('loan_id')
      .notNull()
      .references(() => loans.id),
    collateralId: integer('collateral_id')
      .notNull()
      .references(() => collateral.id),
    securedAmount: integer('secured_amount').notNull(),
    linkedAt: text('linked_at').notNull(),
    linkedBy: text('linked_by').notNull(),
    releasedAt: text('released_at'),
  },
  (t) => [index('loan_collateral_loan_idx').on(t.loanId), index('loan_collateral_collateral_idx').on(t.collateralId)],
);

export const guaranteeKinds = ['personal', 'corporate', 'shareholder', 'joint-group'] as const;

/** 保证人: a person or company (kept as a borrower record) guaranteeing a loan, for an amount and period. */
export const loanGuarantors = sqliteTable(
  'loan_guarantors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    loanId: integer('loan_id')
      .notNull()
      .references(() => loans.id),
    guarantorId: integer('guarantor_id')
      .notNull()
      .references(() => borrowers.id),
    kind: text('kind', { enum: guaranteeKinds }).notNull(),
    amount: integer('amount').notNull(),
    /** 保证期间: by default 6 months after the main debt falls due. */
    periodEnd: text('period_end').notNull(),
    groupName: text('group_name'),
    linkedAt: text('linked_at').notNull(),
    linkedBy: text('linked_by').notNull(),
    releasedAt: text('released_at'),
  },
  (t) => [index('loan_guarantors_loan_idx').on(t.loanId), index('loan_guarantors_guarantor_idx').on(t.guarantorId)],
);
