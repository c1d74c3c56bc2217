import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackupFiles, rotateBackups, writeBackup } from '../../../electron/services/platform/backups';
import { openRuntime } from '../../../electron/services/runtime';
import { runCli } from '../../helpers/cli';
import { tempDataDir, testRuntime, type TestRuntime } from '../../helpers/runtime';

const admin = { actor: { userName: 'admin', role: 'administrator' as const } };
let rt: TestRuntime;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2026-11-28T02:00:00Z');
  rt = await testRuntime({ now: () => clock });
});
afterEach(() => rt.close());

const borrowers = () => rt.database.sqlite.prepare('SELECT COUNT(*) FROM borrowers').pluck().get() as number;

describe('backups', () => {
  it('copies the database through the online backup API while it is in use, and restores it', async () => {
    await rt.dispatch('platform.demo', { borrowers: 10 }, admin);
    const backup = await rt.call('backup.create', {});
    expect(backup.name).toBe('loanbridge-20261128T020000Z-manual.db');
    expect(fs.existsSync(path.join(backup.folder, `${backup.name}.partial`))).toBe(false);
    await rt.dispatch('platform.demo', { borrowers: 5, seed: 9 }, admin);
    expect(borrowers()).toBe(15);

    const restored = await rt.call('backup.restore', { name: backup.name });
    expect(restored.restoredFrom).toBe(backup.name);
    expect(borrowers()).toBe(10);
    // The state before the restore was kept, and the restore itself is in the (restored) audit trail.
    const safety = listBackupFiles(backup.folder).find((f) => f.name === restored.safetyCopy)!;
    expect(safety.reason).toBe('pre-restore');
    const copy = new Database(path.join(backup.folder, safety.name), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) FROM borrowers').pluck().get()).toBe(15);
    copy.close();
    expect(rt.database.sqlite.prepare("SELECT channel FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get()).toBe('backup.restore');
    expect(await rt.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('verifies a file before restoring and refuses a damaged one, changing nothing', async () => {
    await rt.dispatch('platform.demo', { borrowers: 3 }, admin);
    const backup = await rt.call('backup.create', {});
    const file = path.join(backup.folder, backup.name);
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096, 12288);
    fs.writeFileSync(file, bytes);
    expect(await rt.fail('backup.restore', { name: backup.name })).toMatchObject({ code: 'validation', field: 'name', reason: 'backupDamaged' });
    const notADatabase = path.join(tempDataDir(), 'notes.db');
    fs.writeFileSync(notADatabase, 'this is a spreadsheet, honest');
    expect(await rt.fail('backup.restore', { file: notADatabase })).toMatchObject({ field: 'file', reason: 'backupDamaged' });
    expect(await rt.fail('backup.restore', { name: 'loanbridge-19990101T000000Z-manual.db' })).toMatchObject({ code: 'not-found' });
    expect(borrowers()).toBe(3);
  });

  it('writes to another folder on request (a USB stick)', async () => {
    const usb = tempDataDir('usb');
    const backup = await rt.call('backup.create', { folder: usb });
    expect(fs.existsSync(path.join(usb, backup.name))).toBe(true);
  });

  it('takes the daily copy when due, not twice a day', async () => {
    expect(await rt.dailyBackupIfDue()).toMatchObject({ reason: 'daily' });
    clock = new Date('2026-11-28T09:00:00Z');
    expect(await rt.dailyBackupIfDue()).toBeNull();
    clock = new Date('2026-11-29T02:30:00Z');
    expect(await rt.dailyBackupIfDue()).toMatchObject({ reason: 'daily', at: '2026-11-29T02:30:00.000Z' });
  });
});

describe('rotation (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps the newest copy per day, week and month and removes the rest of the automatic ones', async () => {
    const folder = tempDataDir('rotation');
    const sqlite = rt.database.sqlite;
    // A daily copy every day for 400 days, plus a manual one that rotation must leave alone.
    for (let day = 0; day < 400; day++) {
      await writeBackup(sqlite, folder, 'daily', new Date(Date.UTC(2025, 9, 25) + day * 86_400_000));
    }
    await writeBackup(sqlite, folder, 'manual', new Date(Date.UTC(2025, 0, 1)));
    const removed = rotateBackups(folder, { daily: 7, weekly: 4, monthly: 12 });
    const left = listBackupFiles(folder);
    const daily = left.filter((f) => f.reason === 'daily').map((f) => f.at.slice(0, 10));
    // Newest 7 days, then the newest copy of older weeks and months (some coincide).
    expect(daily.slice(0, 7)).toEqual(['2026-11-28', '2026-11-27', '2026-11-26', '2026-11-25', '2026-11-24', '2026-11-23', '2026-11-22']);
    expect(daily.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(new Set(daily.map((d) => d.slice(0, 7))).size).toBe(12);
    expect(daily.at(-1)).toBe('2025-12-31');
    expect(left.some((f) => f.reason === 'manual')).toBe(true);
    expect(removed.length + daily.length).toBe(400);
  });
});

describe('start-up with a damaged database', () => {
  it('refuses to open it and recovers from the newest good backup (CLI restore --latest), keeping the damaged file', async () => {
    const dir = tempDataDir();
    const cli = (...argv: string[]) => runCli(...argv, '--data-dir', dir);
    await cli('demo', '--borrowers', '7');
    await cli('backup');
    await cli('demo', '--borrowers', '2', '--seed', '5');
    const file = path.join(dir, 'loanbridge.db');
    const bytes = fs.readFileSync(file);
    bytes.fill(0xab, 4096, 16384);
    fs.writeFileSync(file, bytes);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });

    await expect(openRuntime({ dataDir: dir })).rejects.toMatchObject({ code: expect.stringMatching(/database-damaged|SQLITE_CORRUPT/) });
    const listed = await cli('borrower', 'list');
    expect(listed.code).not.toBe(0);

    const restored = await cli('restore', '--latest');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('restored from loanbridge-');
    expect(fs.readdirSync(dir).some((name) => name.startsWith('loanbridge.db.replaced-'))).toBe(true);
    const after = JSON.parse((await cli('borrower', 'list', '--json')).stdout);
    expect(after.total).toBe(7);
    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(0);
  });
});
