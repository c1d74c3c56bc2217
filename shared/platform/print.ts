/**
 * Printed pages (打印): A4, portrait or landscape, with the company and the document's title at the top of
 * every page and "page n of m" at the foot. The desktop app hands these options to Electron's printToPDF;
 * tests hand the same ones to Chromium's page.pdf, so what is tested is what the app prints.
 */
import { z } from 'zod';

/** The desktop bridge's IPC name for save-as-PDF (see electron/main/print). */
export const PRINT_TO_PDF = 'desktop.printToPdf';

export const printRequest = z.strictObject({
  title: z.string().trim().min(1).max(120),
  orientation: z.enum(['portrait', 'landscape']).default('portrait'),
  company: z.string().max(120).default(''),
  /** "第 {page} 页 / 共 {pages} 页" or "Page {page} of {pages}". */
  pageLabel: z.string().max(60).default('{page} / {pages}'),
  printedOn: z.string().max(40).default(''),
});
export type PrintRequest = z.input<typeof printRequest>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Chromium fills .pageNumber and .totalPages in header and footer templates. */
const STYLE = 'font-size:8px;font-family:"Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#555;width:100%;padding:0 12mm;display:flex;justify-content:space-between;';

/** A4 with margins that leave room for the running header and footer; the CSS @page rule matches it. */
export function pdfLayout(input: PrintRequest) {
  const r = printRequest.parse(input);
  const pages = escapeHtml(r.pageLabel).replace('{page}', '<span class="pageNumber"></span>').replace('{pages}', '<span class="totalPages"></span>');
  return {
    landscape: r.orientation === 'landscape',
    displayHeaderFooter: true,
    printBackground: true,
    headerTemplate: `<div style='${STYLE}'><span>${escapeHtml(r.company)}</span><span>${escapeHtml(r.title)}</span></div>`,
    footerTemplate: `<div style='${STYLE}'><span>${escapeHtml(r.printedOn)}</span><span>${pages}</span></div>`,
    /** Millimetres: top and bottom leave room for the header and footer lines. */
    marginsMm: { top: 16, bottom: 14, left: 12, right: 12 },
  };
}
