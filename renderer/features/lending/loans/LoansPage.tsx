import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ChannelInput } from '../../../../shared/contract';
import { loanClasses } from '../../../../shared/lending/classification';
import { loanStatuses, type LoanSummary } from '../../../../shared/lending/loan';
import { yuan } from '../../../app/format';
import { useCan } from '../../../app/permissions';
import { CLASS_COLORS, STATUS_COLORS } from './labels';
import { NewLoanDrawer } from './NewLoanDrawer';
import { useLoanPage } from './queries';

type Filters = ChannelInput<'loan.list'>;
const BUCKETS = ['current', 'M1', 'M2', 'M3', 'M4-M6', 'M6+'];

/** The loan register (贷款台账): server-side filtering, sorting and paging over the whole book. */
export function LoansPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('loan.write');
  const [creating, setCreating] = useState(false);
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 50, sort: 'contractNo', direction: 'desc' });
  const page = useLoanPage(filters);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const columns: ColumnsType<LoanSummary> = [
    { title: t('loans.contractNo'), dataIndex: 'contractNo', key: 'contractNo', sorter: true, width: 160, className: 'lb-mono', fixed: 'left' },
    { title: t('loans.borrower'), dataIndex: 'borrowerName', ellipsis: true, width: 180 },
    { title: t('loans.product'), dataIndex: 'productCode', width: 80 },
    { title: t('loans.principal'), dataIndex: 'principal', key: 'principal', sorter: true, align: 'right', render: yuan, width: 130 },
    { title: t('loans.outstanding'), dataIndex: 'outstandingPrincipal', key: 'outstandingPrincipal', sorter: true, align: 'right', render: yuan, width: 130 },
    { title: t('loans.overduePrincipal'), dataIndex: 'overduePrincipal', align: 'right', render: yuan, width: 120 },
    { title: t('loans.dpd'), dataIndex: 'dpd', key: 'dpd', sorter: true, align: 'right', width: 80 },
    { title: t('loans.bucket'), dataIndex: 'bucket', width: 90, render: (b: string) => t(`loans.buckets.${b}`, { defaultValue: b }) },
    { title: t('loans.classification'), dataIndex: 'classification', width: 90, render: (c: string) => <Tag color={CLASS_COLORS[c]}>{t(`loans.classes.${c}`)}</Tag> },
    { title: t('loans.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`loans.statuses.${s}`)}</Tag> },
    { title: t('terms.annualRate'), dataIndex: 'annualRate', align: 'right', width: 80, render: (r: string) => `${r}%` },
    { title: t('loans.disbursed'), dataIndex: 'disbursementDate', key: 'disbursementDate', sorter: true, width: 110 },
    { title: t('loans.maturity'), dataIndex: 'maturityDate', width: 110 },
  ];

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.loans')}</Typography.Title>}
      extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="loan-new">{t('loans.new')}</Button>}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('loans.search')} style={{ width: 260 }} onSearch={(q) => set({ q: q.trim() || undefined })} data-testid="loan-search" />
        <Select allowClear placeholder={t('loans.status')} style={{ width: 120 }} options={loanStatuses.map((s) => ({ value: s, label: t(`loans.statuses.${s}`) }))} onChange={(status) => set({ status })} />
        <Select allowClear placeholder={t('loans.classification')} style={{ width: 120 }} options={loanClasses.map((c) => ({ value: c, label: t(`loans.classes.${c}`) }))} onChange={(classification) => set({ classification })} data-testid="loan-filter-class" />
        <Select allowClear placeholder={t('loans.bucket')} style={{ width: 110 }} options={BUCKETS.map((b) => ({ value: b, label: t(`loans.buckets.${b}`, { defaultValue: b }) }))} onChange={(bucket) => set({ bucket })} />
      </Space>
      <Table<LoanSummary>
        rowKey="contractNo"
        size="small"
        className="lb-number-table"
        columns={columns}
        dataSource={page.data?.items ?? []}
        loading={page.isFetching}
        scroll={{ x: 'max-content', y: 'calc(100vh - 360px)' }}
        onRow={(row) => ({ onClick: () => navigate(`/lending/loans/${encodeURIComponent(row.contractNo)}`), style: { cursor: 'pointer' } })}
        onChange={(pagination, _filters, sorter) => {
          const s = sorter as SorterResult<LoanSummary>;
          setFilters((f) => ({
            ...f,
            page: pagination.current ?? 1,
            pageSize: pagination.pageSize ?? 50,
            sort: (s.order ? (s.columnKey as Filters['sort']) : 'contractNo') ?? 'contractNo',
            direction: s.order === 'ascend' ? 'asc' : 'desc',
          }));
        }}
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: page.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [50, 100, 200], showTotal: (n) => t('loans.total', { count: n }) }}
        summary={() =>
          page.data ? (
            <Table.Summary fixed>
              <Table.Summary.Row className="lb-totals">
                <Table.Summary.Cell index={0} colSpan={3}>{t('loans.totalsFiltered', { count: page.data.total })}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{yuan(page.data.totals.principal)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{yuan(page.data.totals.outstandingPrincipal)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{yuan(page.data.totals.overduePrincipal)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} colSpan={7} />
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      <NewLoanDrawer open={creating} onClose={() => setCreating(false)} onCreated={(contractNo) => navigate(`/lending/loans/${encodeURIComponent(contractNo)}`)} />
    </Card>
  );
}
