import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../../open';
import { users } from '../../schema';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export function countUsers(db: AppDatabase): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function findUserByName(db: AppDatabase, userName: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.userName, userName)).get();
}

export function findUser(db: AppDatabase, id: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function allUsers(db: AppDatabase): UserRow[] {
  return db.select().from(users).orderBy(asc(users.userName)).all();
}

export function insertUser(db: AppDatabase, row: NewUserRow): number {
  return db.insert(users).values(row).returning({ id: users.id }).get().id;
}

/** Updates a user; with `version`, only if nobody changed the row since it was read. */
export function updateUserRow(db: AppDatabase, id: number, changes: Partial<NewUserRow>, version?: number): boolean {
  const where = version === undefined ? eq(users.id, id) : and(eq(users.id, id), eq(users.version, version));
  return db.update(users).set({ ...changes, version: sql`${users.version} + 1` }).where(where).run().changes === 1;
}

/** Sign-in bookkeeping (counters, lockout, last sign-in): not an edit, so the version stays. */
export function recordSignIn(db: AppDatabase, id: number, changes: Pick<Partial<NewUserRow>, 'failedSignIns' | 'lockedUntil' | 'lastSignInAt'>): void {
  db.update(users).set(changes).where(eq(users.id, id)).run();
}
