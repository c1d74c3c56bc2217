/** A 50,000-row import succeeds (and a second run of the same file adds nothing); the CLI's import flow. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { tempDataDir, testRuntime, type TestRuntime } from '../../helpers/runtime';
import { b64, workbook } from '../../helpers/workbooks';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** The n-th valid resident ID: a birth date and sequence number, and its ISO 7064 MOD 11-2 check digit. */
function residentId(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (n % 18_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `330106${birth}${String(100 + Math.floor(n / 18_000)).padStart(3, '0')}`;
  const sum = [...body].reduce((s, d, k) => s + Number(d) * WEIGHTS[k]!, 0);
  return body + '10X98765432'[sum % 11];
}

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

describe('scale', () => {
  it('imports 50,000 borrowers in one file, all or nothing', async () => {
    const rows = Array.from({ length: 50_000 }, (_, n) => ['个人', `借款人${n}`, residentId(n), `139${String(n).padStart(8, '0')}`]);
    const file = await workbook({ name: '借款人', rows: [['借款人类型', '姓名/名称', '证件号码', '手机号码'], ...rows] });
    const upload = { kind: 'borrowers' as const, fileName: 'big.xlsx', contentBase64: b64(file) };
    expect(await rt.call('import.commit', upload)).toMatchObject({ rows: 50_000, created: 50_000, existing: 0 });
    expect((await rt.call('borrower.list', { pageSize: 1 })).total).toBe(50_000);
    expect((await rt.call('borrower.list', { q: residentId(49_999) })).items[0]).toMatchObject({ name: '借款人49999' });
    expect(await rt.call('import.commit', upload)).toMatchObject({ created: 0, existing: 50_000 });
  }, 300_000);
});

describe('the CLI', () => {
  it('lists the problems and writes the annotated copy, then imports the fixed file once', async () => {
    const dir = tempDataDir('import-cli');
    const bad = path.join(dir, 'borrowers.xlsx');
    const header = ['借款人类型', '姓名/名称', '证件号码'];
    fs.writeFileSync(bad, await workbook({ name: '借款人', rows: [header, ['个人', '张三', residentId(1)], ['个人', '李四', '330106195001010019'], ['社团', '王五', residentId(3)]] }));
    const refused = await runCli('import', 'borrowers', bad, '--annotated', path.join(dir, 'marked.xlsx'), '--data-dir', dir);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/C3 \[residentId.checkDigit\]/);
    expect(refused.stdout).toMatch(/A4 \[choice\]/);
    expect(fs.existsSync(path.join(dir, 'marked.xlsx'))).toBe(true);
    const fixed = path.join(dir, 'fixed.xlsx');
    fs.writeFileSync(fixed, await workbook({ name: '借款人', rows: [header, ['个人', '张三', residentId(1)], ['个人', '李四', residentId(2)], ['企业', '王五有限公司', '91350100M000100Y43']] }));
    const dry = await runCli('import', 'borrowers', fixed, '--dry-run', '--json', '--data-dir', dir);
    expect(JSON.parse(dry.stdout)).toMatchObject({ rows: 3, new: 3, errors: 0, dryRun: true });
    const done = await runCli('import', 'borrowers', fixed, '--json', '--data-dir', dir);
    expect(JSON.parse(done.stdout)).toMatchObject({ rows: 3, new: 3, existing: 0 });
    const again = await runCli('import', 'borrowers', fixed, '--json', '--data-dir', dir);
    expect(JSON.parse(again.stdout)).toMatchObject({ new: 0, existing: 3 });
    const template = await runCli('import-template', 'loans', '--out', path.join(dir, 'loans.xlsx'), '--data-dir', dir);
    expect(template.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'loans.xlsx'))).toBe(true);
  }, 60_000);
});
