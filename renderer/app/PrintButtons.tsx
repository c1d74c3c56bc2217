/**
 * Print (打印) and, in the desktop app, save as PDF (另存为 PDF) with the company and title at the top of
 * every page and "page n of m" at the foot. The page to print is whatever is on screen: the shell and
 * anything marked lb-no-print are hidden by the print stylesheet.
 */
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrintRequest } from '../../shared/platform/print';
import { downloadBase64 } from './download';
import { useStatus } from './useStatus';

type Orientation = 'portrait' | 'landscape';

declare global {
  interface Window {
    loanbridgeDesktop?: { printToPdf(request: PrintRequest): Promise<{ ok: true; value: { contentBase64: string } } | { ok: false; error: { message: string } }> };
  }
}

/**
 * The page orientation for this print only (app.css sets A4 portrait for every other), and when a screen
 * holds several printable documents (a loan's schedule and its payoff quote), only `target` prints.
 */
function withOrientation<T>(orientation: Orientation, title: string, target: string | undefined, work: () => T): T {
  const style = document.createElement('style');
  style.textContent = `@page { size: A4 ${orientation}; }` + (target ? ` @media print { [data-print-target]:not([data-print-target="${target}"]) { display: none !important; } }` : '');
  document.head.append(style);
  // The browser's print header shows the document title.
  const previousTitle = document.title;
  document.title = title;
  const restore = () => {
    style.remove();
    document.title = previousTitle;
  };
  try {
    const result = work();
    if (result instanceof Promise) void result.finally(restore);
    else window.addEventListener('afterprint', restore, { once: true });
    return result;
  } catch (error) {
    restore();
    throw error;
  }
}

export function PrintButtons({ title, fileName, orientation = 'portrait', target, testId = 'print', primary = false, label }: { title: string; fileName: string; orientation?: Orientation; target?: string; testId?: string; primary?: boolean; label?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const status = useStatus().data;
  const desktop = window.loanbridgeDesktop;
  const savePdf = async () => {
    const request: PrintRequest = { title, orientation, company: status?.companyName ?? '', pageLabel: t('print.pageLabel'), printedOn: t('print.printedOn', { date: status?.businessDate ?? '' }) };
    const result = await withOrientation(orientation, title, target, () => desktop!.printToPdf(request));
    if (result.ok) downloadBase64(`${fileName}.pdf`, result.value.contentBase64, 'application/pdf');
    else void message.error(result.error.message);
  };
  return (
    <>
      <Button type={primary ? 'primary' : 'default'} icon={<PrinterOutlined />} onClick={() => withOrientation(orientation, title, target, () => window.print())} data-testid={testId}>
        {label ?? (desktop ? t('print.print') : t('print.printOrPdf'))}
      </Button>
      {desktop && (
        <Button icon={<FilePdfOutlined />} onClick={() => void savePdf()} data-testid={`${testId}-pdf`}>
          {t('print.savePdf')}
        </Button>
      )}
    </>
  );
}
