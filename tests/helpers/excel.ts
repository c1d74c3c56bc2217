/**
 * Independent readers for the Excel files LoanBridge writes: Debian's python3-openpyxl for structure,
 * types and formats, and LibreOffice headless to recalculate every formula.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDataDir } from './runtime';

const PYTHON = '/usr/bin/python3';

export function readersAvailable(): string | null {
  if (!fs.existsSync(PYTHON)) return 'no /usr/bin/python3';
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl']);
  } catch {
    return 'python3-openpyxl is not installed (apt-get install python3-openpyxl)';
  }
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'LibreOffice is not installed (apt-get install libreoffice-calc)';
  }
  return null;
}

type Cell = string | number | boolean | null | { date: string };
export interface SheetDump {
  freeze: string | null;
  autofilter: string | null;
  rows: Cell[][];
  formats: string[][];
  widths: Record<string, number>;
}

export function openpyxlDump(file: string): Record<string, SheetDump> {
  const script = path.resolve('tests/helpers/python/dump_xlsx.py');
  return JSON.parse(execFileSync(PYTHON, [script, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

/**
 * One sheet's raw values (the first unless told) after LibreOffice recalculates it. The file is first re-saved by openpyxl,
 * which drops the cached formula results, so LibreOffice has to compute them itself.
 */
export function libreOfficeValues(file: string, sheet = 1): string[][] {
  const dir = tempDataDir('lo');
  const stripped = path.join(dir, 'stripped.xlsx');
  execFileSync(PYTHON, ['-c', 'import openpyxl,sys; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])', file, stripped]);
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--calc', '--convert-to', `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,${sheet}`, '--outdir', dir, stripped], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  // With a sheet number LibreOffice names the file after the sheet: stripped-<sheet>.csv.
  const written = fs.readdirSync(dir).find((name) => name.startsWith('stripped') && name.endsWith('.csv'))!;
  const csv = fs.readFileSync(path.join(dir, written), 'utf8');
  return csv
    .trimEnd()
    .split('\n')
    .map((line) => line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1')));
}
