/**
 * Importing existing books: templates, the validate → preview → commit flow, what messy spreadsheets
 * contain, keys that make a second import add nothing, and loans with their payment history written
 * through the book loader to the same figures the screens would give.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64, workbook } from '../../helpers/workbooks';
import { twoBorrowers } from '../../helpers/book';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';

let rt: TestRuntime;
beforeEach(async () => {
  rt = await testRuntime();
  await rt.call('day.close', { to: '2026-06-30' });
});
afterEach(() => rt.close());

const BORROWER_HEADERS = ['借款人类型', '姓名/名称', '证件号码', '手机号码'];

async function preview(kind: 'borrowers' | 'loans' | 'collateral' | 'guarantees' | 'bank-repayments', bytes: Buffer) {
  return rt.call('import.preview', { kind, fileName: `${kind}.xlsx`, contentBase64: b64(bytes) });
}
async function commit(kind: 'borrowers' | 'loans' | 'collateral' | 'guarantees' | 'bank-repayments', bytes: Buffer) {
  return rt.call('import.commit', { kind, fileName: `${kind}.xlsx`, contentBase64: b64(bytes) });
}

describe('borrowers import', () => {
  it('reads a messy sheet: title row merged above the headers, a hidden sheet first, full-width digits, spaces, blank rows', async () => {
    const bytes = await workbook(
      { name: '旧数据', state: 'hidden', rows: [['垃圾'], [1, 2, 3]] },
      {
        name: 'Sheet1',
        merges: ['A1:D1'],
        rows: [
          ['2026年借款人清单', null, null, null],
          BORROWER_HEADERS,
          ['个人', ' 张三 ', '１１０１０５１９４９１２３１００２ｘ', '13912345678'],
          [],
          ['企业', '杭州恒达建材有限公司', '91350100M000100Y43', null],
          ['农户', '李四', '110105198001010016', 13900001111],
        ],
      },
    );
    const seen = await preview('borrowers', bytes);
    expect(seen.issues).toEqual([]);
    expect(seen).toMatchObject({ rows: 3, created: 3, existing: 0, errorCount: 0, annotatedBase64: null });
    expect(seen.preview.map((p) => [p.row, p.values.name, p.values.idNumber])).toEqual([
      [3, '张三', '11010519491231002X'],
      [5, '杭州恒达建材有限公司', '91350100M000100Y43'],
      [6, '李四', '110105198001010016'],
    ]);
    // The preview wrote nothing.
    expect((await rt.call('borrower.list', {})).total).toBe(0);
    expect(await commit('borrowers', bytes)).toMatchObject({ rows: 3, created: 3, existing: 0 });
    const list = await rt.call('borrower.list', {});
    expect(list.items.map((b) => [b.kind, b.name, b.idNumber]).sort()).toEqual([
      ['enterprise', '杭州恒达建材有限公司', '91350100M000100Y43'],
      ['farm-household', '李四', '110105198001010016'],
      ['individual', '张三', '11010519491231002X'],
    ]);
    // The same file again adds nothing.
    expect(await commit('borrowers', bytes)).toMatchObject({ created: 0, existing: 3 });
    expect((await rt.call('borrower.list', {})).total).toBe(3);
  });
});

const LOAN_HEADERS = ['合同编号', '借款人证件号码', '贷款金额', '年利率(%)', '期数', '还款方式', '放款日', '担保方式', '用途'];
const PAYMENT_HEADERS = ['合同编号', '还款日期', '还款金额', '渠道'];

/** Two loans with a payment history, written every way an office writes amounts, rates and dates. */
function loanBook(payments: unknown[][] = [['DK-1', '2026-02-15', '8,884.88', '银行转账'], ['DK-1', '2026年3月15日', '8884.88元', null], ['DK-2', 46082, ' 500 ', '现金']]) {
  return workbook(
    {
      name: '贷款',
      rows: [LOAN_HEADERS, ['DK-1', '11010519491231002x', '100,000.00元', '12%', 12, '等额本息', 46037, '信用', '经营周转'], ['DK-2', '91350100M000100Y43', 50000, 0.12, '6期', '先息后本', '2026/2/1', '抵押', null]],
      formats: { D3: '0.00%' },
    },
    { name: '还款记录', rows: [PAYMENT_HEADERS, ...payments] },
  );
}

describe('loans import', () => {
  it('creates the loans with their payment history through the book loader, and a second import adds nothing', async () => {
    await twoBorrowers(rt);
    const bytes = await loanBook();
    const seen = await preview('loans', bytes);
    expect(seen.issues).toEqual([]);
    expect(seen).toMatchObject({ rows: 5, created: 2, existing: 0 });
    expect(seen.preview[0]!.values).toMatchObject({ contractNo: 'DK-1', 'terms.principal': '100000.00', 'terms.annualRate': '12', 'terms.periods': '12', 'terms.method': 'equal-installment', 'terms.disbursementDate': '2026-01-15' });
    expect(seen.preview[1]!.values).toMatchObject({ 'terms.principal': '50000.00', 'terms.annualRate': '12', 'terms.periods': '6', 'terms.method': 'interest-only', 'terms.disbursementDate': '2026-02-01', securityType: 'mortgage' });
    expect((await rt.call('loan.list', {})).total).toBe(0);
    expect(await commit('loans', bytes)).toMatchObject({ rows: 5, created: 2, existing: 0 });
    const dk1 = await rt.call('loan.get', { contractNo: 'DK-1' });
    // 100,000 at 12 % over 12 months: 8,884.88 a month; two paid on their due dates:
    // 7,884.88 then 8,884.88 − 1 % of 92,115.12 (921.15) = 7,963.73 of principal.
    expect(dk1.installments[0]).toMatchObject({ principal: '7884.88', interest: '1000.00' });
    expect(dk1).toMatchObject({ status: 'disbursed', principalRepaid: '15848.61', outstandingPrincipal: '84151.39' });
    expect(dk1.payments.map((p) => [p.date, p.amount, p.channel])).toEqual([['2026-02-15', '8884.88', 'bank'], ['2026-03-15', '8884.88', 'bank']]);
    const dk2 = await rt.call('loan.get', { contractNo: 'DK-2' });
    expect(dk2).toMatchObject({ securityType: 'mortgage', principal: '50000.00' });
    expect(dk2.payments.map((p) => [p.date, p.amount, p.channel])).toEqual([['2026-03-01', '500.00', 'cash']]);
    expect(await commit('loans', bytes)).toMatchObject({ created: 0, existing: 2 });
    expect((await rt.call('loan.list', {})).total).toBe(2);
  });

  it('names the row, column, value and reason of every bad cell, keeps the good rows out too, and offers an annotated copy', async () => {
    await twoBorrowers(rt);
    const bytes = await loanBook([['DK-1', '2026-01-10', '100', null], ['DK-9', '2026-02-15', '100', null], ['DK-2', '2026-02-30', '-5', null]]);
    const seen = await preview('loans', bytes);
    expect(seen.issues.map((i) => [i.sheet, i.row, i.column, i.value, i.reason])).toEqual([
      ['还款记录', 2, 'B', '2026-01-10', 'dateOrder'],
      ['还款记录', 3, 'A', 'DK-9', 'loanNotFound'],
      ['还款记录', 4, 'B', '2026-02-30', 'date'],
      ['还款记录', 4, 'C', '-5', 'negativeAmount'],
    ]);
    expect(seen).toMatchObject({ errorCount: 4, errorRows: 3 });
    expect(await rt.fail('import.commit', { kind: 'loans', fileName: 'x.xlsx', contentBase64: b64(bytes) })).toMatchObject({ field: 'file', reason: 'importHasErrors' });
    expect((await rt.call('loan.list', {})).total).toBe(0);
    expect(seen.annotatedBase64).not.toBeNull();
  });
});

describe('templates', () => {
  it('every kind has a template whose example row imports', async () => {
    const { openpyxlDump, readersAvailable } = await import('../../helpers/excel');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { tempDataDir } = await import('../../helpers/runtime');
    for (const kind of ['borrowers', 'collateral', 'loans', 'guarantees', 'bank-repayments'] as const) {
      const template = await rt.call('import.template', { kind });
      if (readersAvailable() === null) {
        const file = path.join(tempDataDir('template'), template.fileName);
        fs.writeFileSync(file, Buffer.from(template.contentBase64, 'base64'));
        const book = openpyxlDump(file);
        expect(Object.keys(book).at(-1)).toBe('填写说明');
        expect(String(Object.values(book)[0]!.rows[0]![0])).toMatch(/^\*/);
      }
    }
    const borrowers = Buffer.from((await rt.call('import.template', { kind: 'borrowers' })).contentBase64, 'base64');
    const seen = await preview('borrowers', borrowers);
    expect(seen.issues).toEqual([]);
    expect(seen).toMatchObject({ rows: 1, created: 1 });
  });
});

describe('guarantee, bank repayment and collateral imports', () => {
  it('puts existing guarantees in force on their start date, then their bank repayments, each once', async () => {
    await twoBorrowers(rt);
    await rt.call('bank.create', { name: '杭州某农商银行', branch: '西湖支行', creditLine: '10000000', lineValidFrom: '2026-01-01', lineValidTo: '2028-12-31' });
    const contracts = await workbook({
      name: '担保合同',
      rows: [
        ['合同编号', '客户证件号码', '合作银行', '企业规模', '担保金额', '银行贷款利率(%)', '借款起日', '借款止日', '担保费率(%)', '收费方式', '保证金'],
        ['DB-1', '91350100M000100Y43', '杭州某农商银行', '小微企业', '3,000,000', '4.35%', '2026-03-01', '2027-03-01', '2', '一次性收取', '600000'],
      ],
    });
    expect(await commit('guarantees', contracts)).toMatchObject({ created: 1, existing: 0 });
    const g = await rt.call('guarantee.get', { contractNo: 'DB-1' });
    expect(g).toMatchObject({ status: 'in-force', outstanding: '3000000.00', marginDeposit: '600000.00', feeOverTerm: '60000.00' });
    expect(g.events.find((e) => e.event === 'in-force')?.businessDate).toBe('2026-03-01');
    expect(await commit('guarantees', contracts)).toMatchObject({ created: 0, existing: 1 });

    const repayments = await workbook({ name: '银行还款', rows: [['担保合同编号', '还款日期', '还款金额'], ['DB-1', '2026-05-01', '1,000,000.00'], ['DB-1', '2026-06-01', '500000']] });
    expect(await commit('bank-repayments', repayments)).toMatchObject({ created: 2, existing: 0 });
    expect(await rt.call('guarantee.get', { contractNo: 'DB-1' })).toMatchObject({ outstanding: '1500000.00', releasedAmount: '1500000.00' });
    expect(await commit('bank-repayments', repayments)).toMatchObject({ created: 0, existing: 2 });
  });

  it('registers collateral against its owner, keyed by its certificate number', async () => {
    await twoBorrowers(rt);
    const file = await workbook({
      name: '抵质押物',
      rows: [
        ['所有人证件号码', '类型', '描述', '权证号', '评估价值', '评估日期'],
        ['11010519491231002X', '房产', '西湖区文三路 1 号 101 室', '浙(2024)杭州市不动产权第0012345号', '1,200,000.00元', '2026/1/10'],
      ],
    });
    expect(await commit('collateral', file)).toMatchObject({ created: 1 });
    const list = await rt.call('collateral.list', { ownerBorrowerId: 1 });
    expect(list).toEqual([expect.objectContaining({ kind: 'property', appraisedValue: '1200000.00', certificateNo: '浙(2024)杭州市不动产权第0012345号' })]);
    expect(await commit('collateral', file)).toMatchObject({ created: 0, existing: 1 });
  });
});
