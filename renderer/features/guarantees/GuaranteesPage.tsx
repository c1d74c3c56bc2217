import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Row, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { clientSizes, guaranteeStatuses, guaranteeTypes, type GuaranteeView } from '../../../shared/guarantees/guarantee';
import { api } from '../../api/client';
import { yuan } from '../../app/format';
import { totalsRow } from '../../app/totals-row';
import { useCan } from '../../app/permissions';
import { useExport } from '../../app/useExport';
import { ActionModal } from './ActionModal';
import { GUARANTEE_STATUS_COLORS } from './labels';
import { AlertsPanel, MonitoringTasks } from './MonitoringTasks';
import { NewGuaranteeDrawer } from './NewGuaranteeDrawer';
import { useGuaranteePage } from './queries';


type Ratios = ChannelOutput<'guarantee.ratios'>;

function RatiosCard({ ratios }: { ratios: Ratios }) {
  const { t } = useTranslation();
  const pct = (fraction: string | null) => (fraction === null ? '—' : `${(Number(fraction) * 100).toFixed(2)}%`);
  const concentration = (c: Ratios['largestClient']) => (c?.percentOfNetAssets ? `${c.percentOfNetAssets}% / ${Number(c.limitPercent)}%` : '—');
  const item = (label: string, value: string, formula: string | undefined, testId?: string) => (
    <Col span={6}>
      <Tooltip title={formula}>
        <Statistic title={label} value={value} data-testid={testId} />
      </Tooltip>
    </Col>
  );
  return (
    <Card title={t('guarantees.ratiosTitle', { date: ratios.asOf })} size="small" style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        {item(t('guarantees.inForce'), yuan(ratios.inForceBalance), undefined)}
        {item(t('guarantees.weightedLiability'), yuan(ratios.weightedLiability), ratios.formulas.weightedLiability)}
        {item(t('guarantees.leverage'), ratios.leverage ? `${ratios.leverage} / ${ratios.leverageLimit}` : t('guarantees.noNetAssets'), ratios.formulas.leverage, 'ratio-leverage')}
        {item(t('guarantees.compensationRate'), pct(ratios.compensationRate), ratios.formulas.compensationRate, 'ratio-compensation')}
        {item(t('guarantees.largestClient'), concentration(ratios.largestClient), `${ratios.formulas.largestClient}${ratios.largestClient ? `：${ratios.largestClient.clientNames.join('、')}` : ''}`, 'ratio-largest-client')}
        {item(t('guarantees.largestGroup'), concentration(ratios.largestGroup), `${ratios.formulas.largestGroup}${ratios.largestGroup ? `：${ratios.largestGroup.clientNames.join('、')}` : ''}`, 'ratio-largest-group')}
        {item(t('guarantees.recoveryRate'), pct(ratios.compensationRecoveryRate), ratios.formulas.compensationRecoveryRate)}
        {item(t('guarantees.lossRate'), pct(ratios.lossRate), ratios.formulas.lossRate)}
        {item(t('guarantees.compensationBalance'), yuan(ratios.compensationBalance), ratios.formulas.compensationBalance)}
        {item(t('guarantees.feeEarnedThisYear'), yuan(ratios.feeEarnedThisYear), ratios.formulas.feeEarnedThisYear)}
        {item(t('guarantees.deferredFee'), yuan(ratios.deferredFee), ratios.formulas.deferredFee)}
        {item(t('guarantees.unearnedReserve'), yuan(ratios.unearnedFeeReserve), ratios.formulas.unearnedFeeReserve)}
        {item(t('guarantees.compensationReserve'), yuan(ratios.compensationReserve), ratios.formulas.compensationReserve)}
      </Row>
    </Card>
  );
}

/** 担保业务台账 with the ratios, and the partner banks' credit-line usage. */
export function GuaranteesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('guarantee.write');
  const [filters, setFilters] = useState<ChannelInput<'guarantee.list'>>({ page: 1, pageSize: 50 });
  const [creating, setCreating] = useState(false);
  const [addingBank, setAddingBank] = useState(false);
  const list = useGuaranteePage(filters);
  const ratios = useQuery({ queryKey: ['guarantee.ratios'], queryFn: () => api('guarantee.ratios', {}) });
  const banks = useQuery({ queryKey: ['banks'], queryFn: () => api('bank.list', {}) });
  const alerts = useQuery({ queryKey: ['guarantee.alerts'], queryFn: () => api('guarantee.alerts', {}) });
  const client = useQueryClient();
  const exporter = useExport();
  const { page: _page, pageSize: _size, ...onScreen } = filters;
  // The brief's register columns (担保业务台账); the rest of a contract is one click away.
  const columns: ColumnsType<GuaranteeView> = [
    { key: 'contractNo', title: t('guarantees.contractNo'), dataIndex: 'contractNo', className: 'lb-mono', width: 150, fixed: 'left' },
    { key: 'client', title: t('guarantees.client'), dataIndex: 'clientName', ellipsis: true, width: 180 },
    { key: 'clientType', title: t('guarantees.clientSize'), width: 170, ellipsis: true, render: (_: unknown, g: GuaranteeView) => `${t(`borrower.kinds.${g.clientKind}`, { defaultValue: g.clientKind })}·${t(`guarantees.sizes.${g.clientSize}`)}` },
    { key: 'id', title: t('guarantees.clientIdNumber'), dataIndex: 'clientIdNumber', className: 'lb-mono', width: 190 },
    { key: 'bank', title: t('guarantees.bank'), dataIndex: 'bankName', ellipsis: true, width: 160 },
    { key: 'type', title: t('guarantees.type'), dataIndex: 'guaranteeType', width: 90, render: (v: string) => t(`guarantees.types.${v}`) },
    { key: 'guaranteedAmount', title: t('guarantees.guaranteed'), dataIndex: 'guaranteedAmount', align: 'right', width: 130, render: yuan },
    { key: 'outstanding', title: t('guarantees.outstanding'), dataIndex: 'outstanding', align: 'right', width: 130, render: yuan },
    { key: 'period', title: t('guarantees.loanPeriod'), width: 190, render: (_: unknown, g: GuaranteeView) => `${g.loanStart} ~ ${g.loanEnd}` },
    { key: 'feeRate', title: t('guarantees.feeRate'), dataIndex: 'feeRate', align: 'right', width: 80, render: (v: string) => `${v}%` },
    { key: 'bankLoanRate', title: t('guarantees.bankLoanRate'), dataIndex: 'bankLoanRate', align: 'right', width: 90, render: (v: string) => `${v}%` },
    { key: 'counter', title: t('guarantees.counterGuarantees'), width: 130, render: (_: unknown, g: GuaranteeView) => [...new Set(g.counterGuarantees.map((c) => t(`guarantees.counterKinds.${c.kind}`)))].join('、') || '—' },
    { key: 'status', title: t('loans.status'), dataIndex: 'status', width: 110, render: (s: string, g: GuaranteeView) => <Space size={4}><Tag color={GUARANTEE_STATUS_COLORS[s]}>{t(`guarantees.statuses.${s}`)}</Tag>{g.watchList && <Tag color="red">{t('guarantees.watchListShort')}</Tag>}</Space> },
    { key: 'releasedOn', title: t('guarantees.releasedOn'), dataIndex: 'releasedOn', width: 110, render: (v: string | null) => v ?? '' },
    { key: 'overdue', title: t('guarantees.overdueAtBank'), dataIndex: 'overdueAtBank', width: 90, render: (v: boolean) => (v ? <Tag color="red">{t('guarantees.yes')}</Tag> : '') },
    { key: 'compensatedAmount', title: t('guarantees.compensated'), dataIndex: 'compensatedAmount', align: 'right', width: 130, render: yuan },
    { key: 'compensatedOn', title: t('guarantees.compensatedOn'), dataIndex: 'compensatedOn', width: 110, render: (v: string | null) => v ?? '' },
    { key: 'recoveredAmount', title: t('guarantees.recovered'), dataIndex: 'recoveredAmount', align: 'right', width: 130, render: yuan },
    { key: 'bankRiskShare', title: t('guarantees.bankRiskShare'), dataIndex: 'bankRiskShare', align: 'right', width: 90, render: (v: string) => `${v}%` },
  ];
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.guarantees')}</Typography.Title>}
      extra={
        <Space>
          <Button icon={<FileExcelOutlined />} loading={exporter.busy !== null} onClick={() => void exporter.run('export.guarantees', { report: 'guarantee-register', ...onScreen })} data-testid="guarantee-export">
            {t('loans.exportExcel')}
          </Button>
          {canWrite && (
            <>
              <Button onClick={() => setAddingBank(true)} data-testid="bank-new">{t('guarantees.newBank')}</Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="guarantee-new">{t('guarantees.new')}</Button>
            </>
          )}
        </Space>
      }
    >
      <NewGuaranteeDrawer open={creating} onClose={() => setCreating(false)} onCreated={(contractNo) => navigate(`/guarantees/${contractNo}`)} />
      <ActionModal
        open={addingBank}
        title={t('guarantees.newBank')}
        testId="bank"
        fields={[
          { name: 'name', kind: 'text', required: true },
          { name: 'branch', kind: 'text' },
          { name: 'contact', kind: 'text' },
          { name: 'phone', kind: 'text' },
          { name: 'creditLine', kind: 'amount', required: true },
          { name: 'lineValidFrom', kind: 'date', required: true },
          { name: 'lineValidTo', kind: 'date', required: true },
          { name: 'marginPercent', kind: 'text', initial: '20' },
          { name: 'riskSharePercent', kind: 'text', initial: '0' },
        ]}
        submitLabel={t('guarantees.newBank')}
        done={t('guarantees.done')}
        onClose={() => setAddingBank(false)}
        onSubmit={async (v) => {
          await api('bank.create', { branch: null, contact: null, phone: null, ...v } as ChannelInput<'bank.create'>);
          await client.invalidateQueries({ queryKey: ['banks'] });
        }}
      />
      {ratios.data && <RatiosCard ratios={ratios.data} />}
      <Tabs
        items={[
          {
            key: 'register',
            label: t('guarantees.register'),
            children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  <Select allowClear placeholder={t('loans.status')} style={{ width: 130 }} data-testid="guarantee-filter-status" options={guaranteeStatuses.map((s) => ({ value: s, label: t(`guarantees.statuses.${s}`) }))} onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))} />
                  <Select allowClear placeholder={t('guarantees.bank')} style={{ width: 200 }} options={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))} onChange={(bankId) => setFilters((f) => ({ ...f, bankId, page: 1 }))} />
                  <Select allowClear placeholder={t('guarantees.type')} style={{ width: 120 }} options={guaranteeTypes.map((v) => ({ value: v, label: t(`guarantees.types.${v}`) }))} onChange={(guaranteeType) => setFilters((f) => ({ ...f, guaranteeType, page: 1 }))} />
                  <Select allowClear placeholder={t('guarantees.clientSize')} style={{ width: 130 }} options={clientSizes.map((v) => ({ value: v, label: t(`guarantees.sizes.${v}`) }))} onChange={(clientSize) => setFilters((f) => ({ ...f, clientSize, page: 1 }))} />
                  <Checkbox onChange={(e) => setFilters((f) => ({ ...f, watchList: e.target.checked ? true : undefined, page: 1 }))}>{t('guarantees.watchList')}</Checkbox>
                </Space>
                <Table<GuaranteeView>
                  rowKey="contractNo"
                  size="small"
                  className="lb-number-table"
                  columns={columns}
                  dataSource={list.data?.items ?? []}
                  loading={list.isFetching}
                  data-testid="guarantee-register"
                  onRow={(g) => ({ onClick: () => navigate(`/guarantees/${g.contractNo}`), style: { cursor: 'pointer' } })}
                  scroll={{ x: 2400 }}
                  summary={() => {
                    const totals = list.data?.totals;
                    if (!totals) return null;
                    const sums: Record<string, string> = { guaranteedAmount: totals.guaranteedAmount, outstanding: totals.outstanding, compensatedAmount: totals.compensatedAmount, recoveredAmount: totals.recoveredAmount };
                    return totalsRow(columns, sums, t('loans.totalsFiltered', { count: list.data!.total }));
                  }}
                  pagination={{ current: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })) }}
                />
              </>
            ),
          },
          { key: 'monitoring', label: t('guarantees.monitoringTasks'), children: <MonitoringTasks /> },
          { key: 'alerts', label: t('guarantees.alerts'), children: alerts.data ? <AlertsPanel alerts={alerts.data} /> : null },
          {
            key: 'banks',
            label: t('guarantees.banks'),
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={banks.data ?? []}
                data-testid="bank-list"
                columns={[
                  { title: t('guarantees.bank'), render: (_: unknown, b: ChannelOutput<'bank.list'>[number]) => `${b.name} ${b.branch ?? ''}` },
                  { title: t('guarantees.creditLine'), dataIndex: 'creditLine', align: 'right', render: yuan },
                  { title: t('guarantees.used'), dataIndex: 'used', align: 'right', render: yuan },
                  { title: t('guarantees.available'), dataIndex: 'available', align: 'right', render: yuan },
                  { title: t('guarantees.usedPercent'), dataIndex: 'usedPercent', align: 'right', render: (v: string) => `${v}%` },
                  { title: t('guarantees.lineValidTo'), dataIndex: 'lineValidTo' },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
