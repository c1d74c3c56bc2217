/** The vintage and roll-rate tables (账龄分析, 迁徙率) on the 报表 tab: ratios shaded from green to red. */
import { Alert, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { yuan } from '../../app/format';

type Vintage = ChannelOutput<'report.vintage'>;
type RollRate = ChannelOutput<'report.rollRate'>;

/** The reports' tables: compact, every row on the page (reports are printed). */
export function ReportTable<Row extends object>(props: TableProps<Row>) {
  return <Table<Row> size="small" pagination={false} {...props} />;
}

const pct = (fraction: string | null) => (fraction === null ? '' : `${(Number(fraction) * 100).toFixed(2)}%`);

/** A cell shaded by how bad the share is (0 → none, ≥ `full` → the strongest red), readable when printed. */
function Shaded({ fraction, full, good = false }: { fraction: string | null; full: number; good?: boolean }) {
  if (fraction === null) return <span>—</span>;
  const strength = Math.min(1, Number(fraction) / full);
  const background = good ? `rgba(82, 196, 26, ${(strength * 0.35).toFixed(2)})` : `rgba(245, 34, 45, ${(strength * 0.45).toFixed(2)})`;
  return <span style={{ display: 'block', background, padding: '0 4px', textAlign: 'right' }}>{pct(fraction)}</span>;
}

export function VintageReport({ v, dpdOver, onDpdOver }: { v: Vintage; dpdOver: number; onDpdOver: (days: number) => void }) {
  const { t } = useTranslation();
  const longest = Math.max(0, ...v.cohorts.map((c) => c.cells.length));
  const worst = Math.max(0.05, ...v.cohorts.flatMap((c) => c.cells.map((x) => Number(x.ratio ?? 0))));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-vintage">
      <Typography.Title level={5}>{t('reports.vintageTitle', { month: v.lastMonth })}</Typography.Title>
      <Space className="lb-no-print">
        {t('reports.badWhen')}
        <Select size="small" value={dpdOver} onChange={onDpdOver} style={{ width: 220 }} options={[0, 30, 60, 90].map((d) => ({ value: d, label: t('reports.dpdOver', { days: d }) }))} data-testid="vintage-dpd" />
      </Space>
      <Typography.Text type="secondary">{t('reports.vintageNote', { days: v.dpdOver })}</Typography.Text>
      {v.missingMonths.length > 0 && <Alert type="info" showIcon message={t('reports.missingMonths', { months: v.missingMonths.join('、') })} />}
      <ReportTable
        rowKey="cohort"
        scroll={{ x: 'max-content' }}
        dataSource={v.cohorts}
        columns={[
          { key: 'c', title: t('reports.cohort'), dataIndex: 'cohort', fixed: 'left' },
          { key: 'n', title: t('reports.loans'), dataIndex: 'loans', align: 'right' },
          { key: 'd', title: t('reports.lentAmount'), dataIndex: 'disbursed', align: 'right', render: yuan },
          ...Array.from({ length: longest }, (_, k) => ({
            key: `m${k}`,
            title: `MOB${k}`,
            align: 'right' as const,
            render: (_: unknown, c: Vintage['cohorts'][number]) => (c.cells[k] ? <Shaded fraction={c.cells[k].ratio} full={worst} /> : null),
          })),
        ]}
      />
    </Space>
  );
}

export function RollRateReport({ r }: { r: RollRate }) {
  const { t } = useTranslation();
  const name = (bucket: string) => t(`reports.rollBuckets.${bucket}`, { defaultValue: bucket });
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-roll-rate">
      <Typography.Title level={5}>{t('reports.rollTitle', { from: r.previousMonth, to: r.month })}</Typography.Title>
      {!r.complete && <Alert type="info" showIcon message={t('reports.missingMonths', { months: `${r.previousMonth}、${r.month}` })} />}
      <ReportTable
        rowKey="from"
        dataSource={r.matrix}
        columns={[
          { key: 'f', title: t('reports.bucketAtStart'), render: (_: unknown, row: RollRate['matrix'][number]) => name(row.from) },
          { key: 'n', title: t('reports.loans'), dataIndex: 'loans', align: 'right' },
          { key: 'o', title: t('reports.balanceAtStart'), dataIndex: 'outstanding', align: 'right', render: yuan },
          ...r.targets.map((to) => ({
            key: to,
            title: name(to),
            align: 'right' as const,
            render: (_: unknown, row: RollRate['matrix'][number]) => {
              const cell = row.cells.find((c) => c.to === to)!;
              // Staying or getting better is shaded green, rolling worse red.
              const better = r.targets.indexOf(to) <= r.targets.indexOf(row.from) || to === 'settled';
              return <Shaded fraction={cell.share} full={better ? 1 : 0.5} good={better} />;
            },
          })),
        ]}
      />
      <Typography.Text strong>{t('reports.rollTrend')}</Typography.Text>
      <ReportTable
        rowKey="month"
        dataSource={r.trend}
        columns={[
          { key: 'm', title: t('reports.month'), dataIndex: 'month' },
          ...r.buckets.map((from, k) => ({
            key: from,
            title: `${name(from)}→${name(r.trend[0]?.rates[k]?.to ?? '')}`,
            align: 'right' as const,
            render: (_: unknown, row: RollRate['trend'][number]) => <Shaded fraction={row.rates[k]?.share ?? null} full={0.5} />,
          })),
        ]}
      />
    </Space>
  );
}
