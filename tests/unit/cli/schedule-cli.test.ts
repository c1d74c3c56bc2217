import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../helpers/cli';
import { tempDataDir } from '../../helpers/runtime';


function termsFile(terms: unknown): string {
  const file = path.join(tempDataDir('terms'), 'terms.json');
  fs.writeFileSync(file, typeof terms === 'string' ? terms : JSON.stringify(terms));
  return file;
}

describe('loanbridge schedule', () => {
  const dataDir = tempDataDir();

  it('reproduces the 18-month, 6 interest-only case to the fen in the public JSON format', async () => {
    const result = await run('schedule', '--terms', 'resources/examples/terms-18m-io6.json', '--json', '--data-dir', dataDir);
    expect(result.code).toBe(0);
    const s = JSON.parse(result.stdout);
    expect(Object.keys(s.installments[0])).toEqual(expect.arrayContaining(['number', 'dueDate', 'days', 'openingBalance', 'principal', 'interest', 'fees', 'total', 'closingBalance']));
    expect(s.installments.slice(0, 6).map((i: { total: string }) => i.total)).toEqual(Array(6).fill('14416.67'));
    expect(s.installments.slice(6, 17).map((i: { total: string }) => i.total)).toEqual(Array(11).fill('91347.18'));
    expect(s.totals).toMatchObject({ principal: '1000000.00', interest: '182666.22', fees: '0.00', total: '1182666.22' });
    expect(s.apr).toMatchObject({ periodicRate: '1.4417', simple: '17.30', compound: '18.74' });
  });

  it('reproduces the equal-installment and equal-principal checks', async () => {
    const terms = { principal: '100000.00', annualRate: '12', periods: 12, method: 'equal-installment', disbursementDate: '2026-01-15' };
    const ei = JSON.parse((await run('schedule', '--terms', termsFile(terms), '--json', '--data-dir', dataDir)).stdout);
    expect(ei.installments[0].total).toBe('8884.88');
    expect(ei.totals.interest).toBe('6618.53');
    const ep = JSON.parse((await run('schedule', '--terms', termsFile({ ...terms, method: 'equal-principal' }), '--json', '--data-dir', dataDir)).stdout);
    expect(ep.installments[0].total).toBe('9333.33');
  });

  it('prints a readable table by default and writes Excel with --xlsx', async () => {
    const text = await run('schedule', '--terms', 'resources/examples/terms-18m-io6.json', '--data-dir', dataDir);
    expect(text.stdout).toContain('APR (IRR, simple) 17.30%');
    expect(text.stdout).toContain('91,347.18');
    const out = path.join(tempDataDir('x'), 'schedule.xlsx');
    const xlsx = await run('schedule', '--terms', 'resources/examples/terms-18m-io6.json', '--xlsx', out, '--data-dir', dataDir);
    expect(xlsx.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  });

  it('refuses bad terms with exit 2 and the field named', async () => {
    const negative = await run('schedule', '--terms', termsFile({ principal: '-5', annualRate: '12', periods: 12, method: 'bullet', disbursementDate: '2026-01-15' }), '--data-dir', dataDir);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('terms.principal: must be more than 0');
    const garbage = await run('schedule', '--terms', termsFile('{{{'), '--data-dir', dataDir);
    expect(garbage).toMatchObject({ code: 2 });
    expect(garbage.stderr).toContain('is not valid JSON');
    const missing = await run('schedule', '--terms', '/nonexistent/terms.json', '--data-dir', dataDir);
    expect(missing.stderr).toContain('cannot read /nonexistent/terms.json (ENOENT)');
    const capped = await run('schedule', '--terms', termsFile({ principal: '1000', annualRate: '36', periods: 12, method: 'flat', disbursementDate: '2026-01-15' }), '--data-dir', dataDir);
    expect(capped.code).toBe(2);
    expect(capped.stderr).toContain('above the hard cap of 24.00%');
    const overridden = await run('schedule', '--terms', termsFile({ principal: '1000', annualRate: '36', periods: 12, method: 'flat', disbursementDate: '2026-01-15' }), '--allow-above-cap', '--data-dir', dataDir);
    expect(overridden.code).toBe(0);
  });
});
