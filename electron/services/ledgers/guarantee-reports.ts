/** Guarantee reports: the guarantee register (担保业务台账) and the monitoring log (保后检查记录). */
import { monitoringLogRows } from '../../../db/repositories/ledgers/report-sources';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import type { GuaranteeView } from '../../../shared/guarantees/guarantee';
import { ledgerLabels, reportLabels, type ReportLanguage } from '../../../shared/i18n/reports';
import type { ServiceContext } from '../context';
import { listGuarantees } from '../guarantees/contracts';
import { statisticsSpec } from './management-exports';
import { asOfBusinessDate, download, fen, periodOf, type ReportSpec } from './report-spec';
import { allPages, column } from './report-workbook';

type GuaranteeInput = ChannelParsedInput<'export.guarantees'>;

function guaranteeRegisterSpec(ctx: ServiceContext, input: Extract<GuaranteeInput, { report: 'guarantee-register' }>, language: ReportLanguage): ReportSpec<GuaranteeView> {
  const l = reportLabels[language].guaranteeRegister;
  const yes = reportLabels[language].yes;
  const no = reportLabels[language].no;
  const { report: _report, language: _language, asOf, ...filters } = input;
  const today = asOfBusinessDate(ctx, asOf);
  const [contract, client, clientType, size, id, bank, type, guaranteed, outstanding, start, end, feeRate, bankRate, counter, status, releasedOn, overdue, compensated, compensatedOn, recovered, riskShare] = l.columns;
  return {
    title: l.title,
    asOf: today,
    filters: Object.entries(filters).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]),
    columns: [
      column.text(contract!, (g) => g.contractNo, 18),
      column.text(client!, (g) => g.clientName, 24),
      column.text(clientType!, (g) => g.clientKind, 10),
      column.text(size!, (g) => g.clientSize, 12),
      column.text(id!, (g) => g.clientIdNumber, 21),
      column.text(bank!, (g) => g.bankName, 18),
      column.text(type!, (g) => g.guaranteeType, 8),
      column.money(guaranteed!, (g) => fen(g.guaranteedAmount)),
      column.money(outstanding!, (g) => fen(g.outstanding)),
      column.date(start!, (g) => g.loanStart),
      column.date(end!, (g) => g.loanEnd),
      column.percent(feeRate!, (g) => Number(g.feeRate)),
      column.percent(bankRate!, (g) => Number(g.bankLoanRate)),
      column.text(counter!, (g) => [...new Set(g.counterGuarantees.map((c) => c.kind))].join('、'), 16),
      column.text(status!, (g) => g.status, 10),
      column.date(releasedOn!, (g) => g.releasedOn),
      column.text(overdue!, (g) => (g.overdueAtBank ? yes : no), 8),
      column.money(compensated!, (g) => fen(g.compensatedAmount)),
      column.date(compensatedOn!, (g) => g.compensatedOn),
      column.money(recovered!, (g) => fen(g.recoveredAmount)),
      column.percent(riskShare!, (g) => Number(g.bankRiskShare)),
    ],
    rows: allPages((page, pageSize) => listGuarantees(ctx, { ...filters, page, pageSize })),
  };
}

function monitoringLogSpec(ctx: ServiceContext, input: Extract<GuaranteeInput, { report: 'monitoring-log' }>, language: ReportLanguage): ReportSpec<ReturnType<typeof monitoringLogRows>[number]> {
  const l = reportLabels[language].monitoringLog;
  const period = periodOf(ctx, input);
  const [contract, client, officer, reason, due, status, checkedOn, checkType, grade, findings, next] = l.columns;
  return {
    title: l.title,
    asOf: period.to,
    filters: [[ledgerLabels[language].period, `${period.from} ~ ${period.to}`]],
    columns: [
      column.text(contract!, (r) => r.contractNo, 18),
      column.text(client!, (r) => r.clientName, 24),
      column.text(officer!, (r) => r.officer, 10),
      column.text(reason!, (r) => r.reason, 12),
      column.date(due!, (r) => r.dueDate),
      column.text(status!, (r) => r.status, 8),
      column.date(checkedOn!, (r) => r.checkedOn),
      column.text(checkType!, (r) => r.checkType, 14),
      column.text(grade!, (r) => r.riskGrade, 10),
      column.text(findings!, (r) => r.findings, 40),
      column.date(next!, (r) => r.nextCheckOn),
    ],
    rows: monitoringLogRows(ctx.db, period.from, period.to),
  };
}

export function guaranteeReportSpec(ctx: ServiceContext, input: GuaranteeInput): ReportSpec<never> {
  const spec =
    input.report === 'guarantee-register'
      ? guaranteeRegisterSpec(ctx, input, input.language)
      : input.report === 'guarantee-statistics'
        ? statisticsSpec(ctx, input, input.language)
        : monitoringLogSpec(ctx, input, input.language);
  return spec as unknown as ReportSpec<never>;
}

export const exportGuarantees = (ctx: ServiceContext, input: GuaranteeInput): Promise<ChannelOutput<'export.guarantees'>> => download(ctx, guaranteeReportSpec(ctx, input), input.language, input.jobId);
