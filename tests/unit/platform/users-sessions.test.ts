import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
let clock = new Date('2026-11-28T02:00:00Z');
const advance = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));

beforeEach(async () => {
  clock = new Date('2026-11-28T02:00:00Z');
  rt = await testRuntime({ now: () => clock });
  await rt.dispatch('session.setup', { userName: 'admin', displayName: '管理员', password: 'admin-pass-1' }, { session: null });
});
afterEach(() => rt.close());

async function signIn(userName: string, password: string) {
  return rt.dispatch('session.signIn', { userName, password }, { session: null });
}

async function token(userName: string, password: string): Promise<string> {
  const result = await signIn(userName, password);
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { token: string }).token;
}

describe('first run and sign-in', () => {
  it('creates the administrator once; a second setup is refused', async () => {
    const again = await rt.dispatch('session.setup', { userName: 'evil', displayName: 'x', password: 'evil-pass-1' }, { session: null });
    expect(again).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'setupDone' } });
    const status = await rt.dispatch('platform.status', {}, { session: null });
    expect(status).toMatchObject({ ok: true, value: { setupRequired: false, user: null } });
  });

  it('stores only a scrypt hash, and never puts a password in the audit trail', async () => {
    const stored = rt.database.sqlite.prepare("SELECT password_hash FROM users WHERE user_name = 'admin'").pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('admin-pass-1');
    const trail = JSON.stringify(rt.database.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(trail).not.toContain('admin-pass-1');
    expect(trail).not.toContain(stored);
  });

  it('signs in, then calls as that user; the status shows who is signed in', async () => {
    const session = await token('admin', 'admin-pass-1');
    const status = await rt.dispatch('platform.status', {}, { session });
    expect(status).toMatchObject({ ok: true, value: { user: { userName: 'admin', role: 'administrator' } } });
    expect(await rt.dispatch('borrower.list', {}, { session })).toMatchObject({ ok: true });
    expect(await rt.dispatch('borrower.list', {}, { session: 'forged-token' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await signIn('admin', 'nope-1234');
    const unknown = await signIn('nobody', 'nope-1234');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthenticated', reason: 'invalidCredentials' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unauthenticated', reason: 'invalidCredentials' } });
  });

  it('locks the account after 5 failed sign-ins, for the lockout period, and an administrator can lift it', async () => {
    await rt.call('user.create', { userName: 'li', displayName: '李', role: 'loan-officer', password: 'temp-pass-1' });
    for (let i = 0; i < 5; i++) await signIn('li', 'wrong-pass-1');
    const locked = await signIn('li', 'temp-pass-1');
    expect(locked).toMatchObject({ ok: false, error: { reason: 'accountLocked', params: { until: '2026-11-28T02:15:00.000Z' } } });
    advance(16);
    expect(await signIn('li', 'temp-pass-1')).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) await signIn('li', 'wrong-pass-1');
    expect(await signIn('li', 'temp-pass-1')).toMatchObject({ ok: false, error: { reason: 'accountLocked' } });
    const li = (await rt.call('user.list', {})).find((u) => u.userName === 'li')!;
    await rt.call('user.resetPassword', { id: li.id, newPassword: 'fresh-pass-2' });
    expect(await signIn('li', 'fresh-pass-2')).toMatchObject({ ok: true, value: { user: { mustChangePassword: true } } });
    const attempts = rt.database.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'sign-in' AND entity_id = 'li'").pluck().get();
    expect(attempts).toBe(14);
  });

  it('ends a session idle longer than the idle-lock setting', async () => {
    const session = await token('admin', 'admin-pass-1');
    advance(14);
    expect(await rt.dispatch('borrower.list', {}, { session })).toMatchObject({ ok: true });
    advance(14); // 14 minutes since the last call: still alive
    expect(await rt.dispatch('borrower.list', {}, { session })).toMatchObject({ ok: true });
    advance(16);
    expect(await rt.dispatch('borrower.list', {}, { session })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('a deactivated user is refused at once, and cannot sign in again', async () => {
    const created = await rt.call('user.create', { userName: 'zhao', displayName: '赵', role: 'collector', password: 'temp-pass-1' });
    const session = await token('zhao', 'temp-pass-1');
    await rt.call('user.update', { id: created.id, version: created.version, displayName: '赵', role: 'collector', active: false });
    expect(await rt.dispatch('borrower.list', {}, { session })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await signIn('zhao', 'temp-pass-1')).toMatchObject({ ok: false, error: { reason: 'invalidCredentials' } });
  });

  it('changes a password: needs the current one, refuses weak ones, clears the must-change flag', async () => {
    await rt.call('user.create', { userName: 'qian', displayName: '钱', role: 'accountant', password: 'temp-pass-1' });
    const session = await token('qian', 'temp-pass-1');
    expect(await rt.dispatch('session.changePassword', { currentPassword: 'wrong', newPassword: 'new-pass-22' }, { session })).toMatchObject({
      ok: false,
      error: { field: 'currentPassword', reason: 'wrongPassword' },
    });
    expect(await rt.dispatch('session.changePassword', { currentPassword: 'temp-pass-1', newPassword: 'short1' }, { session })).toMatchObject({
      ok: false,
      error: { field: 'newPassword' },
    });
    expect(await rt.dispatch('session.changePassword', { currentPassword: 'temp-pass-1', newPassword: 'lettersonly' }, { session })).toMatchObject({
      ok: false,
      error: { field: 'newPassword', reason: 'weakPassword' },
    });
    const changed = await rt.dispatch('session.changePassword', { currentPassword: 'temp-pass-1', newPassword: 'new-pass-22' }, { session });
    expect(changed).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    expect(await signIn('qian', 'new-pass-22')).toMatchObject({ ok: true });
  });

  it('keeps at least one active administrator', async () => {
    const [admin] = await rt.call('user.list', {});
    expect(await rt.fail('user.update', { id: admin!.id, version: admin!.version, displayName: 'x', role: 'manager', active: true })).toMatchObject({
      code: 'conflict',
      reason: 'lastAdministrator',
    });
  });

  it('signs out', async () => {
    const session = await token('admin', 'admin-pass-1');
    expect(await rt.dispatch('session.signOut', {}, { session })).toMatchObject({ ok: true, value: { signedOut: true } });
    expect(await rt.dispatch('borrower.list', {}, { session })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
