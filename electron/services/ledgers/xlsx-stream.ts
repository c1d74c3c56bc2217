/**
 * A streaming .xlsx writer for large ledger exports: SpreadsheetML written row by row as text into
 * zip-stream (archiver's zip writer, whose deflate is Node's own zlib, run in the thread pool) and on to
 * disk, with back-pressure and flat memory. exceljs's streaming writer builds an object per row and cell;
 * writing the XML text directly is several times faster. Only what the reports use: inline strings,
 * numbers, dates, a few styles, formulas with cached results, widths, a frozen header and an autofilter.
 */
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import ZipStream from 'zip-stream';

/** The styles a report cell can take (indexes into cellXfs below). */
export const XlsxStyle = { plain: 0, header: 1, money: 2, date: 3, int: 4, percent: 5, bold: 6, boldMoney: 7, title: 8, subtitle: 9 } as const;
export type XlsxStyleId = (typeof XlsxStyle)[keyof typeof XlsxStyle];

export type XlsxValue = string | number | null | { date: string } | { formula: string; result: number };
export interface XlsxCell {
  value: XlsxValue;
  style?: XlsxStyleId;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/><numFmt numFmtId="166" formatCode="0.00%"/></numFmts>
<fonts count="4"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="14"/><name val="Calibri"/></font><font><b/><sz val="12"/><name val="Calibri"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="10">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** Excel's serial day of an ISO date (1 is 1900-01-01, with Excel's 1900 leap-year quirk folded into the epoch). */
export function excelSerial(iso: string): number {
  return (Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH) / DAY;
}

// eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these characters at all
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  let out = text;
  if (INVALID_XML.test(out)) out = out.replace(INVALID_XML, '');
  if (!/[&<>"]/.test(out)) return out;
  return out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function columnName(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** ` s="n"` for each style, built once: the attribute is on most cells of a million-row sheet. */
const STYLE_ATTR = Array.from({ length: 10 }, (_, k) => (k ? ` s="${k}"` : ''));
/** Dates repeat across a ledger (due dates, value dates): their serials are remembered. */
const serials = new Map<string, number>();

function serialOf(iso: string): number {
  let serial = serials.get(iso);
  if (serial === undefined) {
    serial = excelSerial(iso);
    if (serials.size > 50_000) serials.clear();
    serials.set(iso, serial);
  }
  return serial;
}

/** Column letters of the first columns, computed once (every cell names its reference). */
const LETTERS = Array.from({ length: 256 }, (_, k) => columnName(k));

function cellXml(cell: XlsxCell, ref: string | null): string {
  const v = cell.value;
  const s = ref ? ` r="${ref}"${STYLE_ATTR[cell.style ?? 0]}` : STYLE_ATTR[cell.style ?? 0]!;
  if (v === null || v === '') return `<c${s}/>`;
  if (typeof v === 'number') return Number.isFinite(v) ? `<c${s}><v>${v}</v></c>` : `<c${s}/>`;
  if (typeof v === 'string') {
    // Leading or trailing spaces survive only with xml:space="preserve"; most text has none.
    const space = v.charCodeAt(0) === 32 || v.charCodeAt(v.length - 1) === 32 ? ' xml:space="preserve"' : '';
    return `<c${s} t="inlineStr"><is><t${space}>${escapeXml(v)}</t></is></c>`;
  }
  if ('date' in v) return `<c${s}><v>${serialOf(v.date)}</v></c>`;
  return `<c${s}><f>${escapeXml(v.formula)}</f><v>${v.result}</v></c>`;
}

export interface SheetOptions {
  widths: number[];
  /** Freeze the first row. */
  frozenHeader?: boolean;
}

export interface WriterOptions {
  /** When the file was made (the document properties): the caller's clock, never the machine's. */
  created: Date;
  /**
   * Name each cell's reference (r="B7"). The format allows leaving it out and Excel, WPS, LibreOffice and
   * openpyxl read such files, but some importers (exceljs, some accounting software) need it; it costs a
   * sixth of the speed of a million-row export, so files meant for other programs to import turn it on.
   */
  cellReferences?: boolean;
}

/** Pieces of XML gathered before they are joined and handed on: enough that the per-chunk cost vanishes. */
const CHUNK_PARTS = 1 << 14;

export class XlsxStreamWriter {
  private readonly out: fs.WriteStream;
  private readonly zip: ZipStream;
  private readonly sheets: Array<{ name: string; filter?: string }> = [];
  private entry: PassThrough | null = null;
  /** Entries are written one after another: each waits for the one before it. */
  private queue: Promise<void> = Promise.resolve();
  private parts: string[] = [];
  private rowNumber = 0;
  private filterRef: string | undefined;
  private failure: Error | null = null;
  private readonly finished: Promise<void>;

  constructor(
    readonly file: string,
    private readonly options: WriterOptions,
  ) {
    this.out = fs.createWriteStream(file);
    // Level 1: ledger XML is repetitive enough that the fastest level still shrinks it ten-fold.
    this.zip = new ZipStream({ zlib: { level: 1 } });
    this.zip.on('error', (error: Error) => (this.failure = error));
    this.finished = new Promise((resolve, reject) => {
      this.out.on('finish', () => resolve());
      this.out.on('error', reject);
    });
    this.zip.pipe(this.out);
  }

  private append(name: string, source: string | PassThrough): void {
    this.queue = this.queue.then(
      () =>
        new Promise<void>((resolve, reject) =>
          this.zip.entry(source, { name, date: new Date(Date.UTC(2026, 0, 1)) }, (error) => (error ? reject(error) : resolve())),
        ),
    );
    this.queue.catch((error: Error) => (this.failure = error));
  }

  private addFile(name: string, text: string) {
    this.append(name, text);
  }

  /** Starts a sheet; its rows follow with addRow, and endSheet closes it. */
  startSheet(name: string, options: SheetOptions): void {
    if (this.entry) throw new Error('the previous sheet is still open');
    this.sheets.push({ name });
    this.rowNumber = 0;
    this.filterRef = undefined;
    this.entry = new PassThrough({ highWaterMark: 1 << 20 });
    this.append(`xl/worksheets/sheet${this.sheets.length}.xml`, this.entry);
    const view = options.frozenHeader
      ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
    const cols = options.widths.map((w, k) => `<col min="${k + 1}" max="${k + 1}" width="${w}" customWidth="1"/>`).join('');
    this.parts.push(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `${view}<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`,
    );
  }

  /** Appends a row; returns its row number. */
  addRow(cells: readonly XlsxCell[]): number {
    this.rowNumber++;
    const n = this.rowNumber;
    const refs = this.options.cellReferences;
    const parts = this.parts;
    parts.push(`<row r="${n}">`);
    for (let k = 0; k < cells.length; k++) parts.push(cellXml(cells[k]!, refs ? `${LETTERS[k] ?? columnName(k)}${n}` : null));
    parts.push('</row>');
    if (parts.length >= CHUNK_PARTS) this.flushBuffer(false);
    return this.rowNumber;
  }

  /** An autofilter over the sheet's header and rows so far (call before endSheet). */
  autoFilter(ref: string): void {
    this.filterRef = ref;
  }

  private flushBuffer(final: boolean) {
    if (!this.entry) return;
    if (this.parts.length > 0) this.entry.write(this.parts.join(''));
    if (final) this.entry.end();
    this.parts = [];
    if (this.failure) throw this.failure;
  }

  /** Waits while compression and the disk catch up, so a large export never piles up in memory. */
  async drain(): Promise<void> {
    const entry = this.entry;
    if (entry?.writableNeedDrain) await new Promise<void>((resolve) => entry.once('drain', () => resolve()));
    if (this.failure) throw this.failure;
  }

  endSheet(): void {
    this.parts.push('</sheetData>');
    if (this.filterRef) {
      this.parts.push(`<autoFilter ref="${this.filterRef}"/>`);
      this.sheets.at(-1)!.filter = this.filterRef;
    }
    this.parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
    this.flushBuffer(true);
    this.entry = null;
  }

  async finish(): Promise<void> {
    if (this.entry) this.endSheet();
    const sheets = this.sheets;
    const overrides = sheets.map((_, k) => `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
    this.addFile(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>${overrides}</Types>`,
    );
    this.addFile(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    );
    this.addFile(
      'docProps/core.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>LoanBridge</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${this.options.created.toISOString().slice(0, 19)}Z</dcterms:created></cp:coreProperties>`,
    );
    const names = sheets
      .map((s, k) => (s.filter ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${k}" hidden="1">'${escapeXml(s.name.replace(/'/g, "''"))}'!${s.filter.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}</definedName>` : ''))
      .join('');
    this.addFile(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${sheets
        .map((s, k) => `<sheet name="${escapeXml(s.name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`)
        .join('')}</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`,
    );
    this.addFile(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, k) => `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`)
        .join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    );
    this.addFile('xl/styles.xml', STYLES);
    await this.queue;
    this.zip.finish();
    await this.finished;
    if (this.failure) throw this.failure;
  }

  /** Stops writing and removes what was written (a cancelled export leaves no file). */
  async abort(): Promise<void> {
    // Detach first: compressed data still in flight must not reach a closed file.
    this.zip.unpipe(this.out);
    this.finished.catch(() => undefined);
    this.queue.catch(() => undefined);
    for (const stream of [this.entry, this.zip, this.out] as Array<NodeJS.EventEmitter & { destroy(): void } | null>) {
      stream?.on('error', () => undefined);
      stream?.destroy();
    }
    await new Promise<void>((resolve) => (this.out.closed ? resolve() : this.out.once('close', () => resolve())));
    await fs.promises.rm(this.file, { force: true });
  }
}
