import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Descriptions, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { api } from '../../api/client';
import { yuan } from '../../app/format';
import { useExport } from '../../app/useExport';

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
      <Table size="small" pagination={false} rowKey="key" dataSource={r.byProduct} columns={movement(t('reports.product'), (k) => k || t('reports.noProduct'))} />
      <Table size="small" pagination={false} rowKey="key" dataSource={r.byBorrowerKind} columns={movement(t('reports.borrowerKind'), (k) => t(`borrower.kinds.${k}`, { defaultValue: k }))} />
      <Descriptions size="small" bordered column={2} items={[
        { key: 'due', label: t('reports.interestDue'), children: yuan(r.interest.due) },
        { key: 'received', label: t('reports.interestReceived'), children: yuan(r.interest.received) },
      ]} />
      {p && (
        <>
          <Table
            size="small"
            pagination={false}
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
          ]} />
          <Table
            size="small"
            pagination={false}
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
      <Table
        size="small"
        pagination={false}
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

/** 报表: the monthly business report and the guarantee statistics, on screen and printed (A4 through the print dialog). */
export function ReportsTab({ today }: { today: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(today.slice(0, 7));
  const exporter = useExport();
  const monthly = useQuery({ queryKey: ['report.microloanMonthly', month], queryFn: () => api('report.microloanMonthly', { month }) });
  const statistics = useQuery({ queryKey: ['report.guaranteeStatistics', today], queryFn: () => api('report.guaranteeStatistics', {}) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space className="lb-no-print">
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} maxDate={dayjs(today)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} data-testid="report-month" />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">
          {t('reports.print')}
        </Button>
        <Button icon={<FileExcelOutlined />} loading={exporter.busy === 'monthly'} onClick={() => void exporter.run('export.lending', { report: 'microloan-monthly', month }, 'monthly')} data-testid="report-export-monthly">
          {t('reports.exportMonthly')}
        </Button>
        <Button icon={<FileExcelOutlined />} loading={exporter.busy === 'statistics'} onClick={() => void exporter.run('export.guarantees', { report: 'guarantee-statistics' }, 'statistics')} data-testid="report-export-statistics">
          {t('reports.exportStatistics')}
        </Button>
      </Space>
      <Card size="small">{monthly.data && <MonthlyReport r={monthly.data} />}</Card>
      <Card size="small">{statistics.data && <StatisticsReport s={statistics.data} />}</Card>
    </Space>
  );
}
