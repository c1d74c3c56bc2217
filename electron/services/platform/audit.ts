/**
 * The audit trail: every write records who, when, what, before and after. Each entry's hash covers
 * the previous entry's hash, so changing or removing any row breaks the chain from there on.
 */
import { createHash } from 'node:crypto';
import { allAuditRows, auditIdsIssued, insertAudit, lastAuditHash, type AuditRow } from '../../../db/repositories/platform/audit';
import type { AppDatabase } from '../../../db/open';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** Who acted, when it is not the caller (a sign-in attempt acts for the name typed). */
  actor?: { userName: string; role: string };
  entityType: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
}

interface Stamp {
  at: string;
  userName: string;
  role: string;
  channel: string;
}

/** Keys whose values never go into the trail. */
const SECRET_KEYS = new Set(['password', 'currentPassword', 'newPassword', 'passwordHash', 'token']);

export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = SECRET_KEYS.has(key) ? '[redacted]' : withoutSecrets(inner);
    return out;
  }
  return value;
}

function entryHash(prevHash: string, row: Omit<AuditRow, 'id' | 'hash' | 'prevHash'>): string {
  const content = JSON.stringify([prevHash, row.at, row.userName, row.role, row.channel, row.entityType, row.entityId, row.before, row.after]);
  return createHash('sha256').update(content).digest('hex');
}

/** Appends one entry; call inside the write transaction so the chain cannot fork. */
export function appendAudit(db: AppDatabase, stamp: Stamp, entry: AuditEntry): void {
  const prevHash = lastAuditHash(db) ?? GENESIS_HASH;
  const row = {
    ...stamp,
    entityType: entry.entityType,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: entry.before === undefined || entry.before === null ? null : JSON.stringify(withoutSecrets(entry.before)),
    after: entry.after === undefined || entry.after === null ? null : JSON.stringify(withoutSecrets(entry.after)),
  };
  insertAudit(db, { ...row, prevHash, hash: entryHash(prevHash, row) });
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  firstBroken: { id: number; reason: string } | null;
}

export function verifyAuditChain(db: AppDatabase): AuditVerification {
  let expectedPrev = GENESIS_HASH;
  let entries = 0;
  let lastId = 0;
  for (const row of allAuditRows(db)) {
    entries++;
    if (row.id !== lastId + 1) return { ok: false, entries, firstBroken: { id: row.id, reason: `entries ${lastId + 1}–${row.id - 1} are missing` } };
    if (row.prevHash !== expectedPrev) return { ok: false, entries, firstBroken: { id: row.id, reason: 'its link to the previous entry is broken' } };
    const { id: _id, hash, prevHash: _prev, ...content } = row;
    if (entryHash(row.prevHash, content) !== hash) return { ok: false, entries, firstBroken: { id: row.id, reason: 'its content does not match its hash (altered)' } };
    expectedPrev = hash;
    lastId = row.id;
  }
  const issued = auditIdsIssued(db);
  if (issued > lastId) return { ok: false, entries, firstBroken: { id: lastId + 1, reason: `entries ${lastId + 1}–${issued} were removed from the end` } };
  return { ok: true, entries, firstBroken: null };
}
