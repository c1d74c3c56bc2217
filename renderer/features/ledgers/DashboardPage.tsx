import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Space, Spin, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ChannelOutput } from '../../../shared/contract';
import { PrintButtons } from '../../app/PrintButtons';
import { PrintLetterhead } from '../../app/PrintTable';
import { api } from '../../api/client';
import { EChart, type ChartOption } from '../../app/charts/EChart';

type Dashboard = ChannelOutput<'report.dashboard'>;

const pct = (fraction: string | null) => (fraction === null ? '—' : `${(Number(fraction) * 100).toFixed(2)}%`);
const wan = (amount: string) => Math.round(Number(amount) / 100) / 100; // 万元, for the charts' axes
/** A large amount as the dashboard shows it: in 万元 with two decimals (the full yuan figure is one click away). */
const inWan = (amount: string) => (Number(amount) / 10_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A figure with its as-of date; a click opens the rows behind it. */
function Figure({ title, value, asOf, to, testId }: { title: string; value: ReactNode; asOf: string; to?: string; testId?: string }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  return (
    <Card size="small" hoverable={Boolean(to)} onClick={to ? () => navigate(to) : undefined} data-testid={testId}>
      <Statistic title={title} value={value as string} valueStyle={{ fontSize: 20 }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboard.asOf', { date: asOf })}
      </Typography.Text>
    </Card>
  );
}

function LendingCharts({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const months: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 8, data: [t('dashboard.disbursed'), t('dashboard.collected')] },
    grid: { left: 48, right: 16, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: d.lending.byMonth.map((m) => m.month) },
    yAxis: { type: 'value', name: t('dashboard.wanYuan') },
    series: [
      { name: t('dashboard.disbursed'), type: 'bar', data: d.lending.byMonth.map((m) => wan(m.disbursed)) },
      { name: t('dashboard.collected'), type: 'line', data: d.lending.byMonth.map((m) => wan(m.collected)) },
    ],
  };
  const aging: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 28 },
    xAxis: { type: 'category', data: d.lending.aging.map((a) => t(`loans.buckets.${a.bucket}`, { defaultValue: a.bucket })) },
    yAxis: { type: 'value', name: t('dashboard.wanYuan') },
    series: [{ type: 'bar', data: d.lending.aging.map((a) => wan(a.outstanding)) }],
  };
  const classes: ChartOption = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '42%'], label: { show: false }, data: d.lending.classes.map((c) => ({ name: t(`loans.classes.${c.classification}`), value: wan(c.outstanding) })) }],
  };
  return (
    <Row gutter={[16, 16]}>
      <Col span={12}><Card size="small" title={t('dashboard.byMonth')}><EChart option={months} testId="chart-months" /></Card></Col>
      <Col span={6}><Card size="small" title={t('dashboard.aging')}><EChart option={aging} testId="chart-aging" /></Card></Col>
      <Col span={6}><Card size="small" title={t('dashboard.classes')}><EChart option={classes} testId="chart-classes" /></Card></Col>
    </Row>
  );
}

function LeverageGauge({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const limit = Number(d.guarantees.leverageLimit);
  const option: ChartOption = {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: limit,
        progress: { show: true },
        axisLine: { lineStyle: { width: 10, color: [[0.8, '#52c41a'], [0.95, '#faad14'], [1, '#f5222d']] } },
        title: { show: false },
        detail: { valueAnimation: false, formatter: d.leverage === null ? '—' : `{value} / ${limit}`, fontSize: 16, offsetCenter: [0, '60%'] },
        data: [{ value: d.leverage === null ? 0 : Number(Number(d.leverage).toFixed(2)), name: t('dashboard.leverage') }],
      },
    ],
  };
  return <EChart option={option} height={200} testId="chart-leverage" />;
}

/** 经营看板: where the book stands on the business date; every figure opens the rows behind it. */
export function DashboardPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['report.dashboard'], queryFn: () => api('report.dashboard', {}) });
  if (q.isLoading) return <Spin />;
  const d = q.data;
  if (!d) return <Empty />;
  const c = d.collections;
  return (
    <div data-testid="dashboard">
      <div className="lb-print-only lb-printable">
        <PrintLetterhead />
        <h1>{`${t('dashboard.title')}（${t('dashboard.asOf', { date: d.asOf })}）`}</h1>
      </div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4}>{t('dashboard.lendingTitle')}</Typography.Title>
        <span className="lb-no-print">
          <PrintButtons title={t('dashboard.title')} fileName={`${t('dashboard.title')}-${d.asOf}`} orientation="landscape" testId="dashboard-print" />
        </span>
      </Space>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col span={3}><Figure title={t('dashboard.outstanding')} value={`${inWan(d.outstandingPrincipal)} ${t('dashboard.wanYuan')}`} asOf={d.asOf} to="/lending/loans" testId="fig-outstanding" /></Col>
        <Col span={3}><Figure title={t('dashboard.loanCount')} value={d.loanCount} asOf={d.asOf} to="/lending/loans" /></Col>
        <Col span={3}><Figure title={t('dashboard.cumulative')} value={`${inWan(d.lending.cumulativeDisbursed)} ${t('dashboard.wanYuan')}`} asOf={d.asOf} /></Col>
        <Col span={3}><Figure title={t('dashboard.rate')} value={pct(d.weightedAverageRate)} asOf={d.asOf} /></Col>
        <Col span={3}><Figure title={t('dashboard.term')} value={d.averageTermMonths ? t('dashboard.months', { n: d.averageTermMonths }) : '—'} asOf={d.asOf} /></Col>
        <Col span={3}><Figure title={t('dashboard.overdueRatio')} value={pct(d.overdueRatio)} asOf={d.asOf} to="/lending/loans?overdue=1" testId="fig-overdue" /></Col>
        <Col span={3}><Figure title={t('dashboard.nplRatio')} value={pct(d.nplRatio)} asOf={d.asOf} to="/lending/loans?nonPerforming=1" testId="fig-npl" /></Col>
        <Col span={3}><Figure title={t('dashboard.coverage')} value={pct(d.provisionCoverage)} asOf={d.asOf} to="/lending/loans?nonPerforming=1" /></Col>
      </Row>
      <LendingCharts d={d} />
      <Typography.Title level={4} style={{ marginTop: 24 }}>{t('dashboard.guaranteeTitle')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col span={6}><Card size="small" title={t('dashboard.leverage')}><LeverageGauge d={d} /></Card></Col>
        <Col span={18}>
          <Row gutter={[16, 16]}>
            <Col span={6}><Figure title={t('dashboard.inForce')} value={`${inWan(d.inForceBalance)} ${t('dashboard.wanYuan')}`} asOf={d.asOf} to="/guarantees" testId="fig-in-force" /></Col>
            <Col span={6}><Figure title={t('dashboard.weightedLiability')} value={`${inWan(d.guarantees.weightedLiability)} ${t('dashboard.wanYuan')}`} asOf={d.asOf} to="/guarantees" /></Col>
            <Col span={6}><Figure title={t('dashboard.compensationRate')} value={pct(d.compensationRate)} asOf={d.asOf} to="/guarantees" /></Col>
            <Col span={6}><Figure title={t('dashboard.lossRate')} value={pct(d.guarantees.lossRate)} asOf={d.asOf} to="/guarantees" /></Col>
            <Col span={6}><Figure title={t('dashboard.maturing')} value={t('dashboard.contracts', { n: d.guarantees.maturingWithin90.contracts, amount: `${inWan(d.guarantees.maturingWithin90.outstanding)} ${t('dashboard.wanYuan')}` })} asOf={d.asOf} to="/guarantees" /></Col>
            <Col span={6}><Figure title={t('dashboard.checksDue')} value={d.guarantees.checksDue} asOf={d.asOf} to="/guarantees" /></Col>
            {d.guarantees.banks.slice(0, 2).map((b) => (
              <Col span={6} key={b.name}><Figure title={t('dashboard.bankLine', { bank: b.name })} value={`${b.usedPercent}%`} asOf={d.asOf} to="/guarantees" /></Col>
            ))}
          </Row>
        </Col>
      </Row>
      {c && (
        <>
          <Typography.Title level={4} style={{ marginTop: 24 }}>{t('dashboard.collectionsTitle')}</Typography.Title>
          <Row gutter={[16, 16]}>
            <Col span={4}><Figure title={t('dashboard.promisesToday')} value={c.promisesDueToday} asOf={d.asOf} to="/collections" /></Col>
            <Col span={4}><Figure title={t('dashboard.brokenPromises')} value={c.brokenPromises} asOf={d.asOf} to="/collections" /></Col>
            <Col span={4}><Figure title={t('dashboard.limitation')} value={c.limitationWithin90} asOf={d.asOf} to="/collections" /></Col>
            <Col span={12}>
              <Card size="small" title={t('dashboard.recovered')}>
                {c.recoveredThisMonth.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <EChart
                    height={160}
                    option={{ grid: { left: 80, right: 16, top: 8, bottom: 24 }, xAxis: { type: 'value' }, yAxis: { type: 'category', data: c.recoveredThisMonth.map((r) => r.collector) }, series: [{ type: 'bar', data: c.recoveredThisMonth.map((r) => Number(r.recovered)) }] }}
                  />
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
