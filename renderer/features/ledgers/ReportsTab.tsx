import { FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Descriptions, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { api } from '../../api/client';
import { yuan } from '../../app/format';
import { useExport } from '../../app/useExport';
import { PrintButtons } from '../../app/PrintButtons';
import { PrintLetterhead } from '../../app/PrintTable';
import { ReportTable, RollRateReport, VintageReport } from './RiskTables';

type Monthly = ChannelOutput<'report.microloanMonthly'>;
type Statistics = ChannelOutput<'report.guaranteeStatistics'>;
const pct = (fraction: string | null) => (fraction === null ? '—' : `${(Number(fraction) * 100).toFixed(2)}%`);

function MonthlyReport({ r }: { r: Monthly }) {
  const { t } = useTranslation();
  const movement = (keyTitle: string, label: (key: string) => string) => [
    { key: 'key', title: keyTitle, render: (_: unknown, row: Monthly['byProduct'][number]) => label(row.key) },
    ...(['opening', 'lent', 'repaid', 'writtenOff', 'closing'] as const).map((k) => ({ key: k, title: t(`reports.${k}`), dataIndex: k, align: 'right' as const, render: yuan })),
  ];
  const p = r.positions;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-monthly">
      <Typography.Title level={5}>{t('reports.monthlyTitle', { from: r.from, to: r.to })}</Typography.Title>
      <ReportTable rowKey="key" dataSource={r.byProduct} columns={movement(t('reports.product'), (k) => k || t('reports.noProduct'))} />
      <ReportTable rowKey="key" dataSource={r.byBorrowerKind} columns={movement(t('reports.borrowerKind'), (k) => t(`borrower.kinds.${k}`, { defaultValue: k }))} />
      <Descriptions size="small" bordered column={2} items={[
        { key: 'due', label: t('reports.interestDue'), children: yuan(r.interest.due) },
        { key: 'received', label: t('reports.interestReceived'), children: yuan(r.interest.received) },
      ]} />
      {p && (
        <>
          <ReportTable
            rowKey="classification"
            dataSource={p.classes}
            columns={[
              { key: 'c', title: t('reports.classification'), render: (_: unknown, c: NonNullable<Monthly['positions']>['classes'][number]) => t(`loans.classes.${c.classification}`) },
              { key: 'n', title: t('reports.loans'), dataIndex: 'loans', align: 'right' },
              { key: 'o', title: t('reports.outstanding'), dataIndex: 'outstanding', align: 'right', render: yuan },
              { key: 'r', title: t('reports.provisionRate'), dataIndex: 'provisionRatePercent', align: 'right', render: (v: string) => `${v}%` },
              { key: 'p', title: t('reports.provisionRequired'), dataIndex: 'provisionRequired', align: 'right', render: yuan },
            ]}
          />
          <Descriptions size="small" bordered column={2} items={[
            { key: 'npl', label: t('reports.npl'), children: `${yuan(p.nplBalance)}（${pct(p.nplRatio)}）` },
            { key: 'prov', label: t('reports.provisions'), children: `${yuan(p.provisions.required)} / ${yuan(p.provisions.held)}` },
            { key: 'general', label: t('reports.generalReserve'), children: yuan(p.provisions.generalReserve) },
          ]} />
          <ReportTable
            rowKey="name"
            title={() => t('reports.largest', { netAssets: p.concentration.netAssets ? yuan(p.concentration.netAssets) : '—' })}
            dataSource={p.concentration.largest}
            columns={[
              { key: 'n', title: t('reports.borrower'), dataIndex: 'name' },
              { key: 'o', title: t('reports.outstanding'), dataIndex: 'outstanding', align: 'right', render: yuan },
              { key: 's', title: t('reports.shareOfNetAssets'), dataIndex: 'shareOfNetAssets', align: 'right', render: pct },
            ]}
          />
        </>
      )}
    </Space>
  );
}

function StatisticsReport({ s }: { s: Statistics }) {
  const { t } = useTranslation();
  const rows = (['opening', 'increase', 'decrease', 'closing'] as const).map((k) => ({ key: k, ...s[k] }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-statistics">
      <Typography.Title level={5}>{t('reports.statisticsTitle', { from: s.from, to: s.to })}</Typography.Title>
      <ReportTable
        dataSource={rows}
        columns={[
          { key: 'k', title: '', render: (_: unknown, r: (typeof rows)[number]) => t(`reports.${r.key}`) },
          { key: 'c', title: t('reports.clients'), dataIndex: 'clients', align: 'right' },
          { key: 'n', title: t('reports.contracts'), dataIndex: 'contracts', align: 'right' },
          { key: 'a', title: t('reports.amountWan'), dataIndex: 'amountWan', align: 'right' },
        ]}
      />
      <Descriptions size="small" bordered column={2} items={[
        { key: 'rel', label: t('reports.released'), children: s.releasedWan },
        { key: 'comp', label: t('reports.compensated'), children: s.compensatedWan },
        { key: 'rec', label: t('reports.recovered'), children: s.recoveredWan },
        { key: 'loss', label: t('reports.losses'), children: s.lossesWan },
        { key: 'ur', label: t('reports.unearnedReserve'), children: s.reserves.unearnedFeeWan },
        { key: 'cr', label: t('reports.compensationReserve'), children: s.reserves.compensationWan },
        { key: 'lev', label: t('reports.leverage'), children: `${s.ratios.leverage ?? '—'} / ${s.ratios.leverageLimit}` },
        { key: 'crate', label: t('reports.compensationRate'), children: `${pct(s.ratios.compensationRate)}（${s.formulas.compensationRate ?? ''}）` },
        { key: 'lrate', label: t('reports.lossRate'), children: `${pct(s.ratios.lossRate)}（${s.formulas.lossRate ?? ''}）` },
      ]} />
    </Space>
  );
}

type ReportView = 'monthly' | 'statistics' | 'vintage' | 'roll-rate';

/** 报表: the monthly business report, the guarantee statistics, vintage and roll rates — on screen, printed (A4 through the print dialog), to Excel. */
export function ReportsTab({ today }: { today: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<ReportView>('monthly');
  const [month, setMonth] = useState(today.slice(0, 7));
  const [dpdOver, setDpdOver] = useState(30);
  const exporter = useExport();
  const monthly = useQuery({ queryKey: ['report.microloanMonthly', month], queryFn: () => api('report.microloanMonthly', { month }), enabled: view === 'monthly' });
  const statistics = useQuery({ queryKey: ['report.guaranteeStatistics', today], queryFn: () => api('report.guaranteeStatistics', {}), enabled: view === 'statistics' });
  const vintage = useQuery({ queryKey: ['report.vintage', today, dpdOver], queryFn: () => api('report.vintage', { dpdOver: dpdOver as 0 | 30 | 60 | 90 }), enabled: view === 'vintage' });
  const roll = useQuery({ queryKey: ['report.rollRate', today], queryFn: () => api('report.rollRate', {}), enabled: view === 'roll-rate' });
  const exports: Record<ReportView, () => void> = {
    monthly: () => void exporter.run('export.lending', { report: 'microloan-monthly', month }, 'monthly'),
    statistics: () => void exporter.run('export.guarantees', { report: 'guarantee-statistics' }, 'statistics'),
    vintage: () => void exporter.run('export.lending', { report: 'vintage', dpdOver: dpdOver as 0 | 30 | 60 | 90 }, 'vintage'),
    'roll-rate': () => void exporter.run('export.lending', { report: 'roll-rate' }, 'roll-rate'),
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space className="lb-no-print" wrap>
        <Segmented<ReportView>
          value={view}
          onChange={setView}
          options={(['monthly', 'statistics', 'vintage', 'roll-rate'] as const).map((v) => ({ value: v, label: <span data-testid={`report-view-${v}`}>{t(`reports.views.${v}`)}</span> }))}
        />
        {view === 'monthly' && (
          <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} maxDate={dayjs(today)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} data-testid="report-month" />
        )}
        {/* The wide tables (a column per month or bucket) print on landscape pages. */}
        <PrintButtons title={t(`reports.views.${view}`)} fileName={`${t(`reports.views.${view}`)}-${today}`} orientation={view === 'vintage' || view === 'roll-rate' ? 'landscape' : 'portrait'} testId="report-print" />
        <Button icon={<FileExcelOutlined />} loading={exporter.busy === view} onClick={exports[view]} data-testid={`report-export-${view}`}>
          {t('reports.exportExcel')}
        </Button>
      </Space>
      <div className="lb-print-only lb-printable">
        <PrintLetterhead />
      </div>
      <Card size="small">
        {view === 'monthly' && monthly.data && <MonthlyReport r={monthly.data} />}
        {view === 'statistics' && statistics.data && <StatisticsReport s={statistics.data} />}
        {view === 'vintage' && vintage.data && <VintageReport v={vintage.data} dpdOver={dpdOver} onDpdOver={setDpdOver} />}
        {view === 'roll-rate' && roll.data && <RollRateReport r={roll.data} />}
      </Card>
    </Space>
  );
}
