import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { guaranteeStatuses, type GuaranteeView } from '../../../shared/guarantees/guarantee';
import { api } from '../../api/client';
import { yuan } from '../../app/format';

const STATUS_COLORS: Record<string, string> = {
  applied: 'default',
  approved: 'blue',
  'in-force': 'processing',
  released: 'success',
  compensated: 'error',
  recovering: 'warning',
  closed: 'success',
  loss: 'error',
};

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
        {item(t('guarantees.unearnedReserve'), yuan(ratios.unearnedFeeReserve), ratios.formulas.unearnedFeeReserve)}
        {item(t('guarantees.compensationReserve'), yuan(ratios.compensationReserve), ratios.formulas.compensationReserve)}
      </Row>
    </Card>
  );
}

/** 担保业务台账 with the ratios, and the partner banks' credit-line usage. */
export function GuaranteesPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ChannelInput<'guarantee.list'>>({ page: 1, pageSize: 50 });
  const list = useQuery({ queryKey: ['guarantees', filters], queryFn: () => api('guarantee.list', filters), placeholderData: keepPreviousData });
  const ratios = useQuery({ queryKey: ['guarantee.ratios'], queryFn: () => api('guarantee.ratios', {}) });
  const banks = useQuery({ queryKey: ['banks'], queryFn: () => api('bank.list', {}) });
  const columns: ColumnsType<GuaranteeView> = [
    { title: t('guarantees.contractNo'), dataIndex: 'contractNo', className: 'lb-mono', width: 140 },
    { title: t('guarantees.client'), dataIndex: 'clientName', ellipsis: true },
    { title: t('guarantees.bank'), dataIndex: 'bankName', ellipsis: true },
    { title: t('guarantees.type'), dataIndex: 'guaranteeType', render: (v: string) => t(`guarantees.types.${v}`) },
    { title: t('guarantees.guaranteed'), dataIndex: 'guaranteedAmount', align: 'right', render: yuan },
    { title: t('guarantees.outstanding'), dataIndex: 'outstanding', align: 'right', render: yuan },
    { title: t('guarantees.compensated'), dataIndex: 'compensatedAmount', align: 'right', render: yuan },
    { title: t('guarantees.loanEnd'), dataIndex: 'loanEnd' },
    { title: t('loans.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`guarantees.statuses.${s}`)}</Tag> },
  ];
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.guarantees')}</Typography.Title>}>
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
