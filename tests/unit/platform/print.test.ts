/** The printed page's running header and footer: what Electron's printToPDF and the Chromium tests are given. */
import { describe, expect, it } from 'vitest';
import { pdfLayout } from '../../../shared/platform/print';

describe('pdfLayout', () => {
  it('puts the company and title at the top, the date and "page n of m" at the foot, in the orientation asked', () => {
    const layout = pdfLayout({ title: '贷款账龄分析表', orientation: 'landscape', company: '杭州某小额贷款有限公司', pageLabel: '第 {page} 页 / 共 {pages} 页', printedOn: '打印日期：2026-11-29' });
    expect(layout.landscape).toBe(true);
    expect(layout.headerTemplate).toContain('<span>杭州某小额贷款有限公司</span><span>贷款账龄分析表</span>');
    expect(layout.footerTemplate).toContain('<span>打印日期：2026-11-29</span><span>第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</span>');
    expect(pdfLayout({ title: 'x' }).landscape).toBe(false);
  });

  it('escapes what comes from the settings, so a company name cannot inject markup into the template', () => {
    const layout = pdfLayout({ title: 'A & B', company: '<img src=x onerror=alert(1)>' });
    expect(layout.headerTemplate).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(layout.headerTemplate).toContain('A &amp; B');
    expect(layout.headerTemplate).not.toContain('<img');
  });

  it('refuses what is not a print request, naming the field', () => {
    expect(() => pdfLayout({ title: '' })).toThrow(/title/);
    expect(() => pdfLayout({ title: 't', orientation: 'sideways' as never })).toThrow(/orientation/);
  });
});
