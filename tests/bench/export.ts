/**
 * Export speed: 1,000,000 ledger rows of 20 columns through the report workbook (cover, styles, totals
 * row, autofilter), beside exceljs's streaming writer used plainly and a plain CSV writer of the same rows
 * (the floor). Each runs in a process of its own so its peak memory is measured alone.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { tempDataDir } from '../helpers/runtime';
import type { BenchFigure } from './report';

function run(mode: string, rows: number): { seconds: number; peakMB: number; bytes: number } {
  const file = path.join(tempDataDir('bench-export'), `${mode}.${mode === 'csv' ? 'csv' : 'xlsx'}`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.resolve('tests/bench/export-child.ts'), mode, String(rows), file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

export function benchExport(options: { rows: number }): BenchFigure[] {
  console.log(`export: ${options.rows.toLocaleString()} rows × 20 columns`);
  const results = Object.fromEntries(
    ['ledger', 'exceljs', 'csv'].map((mode) => {
      const r = run(mode, options.rows);
      console.log(`  ${mode}: ${r.seconds.toFixed(1)} s, ${Math.round(options.rows / r.seconds).toLocaleString()} rows/s, peak ${r.peakMB} MB, ${(r.bytes / 2 ** 20).toFixed(1)} MB file`);
      return [mode, r];
    }),
  ) as unknown as Record<'ledger' | 'exceljs' | 'csv', { seconds: number; peakMB: number }>;
  const rate = (mode: keyof typeof results) => Math.round(options.rows / results[mode].seconds);
  return [
    {
      name: `export ${options.rows.toLocaleString()} rows × 20 columns (.xlsx)`,
      value: rate('ledger'),
      unit: 'rows/s',
      goal: '≥ 50,000 rows/s',
      baseline: { name: 'exceljs streaming writer', value: rate('exceljs'), unit: 'rows/s' },
      ratioToBaseline: Number((rate('ledger') / rate('exceljs')).toFixed(2)),
      met: rate('ledger') >= 50_000,
    },
    {
      name: 'export peak memory',
      value: results.ledger.peakMB,
      unit: 'MB',
      goal: '< 300 MB',
      baseline: { name: 'CSV writer of the same rows', value: results.csv.peakMB, unit: 'MB' },
      met: results.ledger.peakMB < 300,
    },
    {
      name: 'CSV writer of the same rows (the floor)',
      value: rate('csv'),
      unit: 'rows/s',
      goal: '—',
      baseline: null,
      met: true,
    },
  ];
}
