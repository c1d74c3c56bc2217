import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stamps } from './columns';
import { borrowers, collateral } from './lending';
import { checkTypes, monitoringReasons } from '../../shared/guarantees/monitoring';

/** 合作银行: the credit line (授信额度) a bank grants the guarantor, with agreed margin and risk share. */
export const partnerBanks = sqliteTable(
  'partner_banks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    branch: text('branch'),
    contact: text('contact'),
    phone: text('phone'),
    creditLine: integer('credit_line').notNull(),
    lineValidFrom: text('line_valid_from').notNull(),
    lineValidTo: text('line_valid_to').notNull(),
    /** Millionths: 20% margin = 200000. */
    marginRatio: integer('margin_ratio').notNull().default(0),
    riskShare: integer('risk_share').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...stamps,
  },
  (t) => [uniqueIndex('partner_banks_name_branch_uq').on(t.name, t.branch)],
);

export const guaranteeStatuses = ['applied', 'approved', 'in-force', 'released', 'compensated', 'recovering', 'closed', 'loss'] as const;

/** 担保合同 with a partner bank for a client's loan (or bond); amounts in fen, rates in millionths. */
export const guaranteeContracts = sqliteTable(
  'guarantee_contracts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractNo: text('contract_no').notNull(),
    clientId: integer('client_id')
      .notNull()
      .references(() => borrowers.id),
    bankId: integer('bank_id')
      .notNull()
      .references(() => partnerBanks.id),
    guaranteeType: text('guarantee_type', { enum: ['loan', 'bond', 'other'] }).notNull(),
    clientSize: text('client_size', { enum: ['small-micro', 'farm-household', 'other'] }).notNull(),
    issuerRating: text('issuer_rating'),
    guaranteedAmount: integer('guaranteed_amount').notNull(),
    bankLoanNo: text('bank_loan_no'),
    bankLoanRate: integer('bank_loan_rate').notNull(),
    loanStart: text('loan_start').notNull(),
    loanEnd: text('loan_end').notNull(),
    feeRate: integer('fee_rate').notNull(),
    feeCharging: text('fee_charging', { enum: ['upfront', 'yearly'] }).notNull(),
    marginDeposit: integer('margin_deposit').notNull().default(0),
    bankRiskShare: integer('bank_risk_share').notNull().default(0),
    reviewDate: text('review_date'),
    reviewMembers: text('review_members'),
    reviewConditions: text('review_conditions'),
    officer: text('officer').notNull(),
    status: text('status', { enum: guaranteeStatuses }).notNull(),
    repaidToBank: integer('repaid_to_bank').notNull().default(0),
    releasedAmount: integer('released_amount').notNull().default(0),
    releasedOn: text('released_on'),
    compensatedAmount: integer('compensated_amount').notNull().default(0),
    compensatedOn: text('compensated_on'),
    recoveredAmount: integer('recovered_amount').notNull().default(0),
    lossAmount: integer('loss_amount').notNull().default(0),
    lossEvidenceType: text('loss_evidence_type'),
    lossDocumentNo: text('loss_document_no'),
    watchList: integer('watch_list', { mode: 'boolean' }).notNull().default(false),
    ...stamps,
  },
  (t) => [
    uniqueIndex('guarantee_contracts_no_uq').on(t.contractNo),
    // Covers a client's in-force balance (the concentration checks at entry read it for every new contract).
    index('guarantee_contracts_client_idx').on(t.clientId, t.status, t.guaranteedAmount, t.repaidToBank),
    // The bank index covers the in-force amounts: a bank's line usage is read from the index alone.
    index('guarantee_contracts_bank_idx').on(t.bankId, t.status, t.guaranteedAmount, t.repaidToBank),
  ],
);

/**
 * Each client's in-force guaranteed balance by weighting class (kept by triggers on guarantee_contracts,
 * migration guarantee_client_exposures), so the entry check weighs the whole book (融资担保责任余额) from
 * one row per client instead of every contract and event. `…Weighted` columns hold the per-contract
 * half-up rounded 75% (small/micro, farm household) and 80% (bonds rated AA or above) amounts; whether the
 * 75% applies depends on the client's total loan guarantees against the caps, so it is chosen when read.
 */
export const guaranteeClientExposures = sqliteTable('guarantee_client_exposures', {
  clientId: integer('client_id').primaryKey(),
  loanSmallMicro: integer('loan_small_micro').notNull(),
  loanSmallMicroWeighted: integer('loan_small_micro_weighted').notNull(),
  loanFarmHousehold: integer('loan_farm_household').notNull(),
  loanFarmHouseholdWeighted: integer('loan_farm_household_weighted').notNull(),
  loanOther: integer('loan_other').notNull(),
  bondHighWeighted: integer('bond_high_weighted').notNull(),
  otherBalance: integer('other_balance').notNull(),
});

/**
 * Each partner bank's in-force guaranteed balance (kept by triggers on guarantee_contracts, migration
 * guarantee_bank_exposures), so checking a contract against the bank's credit line (合作银行授信额度)
 * reads one row instead of summing the bank's contracts.
 */
export const guaranteeBankExposures = sqliteTable('guarantee_bank_exposures', {
  bankId: integer('bank_id').primaryKey(),
  inForce: integer('in_force').notNull(),
});

/** Every step of a guarantee: a dated event with the amount and who recorded it. */
export const guaranteeEvents = sqliteTable(
  'guarantee_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractId: integer('contract_id')
      .notNull()
      .references(() => guaranteeContracts.id),
    event: text('event').notNull(),
    businessDate: text('business_date').notNull(),
    amount: integer('amount'),
    detail: text('detail'),
    at: text('at').notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('guarantee_events_contract_idx').on(t.contractId)],
);

/** 反担保: collateral (mortgage, pledge), a person's or company's guarantee, or margin. */
export const counterGuarantees = sqliteTable(
  'counter_guarantees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractId: integer('contract_id')
      .notNull()
      .references(() => guaranteeContracts.id),
    kind: text('kind', { enum: ['mortgage', 'pledge', 'guarantee', 'margin'] }).notNull(),
    collateralId: integer('collateral_id').references(() => collateral.id),
    guarantorId: integer('guarantor_id').references(() => borrowers.id),
    securedAmount: integer('secured_amount').notNull(),
    linkedAt: text('linked_at').notNull(),
    linkedBy: text('linked_by').notNull(),
  },
  (t) => [index('counter_guarantees_contract_idx').on(t.contractId)],
);

/**
 * 保后检查: a check due on a contract (the task list) and, once done, its record. Recording a check
 * closes every open task of the contract and schedules the next one.
 */
export const monitoringChecks = sqliteTable(
  'monitoring_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractId: integer('contract_id')
      .notNull()
      .references(() => guaranteeContracts.id),
    dueDate: text('due_date').notNull(),
    reason: text('reason', { enum: monitoringReasons }).notNull(),
    officer: text('officer').notNull(),
    status: text('status', { enum: ['due', 'done', 'cancelled'] }).notNull(),
    checkedOn: text('checked_on'),
    checkType: text('check_type', { enum: checkTypes }),
    findings: text('findings'),
    /** The five-category grade (正常 / 关注 / 次级 / 可疑 / 损失) the officer gives after the check. */
    riskGrade: text('risk_grade'),
    nextCheckOn: text('next_check_on'),
    closedNote: text('closed_note'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    closedAt: text('closed_at'),
    closedBy: text('closed_by'),
  },
  // A contract's open checks in due order come from its own index entries (with the due index alone, SQLite
  // would walk every open check of the book for one contract).
  (t) => [index('monitoring_checks_contract_idx').on(t.contractId, t.status, t.dueDate), index('monitoring_checks_due_idx').on(t.status, t.dueDate)],
);

/** 预警信号: raised by hand or from data (a collateral revaluation below its pledged amount); cleared with a reason. */
export const warningSignals = sqliteTable(
  'warning_signals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractId: integer('contract_id')
      .notNull()
      .references(() => guaranteeContracts.id),
    signal: text('signal').notNull(),
    source: text('source', { enum: ['manual', 'data'] }).notNull(),
    raisedOn: text('raised_on').notNull(),
    detail: text('detail'),
    raisedAt: text('raised_at').notNull(),
    raisedBy: text('raised_by').notNull(),
    clearedOn: text('cleared_on'),
    clearReason: text('clear_reason'),
    clearedAt: text('cleared_at'),
    clearedBy: text('cleared_by'),
  },
  (t) => [index('warning_signals_contract_idx').on(t.contractId)],
);

/**
 * The book's weighted liability (融资担保责任余额) now: one row, kept by triggers on
 * guarantee_client_exposures, so checking a new contract against the leverage limit reads one number
 * however large the book. The 5 million / 2 million caps of the 75% weighting are the regulation's
 * (shared/guarantees/ratios' settings); the triggers hold the same figures.
 */
export const guaranteeLiabilityTotal = sqliteTable('guarantee_liability_total', {
  id: integer('id').primaryKey(),
  weighted: integer('weighted').notNull(),
});
