/**
 * One export writer in a process of its own, so its peak memory is its own: `tsx export-child.ts
 * <ledger|exceljs|csv> <rows> <file>` prints {"seconds", "peakMB"} as JSON.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { systemClock } from '../../shared/dates/clock';
import { writeReport, type ReportColumn } from '../../electron/services/ledgers/report-workbook';

const [mode, rowsArg, file] = process.argv.slice(2) as [string, string, string];
const total = Number(rowsArg);

/** A ledger row of 20 columns: four texts, two dates, two whole numbers, ten amounts, two rates. */
type Row = { n: number };
const pad = (n: number) => String(n).padStart(6, '0');
const date = (n: number) => new Date(Date.UTC(2020, 0, 1) + (n % 2000) * 86_400_000).toISOString().slice(0, 10);
const amount = (n: number, k: number) => ((n * 7919 + k * 104_729) % 10_000_000) / 100;
const columns: Array<ReportColumn<Row>> = [
  { header: '合同编号', kind: 'text', width: 16, value: (r) => `DK2026-${pad(r.n)}` },
  { header: '借款人', kind: 'text', width: 12, value: (r) => `借款人${r.n % 30_000}` },
  { header: '证件号码', kind: 'text', width: 20, value: (r) => `330106199001${pad(r.n)}` },
  { header: '状态', kind: 'text', width: 8, value: (r) => (r.n % 7 === 0 ? '逾期' : '正常') },
  { header: '放款日', kind: 'date', width: 11, value: (r) => date(r.n) },
  { header: '到期日', kind: 'date', width: 11, value: (r) => date(r.n + 365) },
  { header: '期数', kind: 'int', width: 6, value: (r) => 12 + (r.n % 25) },
  { header: '逾期天数', kind: 'int', width: 8, value: (r) => r.n % 97 },
  ...Array.from({ length: 10 }, (_, k): ReportColumn<Row> => ({ header: `金额${k + 1}`, kind: 'money', width: 14, value: (r) => amount(r.n, k), total: (r) => Math.round(amount(r.n, k) * 100) })),
  { header: '年利率(%)', kind: 'percent', width: 9, value: (r) => 8 + (r.n % 16) },
  { header: '年化利率(%)', kind: 'percent', width: 9, value: (r) => 9.5 + (r.n % 14) },
];
function* rows(): Generator<Row> {
  for (let n = 0; n < total; n++) yield { n };
}

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const start = performance.now();
if (mode === 'ledger') {
  await writeReport(file, { company: 'bench', title: '台账', asOf: '2026-11-29', filters: [], by: 'bench', at: systemClock().toISOString(), language: 'zh-CN' }, columns, rows());
} else if (mode === 'exceljs') {
  // exceljs's streaming writer used plainly: the same values, one addRow and commit per row.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(columns.map((c) => c.header)).commit();
  for (const r of rows()) sheet.addRow(columns.map((c) => (c.kind === 'date' ? new Date(`${String(c.value(r))}T00:00:00Z`) : c.value(r)))).commit();
  await sheet.commit();
  await workbook.commit();
} else {
  // The floor: the same rows as CSV text, written with back-pressure.
  const out = fs.createWriteStream(file);
  const line = (cells: Array<string | number | null>) => cells.map((v) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : (v ?? ''))).join(',') + '\n';
  out.write(line(columns.map((c) => c.header)));
  let chunk = '';
  for (const r of rows()) {
    chunk += line(columns.map((c) => c.value(r)));
    if (chunk.length > 1 << 18) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
}
const seconds = (performance.now() - start) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
console.log(JSON.stringify({ seconds, peakMB: Math.round(peak / 2 ** 20), bytes: fs.statSync(file).size }));
