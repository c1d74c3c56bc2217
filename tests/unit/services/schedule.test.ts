import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSetting } from '../../../db/repositories/platform/settings';
import { libreOfficeValues, openpyxlDump, readersAvailable } from '../../helpers/excel';
import { tempDataDir, testRuntime, type TestRuntime } from '../../helpers/runtime';
import { base, seedStoryTerms } from '../../helpers/schedule';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

const seedStory = seedStoryTerms;

describe('schedule.calculate', () => {
  it('returns yuan strings, the APR disclosure and the nominal rate as staff quote it', async () => {
    const s = await rt.call('schedule.calculate', { terms: seedStory });
    expect(s.installments[0]).toEqual({
      number: 1,
      periodStart: '2026-01-15',
      dueDate: '2026-02-15',
      days: 30,
      openingBalance: '1000000.00',
      principal: '0.00',
      interest: '14416.67',
      fees: '0.00',
      total: '14416.67',
      closingBalance: '1000000.00',
    });
    expect(s.installments[6]!.total).toBe('91347.18');
    expect(s.totals).toMatchObject({ principal: '1000000.00', interest: '182666.22', total: '1182666.22' });
    expect(s.apr).toEqual({ periodicRate: '1.4417', simple: '17.30', compound: '18.74', method: 'irr' });
    expect(s.nominal).toEqual({ annualPercent: '17.30', monthlyPermille: '14.4167', dailyPerTenThousand: '4.8056' });
  });

  it('discloses a zero-rate loan’s APR as 0.00, not -0.00', async () => {
    for (const method of ['equal-installment', 'equal-principal', 'interest-only', 'bullet'] as const) {
      const s = await rt.call('schedule.calculate', { terms: { ...base, method, annualRate: '0' } });
      expect(s.apr, method).toMatchObject({ simple: '0.00', compound: '0.00' });
      expect(s.totals.interest).toBe('0.00');
    }
  });

  it('accrues a bullet loan on the actual days unless told otherwise: 365 days at 12% is 12,166.67, not 12,000.00', async () => {
    // 2026-01-15 to 2027-01-15 is 365 days: 100,000.00 × 12% × 365 / 360.
    const interest = Math.round((10_000_000 * 0.12 * 365) / 360) / 100;
    const bullet = await rt.call('schedule.calculate', { terms: { ...base, method: 'bullet' } });
    expect(bullet.installments).toHaveLength(1);
    expect(bullet.installments[0]).toMatchObject({ days: 365, interest: interest.toFixed(2) });
    expect(interest.toFixed(2)).toBe('12166.67');
    const thirty = await rt.call('schedule.calculate', { terms: { ...base, method: 'bullet', dayCount: '30/360' } });
    expect(thirty.installments[0]!.interest).toBe('12000.00');
    // The other methods keep 30-day months by default.
    expect((await rt.call('schedule.calculate', { terms: base })).installments[0]!.days).toBe(30);
  });

  it('warns above 4 × LPR and blocks above the hard cap unless explicitly overridden', async () => {
    expect((await rt.call('schedule.calculate', { terms: seedStory })).warnings).toEqual([
      expect.objectContaining({ reason: 'aprAboveWarning', params: { apr: '17.30', limit: '12.00' } }),
    ]);
    expect((await rt.call('schedule.calculate', { terms: { ...base, annualRate: '10' } })).warnings).toEqual([]);
    const blocked = await rt.fail('schedule.calculate', { terms: { ...base, annualRate: '24.5' } });
    expect(blocked).toMatchObject({ code: 'validation', field: 'terms.annualRate', reason: 'aprAboveCap', params: { apr: '24.50', cap: '24.00' } });
    // A fee pushes the APR of a 23% loan over the cap: the all-in cost counts.
    expect(await rt.fail('schedule.calculate', { terms: { ...base, annualRate: '23', upfrontFee: '2000' } })).toMatchObject({ reason: 'aprAboveCap' });
    const overridden = await rt.call('schedule.calculate', { terms: { ...base, annualRate: '24.5' }, allowAboveCap: true });
    expect(overridden.warnings.map((w) => w.reason)).toEqual(['aprAboveCapOverridden']);
  });

  it('reads the caps from settings', async () => {
    writeSetting(rt.database.db, 'lending.aprHardCapPercent', '36.00', 'test', rt.now().toISOString());
    expect((await rt.call('schedule.calculate', { terms: { ...base, annualRate: '30' } })).apr.simple).toBe('30.00');
    writeSetting(rt.database.db, 'lending.aprHardCapPercent', '24.00', 'test', rt.now().toISOString());
  });

  it('refuses bad terms naming the field', async () => {
    expect(await rt.fail('schedule.calculate', { terms: { ...base, periods: 0 } })).toMatchObject({ field: 'terms.periods', reason: 'tooSmall' });
    expect(await rt.fail('schedule.calculate', { terms: { ...base, firstDueDate: '2025-12-01' } })).toMatchObject({ field: 'terms.firstDueDate', reason: 'dateOrder' });
  });
});

const missingReaders = readersAvailable();
describe.skipIf(missingReaders !== null)('schedule.exportXlsx read back by openpyxl and LibreOffice', () => {
  let file: string;
  beforeAll(async () => {
    const exported = await rt.call('schedule.exportXlsx', { terms: seedStory });
    file = path.join(tempDataDir('xlsx'), exported.fileName);
    fs.writeFileSync(file, Buffer.from(exported.contentBase64, 'base64'));
  });

  it('writes numbers, real dates, formats, a frozen header and an autofilter', () => {
    const sheet = openpyxlDump(file)['还款计划']!;
    const header = sheet.rows.findIndex((row) => row[0] === '期次');
    expect(sheet.rows[header]).toEqual(['期次', '计息起日', '还款日', '计息天数', '期初本金', '应还本金', '应还利息', '费用', '应还合计', '期末本金']);
    expect(sheet.freeze).toBe(`A${header + 2}`);
    expect(sheet.autofilter).toBe(`A${header + 1}:J${header + 19}`);
    expect(sheet.rows[header + 1]).toEqual([1, { date: '2026-01-15' }, { date: '2026-02-15' }, 30, 1000000, 0, 14416.67, 0, 14416.67, 1000000]);
    expect(sheet.formats[header + 1]!.slice(1, 3)).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd']);
    expect(sheet.formats[header + 1]!.slice(4)).toEqual(Array(6).fill('#,##0.00'));
    expect(sheet.rows[header + 19]!.slice(0, 7)).toEqual(['合计', null, null, null, null, `=SUBTOTAL(109,F${header + 2}:F${header + 19})`, `=SUBTOTAL(109,G${header + 2}:G${header + 19})`]);
  });

  it('totals recalculated by LibreOffice equal the app’s totals', () => {
    const rows = libreOfficeValues(file);
    const totals = rows.find((row) => row[0] === '合计')!;
    expect(totals.slice(5, 9).map(Number)).toEqual([1000000, 182666.22, 0, 1182666.22]);
  });
});
