/**
 * The loan register (贷款台账) as Excel, with the screen's filters ("export what I see"): the brief's
 * columns, identity numbers masked for users without the personal-data permission.
 */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { loanRegisterLabels, scheduleReportLabels, type ReportLanguage } from '../../../shared/i18n/reports';
import type { LoanSummary } from '../../../shared/lending/loan';
import { actorOf, instant, type ServiceContext } from '../context';
import { listLoans } from '../lending/loan-views';
import { setting } from '../platform/settings';
import { businessDate } from '../platform/status';
import { asJob } from '../platform/jobs';
import { asOfBusinessDate, fen } from './report-spec';
import { allPages, asDownload, writeReport, type ReportColumn, type WriteControl } from './report-workbook';
import { findBorrowerRow } from '../../../db/repositories/lending/borrowers';
import { maskIdNumber } from '../../../shared/identity/masking';
import { can } from '../../../shared/platform/permissions';

type Filters = Omit<ChannelParsedInput<'loan.list'>, 'page' | 'pageSize'>;


function columns(ctx: ServiceContext, language: ReportLanguage): Array<ReportColumn<LoanSummary>> {
  const l = loanRegisterLabels[language];
  const masked = !can(actorOf(ctx).role, 'personal-data.read');
  const ids = new Map<number, string>();
  const idOf = (borrowerId: number) => {
    if (!ids.has(borrowerId)) {
      const id = findBorrowerRow(ctx.db, borrowerId)?.idNumber ?? '';
      ids.set(borrowerId, masked ? maskIdNumber(id) : id);
    }
    return ids.get(borrowerId)!;
  };
  const money = (header: string, pick: (r: LoanSummary) => string): ReportColumn<LoanSummary> => ({ header, kind: 'money', width: 15, value: (r) => fen(pick(r)) / 100, total: (r) => fen(pick(r)) });
  const [contractNo, borrower, id, kind, product, purpose, principal, disbursed, maturity, periods, rate, penaltyRate, method, security, outstanding, overduePrincipal, overdueInterest, penalty, costs, dpd, bucket, cls, apr, status] = l.columns;
  return [
    { header: contractNo, kind: 'text', width: 18, value: (r) => r.contractNo },
    { header: borrower, kind: 'text', width: 22, value: (r) => r.borrowerName },
    { header: id, kind: 'text', width: 21, value: (r) => idOf(r.borrowerId) },
    { header: kind, kind: 'text', width: 9, value: (r) => l.kinds[r.borrowerKind] },
    { header: product, kind: 'text', width: 8, value: (r) => r.productCode },
    { header: purpose, kind: 'text', width: 16, value: (r) => r.purpose },
    money(principal, (r) => r.principal),
    { header: disbursed, kind: 'date', width: 11, value: (r) => r.disbursementDate },
    { header: maturity, kind: 'date', width: 11, value: (r) => r.maturityDate },
    { header: periods, kind: 'int', width: 6, value: (r) => r.periods },
    { header: rate, kind: 'percent', width: 9, value: (r) => Number(r.annualRate) },
    { header: penaltyRate, kind: 'percent', width: 9, value: (r) => Number(r.penaltyRate) },
    { header: method, kind: 'text', width: 11, value: (r) => scheduleReportLabels[language].methods[r.method] },
    { header: security, kind: 'text', width: 8, value: (r) => l.security[r.securityType] },
    money(outstanding, (r) => r.outstandingPrincipal),
    money(overduePrincipal, (r) => r.overduePrincipal),
    money(overdueInterest, (r) => r.overdueInterest),
    money(penalty, (r) => r.penaltyOutstanding),
    money(costs, (r) => r.costsOutstanding),
    { header: dpd, kind: 'int', width: 7, value: (r) => r.dpd },
    { header: bucket, kind: 'text', width: 7, value: (r) => r.bucket },
    { header: cls, kind: 'text', width: 8, value: (r) => l.classes[r.classification] },
    { header: apr, kind: 'percent', width: 9, value: (r) => Number(r.apr) },
    { header: status, kind: 'text', width: 8, value: (r) => l.statuses[r.status] },
  ];
}

export async function writeLoanRegister(ctx: ServiceContext, filters: Filters, language: ReportLanguage, file: string, asOf?: string, control: WriteControl = {}) {
  const today = asOfBusinessDate(ctx, asOf);
  const l = loanRegisterLabels[language];
  const filterLabels = l.filters as Record<string, string>;
  const chosen = Object.entries(filters)
    .filter(([key, value]) => key in filterLabels && value !== undefined && value !== '')
    .map(([key, value]) => [filterLabels[key]!, String(value)] as [string, string]);
  return writeReport(file, { company: setting(ctx, 'company.name'), title: l.title, asOf: today, filters: chosen, by: actorOf(ctx).userName, at: instant(ctx), language }, columns(ctx, language), allPages((page, pageSize) => listLoans(ctx, { ...filters, page, pageSize })), control);
}

/** "Export what I see": the register with the screen's filters, as a file the renderer saves. */
export async function exportLoanRegister(ctx: ServiceContext, input: ChannelParsedInput<'export.loanRegister'>): Promise<ChannelOutput<'export.loanRegister'>> {
  const { language, jobId, ...filters } = input;
  const total = listLoans(ctx, { ...filters, page: 1, pageSize: 1 }).total;
  return asJob(ctx, jobId, 'export.loanRegister', total, (control) =>
    asDownload(`${loanRegisterLabels[language].title}-${businessDate(ctx)}.xlsx`, (file) => writeLoanRegister(ctx, filters, language, file, undefined, control)),
  );
}
