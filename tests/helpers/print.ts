/**
 * The desktop's save-as-PDF, played in Chromium: a stand-in for the desktop bridge captures the request
 * a screen makes (title, orientation, company, page label), then Chromium prints the page with the very
 * options the Electron main process would hand to printToPDF (shared/platform/print's pdfLayout).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { pdfLayout, type PrintRequest } from '../../shared/platform/print';

type Captured = { request: PrintRequest; resolve: (value: unknown) => void };

export async function installDesktopPrint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { loanbridgeDesktop: unknown; __print?: Captured };
    w.loanbridgeDesktop = { printToPdf: (request: PrintRequest) => new Promise((resolve) => (w.__print = { request, resolve })) };
  });
}

export interface PrintedPdf {
  request: PrintRequest;
  /** pdftotext -layout */
  text: string;
  pages: number;
  /** Points, as pdfinfo reports the first page. */
  width: number;
  height: number;
}

/** Clicks the screen's "save as PDF" button (`${testId}-pdf`) and prints what the desktop app would. */
export async function saveAsPdf(page: Page, testId: string, file: string): Promise<PrintedPdf> {
  await page.getByTestId(`${testId}-pdf`).click();
  const request = (await (await page.waitForFunction(() => (window as unknown as { __print?: Captured }).__print?.request)).jsonValue()) as PrintRequest;
  const layout = pdfLayout(request);
  const mm = (n: number) => `${n}mm`;
  await page.emulateMedia({ media: 'print' });
  fs.writeFileSync(
    file,
    await page.pdf({
      format: 'A4',
      landscape: layout.landscape,
      displayHeaderFooter: layout.displayHeaderFooter,
      headerTemplate: layout.headerTemplate,
      footerTemplate: layout.footerTemplate,
      printBackground: layout.printBackground,
      margin: { top: mm(layout.marginsMm.top), bottom: mm(layout.marginsMm.bottom), left: mm(layout.marginsMm.left), right: mm(layout.marginsMm.right) },
    }),
  );
  await page.emulateMedia({ media: 'screen' });
  // "%PDF-": the screen saves what it is given, as it would the main process's bytes.
  await page.evaluate(() => {
    const w = window as unknown as { __print?: Captured };
    w.__print!.resolve({ ok: true, value: { contentBase64: 'JVBERi0=' } });
    w.__print = undefined;
  });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return {
    request,
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
    width: Number(size[1]),
    height: Number(size[2]),
  };
}
