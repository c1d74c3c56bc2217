/**
 * Save as PDF from the desktop app (Electron's printToPDF): A4 in the orientation asked for, the running
 * header and "page n of m" footer of shared/platform/print. Outside the contract's handler map because
 * it prints the asking window itself; the CLI and the browser host have no window to print.
 */
import { ipcMain } from 'electron';
import { PRINT_TO_PDF, pdfLayout, printRequest } from '../../shared/platform/print';
import { trustedSender } from './ipc';

const inches = (mm: number) => mm / 25.4;

export function registerPrint(rendererFileUrl: string): void {
  ipcMain.handle(PRINT_TO_PDF, async (event, input: unknown) => {
    if (!trustedSender(event, rendererFileUrl)) return { ok: false, error: { code: 'forbidden', message: 'calls are accepted only from the LoanBridge window' } };
    const parsed = printRequest.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'validation', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
    const layout = pdfLayout(parsed.data);
    const { top, bottom, left, right } = layout.marginsMm;
    const pdf = await event.sender.printToPDF({
      pageSize: 'A4',
      landscape: layout.landscape,
      displayHeaderFooter: layout.displayHeaderFooter,
      printBackground: layout.printBackground,
      headerTemplate: layout.headerTemplate,
      footerTemplate: layout.footerTemplate,
      margins: { top: inches(top), bottom: inches(bottom), left: inches(left), right: inches(right) },
    });
    return { ok: true, value: { contentBase64: pdf.toString('base64') } };
  });
}
