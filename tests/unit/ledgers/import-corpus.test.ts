/**
 * The corpus of malformed files: each is refused with the reason at its place (sheet row and column)
 * and nothing is written — not even the good rows beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportKind } from '../../../shared/import/kinds';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';
import { b64, workbook, type SheetSpec } from '../../helpers/workbooks';

let rt: TestRuntime;
const GOOD_ID = '110105198001010016';
const B = ['借款人类型', '姓名/名称', '证件号码'];
const L = ['合同编号', '借款人证件号码', '贷款金额', '年利率(%)', '期数', '还款方式', '放款日'];
const loanRow = (overrides: Record<number, unknown> = {}) => Object.assign(['DK-1', '11010519491231002X', '100000', '12', 12, '等额本息', '2026-01-15'], overrides);
const G = ['合同编号', '客户证件号码', '合作银行', '企业规模', '担保金额', '银行贷款利率(%)', '借款起日', '借款止日', '担保费率(%)'];
const guaranteeRow = (overrides: Record<number, unknown> = {}) => Object.assign(['DB-9', '91350100M000100Y43', '杭州某农商银行', '小微企业', '1000000', '4.35', '2026-03-01', '2027-03-01', '2'], overrides);

const sheet = (name: string, rows: unknown[][], extra: Partial<SheetSpec> = {}): SheetSpec => ({ name, rows, ...extra });
const file = (...sheets: SheetSpec[]) => () => workbook(...sheets);
const bytes = (b: Buffer) => () => Promise.resolve(b);

interface Case {
  name: string;
  kind: ImportKind;
  build: () => Promise<Buffer>;
  /** [reason, row, column] of the issues expected (among others a case may also raise). */
  expect: Array<[string, number?, string?]>;
}

const cases: Case[] = [
  { name: 'plain text', kind: 'borrowers', build: bytes(Buffer.from('这不是表格')), expect: [['notSpreadsheet', 0, '']] },
  { name: 'a CSV file', kind: 'loans', build: bytes(Buffer.from('合同编号,贷款金额\nDK-1,100000\n')), expect: [['notSpreadsheet', 0, '']] },
  { name: 'an old .xls workbook', kind: 'borrowers', build: bytes(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])), expect: [['legacyXls', 0, '']] },
  { name: 'a zip that is not a workbook', kind: 'borrowers', build: bytes(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 7)])), expect: [['notSpreadsheet', 0, '']] },
  { name: 'a file over 20 MB', kind: 'borrowers', build: bytes(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(20 * 1024 * 1024 + 1)])), expect: [['fileTooLarge', 0, '']] },
  { name: 'a sheet over the row limit', kind: 'borrowers', build: async () => {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('借款人');
      ws.addRow(B);
      ws.getRow(200_002).values = ['个人', '张三', GOOD_ID];
      return Buffer.from(await wb.xlsx.writeBuffer());
    }, expect: [['tooManyRows', 0, '']] },
  { name: 'an empty workbook', kind: 'borrowers', build: file(sheet('Sheet1', [])), expect: [['sheetMissing', 0, '']] },
  { name: 'headers only', kind: 'borrowers', build: file(sheet('借款人', [B])), expect: [['emptyFile', 0, '']] },
  { name: 'the data only on a hidden sheet', kind: 'borrowers', build: file(sheet('借款人', [B, ['个人', '张三', GOOD_ID]], { state: 'hidden' }), sheet('说明', [['请勿修改']])), expect: [['sheetMissing', 0, '']] },
  { name: 'a column no template has', kind: 'borrowers', build: file(sheet('借款人', [[...B, '婚姻状况'], ['个人', '张三', GOOD_ID, '已婚']])), expect: [['unknownColumn', 1, 'D']] },
  { name: 'a required column missing', kind: 'borrowers', build: file(sheet('借款人', [['借款人类型', '姓名/名称'], ['个人', '张三']])), expect: [['missingColumn', 1, '']] },
  { name: 'the same column twice', kind: 'borrowers', build: file(sheet('借款人', [[...B, '姓名'], ['个人', '张三', GOOD_ID, '张三']])), expect: [['duplicateColumn', 1, 'D']] },
  { name: 'values in a column without a header', kind: 'borrowers', build: file(sheet('借款人', [B, ['个人', '张三', GOOD_ID, null, '多余']])), expect: [['valueWithoutHeader', 2, 'E']] },
  { name: 'a mistyped check digit', kind: 'borrowers', build: file(sheet('借款人', [B, ['个人', '张三', '110105198001010017']])), expect: [['residentId.checkDigit', 2, 'C']] },
  { name: 'an ID too short', kind: 'borrowers', build: file(sheet('借款人', [B, ['个人', '张三', '11010519800101']])), expect: [['residentId.length', 2, 'C']] },
  { name: 'an unknown borrower type', kind: 'borrowers', build: file(sheet('借款人', [B, ['合伙', '张三', GOOD_ID]])), expect: [['choice', 2, 'A']] },
  { name: 'a company with a resident ID', kind: 'borrowers', build: file(sheet('借款人', [[...B, '证件类型'], ['企业', '某公司', GOOD_ID, '身份证']])), expect: [['idTypeForKind', 2, 'D']] },
  { name: 'the same person twice', kind: 'borrowers', build: file(sheet('借款人', [B, ['个人', '张三', GOOD_ID], ['个人', '张三', GOOD_ID]])), expect: [['duplicateInFile', 3, 'C']] },
  { name: 'an ID on file under another name', kind: 'borrowers', build: file(sheet('借款人', [B, ['个人', '王五', '11010519491231002X']])), expect: [['idNumberTaken', 2, 'C']] },
  { name: 'a name left blank', kind: 'borrowers', build: file(sheet('借款人', [B, ['个人', null, GOOD_ID]])), expect: [['required', 2, 'B']] },
  { name: 'a phone number with letters', kind: 'borrowers', build: file(sheet('借款人', [[...B, '手机号码'], ['个人', '张三', GOOD_ID, '139-1234-abcd']])), expect: [['phone', 2, 'D']] },
  { name: 'a borrower not in the book', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 1: GOOD_ID })])), expect: [['borrowerNotFound', 2, 'B']] },
  { name: 'an amount in words', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 2: '十万元' })])), expect: [['amount', 2, 'C']] },
  { name: 'an amount with three decimals', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 2: '100000.123' })])), expect: [['amount', 2, 'C']] },
  { name: 'a number with float noise', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 2: 100000.123 })])), expect: [['amountPrecision', 2, 'C']] },
  { name: 'a negative amount', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 2: '-1,000' })])), expect: [['negativeAmount', 2, 'C']] },
  { name: 'a zero principal', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 2: 0 })])), expect: [['positiveAmount', 2, 'C']] },
  { name: 'a rate in words', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 3: '年息一分' })])), expect: [['percent', 2, 'D']] },
  { name: 'periods in words', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 4: '十二期' })])), expect: [['integer', 2, 'E']] },
  { name: 'an unknown repayment method', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 5: '按季还款' })])), expect: [['choice', 2, 'F']] },
  { name: 'a month 13', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 6: '2026-13-01' })])), expect: [['date', 2, 'G']] },
  { name: 'a loan lent after the business date', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 6: '2026-12-01' })])), expect: [['afterBusinessDate', 2, 'G']] },
  { name: 'the same contract twice', kind: 'loans', build: file(sheet('贷款', [L, loanRow(), loanRow()])), expect: [['duplicateInFile', 3, 'A']] },
  { name: 'a contract on file for another borrower', kind: 'loans', build: file(sheet('贷款', [L, loanRow({ 0: 'OLD-1', 1: '91350100M000100Y43' })])), expect: [['contractNoTaken', 2, 'A']] },
  { name: 'a payment for a loan not in the file', kind: 'loans', build: file(sheet('贷款', [L, loanRow()]), sheet('还款记录', [['合同编号', '还款日期', '还款金额'], ['DK-7', '2026-02-15', '100']])), expect: [['loanNotFound', 2, 'A']] },
  { name: 'a payment before the loan was lent', kind: 'loans', build: file(sheet('贷款', [L, loanRow()]), sheet('还款记录', [['合同编号', '还款日期', '还款金额'], ['DK-1', '2025-12-31', '100']])), expect: [['dateOrder', 2, 'B']] },
  { name: 'a bank not in the book', kind: 'guarantees', build: file(sheet('担保合同', [G, guaranteeRow({ 2: '不存在银行' })])), expect: [['bankNotFound', 2, 'C']] },
  { name: 'a guarantee ending before it starts', kind: 'guarantees', build: file(sheet('担保合同', [G, guaranteeRow({ 7: '2026-01-01' })])), expect: [['dateOrder', 2, 'H']] },
  { name: 'a bank repayment for an unknown contract', kind: 'bank-repayments', build: file(sheet('银行还款', [['担保合同编号', '还款日期', '还款金额'], ['DB-404', '2026-05-01', '1000']])), expect: [['guaranteeNotFound', 2, 'A']] },
  { name: 'a bank repayment above the outstanding', kind: 'bank-repayments', build: file(sheet('银行还款', [['担保合同编号', '还款日期', '还款金额'], ['DB-1', '2026-05-01', '3,000,000.01']])), expect: [['exceedsOutstanding', 2, 'C']] },
];

const counts = () => rt.database.sqlite.prepare('SELECT (SELECT COUNT(*) FROM borrowers) || \'/\' || (SELECT COUNT(*) FROM loans) || \'/\' || (SELECT COUNT(*) FROM guarantee_contracts) || \'/\' || (SELECT COUNT(*) FROM guarantee_events) || \'/\' || (SELECT COUNT(*) FROM audit_log)').pluck().get() as string;

beforeAll(async () => {
  rt = await testRuntime();
  await rt.call('day.close', { to: '2026-06-30' });
  await rt.call('borrower.create', { kind: 'individual', name: '赵六', idType: 'resident-id', idNumber: '11010519491231002X' });
  await rt.call('borrower.create', { kind: 'enterprise', name: '杭州恒达建材有限公司', idType: 'social-credit-code', idNumber: '91350100M000100Y43' });
  await rt.call('loan.create', { borrowerId: 1, contractNo: 'OLD-1', terms: { principal: '5000', annualRate: '12', periods: 3, method: 'equal-installment', disbursementDate: '2026-03-01' } });
  await rt.call('bank.create', { name: '杭州某农商银行', branch: '西湖支行', creditLine: '10000000', lineValidFrom: '2026-01-01', lineValidTo: '2028-12-31' });
  await rt.call('guarantee.create', { contractNo: 'DB-1', clientId: 2, bankId: 1, clientSize: 'small-micro', guaranteedAmount: '3000000', bankLoanRate: '4.35', loanStart: '2026-03-01', loanEnd: '2027-03-01', feeRatePercent: '2' });
  await rt.call('guarantee.approve', { contractNo: 'DB-1', reviewDate: '2026-02-26', members: '王' });
  await rt.call('guarantee.activate', { contractNo: 'DB-1', date: '2026-03-01' });
}, 60_000);
afterAll(() => rt.close());

describe('the malformed corpus', () => {
  it(`has at least 30 files`, () => expect(cases.length).toBeGreaterThanOrEqual(30));

  for (const c of cases) {
    it(`${c.name}: refused at its place, nothing written`, async () => {
      const content = b64(await c.build());
      const before = counts();
      const seen = await rt.call('import.preview', { kind: c.kind, fileName: 'x.xlsx', contentBase64: content });
      const found = seen.issues.map((i) => [i.reason, i.row, i.column]);
      for (const [reason, row, column] of c.expect) {
        expect(found, JSON.stringify(seen.issues)).toContainEqual([reason, row ?? expect.any(Number), column ?? expect.any(String)]);
      }
      for (const i of seen.issues) expect(i.message.length).toBeGreaterThan(5);
      expect(seen.created + seen.existing).toBeLessThanOrEqual(seen.rows);
      expect(await rt.fail('import.commit', { kind: c.kind, fileName: 'x.xlsx', contentBase64: content })).toMatchObject({ field: 'file', reason: 'importHasErrors' });
      expect(counts()).toBe(before);
    });
  }
});
