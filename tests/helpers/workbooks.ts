/** Builds the messy workbooks offices really send, for the import tests: exceljs writing what a person typed. */
import ExcelJS from 'exceljs';

export interface SheetSpec {
  name: string;
  rows: unknown[][];
  state?: 'visible' | 'hidden' | 'veryHidden';
  merges?: string[];
  /** Number formats by cell address ("C2": "0.00%"). */
  formats?: Record<string, string>;
}

export async function workbook(...sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { state: spec.state ?? 'visible' });
    for (const row of spec.rows) ws.addRow(row);
    for (const range of spec.merges ?? []) ws.mergeCells(range);
    for (const [address, format] of Object.entries(spec.formats ?? {})) ws.getCell(address).numFmt = format;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const b64 = (bytes: Buffer) => bytes.toString('base64');
