/** Users, sign-in and passwords. */
import { allUsers, countUsers, findUser, findUserByName, insertUser, recordSignIn, updateUserRow, type UserRow } from '../../../db/repositories/platform/users';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import type { UserView } from '../../../shared/contract/platform';
import { AppError } from '../../../shared/contract/errors';
import type { Actor } from '../../../shared/platform/permissions';
import { actorOf, instant, type ServiceContext } from '../context';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords';
import { setting } from './settings';

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    userName: row.userName,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil,
    lastSignInAt: row.lastSignInAt,
    version: row.version,
  };
}

/** What the audit trail keeps of a user: never the password hash. */
function auditView(row: UserRow | undefined) {
  return row ? toUserView(row) : null;
}

/** The actor behind a session, re-read from the database so deactivation and role changes apply at once. */
export function actorForUser(ctx: Pick<ServiceContext, 'db'>, userId: number): Actor | null {
  const row = findUser(ctx.db, userId);
  if (!row || !row.active) return null;
  return { userName: row.userName, role: row.role, userId: row.id };
}

function assertUserNameFree(ctx: ServiceContext, userName: string): void {
  if (findUserByName(ctx.db, userName)) {
    throw new AppError('conflict', `userName: "${userName}" is taken`, { field: 'userName', reason: 'userNameTaken' });
  }
}

function newUserRow(ctx: ServiceContext, by: string, input: { userName: string; displayName: string; role: UserRow['role'] }, passwordHash: string, mustChange: boolean) {
  const at = instant(ctx);
  return {
    userName: input.userName,
    displayName: input.displayName,
    role: input.role,
    passwordHash,
    mustChangePassword: mustChange,
    passwordChangedAt: at,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
}

export async function setupAdministrator(ctx: ServiceContext, input: ChannelParsedInput<'session.setup'>): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  return ctx.transaction(() => {
    if (countUsers(ctx.db) > 0) {
      throw new AppError('forbidden', 'setup is done: an administrator already exists; sign in instead', { reason: 'setupDone' });
    }
    const id = insertUser(ctx.db, newUserRow(ctx, input.userName, { ...input, role: 'administrator' }, passwordHash, false));
    const row = findUser(ctx.db, id)!;
    ctx.audit({ actor: { userName: input.userName, role: 'administrator' }, entityType: 'user', entityId: id, before: null, after: auditView(row) });
    return toUserView(row);
  });
}

export async function signIn(ctx: ServiceContext, input: ChannelParsedInput<'session.signIn'>): Promise<ChannelOutput<'session.signIn'>> {
  const row = findUserByName(ctx.db, input.userName.trim());
  const refused = (reason: string, message: string) => new AppError('unauthenticated', message, { reason });
  // Unknown names cost the same scrypt work as known ones, so timing does not tell which exist.
  const matches = await verifyPassword(input.password, row?.passwordHash ?? DECOY_HASH);
  const now = ctx.now();
  // The outcome is recorded (counters, audit) in a transaction that commits; the refusal is thrown after it.
  const outcome = ctx.transaction((): { refusal: AppError } | { value: ChannelOutput<'session.signIn'> } => {
    const current = row ? findUser(ctx.db, row.id) : undefined;
    if (!current || !current.active) {
      ctx.audit({ actor: { userName: input.userName.slice(0, 64), role: 'none' }, entityType: 'sign-in', entityId: input.userName.slice(0, 64), before: null, after: { result: 'unknown-or-inactive' } });
      return { refusal: refused('invalidCredentials', 'wrong user name or password') };
    }
    if (current.lockedUntil && current.lockedUntil > now.toISOString()) {
      ctx.audit({ actor: { userName: current.userName, role: current.role }, entityType: 'sign-in', entityId: current.userName, before: null, after: { result: 'locked' } });
      return {
        refusal: new AppError('unauthenticated', `the account is locked until ${current.lockedUntil} after repeated failed sign-ins`, {
          reason: 'accountLocked',
          params: { until: current.lockedUntil },
        }),
      };
    }
    if (!matches) {
      const failed = current.failedSignIns + 1;
      const lock = failed >= setting(ctx, 'security.maxFailedSignIns');
      const lockedUntil = lock ? new Date(now.getTime() + setting(ctx, 'security.lockoutMinutes') * 60_000).toISOString() : null;
      recordSignIn(ctx.db, current.id, { failedSignIns: lock ? 0 : failed, lockedUntil });
      ctx.audit({ actor: { userName: current.userName, role: current.role }, entityType: 'sign-in', entityId: current.userName, before: null, after: { result: 'wrong-password', failed, locked: lock } });
      return { refusal: refused('invalidCredentials', 'wrong user name or password') };
    }
    recordSignIn(ctx.db, current.id, { failedSignIns: 0, lockedUntil: null, lastSignInAt: now.toISOString() });
    ctx.audit({ actor: { userName: current.userName, role: current.role }, entityType: 'sign-in', entityId: current.userName, before: null, after: { result: 'signed-in' } });
    const token = ctx.runtime.sessions.open(current.id);
    return { value: { user: toUserView(findUser(ctx.db, current.id)!), token } };
  });
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.value;
}

export function signOut(ctx: ServiceContext): ChannelOutput<'session.signOut'> {
  return { signedOut: ctx.runtime.sessions.close(ctx.sessionToken) };
}

export async function changePassword(ctx: ServiceContext, input: ChannelParsedInput<'session.changePassword'>): Promise<UserView> {
  const actor = actorOf(ctx);
  const row = actor.userId === undefined ? undefined : findUser(ctx.db, actor.userId);
  if (!row) throw new AppError('forbidden', 'only a signed-in user can change a password', { reason: 'forbidden' });
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new AppError('validation', 'currentPassword: the current password is wrong', { field: 'currentPassword', reason: 'wrongPassword' });
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('validation', 'newPassword: choose a password different from the current one', { field: 'newPassword', reason: 'samePassword' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.transaction(() => {
    const at = instant(ctx);
    updateUserRow(ctx.db, row.id, { passwordHash, mustChangePassword: false, passwordChangedAt: at, updatedAt: at, updatedBy: actor.userName });
    ctx.audit({ entityType: 'user', entityId: row.id, before: null, after: { passwordChanged: true } });
    return toUserView(findUser(ctx.db, row.id)!);
  });
}

export function listUsers(ctx: ServiceContext): UserView[] {
  return allUsers(ctx.db).map(toUserView);
}

export async function createUser(ctx: ServiceContext, input: ChannelParsedInput<'user.create'>): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  return ctx.transaction(() => {
    assertUserNameFree(ctx, input.userName);
    // A password an administrator chose is temporary: the user picks their own at first sign-in.
    const id = insertUser(ctx.db, newUserRow(ctx, actorOf(ctx).userName, input, passwordHash, true));
    const row = findUser(ctx.db, id)!;
    ctx.audit({ entityType: 'user', entityId: id, before: null, after: auditView(row) });
    return toUserView(row);
  });
}

function lastActiveAdministrator(ctx: ServiceContext, id: number): boolean {
  const admins = allUsers(ctx.db).filter((u) => u.active && u.role === 'administrator');
  return admins.length === 1 && admins[0]!.id === id;
}

export function updateUser(ctx: ServiceContext, input: ChannelParsedInput<'user.update'>): UserView {
  const before = findUser(ctx.db, input.id);
  if (!before) throw new AppError('not-found', `no user with id ${input.id}`, { field: 'id', reason: 'userNotFound' });
  if ((input.role !== 'administrator' || !input.active) && lastActiveAdministrator(ctx, input.id)) {
    throw new AppError('conflict', 'the last active administrator cannot be demoted or deactivated', { field: 'role', reason: 'lastAdministrator' });
  }
  const updated = updateUserRow(
    ctx.db,
    input.id,
    { displayName: input.displayName, role: input.role, active: input.active, updatedAt: instant(ctx), updatedBy: actorOf(ctx).userName },
    input.version,
  );
  if (!updated) throw new AppError('conflict', `user ${input.id} was changed by someone else; reload and try again`, { reason: 'staleVersion' });
  if (!input.active) ctx.runtime.sessions.closeAllFor(input.id);
  const after = findUser(ctx.db, input.id)!;
  ctx.audit({ entityType: 'user', entityId: input.id, before: auditView(before), after: auditView(after) });
  return toUserView(after);
}

export async function resetPassword(ctx: ServiceContext, input: ChannelParsedInput<'user.resetPassword'>): Promise<UserView> {
  if (!findUser(ctx.db, input.id)) throw new AppError('not-found', `no user with id ${input.id}`, { field: 'id', reason: 'userNotFound' });
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.transaction(() => {
    const at = instant(ctx);
    updateUserRow(ctx.db, input.id, { passwordHash, mustChangePassword: true, failedSignIns: 0, lockedUntil: null, passwordChangedAt: at, updatedAt: at, updatedBy: actorOf(ctx).userName });
    ctx.runtime.sessions.closeAllFor(input.id);
    ctx.audit({ entityType: 'user', entityId: input.id, before: null, after: { passwordReset: true } });
    return toUserView(findUser(ctx.db, input.id)!);
  });
}
