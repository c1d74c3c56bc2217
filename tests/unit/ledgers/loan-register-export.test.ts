/**
 * The loan register as Excel, read back by openpyxl (structure, types, formats) and recalculated by
 * LibreOffice (the SUBTOTAL totals equal the register's totals), with the screen's filter applied.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libreOfficeValues, openpyxlDump, readersAvailable } from '../../helpers/excel';
import { runCli } from '../../helpers/cli';
import { tempDataDir, testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
let file: string;
const collector = { userName: 'xiaozhang', role: 'collector' as const };
const missingReaders = readersAvailable();

beforeAll(async () => {
  rt = await testRuntime();
  await rt.call('settings.set', { key: 'company.name', value: '杭州某小额贷款有限公司' });
  await rt.call('platform.demo', { borrowers: 60, loans: 120, guarantees: 0, seed: 31 });
  const exported = await rt.call('export.loanRegister', { status: 'disbursed' });
  file = path.join(tempDataDir('register'), exported.fileName);
  fs.writeFileSync(file, Buffer.from(exported.contentBase64, 'base64'));
});
afterAll(() => rt.close());

describe.skipIf(missingReaders !== null)('the loan register export', () => {
  it('has a cover sheet, headers in Chinese, real numbers, dates and formats, a frozen header and an autofilter', async () => {
    const register = await rt.call('loan.list', { status: 'disbursed', pageSize: 500, sort: 'contractNo', direction: 'desc' });
    const book = openpyxlDump(file);
    expect(Object.keys(book)).toEqual(['封面', '贷款台账']);
    expect(book['封面']!.rows.slice(0, 3)).toEqual([['杭州某小额贷款有限公司', null], ['贷款台账', null], ['数据截至', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]]);
    expect(book['封面']!.rows.some((r) => r[0] === '筛选：状态' && r[1] === 'disbursed')).toBe(true);
    const sheet = book['贷款台账']!;
    expect(sheet.rows[0]!.slice(0, 8)).toEqual(['合同编号', '借款人', '证件号码', '借款人类型', '产品', '用途', '贷款金额', '放款日']);
    expect(sheet.freeze).toBe('A2');
    const n = register.total;
    expect(sheet.rows).toHaveLength(n + 2);
    expect(sheet.autofilter).toBe(`A1:X${n + 1}`);
    const first = register.items[0]!;
    const row = sheet.rows[1]!;
    expect(row[0]).toBe(first.contractNo);
    expect(row[6]).toBe(Number(first.principal));
    expect(row[7]).toEqual({ date: first.disbursementDate });
    expect(row[14]).toBe(Number(first.outstandingPrincipal));
    expect(sheet.formats[1]![6]).toBe('#,##0.00');
    expect(sheet.formats[1]![7]).toBe('yyyy-mm-dd');
    // Rates as Excel percentages: 17.30 % is the number 0.173 shown as 17.30%.
    expect(sheet.rows[0]![10]).toBe('年利率');
    expect(row[10]).toBeCloseTo(Number(first.annualRate) / 100, 10);
    expect(sheet.formats[1]![10]).toBe('0.00%');
    expect(row[22]).toBeCloseTo(Number(first.apr) / 100, 10);
    expect(sheet.rows[n + 1]![0]).toBe('合计');
    expect(sheet.rows[n + 1]![6]).toBe(`=SUBTOTAL(109,G2:G${n + 1})`);
    expect(Number(sheet.widths.A)).toBeGreaterThan(10);
  });

  it('totals recalculated by LibreOffice equal the register’s totals', async () => {
    const register = await rt.call('loan.list', { status: 'disbursed', pageSize: 1 });
    const rows = libreOfficeValues(file, 2);
    const totals = rows.find((row) => row[0] === '合计')!;
    // Principal (G) and outstanding (O): LibreOffice computed the SUBTOTALs itself.
    expect(Number(totals[6])).toBeCloseTo(Number(register.totals.principal), 2);
    expect(Number(totals[14])).toBeCloseTo(Number(register.totals.outstandingPrincipal), 2);
    expect(Number(totals[15])).toBeCloseTo(Number(register.totals.overduePrincipal), 2);
  });

  it('masks identity numbers for a collector, and the CLI writes the same report to --out', async () => {
    const masked = await rt.call('export.loanRegister', { status: 'disbursed', language: 'en' }, collector);
    const maskedFile = path.join(tempDataDir('register'), masked.fileName);
    fs.writeFileSync(maskedFile, Buffer.from(masked.contentBase64, 'base64'));
    const sheet = openpyxlDump(maskedFile)['Loan register']!;
    expect(sheet.rows[0]![0]).toBe('Contract no.');
    expect(sheet.rows.slice(1, -1).every((r) => /^\w{6}\*+\w{4}$/.test(String(r[2])))).toBe(true);
    const out = path.join(tempDataDir('cli'), 'register.xlsx');
    const cli = await runCli('export', 'loan-register', '--out', out, '--status', 'disbursed', '--data-dir', rt.dataDir);
    expect(cli.code, cli.stderr).toBe(0);
    expect(openpyxlDump(out)['贷款台账']!.rows).toHaveLength(openpyxlDump(file)['贷款台账']!.rows.length);
    const wrongDate = await runCli('export', 'loan-register', '--out', out, '--as-of', '2001-01-01', '--data-dir', rt.dataDir);
    expect(wrongDate.code).toBe(2);
  });
});
