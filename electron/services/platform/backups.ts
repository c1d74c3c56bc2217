/**
 * Backups through SQLite's online backup API (a consistent copy while the app runs), rotation
 * (7 daily, 4 weekly, 12 monthly by default), verification and restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { inspectDatabaseFile } from '../../../db/open';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import type { SettingValue } from '../../../shared/platform/settings-catalog';
import { instant, type ServiceContext } from '../context';
import { setting } from './settings';

export const BACKUP_REASONS = ['manual', 'daily', 'pre-restore', 'pre-migration'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
/** Automatic copies are rotated; manual and pre-restore copies stay until someone removes them. */
const ROTATED: ReadonlySet<string> = new Set(['daily', 'pre-migration']);

const NAME = /^loanbridge-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-([a-z-]+)\.db$/;

export interface BackupFile {
  name: string;
  at: string;
  reason: string;
  bytes: number;
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function backupFolderFor(ctx: Pick<ServiceContext, 'db'>, dataDir: string): string {
  const configured = setting(ctx, 'backup.folder');
  return configured ? path.resolve(configured) : path.join(dataDir, 'backups');
}

export async function writeBackup(sqlite: Database.Database, folder: string, reason: BackupReason, at: Date): Promise<BackupFile> {
  fs.mkdirSync(folder, { recursive: true });
  const name = `loanbridge-${stamp(at)}-${reason}.db`;
  const partial = path.join(folder, `${name}.partial`);
  await sqlite.backup(partial);
  // The copy appears under its real name only when complete.
  fs.renameSync(partial, path.join(folder, name));
  return { name, at: at.toISOString(), reason, bytes: fs.statSync(path.join(folder, name)).size };
}

export function listBackupFiles(folder: string): BackupFile[] {
  if (!fs.existsSync(folder)) return [];
  const files: BackupFile[] = [];
  for (const name of fs.readdirSync(folder)) {
    const match = NAME.exec(name);
    if (!match) continue;
    const [, y, mo, d, h, mi, s, reason] = match;
    files.push({ name, at: `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`, reason: reason!, bytes: fs.statSync(path.join(folder, name)).size });
  }
  return files.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  return `${day.getUTCFullYear()}-W${Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7)}`;
}

/**
 * Grandfather-father-son: keep the newest copy of each of the last `daily` days, `weekly` ISO weeks
 * and `monthly` months; remove the other automatic copies. Returns the names removed.
 */
export function rotateBackups(folder: string, keep: SettingValue<'backup.keep'>): string[] {
  const automatic = listBackupFiles(folder).filter((f) => ROTATED.has(f.reason));
  const kept = new Set<string>();
  const keepNewestPer = (period: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const file of automatic) {
      const key = period(new Date(file.at));
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      kept.add(file.name);
    }
  };
  keepNewestPer((d) => d.toISOString().slice(0, 10), keep.daily);
  keepNewestPer(isoWeek, keep.weekly);
  keepNewestPer((d) => d.toISOString().slice(0, 7), keep.monthly);
  const removed = automatic.filter((f) => !kept.has(f.name)).map((f) => f.name);
  for (const name of removed) fs.rmSync(path.join(folder, name), { force: true });
  return removed;
}

/** Takes the daily copy if the newest automatic one is older than 20 hours, then rotates. */
export async function dailyBackupIfDue(ctx: Pick<ServiceContext, 'db' | 'sqlite' | 'now'>, dataDir: string): Promise<BackupFile | null> {
  const folder = backupFolderFor(ctx, dataDir);
  const newest = listBackupFiles(folder).find((f) => f.reason === 'daily');
  const now = ctx.now();
  if (newest && now.getTime() - new Date(newest.at).getTime() < 20 * 3_600_000) return null;
  const file = await writeBackup(ctx.sqlite, folder, 'daily', now);
  rotateBackups(folder, setting(ctx, 'backup.keep'));
  return file;
}

export function listBackups(ctx: ServiceContext): ChannelOutput<'backup.list'> {
  const folder = backupFolderFor(ctx, ctx.runtime.dataDir);
  return { folder, backups: listBackupFiles(folder) };
}

export async function createBackup(ctx: ServiceContext, input: ChannelParsedInput<'backup.create'>): Promise<ChannelOutput<'backup.create'>> {
  const folder = input.folder ? path.resolve(input.folder) : backupFolderFor(ctx, ctx.runtime.dataDir);
  const file = await writeBackup(ctx.sqlite, folder, 'manual', ctx.now());
  return { ...file, folder };
}

export async function restoreBackup(
  ctx: ServiceContext,
  input: ChannelParsedInput<'backup.restore'>,
): Promise<ChannelOutput<'backup.restore'>> {
  const folder = backupFolderFor(ctx, ctx.runtime.dataDir);
  const field = input.file ? 'file' : 'name';
  let source: string;
  if (input.file) {
    source = path.resolve(input.file);
    if (!fs.existsSync(source)) throw new AppError('not-found', `file: ${source} does not exist`, { field, reason: 'backupNotFound' });
  } else {
    const found = listBackupFiles(folder).find((f) => f.name === input.name);
    if (!found) throw new AppError('not-found', `name: no backup named ${input.name} in ${folder}`, { field, reason: 'backupNotFound' });
    source = path.join(folder, found.name);
  }
  const file = { name: path.basename(source) };
  const inspection = inspectDatabaseFile(source, ctx.runtime.migrationsFolder);
  if (!inspection.ok) {
    throw new AppError('validation', `${field}: ${file.name} cannot be restored: ${inspection.problem}`, { field, reason: 'backupDamaged', params: { problem: inspection.problem ?? '' } });
  }
  // A copy of the present state first, so a restore can itself be undone.
  const safety = await writeBackup(ctx.sqlite, folder, 'pre-restore', ctx.now());
  await ctx.runtime.replaceDatabase(source);
  ctx.transaction(() => ctx.audit({ entityType: 'database', entityId: null, before: { safetyCopy: safety.name }, after: { restoredFrom: file.name, at: instant(ctx) } }));
  return { restoredFrom: file.name, safetyCopy: safety.name };
}

/**
 * Recovery when the database cannot be opened (damaged): the damaged file is moved aside, never
 * deleted, and the newest backup that passes inspection takes its place.
 */
export function recoverFromLatestBackup(databaseFile: string, migrationsFolder: string, folders: string[], at: Date): BackupFile | null {
  const candidates = folders.flatMap((folder) => listBackupFiles(folder).map((f) => ({ ...f, folder })));
  candidates.sort((a, b) => (a.at < b.at ? 1 : -1));
  const good = candidates.find((c) => inspectDatabaseFile(path.join(c.folder, c.name), migrationsFolder).ok);
  if (!good) return null;
  placeDatabaseFile(databaseFile, path.join(good.folder, good.name), { keepPreviousAs: at });
  return good;
}

/** Puts `source` in place of the (closed) database file; with keepPreviousAs, what was there becomes `<file>.replaced-<time>`. */
export function placeDatabaseFile(databaseFile: string, source: string, options: { keepPreviousAs?: Date } = {}): void {
  if (options.keepPreviousAs && fs.existsSync(databaseFile)) fs.renameSync(databaseFile, `${databaseFile}.replaced-${stamp(options.keepPreviousAs)}`);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.copyFileSync(source, `${databaseFile}.restoring`);
  fs.renameSync(`${databaseFile}.restoring`, databaseFile);
}
