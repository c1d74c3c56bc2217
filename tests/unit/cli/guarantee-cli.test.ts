/** The guarantee book from the terminal: a demo book, its register, ratios, monitoring tasks and alerts as JSON. */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../helpers/cli';
import { tempDataDir } from '../../helpers/runtime';

const dir = tempDataDir();
const json = async <T>(...args: string[]): Promise<T> => {
  const result = await run(...args, '--json', '--data-dir', dir);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};
const fen = (yuan: string) => Math.round(Number(yuan) * 100);
const YUAN = /^-?\d+\.\d{2}$/;

interface Listed {
  contractNo: string;
  clientId: number;
  bankId: number;
  guaranteeType: string;
  clientSize: string;
  issuerRating: string | null;
  guaranteedAmount: string;
  outstanding: string;
  status: string;
}

beforeAll(async () => {
  expect((await run('demo', '--borrowers', '150', '--guarantees', '120', '--seed', '5', '--data-dir', dir)).code).toBe(0);
}, 60_000);

describe('loanbridge guarantee commands', () => {
  it('demo builds a book of every size, type and outcome; guarantee list --json has the agreed fields', async () => {
    const { total, items } = await json<{ total: number; items: Listed[] }>('guarantee', 'list');
    expect(total).toBe(120);
    for (const g of items) {
      expect(Object.keys(g)).toEqual(expect.arrayContaining(['contractNo', 'clientId', 'bankId', 'guaranteeType', 'clientSize', 'issuerRating', 'guaranteedAmount', 'outstanding', 'status']));
      expect(g.guaranteedAmount).toMatch(YUAN);
      expect(g.outstanding).toMatch(YUAN);
      if (g.guaranteeType === 'bond') expect(g.issuerRating).toMatch(/^A/);
      if (g.status !== 'in-force') expect(g.outstanding).toBe('0.00');
    }
    expect(new Set(items.map((g) => g.clientSize))).toEqual(new Set(['small-micro', 'farm-household', 'other']));
    const statuses = new Set(items.map((g) => g.status));
    for (const status of ['in-force', 'released', 'closed']) expect(statuses.has(status), status).toBe(true);
    expect(statuses.has('compensated') || statuses.has('recovering')).toBe(true);
  });

  it('ratios --json: the in-force balance is the sum of the register, ratios as decimal strings', async () => {
    const { items } = await json<{ items: Listed[] }>('guarantee', 'list');
    const r = await json<Record<string, string | null>>('ratios');
    expect(fen(r.inForceBalance!)).toBe(items.reduce((s, g) => s + fen(g.outstanding), 0));
    for (const key of ['inForceBalance', 'weightedLiability', 'netAssets', 'compensationBalance', 'unearnedFeeReserve', 'compensationReserve']) expect(r[key], key).toMatch(YUAN);
    for (const key of ['leverage', 'compensationRate', 'compensationRecoveryRate', 'lossRate']) expect(r[key], key).toMatch(/^\d+\.\d+$/);
    // Weighted liability lies between 75% and 100% of the in-force balance.
    expect(fen(r.weightedLiability!)).toBeLessThanOrEqual(fen(r.inForceBalance!));
    expect(fen(r.weightedLiability!)).toBeGreaterThanOrEqual(Math.floor(fen(r.inForceBalance!) * 0.75));
  });

  it('monitoring due and guarantee alerts --json list only contracts in force, within their windows', async () => {
    const { items } = await json<{ items: Listed[] }>('guarantee', 'list');
    const inForce = new Set(items.filter((g) => g.status === 'in-force').map((g) => g.contractNo));
    const status = await json<{ businessDate: string }>('status');
    const tasks = await json<Array<{ contractNo: string; dueDate: string; daysOverdue: number }>>('monitoring', 'due', '--within', '30');
    expect(tasks.length).toBeGreaterThan(0);
    const until = new Date(Date.parse(status.businessDate) + 30 * 86_400_000).toISOString().slice(0, 10);
    for (const t of tasks) {
      expect(inForce.has(t.contractNo), t.contractNo).toBe(true);
      expect(t.dueDate <= until).toBe(true);
      expect(t.daysOverdue).toBe(Math.max(0, Math.round((Date.parse(status.businessDate) - Date.parse(t.dueDate)) / 86_400_000)));
    }
    const alerts = await json<{ maturing: Array<{ contractNo: string; daysLeft: number; window: number }> }>('guarantee', 'alerts');
    for (const m of alerts.maturing) {
      expect(inForce.has(m.contractNo)).toBe(true);
      expect(m.daysLeft).toBeLessThanOrEqual(m.window);
      expect([30, 60, 90]).toContain(m.window);
    }
  });
});
