import { and, asc, count, desc, eq, lte, sql, sum, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { insertRow, prepared, updateRow } from '../../prepared';
import { borrowers, counterGuarantees, guaranteeContracts, guaranteeEvents, partnerBanks } from '../../schema';

export type BankRow = typeof partnerBanks.$inferSelect;
export type GuaranteeRow = typeof guaranteeContracts.$inferSelect;
export type NewGuaranteeRow = typeof guaranteeContracts.$inferInsert;

export function insertBank(db: AppDatabase, row: typeof partnerBanks.$inferInsert): number {
  return db.insert(partnerBanks).values(row).returning({ id: partnerBanks.id }).get().id;
}

export function findBank(db: AppDatabase, id: number): BankRow | undefined {
  return prepared(db, 'findBank', () => db.select().from(partnerBanks).where(eq(partnerBanks.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function allBanks(db: AppDatabase): BankRow[] {
  return db.select().from(partnerBanks).orderBy(asc(partnerBanks.id)).all();
}

/** A bank's in-force guaranteed balance, against its credit line (kept by triggers: guarantee_bank_exposures). */
export function bankUsage(db: AppDatabase, bankId: number): number {
  const query = prepared(db, 'bankUsage', () => db.$client.prepare<[number], number>('SELECT in_force FROM guarantee_bank_exposures WHERE bank_id = ?').pluck());
  return query.get(bankId) ?? 0;
}

export function insertGuarantee(db: AppDatabase, row: NewGuaranteeRow): number {
  return insertRow(db, guaranteeContracts, row);
}

export function findGuarantee(db: AppDatabase, id: number): GuaranteeRow | undefined {
  return prepared(db, 'findGuarantee', () => db.select().from(guaranteeContracts).where(eq(guaranteeContracts.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function findGuaranteeByNo(db: AppDatabase, contractNo: string): GuaranteeRow | undefined {
  const query = prepared(db, 'findGuaranteeByNo', () => db.select().from(guaranteeContracts).where(eq(guaranteeContracts.contractNo, sql.placeholder('contractNo'))).prepare());
  return query.get({ contractNo });
}

export function updateGuarantee(db: AppDatabase, id: number, changes: Partial<typeof guaranteeContracts.$inferInsert>): void {
  updateRow(db, guaranteeContracts, id, changes);
}

/** How many contracts were ever recorded: none is ever deleted, so the highest id (one index step, where a count reads every row). */
export function countGuarantees(db: AppDatabase): number {
  return prepared(db, 'countGuarantees', () => db.$client.prepare<[], number | null>('SELECT MAX(id) FROM guarantee_contracts').pluck()).get() ?? 0;
}

export function insertGuaranteeEvent(db: AppDatabase, row: typeof guaranteeEvents.$inferInsert): void {
  insertRow(db, guaranteeEvents, row);
}

export function guaranteeEventsOf(db: AppDatabase, contractId: number) {
  const query = prepared(db, 'guaranteeEventsOf', () =>
    db.select().from(guaranteeEvents).where(eq(guaranteeEvents.contractId, sql.placeholder('contractId'))).orderBy(asc(guaranteeEvents.id)).prepare(),
  );
  return query.all({ contractId });
}

/** A client's in-force guaranteed balance (for concentration). */
export function clientInForce(db: AppDatabase, clientIds: number[]): number {
  if (clientIds.length === 0) return 0;
  // Prepared once per number of clients (mostly one: the client itself).
  const query = prepared(db, `clientInForce:${clientIds.length}`, () =>
    db.$client
      .prepare<number[], number | null>(
        `SELECT SUM(guaranteed_amount - repaid_to_bank) FROM guarantee_contracts WHERE client_id IN (${clientIds.map(() => '?').join(', ')}) AND status = 'in-force'`,
      )
      .pluck(),
  );
  return query.get(...clientIds) ?? 0;
}

export interface GuaranteeQuery {
  status?: GuaranteeRow['status'] | undefined;
  bankId?: number | undefined;
  clientId?: number | undefined;
  guaranteeType?: GuaranteeRow['guaranteeType'] | undefined;
  clientSize?: GuaranteeRow['clientSize'] | undefined;
  watchList?: boolean | undefined;
  loanEndBy?: string | undefined;
  page: number;
  pageSize: number;
}

export function queryGuarantees(db: AppDatabase, filter: GuaranteeQuery) {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(guaranteeContracts.status, filter.status));
  if (filter.bankId) conditions.push(eq(guaranteeContracts.bankId, filter.bankId));
  if (filter.clientId) conditions.push(eq(guaranteeContracts.clientId, filter.clientId));
  if (filter.guaranteeType) conditions.push(eq(guaranteeContracts.guaranteeType, filter.guaranteeType));
  if (filter.clientSize) conditions.push(eq(guaranteeContracts.clientSize, filter.clientSize));
  if (filter.watchList !== undefined) conditions.push(eq(guaranteeContracts.watchList, filter.watchList));
  if (filter.loanEndBy) conditions.push(lte(guaranteeContracts.loanEnd, filter.loanEndBy));
  const where = conditions.length ? and(...conditions) : undefined;
  const inForce = sql<number>`CASE WHEN ${guaranteeContracts.status} = 'in-force' THEN ${guaranteeContracts.guaranteedAmount} - ${guaranteeContracts.repaidToBank} ELSE 0 END`;
  const sums = db
    .select({ n: count(), guaranteed: sum(guaranteeContracts.guaranteedAmount), outstanding: sum(inForce), compensated: sum(guaranteeContracts.compensatedAmount), recovered: sum(guaranteeContracts.recoveredAmount) })
    .from(guaranteeContracts)
    .where(where)
    .get();
  const rows = db
    .select({ contract: guaranteeContracts, clientName: borrowers.name, bankName: partnerBanks.name })
    .from(guaranteeContracts)
    .innerJoin(borrowers, eq(borrowers.id, guaranteeContracts.clientId))
    .innerJoin(partnerBanks, eq(partnerBanks.id, guaranteeContracts.bankId))
    .where(where)
    .orderBy(desc(guaranteeContracts.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .all();
  return {
    rows,
    total: sums?.n ?? 0,
    sums: { guaranteed: Number(sums?.guaranteed ?? 0), outstanding: Number(sums?.outstanding ?? 0), compensated: Number(sums?.compensated ?? 0), recovered: Number(sums?.recovered ?? 0) },
  };
}

type RatioBookRow = Pick<GuaranteeRow, 'id' | 'contractNo' | 'status' | 'marginDeposit' | 'clientId' | 'clientSize' | 'guaranteeType' | 'issuerRating' | 'guaranteedAmount' | 'feeRate' | 'feeCharging' | 'loanStart' | 'loanEnd'>;
type RatioBookEvent = { contractId: number; event: string; date: string; amount: number };

/**
 * The guarantee book (or one client's part of it) with each contract's dated events, as the ratio
 * functions and the voucher journal read it: two ordered reads of the columns they use.
 */
export function ratioBook(db: AppDatabase, clientId?: number): Array<RatioBookRow & { events: RatioBookEvent[] }> {
  // Prepared once each (the entry check reads one client's part for every new contract), rows straight
  // from the driver: every column here is a plain integer or text.
  const whose = clientId === undefined ? 'book' : 'client';
  const contractsQuery = prepared(db, `ratioBook:contracts:${whose}`, () =>
    db.$client.prepare<unknown[], RatioBookRow>(
      `SELECT id, contract_no AS contractNo, status, margin_deposit AS marginDeposit, client_id AS clientId, client_size AS clientSize,
        guarantee_type AS guaranteeType, issuer_rating AS issuerRating, guaranteed_amount AS guaranteedAmount, fee_rate AS feeRate,
        fee_charging AS feeCharging, loan_start AS loanStart, loan_end AS loanEnd
      FROM guarantee_contracts ${whose === 'book' ? '' : 'WHERE client_id = @clientId'} ORDER BY id`,
    ),
  );
  const eventsQuery = prepared(db, `ratioBook:events:${whose}`, () =>
    db.$client.prepare<unknown[], RatioBookEvent>(
      whose === 'book'
        ? 'SELECT contract_id AS contractId, event, business_date AS date, COALESCE(amount, 0) AS amount FROM guarantee_events ORDER BY id'
        : `SELECT e.contract_id AS contractId, e.event, e.business_date AS date, COALESCE(e.amount, 0) AS amount FROM guarantee_contracts g
            JOIN guarantee_events e ON e.contract_id = g.id WHERE g.client_id = @clientId ORDER BY e.id`,
    ),
  );
  const contracts = clientId === undefined ? contractsQuery.all() : contractsQuery.all({ clientId });
  const events = clientId === undefined ? eventsQuery.all() : eventsQuery.all({ clientId });
  // Grouped by position (contract ids are row ids), which at 100,000 events is much quicker than a Map.
  const byContract: RatioBookEvent[][] = [];
  for (const e of events) (byContract[e.contractId] ??= []).push(e);
  return contracts.map((contract) => Object.assign(contract, { events: byContract[contract.id] ?? [] }));
}

/**
 * 融资担保责任余额 now (every event is dated on or before the business date, so the contracts' current
 * state is the book at its end), as shared/guarantees/ratios' weightedLiability weighs it: one number
 * kept by triggers (migration guarantee_exposure_triggers) as contracts change.
 */
export function weightedLiabilityNow(db: AppDatabase): number {
  const query = prepared(db, 'weightedLiabilityNow', () => db.$client.prepare('SELECT weighted FROM guarantee_liability_total WHERE id = 1').pluck());
  return Number(query.get() ?? 0);
}

/**
 * The guarantee book now from the contracts' running figures (every event is dated on or before the
 * business date): the in-force balance, and released, compensated and confirmed-lost to date — the sums
 * of the contracts' bank repayments and releases, compensations and losses.
 */
export function guaranteeBookTotals(db: AppDatabase): { inForce: number; released: number; compensated: number; losses: number } {
  const query = prepared(db, 'guaranteeBookTotals', () =>
    db.$client.prepare<[], { inForce: number | null; released: number | null; compensated: number | null; losses: number | null }>(
      `SELECT SUM(CASE WHEN status = 'in-force' THEN guaranteed_amount - repaid_to_bank ELSE 0 END) AS inForce,
        SUM(released_amount) AS released, SUM(compensated_amount) AS compensated, SUM(loss_amount) AS losses FROM guarantee_contracts`,
    ),
  );
  const row = query.get();
  return { inForce: row?.inForce ?? 0, released: row?.released ?? 0, compensated: row?.compensated ?? 0, losses: row?.losses ?? 0 };
}

/** How many contracts in force end on or before `until`, and their outstanding (the maturity alert's count). */
export function inForceEndingBy(db: AppDatabase, until: string): { contracts: number; outstanding: number } {
  const query = prepared(db, 'inForceEndingBy', () =>
    db.$client.prepare<[string], { contracts: number; outstanding: number | null }>(
      "SELECT COUNT(*) AS contracts, SUM(guaranteed_amount - repaid_to_bank) AS outstanding FROM guarantee_contracts WHERE status = 'in-force' AND loan_end <= ?",
    ),
  );
  const row = query.get(until);
  return { contracts: row?.contracts ?? 0, outstanding: row?.outstanding ?? 0 };
}

export function insertCounterGuarantee(db: AppDatabase, row: typeof counterGuarantees.$inferInsert): void {
  db.insert(counterGuarantees).values(row).run();
}

export function counterGuaranteesOf(db: AppDatabase, contractId: number) {
  const query = prepared(db, 'counterGuaranteesOf', () =>
    db.select().from(counterGuarantees).where(eq(counterGuarantees.contractId, sql.placeholder('contractId'))).orderBy(asc(counterGuarantees.id)).prepare(),
  );
  return query.all({ contractId });
}

/** How much of a collateral item's value counter-guarantees already claim. */
export function counterSecuredTotal(db: AppDatabase, collateralId: number): number {
  const row = db.select({ total: sum(counterGuarantees.securedAmount) }).from(counterGuarantees).where(eq(counterGuarantees.collateralId, collateralId)).get();
  return Number(row?.total ?? 0);
}
