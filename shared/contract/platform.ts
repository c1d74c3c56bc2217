import { z } from 'zod';
import { channel } from './channel';
import { isoDate, optionalText, paging, pageOf, positiveId, requiredText, yuanAmount } from './fields';
import { roles } from '../platform/permissions';

const userName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,32}$/, '2-32 letters, digits, dots, hyphens or underscores');

/** At least 8 characters with letters and digits; the limit keeps scrypt's input bounded. */
export const newPassword = z
  .string()
  .min(8)
  .max(128)
  .refine((value) => /[A-Za-z]/.test(value) && /\d/.test(value), { message: 'use letters and digits', params: { reason: 'weakPassword' } });

export const userView = z.object({
  id: z.number().int(),
  userName: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  version: z.number().int(),
});
export type UserView = z.output<typeof userView>;

const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  userName: z.string(),
  role: z.string(),
  channel: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

const netAssetsView = z.object({ periodEnd: z.string(), amount: z.string(), note: z.string().nullable(), recordedAt: z.string(), recordedBy: z.string() });

const backupFile = z.object({ name: z.string(), at: z.string(), reason: z.string(), bytes: z.number().int() });

/** A long job as its starter sees it: rows done of the total (when known) and where it stands. */
const jobView = z.object({ id: z.string(), kind: z.string(), done: z.number().int(), total: z.number().int().nullable(), state: z.enum(['running', 'done', 'cancelled', 'failed']) });

export const platformChannels = {
  'job.progress': channel({
    input: z.strictObject({ id: z.string().uuid() }),
    output: jobView,
    permission: 'session',
    mutates: false,
  }),
  /** Asks a running job to stop; it stops at its next check and leaves nothing half-written. */
  'job.cancel': channel({
    input: z.strictObject({ id: z.string().uuid() }),
    output: jobView,
    permission: 'session',
    mutates: false,
  }),
  'platform.status': channel({
    input: z.strictObject({}).default({}),
    output: z.object({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      databaseFile: z.string(),
      /** The as-of business date (营业日期) all business events default to. */
      businessDate: isoDate,
      companyName: z.string(),
      /** Printed at the top of schedules, notices and reports (address, telephone, licence). */
      letterhead: z.string(),
      /** True until the first administrator is created. */
      setupRequired: z.boolean(),
      user: userView.nullable(),
      idleLockMinutes: z.number().int(),
    }),
    permission: 'public',
    mutates: false,
  }),
  /** Fills the book with realistic demo data (one transaction: all or nothing). */
  'platform.demo': channel({
    input: z.strictObject({
      borrowers: z.number().int().min(0).max(1_000_000).default(200),
      loans: z.number().int().min(0).max(1_000_000).default(0),
      guarantees: z.number().int().min(0).max(100_000).default(0),
      /** Collection contacts on the loans in arrears. */
      contacts: z.number().int().min(0).max(5_000_000).default(0),
      seed: z.number().int().min(0).max(2 ** 31).default(20261128),
    }),
    output: z.object({ borrowers: z.number().int(), loans: z.number().int(), guarantees: z.number().int(), contacts: z.number().int() }),
    permission: 'demo.generate',
    mutates: true, offThread: 'jobs',
  }),
  /** First run: creates the administrator. Refused once any user exists. */
  'session.setup': channel({
    input: z.strictObject({ userName, displayName: requiredText(50), password: newPassword }),
    output: userView,
    permission: 'public',
    mutates: true,
    asyncWrites: true,
  }),
  /** The transport keeps the token (cookie, window); it never reaches page scripts. */
  'session.signIn': channel({
    input: z.strictObject({ userName: z.string().max(64), password: z.string().max(128) }),
    output: z.object({ user: userView, token: z.string() }),
    permission: 'public',
    mutates: true,
    asyncWrites: true,
  }),
  'session.signOut': channel({ input: z.strictObject({}).default({}), output: z.object({ signedOut: z.boolean() }), permission: 'session', mutates: false }),
  'session.changePassword': channel({
    input: z.strictObject({ currentPassword: z.string().max(128), newPassword }),
    output: userView,
    permission: 'session',
    mutates: true,
    asyncWrites: true,
  }),
  'user.list': channel({ input: z.strictObject({}).default({}), output: z.array(userView), permission: 'users.manage', mutates: false }),
  'user.create': channel({
    input: z.strictObject({ userName, displayName: requiredText(50), role: z.enum(roles), password: newPassword }),
    output: userView,
    permission: 'users.manage',
    mutates: true,
    asyncWrites: true,
  }),
  'user.update': channel({
    input: z.strictObject({ id: positiveId, version: z.number().int().min(1), displayName: requiredText(50), role: z.enum(roles), active: z.boolean() }),
    output: userView,
    permission: 'users.manage',
    mutates: true,
  }),
  /** Sets a temporary password the user must change at next sign-in; also lifts a lockout. */
  'user.resetPassword': channel({
    input: z.strictObject({ id: positiveId, newPassword }),
    output: userView,
    permission: 'users.manage',
    mutates: true,
    asyncWrites: true,
  }),
  'audit.list': channel({
    input: z.strictObject({
      entityType: optionalText(50),
      entityId: optionalText(50),
      userName: optionalText(64),
      channel: optionalText(64),
      from: isoDate.optional(),
      to: isoDate.optional(),
      ...paging,
    }),
    output: pageOf(auditEntry),
    permission: 'audit.read',
    mutates: false,
  }),
  'audit.verify': channel({
    input: z.strictObject({}).default({}),
    output: z.object({ ok: z.boolean(), entries: z.number().int(), firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable() }),
    permission: 'audit.read',
    mutates: false, offThread: 'reports',
  }),
  'settings.list': channel({
    input: z.strictObject({}).default({}),
    output: z.array(z.object({ key: z.string(), group: z.string(), value: z.unknown(), defaultValue: z.unknown(), isDefault: z.boolean(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() })),
    permission: 'settings.read',
    mutates: false,
  }),
  'settings.set': channel({
    input: z.strictObject({ key: z.string().max(100), value: z.unknown() }),
    output: z.object({ key: z.string(), value: z.unknown() }),
    permission: 'settings.write',
    mutates: true,
  }),
  'netAssets.list': channel({
    input: z.strictObject({}).default({}),
    output: z.array(netAssetsView),
    permission: 'settings.read',
    mutates: false,
  }),
  /** Net assets (净资产) at a period end, from the balance sheet; a new figure for the same period replaces it (audited). */
  'netAssets.record': channel({
    input: z.strictObject({
      periodEnd: isoDate,
      amount: yuanAmount.refine((fen) => fen > 0, { message: 'net assets must be more than 0', params: { reason: 'positiveAmount' } }),
      note: optionalText(200),
    }),
    output: netAssetsView,
    permission: 'settings.write',
    mutates: true,
  }),
  'backup.list': channel({
    input: z.strictObject({}).default({}),
    output: z.object({ folder: z.string(), backups: z.array(backupFile) }),
    permission: 'backup.manage',
    mutates: false,
  }),
  'backup.create': channel({
    /** Another folder than the configured one (a USB stick), for this copy only. */
    input: z.strictObject({ folder: z.string().min(1).max(500).optional() }).default({}),
    output: backupFile.extend({ folder: z.string() }),
    permission: 'backup.manage',
    mutates: false,
  }),
  /** Verifies the file, takes a safety copy of the current database, then replaces it. */
  'backup.restore': channel({
    /** `name`: a copy in the backup folder; `file`: any path (CLI). */
    input: z
      .strictObject({ name: z.string().max(200).optional(), file: z.string().max(1000).optional() })
      .refine((v) => (v.name === undefined) !== (v.file === undefined), { message: 'give either name or file', params: { reason: 'nameOrFile' } }),
    output: z.object({ restoredFrom: z.string(), safetyCopy: z.string() }),
    permission: 'backup.manage',
    mutates: true,
    asyncWrites: true,
  }),
};
