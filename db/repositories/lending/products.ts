import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { prepared } from '../../prepared';
import { loanProducts } from '../../schema';

export type ProductRow = typeof loanProducts.$inferSelect;
export type NewProductRow = typeof loanProducts.$inferInsert;

export function allProducts(db: AppDatabase): ProductRow[] {
  return db.select().from(loanProducts).orderBy(asc(loanProducts.code)).all();
}

export function findProduct(db: AppDatabase, id: number): ProductRow | undefined {
  return prepared(db, 'findProduct', () => db.select().from(loanProducts).where(eq(loanProducts.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function findProductByCode(db: AppDatabase, code: string): ProductRow | undefined {
  return prepared(db, 'findProductByCode', () => db.select().from(loanProducts).where(eq(loanProducts.code, sql.placeholder('code'))).prepare()).get({ code });
}

export function insertProduct(db: AppDatabase, row: NewProductRow): number {
  return db.insert(loanProducts).values(row).returning({ id: loanProducts.id }).get().id;
}

export function updateProductRow(db: AppDatabase, id: number, version: number, changes: Partial<NewProductRow>): boolean {
  return (
    db
      .update(loanProducts)
      .set({ ...changes, version: sql`${loanProducts.version} + 1` })
      .where(and(eq(loanProducts.id, id), eq(loanProducts.version, version)))
      .run().changes === 1
  );
}
