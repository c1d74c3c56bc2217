/**
 * Import speed: a loan book of N loans (template layout, schedules regenerated) imported into a database
 * holding its borrowers, from upload to commit — reading, validating every row, writing through the book loader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { XlsxStreamWriter, XlsxStyle } from '../../electron/services/ledgers/xlsx-stream';
import { openRuntime } from '../../electron/services/runtime';
import { tempDataDir } from '../helpers/runtime';
import { longestStall, stallFigure, type BenchFigure } from './report';
import { tsxWorker } from '../../electron/services/platform/tsx-worker';
import { calendarDateIn, DEFAULT_OFFICE_TIME_ZONE } from '../../shared/dates/business-date';

const admin = { actor: { userName: 'bench', role: 'administrator' as const } };
const METHODS = ['等额本息', '等额本金', '先息后本', '到期一次还本付息'];

export async function benchImport(options: { loans: number }): Promise<BenchFigure[]> {
  const dir = tempDataDir('bench-import');
  // As in the app: the import runs in the background worker; the main thread's stalls are measured.
  const runtime = await openRuntime({ dataDir: dir, worker: tsxWorker });
  try {
    console.log(`import: ${options.loans.toLocaleString()} loans`);
    const demo = await runtime.dispatch('platform.demo', { borrowers: Math.ceil(options.loans / 3), loans: 0, guarantees: 0, seed: 3 }, admin);
    if (!demo.ok) throw new Error(demo.error.message);
    const ids = runtime.database.sqlite.prepare('SELECT id_number FROM borrowers ORDER BY id').pluck().all() as string[];
    const today = (runtime.database.sqlite.prepare("SELECT value FROM settings WHERE key = 'platform.businessDate'").pluck().get() as string | undefined) ?? JSON.stringify(calendarDateIn(DEFAULT_OFFICE_TIME_ZONE, runtime.now()));
    const todayMs = Date.parse(JSON.parse(today) as string);
    const file = path.join(dir, 'loans.xlsx');
    const xlsx = new XlsxStreamWriter(file, { cellReferences: true, created: runtime.now() });
    xlsx.startSheet('贷款', { widths: [] });
    xlsx.addRow(['合同编号', '借款人证件号码', '贷款金额', '年利率(%)', '期数', '还款方式', '放款日', '担保方式'].map((value) => ({ value })));
    for (let n = 0; n < options.loans; n++) {
      const lent = new Date(todayMs - (20 + (n % 700)) * 86_400_000).toISOString().slice(0, 10);
      xlsx.addRow([{ value: `IMP-${String(n).padStart(7, '0')}` }, { value: ids[n % ids.length]! }, { value: (5 + (n % 195)) * 10_000, style: XlsxStyle.money }, { value: 12 + (n % 12) }, { value: [6, 12, 24, 36][n % 4]! }, { value: METHODS[n % 4]! }, { value: { date: lent }, style: XlsxStyle.date }, { value: '信用' }]);
      if (n % 5_000 === 0) await xlsx.drain();
    }
    xlsx.endSheet();
    await xlsx.finish();
    const bytes = fs.readFileSync(file);
    console.log(`  file: ${(bytes.length / 2 ** 20).toFixed(1)} MB`);
    const start = performance.now();
    const { result, stallMs } = await longestStall(() => runtime.dispatch('import.commit', { kind: 'loans', fileName: 'loans.xlsx', contentBase64: bytes.toString('base64') }, admin));
    const seconds = (performance.now() - start) / 1000;
    if (!result.ok) throw new Error(`import.commit: ${result.error.message}`);
    console.log(`  import: ${seconds.toFixed(1)} s (${JSON.stringify(result.value)})`);
    const scaled = (seconds * 100_000) / options.loans;
    console.log(`  longest main-thread stall meanwhile: ${stallMs.toFixed(1)} ms`);
    return [
      { name: 'import 100,000 loans (read, validate, write)', value: Number(scaled.toFixed(1)), unit: 's (scaled)', goal: '< 60 s', baseline: null, met: scaled < 60 },
      stallFigure(`an import of ${options.loans.toLocaleString()} loans`, stallMs),
    ];
  } finally {
    runtime.close();
  }
}
