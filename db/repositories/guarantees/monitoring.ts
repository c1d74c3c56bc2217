import { and, asc, desc, eq, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { insertRow, prepared, updateRow } from '../../prepared';
import { borrowers, counterGuarantees, guaranteeContracts, monitoringChecks, partnerBanks, warningSignals } from '../../schema';

export type MonitoringCheckRow = typeof monitoringChecks.$inferSelect;
export type WarningSignalRow = typeof warningSignals.$inferSelect;

export function insertMonitoringCheck(db: AppDatabase, row: typeof monitoringChecks.$inferInsert): number {
  return insertRow(db, monitoringChecks, row);
}

export function openChecksOf(db: AppDatabase, contractId: number): MonitoringCheckRow[] {
  const query = prepared(db, 'openChecksOf', () =>
    db
      .select()
      .from(monitoringChecks)
      .where(and(eq(monitoringChecks.contractId, sql.placeholder('contractId')), eq(monitoringChecks.status, 'due')))
      .orderBy(asc(monitoringChecks.dueDate), asc(monitoringChecks.id))
      .prepare(),
  );
  return query.all({ contractId });
}

export function checksOf(db: AppDatabase, contractId: number): MonitoringCheckRow[] {
  const query = prepared(db, 'checksOf', () =>
    db.select().from(monitoringChecks).where(eq(monitoringChecks.contractId, sql.placeholder('contractId'))).orderBy(asc(monitoringChecks.id)).prepare(),
  );
  return query.all({ contractId });
}

export function updateMonitoringCheck(db: AppDatabase, id: number, changes: Partial<typeof monitoringChecks.$inferInsert>): void {
  updateRow(db, monitoringChecks, id, changes);
}

/** The newest done check of a contract (its grade decides the watch list with the open signals). */
export function lastDoneCheck(db: AppDatabase, contractId: number): MonitoringCheckRow | undefined {
  const query = prepared(db, 'lastDoneCheck', () =>
    db
      .select()
      .from(monitoringChecks)
      .where(and(eq(monitoringChecks.contractId, sql.placeholder('contractId')), eq(monitoringChecks.status, 'done')))
      .orderBy(desc(monitoringChecks.checkedOn), desc(monitoringChecks.id))
      .limit(1)
      .prepare(),
  );
  return query.get({ contractId });
}

/** How many open checks are due on or before `until` (checksDue's length, from the due index alone). */
export function checksDueCount(db: AppDatabase, until: string): number {
  const query = prepared(db, 'checksDueCount', () => db.$client.prepare<[string], number>("SELECT COUNT(*) FROM monitoring_checks WHERE status = 'due' AND due_date <= ?").pluck());
  return query.get(until) ?? 0;
}

/** Open checks due on or before `until`, oldest first, with the contract, client and bank they concern. */
export function checksDue(db: AppDatabase, filter: { until: string; officer?: string | undefined }) {
  const conditions: SQL[] = [eq(monitoringChecks.status, 'due'), lte(monitoringChecks.dueDate, filter.until)];
  if (filter.officer) conditions.push(eq(monitoringChecks.officer, filter.officer));
  return db
    .select({ check: monitoringChecks, contract: guaranteeContracts, clientName: borrowers.name, bankName: partnerBanks.name })
    .from(monitoringChecks)
    .innerJoin(guaranteeContracts, eq(guaranteeContracts.id, monitoringChecks.contractId))
    .innerJoin(borrowers, eq(borrowers.id, guaranteeContracts.clientId))
    .innerJoin(partnerBanks, eq(partnerBanks.id, guaranteeContracts.bankId))
    .where(and(...conditions))
    .orderBy(asc(monitoringChecks.dueDate), asc(monitoringChecks.id))
    .all();
}

export function insertWarningSignal(db: AppDatabase, row: typeof warningSignals.$inferInsert): number {
  return insertRow(db, warningSignals, row);
}

export function findWarningSignal(db: AppDatabase, id: number): WarningSignalRow | undefined {
  return db.select().from(warningSignals).where(eq(warningSignals.id, id)).get();
}

export function updateWarningSignal(db: AppDatabase, id: number, changes: Partial<typeof warningSignals.$inferInsert>): void {
  db.update(warningSignals).set(changes).where(eq(warningSignals.id, id)).run();
}

export function signalsOf(db: AppDatabase, contractId: number): WarningSignalRow[] {
  const query = prepared(db, 'signalsOf', () =>
    db.select().from(warningSignals).where(eq(warningSignals.contractId, sql.placeholder('contractId'))).orderBy(asc(warningSignals.id)).prepare(),
  );
  return query.all({ contractId });
}

export function openSignalsOf(db: AppDatabase, contractId: number): WarningSignalRow[] {
  const query = prepared(db, 'openSignalsOf', () =>
    db
      .select()
      .from(warningSignals)
      .where(and(eq(warningSignals.contractId, sql.placeholder('contractId')), isNull(warningSignals.clearedOn)))
      .orderBy(asc(warningSignals.id))
      .prepare(),
  );
  return query.all({ contractId });
}

/** In-force contracts with a counter-guarantee on this collateral, and the amount each claims of it. */
export function inForceContractsSecuredBy(db: AppDatabase, collateralId: number) {
  return db
    .select({ contract: guaranteeContracts, securedAmount: counterGuarantees.securedAmount })
    .from(counterGuarantees)
    .innerJoin(guaranteeContracts, eq(guaranteeContracts.id, counterGuarantees.contractId))
    .where(and(eq(counterGuarantees.collateralId, collateralId), eq(guaranteeContracts.status, 'in-force')))
    .all();
}

/** In-force contracts whose bank loan ends on or before `until` (the maturity alerts). */
export function inForceMaturingBy(db: AppDatabase, until: string) {
  return db
    .select({ contract: guaranteeContracts, clientName: borrowers.name, bankName: partnerBanks.name })
    .from(guaranteeContracts)
    .innerJoin(borrowers, eq(borrowers.id, guaranteeContracts.clientId))
    .innerJoin(partnerBanks, eq(partnerBanks.id, guaranteeContracts.bankId))
    .where(and(eq(guaranteeContracts.status, 'in-force'), lte(guaranteeContracts.loanEnd, until)))
    .orderBy(asc(guaranteeContracts.loanEnd), asc(guaranteeContracts.id))
    .all();
}
