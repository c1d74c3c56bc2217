import { and, asc, count, desc, eq, inArray, lte, sql, sum, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { borrowers, counterGuarantees, guaranteeContracts, guaranteeEvents, partnerBanks } from '../../schema';

export type BankRow = typeof partnerBanks.$inferSelect;
export type GuaranteeRow = typeof guaranteeContracts.$inferSelect;

export function insertBank(db: AppDatabase, row: typeof partnerBanks.$inferInsert): number {
  return db.insert(partnerBanks).values(row).returning({ id: partnerBanks.id }).get().id;
}

export function findBank(db: AppDatabase, id: number): BankRow | undefined {
  return db.select().from(partnerBanks).where(eq(partnerBanks.id, id)).get();
}

export function allBanks(db: AppDatabase): BankRow[] {
  return db.select().from(partnerBanks).orderBy(asc(partnerBanks.id)).all();
}

/** In-force balance guaranteed under a bank's line: guaranteed − repaid, over contracts in force. */
export function bankUsage(db: AppDatabase, bankId: number): number {
  const row = db
    .select({ guaranteed: sum(guaranteeContracts.guaranteedAmount), repaid: sum(guaranteeContracts.repaidToBank) })
    .from(guaranteeContracts)
    .where(and(eq(guaranteeContracts.bankId, bankId), eq(guaranteeContracts.status, 'in-force')))
    .get();
  return Number(row?.guaranteed ?? 0) - Number(row?.repaid ?? 0);
}

export function insertGuarantee(db: AppDatabase, row: typeof guaranteeContracts.$inferInsert): number {
  return db.insert(guaranteeContracts).values(row).returning({ id: guaranteeContracts.id }).get().id;
}

export function findGuarantee(db: AppDatabase, id: number): GuaranteeRow | undefined {
  return db.select().from(guaranteeContracts).where(eq(guaranteeContracts.id, id)).get();
}

export function findGuaranteeByNo(db: AppDatabase, contractNo: string): GuaranteeRow | undefined {
  return db.select().from(guaranteeContracts).where(eq(guaranteeContracts.contractNo, contractNo)).get();
}

export function updateGuarantee(db: AppDatabase, id: number, changes: Partial<typeof guaranteeContracts.$inferInsert>): void {
  db.update(guaranteeContracts).set(changes).where(eq(guaranteeContracts.id, id)).run();
}

export function countGuarantees(db: AppDatabase): number {
  return db.select({ n: count() }).from(guaranteeContracts).get()?.n ?? 0;
}

export function insertGuaranteeEvent(db: AppDatabase, row: typeof guaranteeEvents.$inferInsert): void {
  db.insert(guaranteeEvents).values(row).run();
}

export function guaranteeEventsOf(db: AppDatabase, contractId: number) {
  return db.select().from(guaranteeEvents).where(eq(guaranteeEvents.contractId, contractId)).orderBy(asc(guaranteeEvents.id)).all();
}

/** A client's in-force guaranteed balance (for concentration). */
export function clientInForce(db: AppDatabase, clientIds: number[]): number {
  if (clientIds.length === 0) return 0;
  const row = db
    .select({ guaranteed: sum(guaranteeContracts.guaranteedAmount), repaid: sum(guaranteeContracts.repaidToBank) })
    .from(guaranteeContracts)
    .where(and(inArray(guaranteeContracts.clientId, clientIds), eq(guaranteeContracts.status, 'in-force')))
    .get();
  return Number(row?.guaranteed ?? 0) - Number(row?.repaid ?? 0);
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

/**
 * The guarantee book with each contract's dated events, as the ratio functions and the voucher journal
 * read it: two ordered reads of the columns they use.
 */
export function ratioBook(db: AppDatabase) {
  const c = guaranteeContracts;
  const contracts = db
    .select({
      id: c.id,
      contractNo: c.contractNo,
      status: c.status,
      marginDeposit: c.marginDeposit,
      clientId: c.clientId,
      clientSize: c.clientSize,
      guaranteeType: c.guaranteeType,
      issuerRating: c.issuerRating,
      guaranteedAmount: c.guaranteedAmount,
      feeRate: c.feeRate,
      feeCharging: c.feeCharging,
      loanStart: c.loanStart,
      loanEnd: c.loanEnd,
    })
    .from(c)
    .orderBy(asc(c.id))
    .all();
  const events = db.all<{ contractId: number; event: string; date: string; amount: number | null }>(
    sql`SELECT contract_id AS contractId, event, business_date AS date, amount FROM guarantee_events ORDER BY id`,
  );
  const byContract = new Map<number, Array<{ event: string; date: string; amount: number }>>();
  for (const e of events) {
    const list = byContract.get(e.contractId) ?? [];
    list.push({ event: e.event, date: e.date, amount: e.amount ?? 0 });
    byContract.set(e.contractId, list);
  }
  return contracts.map(({ id, ...contract }) => ({ ...contract, events: byContract.get(id) ?? [] }));
}

export interface LiabilityCandidate {
  clientId: number;
  clientSize: string;
  guaranteeType: string;
  issuerRating: string | null;
  /** In force on the date for its whole amount (fen). */
  amount: number;
}

/**
 * 融资担保责任余额 at the end of `date`, in one query: each contract's balance (in force by then, less bank
 * repayments, nothing once released or compensated), weighted 75% for small/micro and farm-household loan
 * guarantees while the client's loan guarantees stay within their cap, 80% for bonds rated AA or above,
 * else 100%, rounded per contract half-up — shared/guarantees/ratios' weightedLiability, which the entry
 * check cannot afford per new contract on a large book. A candidate contract can be counted in.
 */
export function weightedLiabilityAt(db: AppDatabase, date: string, caps: { smallMicro: number; farmHousehold: number }, candidate?: LiabilityCandidate): number {
  const extra = candidate
    ? sql`UNION ALL SELECT ${candidate.clientId}, ${candidate.clientSize}, ${candidate.guaranteeType}, ${candidate.issuerRating}, CAST(${candidate.amount} AS INTEGER)`
    : sql``;
  const row = db.get<{ total: number | null }>(sql`WITH ev AS (
      SELECT contract_id,
        MAX(CASE WHEN event = 'in-force' AND business_date <= ${date} THEN 1 ELSE 0 END) AS active,
        MAX(CASE WHEN event IN ('compensated', 'released') AND business_date <= ${date} THEN 1 ELSE 0 END) AS ended,
        SUM(CASE WHEN event IN ('bank-repayment', 'released') AND business_date <= ${date} THEN COALESCE(amount, 0) ELSE 0 END) AS repaid
      FROM guarantee_events GROUP BY contract_id
    ), book AS (
      SELECT g.client_id AS client, g.client_size AS size, g.guarantee_type AS type, g.issuer_rating AS rating,
        CASE WHEN ev.active = 1 AND ev.ended = 0 AND g.guaranteed_amount > ev.repaid THEN g.guaranteed_amount - ev.repaid ELSE 0 END AS balance
      FROM guarantee_contracts g JOIN ev ON ev.contract_id = g.id
      ${extra}
    ), clients AS (
      SELECT client, SUM(balance) AS loans FROM book WHERE type = 'loan' GROUP BY client
    )
    SELECT SUM((b.balance * CASE
        WHEN b.type = 'loan' AND ((b.size = 'small-micro' AND c.loans <= ${caps.smallMicro}) OR (b.size = 'farm-household' AND c.loans <= ${caps.farmHousehold})) THEN 750000
        WHEN b.type = 'bond' AND b.rating IN ('AAA', 'AA+', 'AA') THEN 800000
        ELSE 1000000 END + 500000) / 1000000) AS total
    FROM book b LEFT JOIN clients c ON c.client = b.client
    WHERE b.balance > 0`);
  return Number(row?.total ?? 0);
}

export function insertCounterGuarantee(db: AppDatabase, row: typeof counterGuarantees.$inferInsert): void {
  db.insert(counterGuarantees).values(row).run();
}

export function counterGuaranteesOf(db: AppDatabase, contractId: number) {
  return db.select().from(counterGuarantees).where(eq(counterGuarantees.contractId, contractId)).orderBy(asc(counterGuarantees.id)).all();
}

/** How much of a collateral item's value counter-guarantees already claim. */
export function counterSecuredTotal(db: AppDatabase, collateralId: number): number {
  const row = db.select({ total: sum(counterGuarantees.securedAmount) }).from(counterGuarantees).where(eq(counterGuarantees.collateralId, collateralId)).get();
  return Number(row?.total ?? 0);
}
