/**
 * The business records vouchers are built from, each as one ordered list of small rows. Plain SQL
 * aggregates (no SQLite-only functions) so the office-server mode can run them on PostgreSQL.
 */
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { provisionRuns } from '../../schema';

/** Loans lent on or before `to`: one disbursement voucher each. */
export function disbursementsUpTo(db: AppDatabase, to: string): Array<{ contractNo: string; date: string; principal: number }> {
  return db.all(sql`SELECT contract_no AS contractNo, disbursement_date AS date, principal FROM loans
    WHERE disbursement_date IS NOT NULL AND disbursement_date <= ${to} ORDER BY disbursement_date, id`);
}

/**
 * Interest falling due each day (the current schedule version carries the past installments over, so
 * it is the whole contractual history); a written-off loan stops accruing on its write-off date.
 */
export function interestDueByDay(db: AppDatabase, to: string): Array<{ date: string; interest: number; loans: number }> {
  return db.all(sql`SELECT i.due_date AS date, SUM(i.interest) AS interest, COUNT(*) AS loans
    FROM installments i
    JOIN loans l ON l.id = i.loan_id AND i.schedule_version = l.schedule_version
    LEFT JOIN loan_events w ON w.loan_id = l.id AND w.event = 'written-off' AND w.reversed_by IS NULL
    WHERE l.disbursement_date IS NOT NULL AND i.due_date <= ${to} AND i.interest <> 0
      AND (w.business_date IS NULL OR i.due_date <= w.business_date)
    GROUP BY i.due_date ORDER BY i.due_date`);
}

export interface ReceiptRow {
  paymentId: number;
  contractNo: string;
  borrowerName: string;
  date: string;
  kind: 'repayment' | 'recovery';
  channel: string;
  reference: string | null;
  amount: number;
  principal: number;
  interest: number;
  penalty: number;
  fees: number;
  costs: number;
}

/**
 * Posted receipts with their split by component (the replay's allocations), in value-date order: up to `to`,
 * from `from` when given, of one kind or one contract when asked. A recovery after write-off has no split.
 */
export function receiptsWithSplit(db: AppDatabase, options: { to: string; from?: string; kind?: 'repayment' | 'recovery'; contractNo?: string }): ReceiptRow[] {
  return db.all(sql`SELECT p.id AS paymentId, l.contract_no AS contractNo, b.name AS borrowerName, p.value_date AS date, p.kind AS kind,
      p.channel AS channel, p.reference AS reference, p.amount AS amount,
      COALESCE(SUM(CASE WHEN a.component = 'principal' THEN a.amount END), 0) AS principal,
      COALESCE(SUM(CASE WHEN a.component = 'interest' THEN a.amount END), 0) AS interest,
      COALESCE(SUM(CASE WHEN a.component = 'penalty' THEN a.amount END), 0) AS penalty,
      COALESCE(SUM(CASE WHEN a.component = 'fees' THEN a.amount END), 0) AS fees,
      COALESCE(SUM(CASE WHEN a.component = 'costs' THEN a.amount END), 0) AS costs
    FROM payments p JOIN loans l ON l.id = p.loan_id JOIN borrowers b ON b.id = l.borrower_id
    LEFT JOIN payment_allocations a ON a.payment_id = p.id
    WHERE p.status = 'posted' AND p.value_date <= ${options.to}
      ${options.from ? sql`AND p.value_date >= ${options.from}` : sql``}
      ${options.kind ? sql`AND p.kind = ${options.kind}` : sql``}
      ${options.contractNo ? sql`AND l.contract_no = ${options.contractNo}` : sql``}
    GROUP BY p.id, l.contract_no, b.name, p.value_date, p.kind, p.channel, p.reference, p.amount ORDER BY p.value_date, p.id`);
}

/** Receipts on written-off loans (核销后收回). */
export function loanRecoveriesUpTo(db: AppDatabase, to: string): Array<{ contractNo: string; date: string; amount: number }> {
  return db.all(sql`SELECT l.contract_no AS contractNo, p.value_date AS date, p.amount AS amount FROM payments p JOIN loans l ON l.id = p.loan_id
    WHERE p.status = 'posted' AND p.kind = 'recovery' AND p.value_date <= ${to} ORDER BY p.value_date, p.id`);
}

/**
 * Write-offs with what leaves the book: the principal written off, and the interest accrued (due) up to
 * the write-off date less the interest received, which is reversed out of income.
 */
export function writeOffsUpTo(db: AppDatabase, to: string): Array<{ contractNo: string; date: string; principal: number; interestReceivable: number }> {
  return db.all(sql`SELECT l.contract_no AS contractNo, w.business_date AS date, l.written_off AS principal,
      COALESCE((SELECT SUM(i.interest) FROM installments i WHERE i.loan_id = l.id AND i.schedule_version = l.schedule_version AND i.due_date <= w.business_date), 0)
      - COALESCE((SELECT SUM(a.amount) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
          WHERE a.loan_id = l.id AND a.component = 'interest' AND p.status = 'posted' AND p.kind = 'repayment'), 0) AS interestReceivable
    FROM loan_events w JOIN loans l ON l.id = w.loan_id
    WHERE w.event = 'written-off' AND w.reversed_by IS NULL AND w.business_date <= ${to} ORDER BY w.business_date, l.id`);
}

/** Enforcement costs the lender paid (legal cases), against a loan or a compensation claim, with its contract number. */
export function legalCostsUpTo(db: AppDatabase, to: string): Array<{ date: string; amount: number; contractNo: string }> {
  return db.all(sql`SELECT c.cost_date AS date, c.amount AS amount, COALESCE(l.contract_no, g.contract_no, '') AS contractNo FROM legal_costs c
    LEFT JOIN loans l ON c.claim_kind = 'loan' AND l.id = c.claim_id
    LEFT JOIN guarantee_contracts g ON c.claim_kind = 'guarantee' AND g.id = c.claim_id
    WHERE c.cost_date <= ${to} ORDER BY c.cost_date, c.id`);
}

export function provisionRunsUpTo(db: AppDatabase, to: string): Array<{ date: string; required: number }> {
  return db
    .select({ date: provisionRuns.businessDate, required: provisionRuns.required })
    .from(provisionRuns)
    .where(sql`${provisionRuns.businessDate} <= ${to}`)
    .orderBy(asc(provisionRuns.businessDate))
    .all();
}

/** Records what the book required on a close date (one row per date; a re-run replaces it). */
export function recordProvisionRun(db: AppDatabase, row: typeof provisionRuns.$inferInsert): void {
  db.delete(provisionRuns).where(eq(provisionRuns.businessDate, row.businessDate)).run();
  db.insert(provisionRuns).values(row).run();
}

/**
 * Outstanding principal by class over loans on the book, and the provision each class requires at
 * rates in millionths, rounded per loan (half-up) as the classification report shows it. The rates are
 * written into the SQL as integer literals (validated settings) so the division stays integer division.
 */
/** A loan's provision rate by its class, as a SQL expression over `l` (the rates written in as integer literals). */
export function classRate(rateMillionths: Record<string, number>): SQL {
  return sql`CASE l.classification ${sql.join(
    Object.entries(rateMillionths).map(([k, rate]) => sql`WHEN ${k} THEN ${sql.raw(String(Math.trunc(rate)))}`),
    sql` `,
  )} ELSE 0 END`;
}

export function provisionByClass(db: AppDatabase, rateMillionths: Record<string, number>): Array<{ classification: string; loans: number; outstanding: number; provision: number }> {
  const rate = classRate(rateMillionths);
  return db.all(sql`SELECT l.classification AS classification, COUNT(*) AS loans, SUM(l.outstanding_principal) AS outstanding,
      SUM((l.outstanding_principal * ${rate} + 500000) / 1000000) AS provision
    FROM loans l WHERE l.status = 'disbursed' GROUP BY l.classification ORDER BY l.classification`);
}

/**
 * The sub-ledgers' own figures, read from the loan and guarantee records rather than the vouchers, so the
 * trial balance can be tied to them: loans on the book, interest due and unpaid (negative when paid ahead)
 * on loans not written off, compensation receivable and margin deposits held.
 */
export function subLedgerFigures(db: AppDatabase, asOf: string) {
  const loansRow = db.get<{ outstanding: number | null }>(sql`SELECT SUM(outstanding_principal) AS outstanding FROM loans WHERE status = 'disbursed'`);
  const interestRow = db.get<{ due: number | null; paid: number | null }>(sql`SELECT
      (SELECT SUM(i.interest) FROM installments i JOIN loans l ON l.id = i.loan_id AND i.schedule_version = l.schedule_version
        WHERE l.status IN ('disbursed', 'settled') AND i.due_date <= ${asOf}) AS due,
      (SELECT SUM(a.amount) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id JOIN loans l ON l.id = p.loan_id
        WHERE a.component = 'interest' AND p.status = 'posted' AND p.kind = 'repayment' AND p.value_date <= ${asOf} AND l.status IN ('disbursed', 'settled')) AS paid`);
  const guaranteeRow = db.get<{ receivable: number | null; margin: number | null }>(sql`SELECT
      SUM(compensated_amount - recovered_amount - loss_amount) AS receivable,
      SUM(CASE WHEN status IN ('in-force', 'compensated', 'recovering') THEN margin_deposit ELSE 0 END) AS margin
    FROM guarantee_contracts`);
  return {
    loansOutstanding: Number(loansRow?.outstanding ?? 0),
    interestReceivable: Number(interestRow?.due ?? 0) - Number(interestRow?.paid ?? 0),
    compensationReceivable: Number(guaranteeRow?.receivable ?? 0),
    marginHeld: Number(guaranteeRow?.margin ?? 0),
  };
}
