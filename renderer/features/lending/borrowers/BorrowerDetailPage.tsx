import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Result, Row, Space, Spin, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { LoanSummary } from '../../../../shared/lending/loan';
import { api } from '../../../api/client';
import { errorText } from '../../../app/errors';
import { yuan } from '../../../app/format';
import { CLASS_COLORS, STATUS_COLORS } from '../loans/labels';
import { BorrowerDrawer } from './BorrowerDrawer';
import { useBorrower } from './queries';

/** A borrower with all their loans, the guarantees they gave for others, and the total exposure. */
export function BorrowerDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const borrower = useBorrower(Number.isFinite(id) ? id : null);
  const exposure = useQuery({ queryKey: ['borrower.exposure', id], queryFn: () => api('borrower.exposure', { id }) });
  const [editing, setEditing] = useState(false);
  if (borrower.isError) return <Result status="404" title={errorText(t, borrower.error)} />;
  if (!borrower.data || !exposure.data) return <Spin />;
  const b = borrower.data;
  const e = exposure.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/lending/borrowers')} />
            <span data-testid="borrower-name">{b.name}</span>
            <Tag>{t(`borrower.kinds.${b.kind}`)}</Tag>
          </Space>
        }
        extra={<Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('borrower.edit')}</Button>}
      >
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={6}><Statistic title={t('loans.outstanding')} value={yuan(e.totals.outstandingPrincipal)} /></Col>
          <Col span={6}><Statistic title={t('loans.overduePrincipal')} value={yuan(e.totals.overduePrincipal)} /></Col>
          <Col span={6}><Statistic title={t('borrowerDetail.guaranteed')} value={yuan(e.totals.guaranteed)} /></Col>
          <Col span={6}><Statistic title={t('borrowerDetail.exposure')} value={yuan(e.totals.exposure)} data-testid="borrower-exposure" /></Col>
        </Row>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t(`borrower.idTypes.${b.idType}`)}><span className="lb-mono">{b.idNumber}</span></Descriptions.Item>
          <Descriptions.Item label={t('borrower.fields.phone')}>{b.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('borrower.fields.address')}>{b.address ?? '—'}</Descriptions.Item>
          {b.relatedPersons.map((p) => (
            <Descriptions.Item key={p.id} label={t(`borrower.relationships.${p.relationship}`)}>
              {p.name} {p.phone ?? ''}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card title={t('borrowerDetail.loans', { count: e.loans.length })}>
        <Table<LoanSummary>
          rowKey="contractNo"
          size="small"
          pagination={false}
          dataSource={e.loans}
          onRow={(row) => ({ onClick: () => navigate(`/lending/loans/${encodeURIComponent(row.contractNo)}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('loans.contractNo'), dataIndex: 'contractNo', className: 'lb-mono' },
            { title: t('loans.principal'), dataIndex: 'principal', align: 'right', render: yuan },
            { title: t('loans.outstanding'), dataIndex: 'outstandingPrincipal', align: 'right', render: yuan },
            { title: t('loans.dpd'), dataIndex: 'dpd', align: 'right' },
            { title: t('loans.classification'), dataIndex: 'classification', render: (c: string) => <Tag color={CLASS_COLORS[c]}>{t(`loans.classes.${c}`)}</Tag> },
            { title: t('loans.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`loans.statuses.${s}`)}</Tag> },
            { title: t('loans.disbursed'), dataIndex: 'disbursementDate' },
          ]}
        />
      </Card>
      <Card title={t('borrowerDetail.guaranteesGiven', { count: e.guaranteesGiven.length })}>
        <Table
          rowKey="contractNo"
          size="small"
          pagination={false}
          dataSource={e.guaranteesGiven}
          columns={[
            { title: t('loans.contractNo'), dataIndex: 'contractNo', className: 'lb-mono' },
            { title: t('loans.borrower'), dataIndex: 'borrowerName' },
            { title: t('security.guaranteeKind'), dataIndex: 'kind', render: (k: string) => t(`security.guaranteeKinds.${k}`) },
            { title: t('security.amount'), dataIndex: 'amount', align: 'right', render: yuan },
            { title: t('security.periodEnd'), dataIndex: 'periodEnd' },
          ]}
        />
      </Card>
      <BorrowerDrawer target={editing ? b.id : null} onClose={() => setEditing(false)} />
    </Space>
  );
}
