/**
 * A generated year of business (the demo book: repayments, early settlements, write-offs, recoveries,
 * guarantees with compensation and recovery): the trial balance ties to the sub-ledgers, and the
 * voucher and trial-balance exports read back in openpyxl and recalculate in LibreOffice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { libreOfficeValues, openpyxlDump, readersAvailable } from '../../helpers/excel';
import { tempDataDir, testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
let today: string;
const missingReaders = readersAvailable();
const fen = (v: string | number) => Math.round(Number(v) * 100);

async function download(input: { report: 'vouchers' | 'trial-balance'; from: string; to: string; language?: 'zh-CN' | 'en' }) {
  const exported = await rt.call('export.ledger', input);
  const file = path.join(tempDataDir('ledger'), exported.fileName);
  fs.writeFileSync(file, Buffer.from(exported.contentBase64, 'base64'));
  return { file, rows: exported.rows };
}

beforeAll(async () => {
  rt = await testRuntime();
  await rt.call('settings.set', { key: 'company.name', value: '杭州某小额贷款有限公司' });
  await rt.call('platform.demo', { borrowers: 80, loans: 400, guarantees: 60, seed: 17 });
  today = (await rt.call('platform.status', {})).businessDate;
}, 120_000);
afterAll(() => rt.close());

describe('a generated year in the ledger', () => {
  it('balances and ties every control account to its sub-ledger', async () => {
    const tb = await rt.call('ledger.trialBalance', { from: `${today.slice(0, 4)}-01-01`, to: today });
    expect(tb.balanced).toBe(true);
    for (const tie of tb.ties!) expect(tie, tie.figure).toMatchObject({ difference: '0.00' });
    // Not a vacuous tie: the book has loans, interest, an allowance, compensation and margin on it.
    const figures = Object.fromEntries(tb.ties!.map((t) => [t.figure, fen(t.subLedger)]));
    expect(figures.loansOutstanding).toBeGreaterThan(0);
    expect(figures.loanLossAllowance).toBeGreaterThan(0);
    expect(figures.marginHeld).toBeGreaterThan(0);
    const register = await rt.call('loan.list', { status: 'disbursed', pageSize: 1 });
    expect(figures.loansOutstanding).toBe(fen(register.totals.outstandingPrincipal));
    const vouchers = await rt.call('ledger.vouchers', { from: '2000-01-01', to: today, pageSize: 1 });
    expect(new Set((await rt.call('ledger.vouchers', { from: '2000-01-01', to: today, pageSize: 200, kind: 'writeOff' })).items.map((v) => v.kind))).toEqual(new Set(['writeOff']));
    expect(vouchers.debit).toBe(vouchers.credit);
  });
});

describe.skipIf(missingReaders !== null)('ledger exports', () => {
  it('vouchers: the layout setting decides the columns, data first for the accounting software, totals on the cover', async () => {
    const from = `${today.slice(0, 7)}-01`;
    const page = await rt.call('ledger.vouchers', { from, to: today, pageSize: 200 });
    for (let n = 2; page.items.length < page.total; n++) page.items.push(...(await rt.call('ledger.vouchers', { from, to: today, pageSize: 200, page: n })).items);
    const { file, rows } = await download({ report: 'vouchers', from, to: today });
    const book = openpyxlDump(file);
    expect(Object.keys(book)).toEqual(['记账凭证', '封面']);
    const sheet = book['记账凭证']!;
    expect(sheet.rows[0]).toEqual(['凭证日期', '凭证字', '凭证号', '分录号', '摘要', '科目编码', '科目名称', '借方金额', '贷方金额', '业务编号']);
    const lineCount = page.items.reduce((s, v) => s + v.lines.length, 0);
    expect(rows).toBe(lineCount);
    expect(sheet.rows).toHaveLength(lineCount + 1); // no totals row: it would import as a line
    const first = page.items[0]!;
    expect(sheet.rows[1]).toEqual([{ date: first.date }, '记', first.number, 1, first.summary, first.lines[0]!.account, first.lines[0]!.accountName, fen(first.lines[0]!.debit) / 100, null, first.reference]);
    expect(sheet.formats[1]![7]).toBe('#,##0.00');
    const debit = sheet.rows.slice(1).reduce((s, r) => s + fen((r[7] as number | null) ?? 0), 0);
    const credit = sheet.rows.slice(1).reduce((s, r) => s + fen((r[8] as number | null) ?? 0), 0);
    expect(debit).toBe(credit);
    expect(debit).toBe(fen(page.debit));
    const cover = book['封面']!.rows;
    expect(cover.find((r) => r[0] === '借方合计')?.[1]).toBe(page.debit);
    expect(cover.find((r) => r[0] === '贷方合计')?.[1]).toBe(page.credit);

    // Another accounting software's import: different columns and headers, in its order.
    await rt.call('settings.set', {
      key: 'ledger.voucherLayout',
      value: { word: '转', columns: [{ field: 'number', header: 'No' }, { field: 'date', header: 'Date' }, { field: 'accountCode', header: 'Acct' }, { field: 'debit', header: 'Dr' }, { field: 'credit', header: 'Cr' }, { field: 'summary', header: 'Memo' }] },
    });
    const custom = openpyxlDump((await download({ report: 'vouchers', from, to: today })).file)['记账凭证']!;
    expect(custom.rows[0]).toEqual(['No', 'Date', 'Acct', 'Dr', 'Cr', 'Memo']);
    expect(custom.rows[1]!.slice(0, 3)).toEqual([first.number, { date: first.date }, first.lines[0]!.account]);
    expect(await rt.fail('settings.set', { key: 'ledger.voucherLayout', value: { word: '记', columns: [{ field: 'amount', header: 'x' }] } })).toMatchObject({ code: 'validation' });
  });

  it('trial balance: LibreOffice recalculates the SUBTOTALs to the app totals, debits equal credits', async () => {
    const from = `${today.slice(0, 4)}-01-01`;
    const tb = await rt.call('ledger.trialBalance', { from, to: today });
    const { file } = await download({ report: 'trial-balance', from, to: today, language: 'en' });
    const book = openpyxlDump(file);
    expect(Object.keys(book)).toEqual(['Cover', 'Trial balance']);
    expect(book['Cover']!.rows.some((r) => r[0] === 'Period' || r[0] === 'Filter：Period')).toBe(true);
    expect(book['Trial balance']!.rows[0]).toEqual(['Account', 'Name', 'Opening debit', 'Opening credit', 'Period debit', 'Period credit', 'Closing debit', 'Closing credit']);
    const values = libreOfficeValues(file, 2);
    const total = values.at(-1)!;
    expect(total[0]).toBe('Total');
    const cents = total.slice(2).map(fen);
    expect(cents).toEqual([tb.totals.openingDebit, tb.totals.openingCredit, tb.totals.periodDebit, tb.totals.periodCredit, tb.totals.closingDebit, tb.totals.closingCredit].map(fen));
    expect(cents[4]).toBe(cents[5]);
  });

  it('the CLI writes both files, and names the field when the period is wrong', async () => {
    const dir = tempDataDir('ledger-cli');
    await runCli('demo', '--borrowers', '20', '--loans', '40', '--guarantees', '5', '--seed', '3', '--data-dir', dir);
    const out = path.join(dir, 'tb.xlsx');
    const tb = await runCli('export', 'trial-balance', '--out', out, '--data-dir', dir, '--json');
    expect(tb.code).toBe(0);
    expect(JSON.parse(tb.stdout)).toMatchObject({ file: out });
    expect(Object.keys(openpyxlDump(out))).toEqual(['封面', '科目余额表']);
    const vouchers = await runCli('export', 'vouchers', '--from', '2026-01-01', '--out', path.join(dir, 'v.xlsx'), '--data-dir', dir, '--json');
    expect(JSON.parse(vouchers.stdout).rows).toBeGreaterThan(0);
    const bad = await runCli('export', 'vouchers', '--from', '2026-05-01', '--as-of', '2026-04-01', '--out', path.join(dir, 'x.xlsx'), '--data-dir', dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/to/);
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  }, 60_000);
});
