/**
 * The other ledger reports on a demo book: each read back by openpyxl (headers, rows, types) and
 * recalculated by LibreOffice, whose SUBTOTALs must equal the app's own figures for the same rows.
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
const collector = { userName: 'xiaozhang', role: 'collector' as const };

async function saved(exported: { fileName: string; contentBase64: string; rows: number }) {
  const file = path.join(tempDataDir('report'), exported.fileName);
  fs.writeFileSync(file, Buffer.from(exported.contentBase64, 'base64'));
  return file;
}

/** The totals row after LibreOffice recalculates it: the column's SUBTOTAL in fen, by header. */
function recalculatedTotals(file: string): Record<string, number> {
  const values = libreOfficeValues(file, 2);
  const header = values[0]!;
  const total = values.at(-1)!;
  return Object.fromEntries(header.map((h, k) => [h, total[k] === '' ? NaN : fen(total[k]!)]));
}

beforeAll(async () => {
  rt = await testRuntime();
  await rt.call('platform.demo', { borrowers: 60, loans: 200, guarantees: 40, seed: 23 });
  today = (await rt.call('platform.status', {})).businessDate;
  await rt.call('user.create', { userName: 'xiaozhang', displayName: '张小红', role: 'collector', password: 'temp-pass-1' });
  const overdue = await rt.call('loan.list', { status: 'disbursed', sort: 'dpd', direction: 'desc', pageSize: 3 });
  for (const loan of overdue.items) {
    await rt.call('collections.logContact', { contractNo: loan.contractNo, at: `${today}T02:30:00.000Z`, channel: 'phone', party: 'borrower', outcome: '承诺月底前还款' }, collector);
  }
}, 120_000);
afterAll(() => rt.close());

describe.skipIf(missingReaders !== null)('ledger reports', () => {
  it('classification and provision: every loan on the book, provision total = the allowance the ledger ties to', async () => {
    const file = await saved(await rt.call('export.lending', { report: 'classification' }));
    const book = openpyxlDump(file);
    expect(Object.keys(book)).toEqual(['封面', '五级分类与拨备表', '汇总']);
    const register = await rt.call('loan.list', { status: 'disbursed', pageSize: 1 });
    expect(book['五级分类与拨备表']!.rows).toHaveLength(register.total + 2);
    const totals = recalculatedTotals(file);
    expect(totals['贷款余额']).toBe(fen(register.totals.outstandingPrincipal));
    const tb = await rt.call('ledger.trialBalance', { from: today, to: today });
    expect(totals['应计提准备']).toBe(fen(tb.ties!.find((t) => t.figure === 'loanLossAllowance')!.subLedger));
    // The summary by class follows the data: 正常：n 笔，余额 …，应计提 …
    expect(book['汇总']!.rows.some((r) => typeof r[0] === 'string' && /^正常：\d+ 笔，余额 [\d.]+，应计提 [\d.]+$/.test(r[0]))).toBe(true);
  });

  it('aging: the overdue loans, with the overdue principal of the register', async () => {
    const file = await saved(await rt.call('export.lending', { report: 'aging', language: 'en' }));
    const sheet = openpyxlDump(file)['Overdue aging']!;
    expect(sheet.rows[0]).toEqual(['Contract no.', 'Borrower', 'Officer', 'Outstanding', 'Overdue principal', 'Overdue interest', 'Penalty', 'DPD', 'Bucket', 'Class', 'Next due']);
    const body = sheet.rows.slice(1, -1);
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((r) => (r[7] as number) > 0)).toBe(true);
    const register = await rt.call('loan.list', { status: 'disbursed', pageSize: 1 });
    expect(recalculatedTotals(file)['Overdue principal']).toBe(fen(register.totals.overduePrincipal));
  });

  it('schedules: one loan, its installments and what was paid', async () => {
    const loan = (await rt.call('loan.list', { status: 'disbursed', pageSize: 1 })).items[0]!;
    const detail = await rt.call('loan.get', { contractNo: loan.contractNo });
    const file = await saved(await rt.call('export.lending', { report: 'schedules', contractNo: loan.contractNo }));
    const sheet = openpyxlDump(file)['还款计划明细']!;
    expect(sheet.rows).toHaveLength(detail.installments.length + 2);
    expect(sheet.rows[1]!.slice(0, 5)).toEqual([loan.contractNo, loan.borrowerName, 1, { date: detail.installments[0]!.periodStart }, { date: detail.installments[0]!.dueDate }]);
    const totals = recalculatedTotals(file);
    expect(totals['应还利息']).toBe(detail.installments.reduce((s, i) => s + fen(i.interest), 0));
    expect(totals['应还本金']).toBe(fen(detail.principal));
    const paid = detail.payments.filter((p) => p.status === 'posted' && p.kind === 'repayment').flatMap((p) => p.allocations).filter((a) => a.installment !== null);
    expect(totals['已还金额']).toBe(paid.reduce((s, a) => s + fen(a.amount), 0));
    expect(await rt.fail('export.lending', { report: 'schedules', contractNo: 'NO-SUCH' })).toMatchObject({ field: 'contractNo', reason: 'loanNotFound' });
  });

  it('repayments: the period’s receipts, totals equal to the receipt vouchers of the same days', async () => {
    const from = `${today.slice(0, 7)}-01`;
    const file = await saved(await rt.call('export.lending', { report: 'repayments', from, to: today }));
    const totals = recalculatedTotals(file);
    const receipts = await rt.call('ledger.vouchers', { from, to: today, kind: 'repayment', pageSize: 200 });
    const recoveries = await rt.call('ledger.vouchers', { from, to: today, kind: 'loanRecovery', pageSize: 200 });
    expect(totals['收款金额']).toBe(fen(receipts.debit) + fen(recoveries.debit));
    const principal = receipts.items.flatMap((v) => v.lines).filter((l) => l.account === '1303');
    expect(totals['本金']).toBe(principal.reduce((s, l) => s + fen(l.credit), 0));
    expect(await rt.fail('export.lending', { report: 'repayments', from: today, to: '2026-01-01' })).toMatchObject({ field: 'to', reason: 'dateOrder' });
  });

  it('guarantee register and monitoring log', async () => {
    const list = await rt.call('guarantee.list', { pageSize: 1 });
    const file = await saved(await rt.call('export.guarantees', { report: 'guarantee-register' }));
    const sheet = openpyxlDump(file)['担保业务台账']!;
    expect(sheet.rows).toHaveLength(list.total + 2);
    const totals = recalculatedTotals(file);
    expect(totals['担保金额']).toBe(fen(list.totals.guaranteedAmount));
    expect(totals['在保余额']).toBe(fen(list.totals.outstanding));
    const inForce = await rt.call('guarantee.list', { status: 'in-force', pageSize: 1 });
    const filtered = openpyxlDump(await saved(await rt.call('export.guarantees', { report: 'guarantee-register', status: 'in-force' })))['担保业务台账']!;
    expect(filtered.rows).toHaveLength(inForce.total + 2);
    const log = openpyxlDump(await saved(await rt.call('export.guarantees', { report: 'monitoring-log', from: '2020-01-01', to: today })))['保后检查记录']!;
    expect(log.rows.length).toBeGreaterThan(2);
    expect(log.rows[0]![0]).toBe('合同编号');
  });

  it('collection log: the contacts recorded, only for those who may read collections', async () => {
    const file = await saved(await rt.call('export.collections', { report: 'collection-log', from: today, to: today }, collector));
    const sheet = openpyxlDump(file)['催收记录']!;
    expect(sheet.rows).toHaveLength(3 + 2);
    expect(sheet.rows[1]![2]).toBe('xiaozhang');
    expect(sheet.rows[1]![8]).toBe('承诺月底前还款');
    expect(await rt.fail('export.collections', { report: 'collection-log' }, { userName: 'li', role: 'loan-officer' })).toMatchObject({ code: 'forbidden' });
  });

  it('collector performance: the screen\'s row for each collector, the split by bucket on the summary', async () => {
    const figures = await rt.call('collections.performance', { from: `${today.slice(0, 7)}-01`, to: today });
    expect(figures.find((f) => f.collector === 'xiaozhang')).toMatchObject({ calls: 3 });
    const file = await saved(await rt.call('export.collections', { report: 'collector-performance', from: `${today.slice(0, 7)}-01`, to: today }, collector));
    const book = openpyxlDump(file);
    const sheet = book['催收员业绩统计']!;
    expect(sheet.rows[0]).toEqual(['催收员', '电话', '短信', '函件', '外访', '承诺还款', '承诺兑现', '回收金额', '绩效提成']);
    expect(sheet.rows.slice(1, -1).map((r) => r.slice(0, 5))).toEqual(figures.map((f) => [f.collector, f.calls, f.sms, f.letters, f.visits]));
    expect(recalculatedTotals(file)['回收金额']).toBe(figures.reduce((sum, f) => sum + fen(f.recovered), 0));
    expect(await rt.fail('export.collections', { report: 'collector-performance', from: today, to: '2020-01-01' })).toMatchObject({ field: 'to' });
  });

  it('the monthly business report and the guarantee statistics as Excel, with the screens’ figures', async () => {
    const monthly = await rt.call('report.microloanMonthly', {});
    const file = await saved(await rt.call('export.lending', { report: 'microloan-monthly' }));
    const book = openpyxlDump(file);
    expect(Object.keys(book)).toEqual(['封面', '小额贷款公司月度业务报表', '汇总']);
    expect(book['小额贷款公司月度业务报表']!.rows).toHaveLength(monthly.byProduct.length + 2);
    const totals = recalculatedTotals(file);
    expect(totals['期末余额']).toBe(fen(monthly.totals.closing));
    expect(totals['本期发放']).toBe(fen(monthly.totals.lent));
    expect(book['汇总']!.rows.some((r) => String(r[0]).startsWith('本期应收利息'))).toBe(true);
    const statistics = await rt.call('report.guaranteeStatistics', {});
    const sheet = openpyxlDump(await saved(await rt.call('export.guarantees', { report: 'guarantee-statistics' })))['融资担保业务统计表']!;
    expect(sheet.rows.slice(1, 5).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['期初', statistics.opening.contracts, Number(statistics.opening.amountWan)],
      ['本期增加', statistics.increase.contracts, Number(statistics.increase.amountWan)],
      ['本期减少', statistics.decrease.contracts, Number(statistics.decrease.amountWan)],
      ['期末', statistics.closing.contracts, Number(statistics.closing.amountWan)],
    ]);
  });

  it('vintage and roll rates as Excel: the screen\'s ratios as percentages, the balances totalled', async () => {
    const vintage = await rt.call('report.vintage', { months: 12 });
    const file = await saved(await rt.call('export.lending', { report: 'vintage', months: 12 }));
    const sheet = openpyxlDump(file)['贷款账龄分析表（Vintage）']!;
    expect(sheet.rows[0]!.slice(0, 5)).toEqual(['放款月份', '笔数', '放款金额', 'MOB0', 'MOB1']);
    expect(sheet.rows).toHaveLength(vintage.cohorts.length + 2);
    // The demo book's history is loaded with its month ends: the oldest cohort has twelve months of ratios.
    const oldest = vintage.cohorts[0]!;
    expect(oldest.cells).toHaveLength(12);
    expect(sheet.rows[1]!.slice(3).map((v) => (v === null ? null : Number(Number(v).toFixed(4))))).toEqual(oldest.cells.map((c) => Number(c.ratio)));
    // Not a table of zeros: the demo's stopped payers show up.
    expect(vintage.cohorts.some((c) => c.cells.some((x) => Number(x.ratio) > 0))).toBe(true);
    expect(recalculatedTotals(file)['放款金额']).toBe(vintage.cohorts.reduce((s, c) => s + fen(c.disbursed), 0));

    const roll = await rt.call('report.rollRate', {});
    expect(roll.complete).toBe(true);
    const rollFile = await saved(await rt.call('export.lending', { report: 'roll-rate', language: 'en' }));
    const rollSheet = openpyxlDump(rollFile)['Roll rates']!;
    expect(rollSheet.rows[0]).toEqual(['Bucket at start', 'Loans', 'Balance at start', 'Current', 'M1', 'M2', 'M3', 'M4-M6', 'M6+', 'Settled', 'Written off']);
    const current = roll.matrix.find((r) => r.from === 'current')!;
    expect(rollSheet.rows[1]!.slice(0, 3)).toEqual(['Current', current.loans, Number(current.outstanding)]);
    expect(rollSheet.rows[1]!.slice(3).map((v) => Number(Number(v).toFixed(4)))).toEqual(current.cells.map((c) => Number(c.share)));
    // Each row's shares add up to the whole balance it started with (to the rounding of four places).
    expect(Math.abs(current.cells.reduce((s, c) => s + Number(c.share), 0) - 1)).toBeLessThan(0.0006);
  });

  it('the CLI exports each report by name, and refuses an unknown one', async () => {
    const dir = tempDataDir('reports-cli');
    await runCli('demo', '--borrowers', '20', '--loans', '40', '--guarantees', '8', '--seed', '5', '--data-dir', dir);
    for (const report of ['schedules', 'repayments', 'aging', 'classification', 'microloan-monthly', 'vintage', 'roll-rate', 'guarantee-register', 'monitoring-log', 'guarantee-statistics', 'collection-log', 'collector-performance', 'loan-book']) {
      const out = path.join(dir, `${report}.xlsx`);
      const result = await runCli('export', report, '--out', out, '--data-dir', dir, '--json');
      expect(result.code, `${report}: ${result.stderr}`).toBe(0);
      expect(fs.existsSync(out)).toBe(true);
    }
    const unknown = await runCli('export', 'balance-sheet', '--out', path.join(dir, 'x.xlsx'), '--data-dir', dir);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/trial-balance/);
  }, 90_000);
});
