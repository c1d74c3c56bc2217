/**
 * What an import checks a file against: the keys already in the book (identity numbers, contract
 * numbers, collateral certificates, bank names), read once per import rather than once per row.
 */
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../../open';

export function borrowersByIdNumber(db: AppDatabase): Map<string, { id: number; name: string }> {
  const rows = db.all<{ id: number; name: string; idNumber: string }>(sql`SELECT id, name, id_number AS idNumber FROM borrowers`);
  return new Map(rows.map((r) => [r.idNumber.toUpperCase(), { id: r.id, name: r.name }]));
}

export function collateralCertificates(db: AppDatabase): Map<string, number> {
  const rows = db.all<{ id: number; certificateNo: string }>(sql`SELECT id, certificate_no AS certificateNo FROM collateral WHERE certificate_no IS NOT NULL`);
  return new Map(rows.map((r) => [r.certificateNo, r.id]));
}

export function loansByContract(db: AppDatabase): Map<string, { borrowerId: number; principal: number }> {
  const rows = db.all<{ contractNo: string; borrowerId: number; principal: number }>(sql`SELECT contract_no AS contractNo, borrower_id AS borrowerId, principal FROM loans`);
  return new Map(rows.map((r) => [r.contractNo, { borrowerId: r.borrowerId, principal: r.principal }]));
}

export function guaranteesByContract(db: AppDatabase): Map<string, { clientId: number; guaranteedAmount: number }> {
  const rows = db.all<{ contractNo: string; clientId: number; guaranteedAmount: number }>(sql`SELECT contract_no AS contractNo, client_id AS clientId, guaranteed_amount AS guaranteedAmount FROM guarantee_contracts`);
  return new Map(rows.map((r) => [r.contractNo, { clientId: r.clientId, guaranteedAmount: r.guaranteedAmount }]));
}

export function banksByName(db: AppDatabase): Map<string, number> {
  const rows = db.all<{ id: number; name: string }>(sql`SELECT id, name FROM partner_banks WHERE active = 1`);
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Bank repayments on file, as contract|date|fen, so a file imported twice adds none twice. */
export function bankRepaymentKeys(db: AppDatabase): Set<string> {
  const rows = db.all<{ contractNo: string; date: string; amount: number }>(sql`SELECT g.contract_no AS contractNo, e.business_date AS date, e.amount AS amount
    FROM guarantee_events e JOIN guarantee_contracts g ON g.id = e.contract_id WHERE e.event IN ('bank-repayment', 'released') AND e.amount IS NOT NULL`);
  return new Set(rows.map((r) => `${r.contractNo}|${r.date}|${r.amount}`));
}
