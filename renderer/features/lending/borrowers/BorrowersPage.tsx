import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { borrowerKinds, type BorrowerKind, type BorrowerSummary } from '../../../../shared/lending/borrower';
import { BorrowerDrawer } from './BorrowerDrawer';
import { useBorrowerPage } from './queries';

const KIND_COLORS: Record<BorrowerKind, string> = { individual: 'blue', 'farm-household': 'green', enterprise: 'purple' };

export function BorrowersPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<BorrowerKind | 'all'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [target, setTarget] = useState<number | 'new' | null>(null);
  const filters = { ...(q ? { q } : {}), ...(kind !== 'all' ? { kind } : {}), page, pageSize };
  const result = useBorrowerPage(filters);

  const columns: ColumnsType<BorrowerSummary> = [
    { title: t('borrower.fields.name'), dataIndex: 'name', key: 'name', ellipsis: true },
    {
      title: t('borrower.fields.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 140,
      render: (value: BorrowerKind) => <Tag color={KIND_COLORS[value]}>{t(`borrower.kinds.${value}`)}</Tag>,
    },
    {
      title: t('borrower.fields.idNumber'),
      dataIndex: 'idNumber',
      key: 'idNumber',
      width: 210,
      render: (value: string, row) => (
        <span className="lb-mono" title={t(`borrower.idTypes.${row.idType}`)}>
          {value}
        </span>
      ),
    },
    { title: t('borrower.fields.phone'), dataIndex: 'phone', key: 'phone', width: 140 },
    { title: t('borrower.fields.address'), dataIndex: 'address', key: 'address', ellipsis: true },
    {
      title: t('borrower.fields.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: (value: string) => new Date(value).toLocaleString(i18n.language, { hour12: false }),
    },
  ];

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('borrower.title')}</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget('new')} data-testid="borrower-add">
          {t('borrower.add')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('borrower.search')}
          style={{ width: 320 }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          data-testid="borrower-search"
        />
        <Segmented
          value={kind}
          onChange={(value) => {
            setKind(value as BorrowerKind | 'all');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('borrower.all') },
            ...borrowerKinds.map((k) => ({ value: k, label: t(`borrower.kinds.${k}`) })),
          ]}
        />
      </Space>
      <Table<BorrowerSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={result.data?.items ?? []}
        loading={result.isFetching}
        locale={{ emptyText: t('borrower.empty') }}
        onRow={(row) => ({ onClick: () => navigate(`/lending/borrowers/${row.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: result.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (count) => t('borrower.total', { count }),
          onChange: (nextPage, nextSize) => {
            setPage(nextPage);
            setPageSize(nextSize);
          },
        }}
      />
      <BorrowerDrawer target={target} onClose={() => setTarget(null)} />
    </Card>
  );
}
