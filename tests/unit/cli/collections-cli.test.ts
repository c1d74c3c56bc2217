/** Collections from the terminal over a demo book: the queue as JSON, a contact inside and outside the allowed hours. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../helpers/cli';
import { tempDataDir } from '../../helpers/runtime';

const dir = tempDataDir();
let first: { contractNo: string; dpd: number; bucket: string; amountDue: string; collector: string | null };

beforeAll(async () => {
  expect((await run('demo', '--borrowers', '120', '--loans', '300', '--guarantees', '0', '--seed', '8', '--data-dir', dir)).code).toBe(0);
  const queue = await run('collections', 'queue', '--json', '--data-dir', dir);
  expect(queue.code, queue.stderr).toBe(0);
  first = (JSON.parse(queue.stdout) as { items: (typeof first)[] }).items[0]!;
}, 60_000);

describe('loanbridge collections', () => {
  it('queue --json lists overdue accounts with contractNo, dpd, bucket, amountDue and collector, most overdue first', async () => {
    const { total, items } = JSON.parse((await run('collections', 'queue', '--json', '--data-dir', dir)).stdout) as { total: number; items: (typeof first)[] };
    expect(total).toBeGreaterThan(10);
    for (const item of items) {
      expect(Object.keys(item)).toEqual(expect.arrayContaining(['contractNo', 'dpd', 'bucket', 'amountDue', 'collector']));
      expect(item.dpd).toBeGreaterThan(0);
      expect(item.amountDue).toMatch(/^\d+\.\d{2}$/);
    }
    expect(items.map((i) => i.dpd)).toEqual([...items.map((i) => i.dpd)].sort((a, b) => b - a));
    // The loans in the queue are exactly the overdue ones in the register.
    const register = JSON.parse((await run('loan', 'list', '--status', 'disbursed', '--json', '--data-dir', dir)).stdout) as { items: Array<{ contractNo: string; dpd: number }> };
    expect(new Set(items.map((i) => i.contractNo))).toEqual(new Set(register.items.filter((l) => l.dpd > 0).map((l) => l.contractNo)));
  });

  it('log refuses a call at 22:00 with exit code 2 and the reason, and takes one at 10:30', async () => {
    const late = await run('collections', 'log', '--contract', first.contractNo, '--channel', 'phone', '--party', 'borrower', '--at', '2026-12-01T22:00', '--outcome', '无人接听', '--data-dir', dir);
    expect(late.code).toBe(2);
    expect(late.stderr).toContain('outside the allowed hours 08:00–21:00');
    const ok = await run('collections', 'log', '--contract', first.contractNo, '--channel', 'phone', '--party', 'borrower', '--at', '2026-12-01T10:30', '--outcome', '承诺周五还款', '--data-dir', dir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('2026-12-01 10:30 (Asia/Shanghai)');
    const claim = JSON.parse((await run('collections', 'queue', '--json', '--data-dir', dir)).stdout) as { items: Array<{ contractNo: string; lastOutcome: string | null }> };
    expect(claim.items.find((i) => i.contractNo === first.contractNo)!.lastOutcome).toBe('承诺周五还款');
  });

  it('limitation due --days lists claims by expiry', async () => {
    const rows = JSON.parse((await run('limitation', 'due', '--days', '3650', '--json', '--data-dir', dir)).stdout) as Array<{ expiry: string; daysLeft: number }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.expiry)).toEqual([...rows.map((r) => r.expiry)].sort());
    for (const r of rows) expect(r.daysLeft).toBeLessThanOrEqual(3650);
  });

  it('placement --agency --contracts --out writes the masked file and refuses a second placement', async () => {
    expect((await run('collections', 'agency', 'add', '--name', '杭州某催收公司', '--from', '2026-01-01', '--to', '2099-12-31', '--data-dir', dir)).code).toBe(0);
    const out = path.join(tempDataDir('placement'), 'placement.xlsx');
    const placed = await run('collections', 'placement', '--agency', '杭州某催收公司', '--contracts', first.contractNo, '--out', out, '--data-dir', dir);
    expect(placed.code, placed.stderr).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    const ids = (JSON.parse((await run('borrower', 'list', '--json', '--data-dir', dir)).stdout) as { items: Array<{ idNumber: string }> }).items.map((b) => b.idNumber);
    const raw = execFileSync('unzip', ['-p', out], { encoding: 'latin1' });
    expect(ids.filter((id) => raw.includes(id))).toEqual([]);
    const again = await run('collections', 'placement', '--agency', '杭州某催收公司', '--contracts', first.contractNo, '--out', out, '--data-dir', dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already with an agency');
  });

  it('letters --kind notice writes one DOCX and logs the letter on the account', async () => {
    const out = path.join(tempDataDir('letters'), 'notices.docx');
    const made = await run('collections', 'letters', '--kind', 'notice', '--contracts', first.contractNo, '--pay-by', '2099-01-31', '--out', out, '--json', '--data-dir', dir);
    expect(made.code, made.stderr).toBe(0);
    const xml = execFileSync('unzip', ['-p', out, 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain(first.contractNo);
    expect(xml).toContain('2099-01-31');
    const { letters } = JSON.parse(made.stdout) as { letters: Array<{ contactId: number }> };
    const delivered = await run('collections', 'delivered', '--contact', String(letters[0]!.contactId), '--on', '2000-01-01', '--data-dir', dir);
    expect(delivered.code).toBe(2);
  });
});
