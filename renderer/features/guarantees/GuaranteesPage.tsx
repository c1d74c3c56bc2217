import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Row, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { guaranteeStatuses, type GuaranteeView } from '../../../shared/guarantees/guarantee';
import { api } from '../../api/client';
import { yuan } from '../../app/format';
import { useCan } from '../../app/permissions';
import { ActionModal } from './ActionModal';
import { GUARANTEE_STATUS_COLORS } from './labels';
import { AlertsPanel, MonitoringTasks } from './MonitoringTasks';
import { NewGuaranteeDrawer } from './NewGuaranteeDrawer';
import { useGuaranteePage } from './queries';


type Ratios = ChannelOutput<'guarantee.ratios'>;

function RatiosCard({ ratios }: { ratios: Ratios }) {
  const { t } = useTranslation();
  const pct = (fraction: string | null) => (fraction === null ? '—' : `${(Number(fraction) * 100).toFixed(2)}%`);
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
  const columns: ColumnsType<GuaranteeView> = [
    { title: t('guarantees.contractNo'), dataIndex: 'contractNo', className: 'lb-mono', width: 140 },
    { title: t('guarantees.client'), dataIndex: 'clientName', ellipsis: true },
    { title: t('guarantees.bank'), dataIndex: 'bankName', ellipsis: true },
    { title: t('guarantees.type'), dataIndex: 'guaranteeType', render: (v: string) => t(`guarantees.types.${v}`) },
    { title: t('guarantees.guaranteed'), dataIndex: 'guaranteedAmount', align: 'right', render: yuan },
    { title: t('guarantees.outstanding'), dataIndex: 'outstanding', align: 'right', render: yuan },
    { title: t('guarantees.compensated'), dataIndex: 'compensatedAmount', align: 'right', render: yuan },
    { title: t('guarantees.loanEnd'), dataIndex: 'loanEnd' },
    { title: t('loans.status'), dataIndex: 'status', render: (s: string) => <Tag color={GUARANTEE_STATUS_COLORS[s]}>{t(`guarantees.statuses.${s}`)}</Tag> },
  ];
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.guarantees')}</Typography.Title>}
      extra={
        canWrite && (
          <Space>
            <Button onClick={() => setAddingBank(true)} data-testid="bank-new">{t('guarantees.newBank')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="guarantee-new">{t('guarantees.new')}</Button>
          </Space>
        )
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
                  <Select allowClear placeholder={t('loans.status')} style={{ width: 140 }} options={guaranteeStatuses.map((s) => ({ value: s, label: t(`guarantees.statuses.${s}`) }))} onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))} />
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
                  expandable={{
                    expandedRowRender: (g) => (
                      <Descriptions size="small" column={3}>
                        <Descriptions.Item label={t('guarantees.feeRate')}>{g.feeRate}%</Descriptions.Item>
                        <Descriptions.Item label={t('guarantees.bankLoanRate')}>{g.bankLoanRate}%</Descriptions.Item>
                        <Descriptions.Item label={t('guarantees.margin')}>{yuan(g.marginDeposit)}</Descriptions.Item>
                        <Descriptions.Item label={t('guarantees.released')}>{yuan(g.releasedAmount)}</Descriptions.Item>
                        <Descriptions.Item label={t('guarantees.recovered')}>{yuan(g.recoveredAmount)}</Descriptions.Item>
                        <Descriptions.Item label={t('guarantees.counterGuarantees')}>
                          {g.counterGuarantees.length ? `${g.counterGuarantees.map((c) => `${t(`guarantees.counterKinds.${c.kind}`)} ${c.description} ${yuan(c.securedAmount)}`).join('；')}（${t('guarantees.coverage')} ${g.counterCoverage}%）` : '—'}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('guarantees.history')}>{g.events.map((e) => `${e.businessDate} ${t(`guarantees.events.${e.event}`, { defaultValue: e.event })}`).join('；')}</Descriptions.Item>
                      </Descriptions>
                    ),
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
