import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../helpers/cli';
import { validateResidentId } from '../../../shared/identity/resident-id';
import { validateSocialCreditCode } from '../../../shared/identity/social-credit-code';
import { tempDataDir } from '../../helpers/runtime';


function count(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'loanbridge.db'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM borrowers').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('loanbridge CLI', () => {
  it('demo then borrower list --json: 1000 borrowers, every ID valid for its type', async () => {
    const dir = tempDataDir();
    expect((await run('demo', '--loans', '0', '--borrowers', '1000', '--data-dir', dir)).code).toBe(0);
    const listed = await run('borrower', 'list', '--json', '--data-dir', dir);
    expect(listed.code).toBe(0);
    const { total, items } = JSON.parse(listed.stdout) as { total: number; items: Array<{ idType: string; idNumber: string; name: string }> };
    expect(total).toBe(1000);
    expect(items).toHaveLength(1000);
    expect(new Set(items.map((b) => b.idNumber)).size).toBe(1000);
    for (const b of items) {
      const valid = b.idType === 'resident-id' ? validateResidentId(b.idNumber).ok : validateSocialCreditCode(b.idNumber).ok;
      expect(valid, `${b.name} ${b.idNumber}`).toBe(true);
      expect(b.name).toMatch(/^[\u4e00-\u9fa5]{2,}/);
    }
    const kinds = new Set(items.map((b) => b.idType));
    expect(kinds).toEqual(new Set(['resident-id', 'social-credit-code']));
  });

  it('the same seed gives the same book', async () => {
    const a = tempDataDir();
    const b = tempDataDir();
    await run('demo', '--borrowers', '20', '--seed', '42', '--data-dir', a);
    await run('demo', '--borrowers', '20', '--seed', '42', '--data-dir', b);
    const listA = JSON.parse((await run('borrower', 'list', '--json', '--data-dir', a)).stdout);
    const listB = JSON.parse((await run('borrower', 'list', '--json', '--data-dir', b)).stdout);
    const strip = (items: Array<Record<string, unknown>>) => items.map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
    expect(strip(listA.items)).toEqual(strip(listB.items));
  });

  it('adds a borrower and shows it; refuses a wrong check digit with exit 2 and writes nothing', async () => {
    const dir = tempDataDir();
    const bad = await run('borrower', 'add', '--name', '张三', '--id-number', '110105194912310021', '--data-dir', dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('idNumber: the check digit');
    expect(count(dir)).toBe(0);

    const good = await run('borrower', 'add', '--name', '张三', '--id-number', '11010519491231002X', '--phone', '13800001111', '--json', '--data-dir', dir);
    expect(good.code).toBe(0);
    const created = JSON.parse(good.stdout);
    expect(created).toMatchObject({ id: 1, name: '张三', idType: 'resident-id' });
    const shown = await run('borrower', 'show', '1', '--data-dir', dir);
    expect(shown.stdout).toContain('11010519491231002X');
  });

  it('refuses malformed arguments clearly with exit 2', async () => {
    const dir = tempDataDir();
    const notNumber = await run('demo', '--borrowers', 'abc', '--data-dir', dir);
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toContain('--borrowers: expected a whole number, got "abc"');
    const negative = await run('demo', '--borrowers', '-5', '--data-dir', dir);
    expect(negative).toMatchObject({ code: 2 });
    expect(negative.stderr).toMatch(/borrowers/);
    expect((await run('nonsense', '--data-dir', dir)).code).toBe(2);
    const badFile = await run('borrower', 'add', '--file', path.join(dir, 'missing.json'), '--data-dir', dir);
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toContain('--file: cannot read');
  });

  it('the installed bin runs under plain Node with --json errors and exit codes', async () => {
    const dir = tempDataDir();
    const bin = path.resolve('electron/cli/bin.mjs');
    const ok = await promisify(execFile)(process.execPath, [bin, 'status', '--json', '--data-dir', dir]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ schemaVersion: expect.any(Number), databaseFile: path.join(dir, 'loanbridge.db') });
    const failed = await promisify(execFile)(process.execPath, [bin, 'borrower', 'get-nothing', '--data-dir', dir]).catch((e) => e);
    expect(failed.code).toBe(2);
  });
});
