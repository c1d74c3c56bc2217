/**
 * A repayment schedule as an Excel workbook an accountant trusts: real numbers in yuan with
 * #,##0.00, real dates, a frozen header, an autofilter and SUBTOTAL totals that follow the filter.
 */
import ExcelJS from 'exceljs';
import { scheduleReportLabels, type ReportLanguage } from '../../../shared/i18n/reports';
import type { Schedule } from '../../../shared/schedule/types';
import type { WireSchedule } from '../../../shared/schedule/wire';

const MONEY = '#,##0.00';
const DATE = 'yyyy-mm-dd';

/** A day number as an Excel date (UTC midnight, so no time zone shifts it). */
function excelDate(dayNo: number): Date {
  return new Date(dayNo * 86_400_000);
}

export function scheduleWorkbook(schedule: Schedule, wire: WireSchedule, language: ReportLanguage, created: Date): ExcelJS.Workbook {
  const labels = scheduleReportLabels[language];
  const { terms } = schedule;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'LoanBridge';
  workbook.created = created;
  const sheet = workbook.addWorksheet(labels.sheet);

  sheet.addRow([labels.title]).font = { bold: true, size: 14 };
  let method: string = labels.methods[terms.method];
  if (terms.interestOnlyPeriods > 0) method += `（${labels.interestOnlyThen.replace('{{n}}', String(terms.interestOnlyPeriods))}）`;
  const summary: Array<[string, ExcelJS.CellValue, string?]> = [
    [labels.principal, terms.principal / 100, MONEY],
    [labels.annualRate, terms.annualRate / 1e6, '0.00##%'],
    [labels.apr, Number(wire.apr.simple) / 100, '0.00%'],
    [labels.aprCompound, Number(wire.apr.compound) / 100, '0.00%'],
    [labels.method, method],
    [labels.periods, terms.periods],
    [labels.disbursementDate, excelDate(terms.disbursementDate), DATE],
    [labels.upfrontFee, terms.upfrontFee / 100, MONEY],
    [labels.costOfBorrowing, schedule.totals.costOfBorrowing / 100, MONEY],
  ];
  for (const [label, value, format] of summary) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (format) row.getCell(2).numFmt = format;
  }
  sheet.addRow([]);

  const headerRow = sheet.addRow([...labels.columns]);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  headerRow.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  const headerIndex = headerRow.number;
  for (const i of schedule.installments) {
    sheet.addRow([
      i.number,
      excelDate(i.periodStart),
      excelDate(i.dueDate),
      i.days,
      i.openingBalance / 100,
      i.principal / 100,
      i.interest / 100,
      i.fees / 100,
      i.total / 100,
      i.closingBalance / 100,
    ]);
  }
  const first = headerIndex + 1;
  const last = headerIndex + schedule.installments.length;
  const totalsRow = sheet.addRow([labels.totals]);
  totalsRow.font = { bold: true };
  const totalsByColumn: Record<number, number> = {
    6: schedule.totals.principal,
    7: schedule.totals.interest,
    8: schedule.totals.fees,
    9: schedule.totals.total,
  };
  for (const [column, fen] of Object.entries(totalsByColumn)) {
    const letter = sheet.getColumn(Number(column)).letter;
    // SUBTOTAL(109, …) sums visible rows only, so the total follows the autofilter.
    totalsRow.getCell(Number(column)).value = { formula: `SUBTOTAL(109,${letter}${first}:${letter}${last})`, result: fen / 100 };
  }

  const widths = [7, 13, 13, 9, 16, 15, 14, 11, 15, 16];
  widths.forEach((width, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = width;
  });
  for (let r = first; r <= last + 1; r++) {
    const row = sheet.getRow(r);
    row.getCell(2).numFmt = DATE;
    row.getCell(3).numFmt = DATE;
    for (let c = 5; c <= 10; c++) row.getCell(c).numFmt = MONEY;
  }
  sheet.views = [{ state: 'frozen', ySplit: headerIndex, xSplit: 0 }];
  sheet.autoFilter = { from: { row: headerIndex, column: 1 }, to: { row: last, column: 10 } };
  sheet.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerIndex}:${headerIndex}` };
  return workbook;
}
