/** Daily close: idempotent, and a close killed midway resumes to the same result. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { tempDataDir } from '../../helpers/runtime';
import { addDays, TEST_DATE } from '../../helpers/clock';

/** The register columns the close computes, for every loan. */
function snapshot(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'loanbridge.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT contract_no, status, as_of, outstanding_principal, overdue_principal, overdue_interest, penalty_outstanding, dpd, bucket, classification FROM loans ORDER BY id').all();
    const allocations = db.prepare('SELECT payment_id, installment_number, component, amount FROM payment_allocations ORDER BY payment_id, installment_number, component').all();
    return JSON.stringify({ rows, allocations });
  } finally {
    db.close();
  }
}

function copyBook(from: string): string {
  const to = tempDataDir('close');
  for (const name of fs.readdirSync(from)) if (name.startsWith('loanbridge.db')) fs.copyFileSync(path.join(from, name), path.join(to, name));
  return to;
}

function closeInChild(dataDir: string, to: string, killAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('electron/cli/bin.mjs'), 'close-day', '--to', to, '--data-dir', dataDir], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('daily close', () => {
  it('run twice gives the same result; killed midway and rerun gives the same result', async () => {
    const book = tempDataDir('book');
    // The business date is pinned in the book before the copies: the killed children read the machine's clock.
    expect((await runCli('close-day', '--to', TEST_DATE, '--data-dir', book)).code).toBe(0);
    await runCli('demo', '--borrowers', '150', '--loans', '2500', '--seed', '8', '--data-dir', book);
    const next = addDays(TEST_DATE, 45);

    const reference = copyBook(book);
    expect((await runCli('close-day', '--to', next, '--data-dir', reference)).code).toBe(0);
    const once = snapshot(reference);
    expect((await runCli('close-day', '--to', next, '--data-dir', reference)).code).toBe(0);
    expect(snapshot(reference)).toBe(once);

    // Kill points from the child's start-up through its close, until a few landed inside the close.
    let interrupted = 0;
    for (let killAfter = 500; killAfter <= 2500 && interrupted < 3; killAfter += 120) {
      const copy = copyBook(book);
      await closeInChild(copy, next, killAfter);
      const db = new Database(path.join(copy, 'loanbridge.db'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      if (db.prepare("SELECT COUNT(*) FROM settings WHERE key = 'platform.closeRun'").pluck().get()) interrupted++;
      db.close();
      const rerun = await runCli('close-day', '--to', next, '--data-dir', copy);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(snapshot(copy)).toBe(once);
    }
    // At least one kill must have landed inside the close, or the resume path went untested.
    expect(interrupted).toBeGreaterThan(0);
  }, 240_000);
});
