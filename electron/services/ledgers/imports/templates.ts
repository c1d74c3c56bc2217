/**
 * The import templates (导入模板): one sheet per part of the import with its headers (required ones
 * marked *), an example row, drop-down lists for the choices, and a sheet explaining every column.
 */
import ExcelJS from 'exceljs';
import type { ChannelOutput, ChannelParsedInput } from '../../../../shared/contract';
import { importSheets, type ImportColumn } from '../../../../shared/import/kinds';
import { columnName } from '../xlsx-stream';

const TYPE_NOTES = {
  'zh-CN': { text: '文本', identity: '证件号码（18 位，末位校验）', date: '日期，如 2026-01-15（也可 2026/1/15、2026年1月15日或 Excel 日期）', amount: '金额（元），可带千分位、“元”或 ¥', percent: '百分比，如 12 或 12%', integer: '整数', choice: '可选：' },
  en: { text: 'text', identity: 'an identity number (18 characters with its check character)', date: 'a date such as 2026-01-15 (or 2026/1/15, or an Excel date)', amount: 'an amount in yuan; separators, 元 or ¥ are fine', percent: 'a percentage such as 12 or 12%', integer: 'a whole number', choice: 'one of: ' },
} as const;

function describe(column: ImportColumn, language: 'zh-CN' | 'en'): string {
  const notes = TYPE_NOTES[language];
  if (typeof column.type === 'string') return notes[column.type];
  return notes.choice + Object.values(column.type.choice).map((labels) => labels[0]).join(' / ');
}

export async function importTemplate(_ctx: unknown, input: ChannelParsedInput<'import.template'>): Promise<ChannelOutput<'import.template'>> {
  const zh = input.language === 'zh-CN';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'LoanBridge';
  const sheets = importSheets[input.kind];
  for (const spec of sheets) {
    const ws = workbook.addWorksheet(zh ? spec.zh : spec.en, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({ width: Math.max(12, (zh ? c.zh : c.en).length * (zh ? 2.2 : 1.2) + 4) }));
    const header = ws.addRow(spec.columns.map((c) => `${c.required ? '*' : ''}${zh ? c.zh : c.en}`));
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } }));
    ws.addRow(spec.columns.map((c) => c.example || null));
    spec.columns.forEach((c, k) => {
      // Dates and ID numbers as text cells, so Excel neither reformats a date nor turns an ID into 1.1E+17.
      if (c.type === 'text' || c.type === 'identity' || c.type === 'date') ws.getColumn(k + 1).numFmt = '@';
      if (typeof c.type === 'object') {
        const labels = Object.values(c.type.choice).map((l) => l[0]);
        for (let r = 2; r <= 1000; r++) ws.getCell(`${columnName(k)}${r}`).dataValidation = { type: 'list', allowBlank: !c.required, formulae: [`"${labels.join(',')}"`] };
      }
    });
  }
  const help = workbook.addWorksheet(zh ? '填写说明' : 'How to fill in');
  help.columns = [{ width: 16 }, { width: 24 }, { width: 8 }, { width: 70 }];
  help.addRow(zh ? ['工作表', '列', '必填', '格式'] : ['Sheet', 'Column', 'Required', 'Format']).font = { bold: true };
  for (const spec of sheets) {
    for (const c of spec.columns) help.addRow([zh ? spec.zh : spec.en, zh ? c.zh : c.en, c.required ? (zh ? '是' : 'yes') : '', describe(c, input.language)]);
  }
  const title = zh ? `导入模板-${sheets[0]!.zh}` : `Import template - ${sheets[0]!.en}`;
  return { fileName: `${title}.xlsx`, rows: 1, contentBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}
