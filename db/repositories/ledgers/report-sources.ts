/**
 * Rows for the ledger reports, read a chunk at a time where a book can be large (schedules and the
 * classification list run over every loan), so an export's memory stays flat.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { classRate } from './journal-sources';

/** Loan ids in contract order after `afterContract`, `limit` at a time. */
export function loanChunk(db: AppDatabase, filter: { contractNo?: string; status?: string }, afterContract: string, limit: number): Array<{ id: number; contractNo: string }> {
  const where: SQL[] = [sql`contract_no > ${afterContract}`, sql`schedule_version > 0`];
  if (filter.contractNo) where.push(sql`contract_no = ${filter.contractNo}`);
  if (filter.status) where.push(sql`status = ${filter.status}`);
  return db.all(sql`SELECT id, contract_no AS contractNo FROM loans WHERE ${sql.join(where, sql` AND `)} ORDER BY contract_no LIMIT ${limit}`);
}

export interface ScheduleReportRow {
  contractNo: string;
  borrowerName: string;
  number: number;
  periodStart: string;
  dueDate: string;
  days: number;
  openingBalance: number;
  principal: number;
  interest: number;
  fees: number;
  closingBalance: number;
  paid: number;
}

/** The current schedule of each loan, with what posted repayments paid towards each installment. */
export function scheduleRows(db: AppDatabase, loanIds: readonly number[]): ScheduleReportRow[] {
  if (loanIds.length === 0) return [];
  return db.all(sql`SELECT l.contract_no AS contractNo, b.name AS borrowerName, i.number AS number, i.period_start AS periodStart, i.due_date AS dueDate,
      i.days AS days, i.opening_balance AS openingBalance, i.principal AS principal, i.interest AS interest, i.fees AS fees, i.closing_balance AS closingBalance,
      COALESCE((SELECT SUM(a.amount) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
        WHERE a.loan_id = l.id AND a.installment_number = i.number AND p.status = 'posted'), 0) AS paid
    FROM installments i JOIN loans l ON l.id = i.loan_id AND i.schedule_version = l.schedule_version JOIN borrowers b ON b.id = l.borrower_id
    WHERE l.id IN (${sql.join(loanIds.map((id) => sql`${id}`), sql`, `)}) ORDER BY l.contract_no, i.number`);
}

export interface LoanPositionRow {
  contractNo: string;
  borrowerName: string;
  officer: string;
  outstanding: number;
  overduePrincipal: number;
  overdueInterest: number;
  penalty: number;
  dpd: number;
  bucket: string;
  classification: string;
  nextDueDate: string | null;
  provision: number;
}

/**
 * Loans on the book as the register stands, after `afterContract` in contract order (or by days past due
 * for the aging report), with each loan's provision at the class rates (millionths, rounded half-up).
 */
export function loanPositions(db: AppDatabase, options: { overdueOnly: boolean; rates: Record<string, number>; afterContract: string; limit: number }): LoanPositionRow[] {
  const rate = classRate(options.rates);
  return db.all(sql`SELECT l.contract_no AS contractNo, b.name AS borrowerName, l.loan_officer AS officer, l.outstanding_principal AS outstanding,
      l.overdue_principal AS overduePrincipal, l.overdue_interest AS overdueInterest, l.penalty_outstanding AS penalty, l.dpd AS dpd, l.bucket AS bucket,
      l.classification AS classification, l.next_due_date AS nextDueDate, (l.outstanding_principal * ${rate} + 500000) / 1000000 AS provision
    FROM loans l JOIN borrowers b ON b.id = l.borrower_id
    WHERE l.status = 'disbursed' AND l.contract_no > ${options.afterContract} ${options.overdueOnly ? sql`AND l.dpd > 0` : sql``}
    ORDER BY l.contract_no LIMIT ${options.limit}`);
}

export interface MonitoringLogRow {
  contractNo: string;
  clientName: string;
  officer: string;
  reason: string;
  dueDate: string;
  status: string;
  checkedOn: string | null;
  checkType: string | null;
  riskGrade: string | null;
  findings: string | null;
  nextCheckOn: string | null;
}

/** Checks done in the period, and checks falling due in it that are still open. */
export function monitoringLogRows(db: AppDatabase, from: string, to: string): MonitoringLogRow[] {
  return db.all(sql`SELECT g.contract_no AS contractNo, b.name AS clientName, m.officer AS officer, m.reason AS reason, m.due_date AS dueDate, m.status AS status,
      m.checked_on AS checkedOn, m.check_type AS checkType, m.risk_grade AS riskGrade, m.findings AS findings, m.next_check_on AS nextCheckOn
    FROM monitoring_checks m JOIN guarantee_contracts g ON g.id = m.contract_id JOIN borrowers b ON b.id = g.client_id
    WHERE (m.checked_on >= ${from} AND m.checked_on <= ${to}) OR (m.status = 'due' AND m.due_date >= ${from} AND m.due_date <= ${to})
    ORDER BY COALESCE(m.checked_on, m.due_date), m.id`);
}

export interface CollectionLogRow {
  contactedAt: string;
  debtorLocalTime: string;
  collector: string;
  claimKind: string;
  contractNo: string;
  debtorName: string;
  channel: string;
  party: string;
  outcome: string;
  notes: string | null;
  demandDelivered: number;
  nextActionOn: string | null;
}

/** Contacts recorded in the period (by the day of the contact), optionally one collector's. */
export function collectionLogRows(db: AppDatabase, from: string, to: string, collector?: string): CollectionLogRow[] {
  return db.all(sql`SELECT c.contacted_at AS contactedAt, c.debtor_local_time AS debtorLocalTime, c.recorded_by AS collector, c.claim_kind AS claimKind,
      COALESCE(l.contract_no, g.contract_no, '') AS contractNo, COALESCE(bl.name, bg.name, '') AS debtorName, c.channel AS channel, c.party AS party,
      c.outcome AS outcome, c.notes AS notes, c.demand_delivered AS demandDelivered, c.next_action_on AS nextActionOn
    FROM collection_contacts c
    LEFT JOIN loans l ON c.claim_kind = 'loan' AND l.id = c.claim_id LEFT JOIN borrowers bl ON bl.id = l.borrower_id
    LEFT JOIN guarantee_contracts g ON c.claim_kind = 'guarantee' AND g.id = c.claim_id LEFT JOIN borrowers bg ON bg.id = g.client_id
    WHERE substr(c.contacted_at, 1, 10) >= ${from} AND substr(c.contacted_at, 1, 10) <= ${to} ${collector ? sql`AND c.recorded_by = ${collector}` : sql``}
    ORDER BY c.contacted_at, c.id`);
}

/** Borrowers in id order after `afterId`: the migration package's borrowers sheet. */
export function borrowerChunk(db: AppDatabase, afterId: number, limit: number) {
  return db.all<{ id: number; kind: string; name: string; idType: string; idNumber: string; phone: string | null; address: string | null; industry: string | null; note: string | null }>(sql`SELECT id, kind, name, id_type AS idType, id_number AS idNumber, phone, address, industry, note FROM borrowers WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`);
}

export interface LoanBookRow {
  id: number;
  contractNo: string;
  idNumber: string;
  terms: string;
  productCode: string | null;
  purpose: string | null;
  securityType: string;
  settledOn: string | null;
  writeOffDetail: string | null;
}

/** Disbursed loans (on the book or not) with what their history needs: terms, product, settlement, write-off. */
export function loanBookChunk(db: AppDatabase, afterId: number, limit: number): LoanBookRow[] {
  return db.all(sql`SELECT l.id AS id, l.contract_no AS contractNo, b.id_number AS idNumber, l.terms AS terms, p.code AS productCode, l.purpose AS purpose, l.security_type AS securityType,
      (SELECT MAX(e.business_date) FROM loan_events e WHERE e.loan_id = l.id AND e.event = 'early-settlement' AND e.reversed_by IS NULL) AS settledOn,
      (SELECT MAX(e.detail) FROM loan_events e WHERE e.loan_id = l.id AND e.event = 'written-off' AND e.reversed_by IS NULL) AS writeOffDetail
    FROM loans l JOIN borrowers b ON b.id = l.borrower_id LEFT JOIN loan_products p ON p.id = l.product_id
    WHERE l.disbursement_date IS NOT NULL AND l.id > ${afterId} ORDER BY l.id LIMIT ${limit}`);
}

/** Posted receipts of the given loans in value-date order, with the early-settlement payoff to leave out. */
export function loanBookPayments(db: AppDatabase, loanIds: readonly number[]) {
  if (loanIds.length === 0) return [];
  return db.all<{ loanId: number; contractNo: string; date: string; amount: number; channel: string; reference: string | null; kind: string }>(sql`SELECT p.loan_id AS loanId, l.contract_no AS contractNo, p.value_date AS date, p.amount AS amount, p.channel AS channel, p.reference AS reference, p.kind AS kind
    FROM payments p JOIN loans l ON l.id = p.loan_id WHERE p.status = 'posted' AND p.loan_id IN (${sql.join(loanIds.map((id) => sql`${id}`), sql`, `)}) ORDER BY l.id, p.value_date, p.id`);
}
