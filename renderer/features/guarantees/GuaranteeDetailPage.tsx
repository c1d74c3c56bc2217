import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Result, Row, Space, Spin, Statistic, Table, Tabs, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { GuaranteeView } from '../../../shared/guarantees/guarantee';
import { api } from '../../api/client';
import { yuan } from '../../app/format';
import { useCan } from '../../app/permissions';
import { ContractActions } from './ContractActions';
import { GRADE_COLORS, GUARANTEE_STATUS_COLORS } from './labels';
import { useGuarantee, useGuaranteeAction } from './queries';
import { ActionModal } from './ActionModal';

type Check = GuaranteeView['monitoring'][number];
type Signal = GuaranteeView['signals'][number];

function MonitoringTab({ g }: { g: GuaranteeView }) {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('guarantee.write');
  const clear = useGuaranteeAction('guarantee.clearSignal');
  const [clearing, setClearing] = useState<Signal | null>(null);
  const signalNames = useQuery({ queryKey: ['monitoring.signals'], queryFn: () => api('monitoring.signals', {}) });
  const signalName = (code: string) => {
    const named = signalNames.data?.find((s) => s.code === code);
    return named ? (i18n.language.startsWith('zh') ? named.zh : named.en) : code;
  };
  return (
    <>
      <Table<Check>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={g.monitoring}
        data-testid="monitoring-history"
        columns={[
          { title: t('guarantees.fields.dueDate'), dataIndex: 'dueDate', width: 110 },
          { title: t('guarantees.fields.reason'), dataIndex: 'reason', render: (r: string) => t(`guarantees.reasons.${r}`) },
          { title: t('loans.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'due' ? 'processing' : s === 'done' ? 'success' : 'default'}>{t(`guarantees.checkStatuses.${s}`)}</Tag> },
          { title: t('guarantees.fields.checkedOn'), dataIndex: 'checkedOn', render: (v: string | null) => v ?? '—' },
          { title: t('guarantees.fields.checkType'), dataIndex: 'checkType', render: (v: string | null) => (v ? t(`guarantees.checkTypes.${v}`) : '—') },
          { title: t('guarantees.fields.riskGrade'), dataIndex: 'riskGrade', render: (v: string | null) => (v ? <Tag color={GRADE_COLORS[v]}>{t(`loans.classes.${v}`)}</Tag> : '—') },
          { title: t('guarantees.fields.findings'), dataIndex: 'findings', ellipsis: true, render: (v: string | null, c: Check) => v ?? c.closedNote ?? '' },
          { title: t('guarantees.officer'), dataIndex: 'officer' },
        ]}
      />
      <Table<Signal>
        rowKey="id"
        size="small"
        style={{ marginTop: 16 }}
        pagination={false}
        dataSource={g.signals}
        data-testid="signal-list"
        title={() => t('guarantees.signals')}
        columns={[
          { title: t('guarantees.fields.signal'), dataIndex: 'signal', render: (s: string) => signalName(s) },
          { title: t('guarantees.fields.raisedOn'), dataIndex: 'raisedOn' },
          { title: t('guarantees.signalSource'), dataIndex: 'source', render: (s: string) => t(`guarantees.sources.${s}`) },
          { title: t('guarantees.fields.detail'), dataIndex: 'detail', ellipsis: true },
          { title: t('guarantees.fields.clearedOn'), dataIndex: 'clearedOn', render: (v: string | null, s: Signal) => (v ? `${v} ${s.clearReason ?? ''}` : canWrite ? <Button size="small" onClick={() => setClearing(s)}>{t('guarantees.clearSignal')}</Button> : '—') },
        ]}
      />
      <ActionModal
        open={clearing !== null}
        title={t('guarantees.clearSignal')}
        testId="clear-signal"
        fields={[{ name: 'reason', kind: 'textarea', required: true }]}
        submitLabel={t('guarantees.clearSignal')}
        done={t('guarantees.done')}
        onClose={() => setClearing(null)}
        onSubmit={(v) => clear.mutateAsync({ id: clearing!.id, reason: v.reason as string })}
      />
    </>
  );
}

/** 担保合同 detail: figures, terms, monitoring and signals, counter-guarantees, the timeline, and the next steps. */
export function GuaranteeDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { contractNo } = useParams();
  const contract = useGuarantee(contractNo ?? null);
  if (contract.isError) return <Result status="404" title={contractNo} subTitle={t('errors.guaranteeNotFound')} extra={<Button onClick={() => navigate('/guarantees')}>{t('nav.guarantees')}</Button>} />;
  const g = contract.data;
  if (!g) return <Spin />;
  return (
    <Card
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/guarantees')} aria-label={t('nav.guarantees')} />
          <span className="lb-mono">{g.contractNo}</span>
          <span>{g.clientName}</span>
          <Tag color={GUARANTEE_STATUS_COLORS[g.status]} data-testid="guarantee-status">{t(`guarantees.statuses.${g.status}`)}</Tag>
          {g.watchList && <Tag color="red" data-testid="watch-list">{t('guarantees.watchList')}</Tag>}
        </Space>
      }
      extra={<ContractActions g={g} />}
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col span={4}><Statistic title={t('guarantees.guaranteed')} value={yuan(g.guaranteedAmount)} /></Col>
        <Col span={4}><Statistic title={t('guarantees.outstanding')} value={yuan(g.outstanding)} data-testid="guarantee-outstanding" /></Col>
        <Col span={4}><Statistic title={t('guarantees.released')} value={yuan(g.releasedAmount)} /></Col>
        <Col span={4}><Statistic title={t('guarantees.compensated')} value={yuan(g.compensatedAmount)} /></Col>
        <Col span={4}><Statistic title={t('guarantees.recovered')} value={yuan(g.recoveredAmount)} /></Col>
        <Col span={4}><Statistic title={t('guarantees.compensationBalance')} value={yuan(g.compensationBalance)} data-testid="compensation-balance" /></Col>
      </Row>
      <Descriptions size="small" column={4} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('guarantees.bank')}>{g.bankName}</Descriptions.Item>
        <Descriptions.Item label={t('guarantees.type')}>{t(`guarantees.types.${g.guaranteeType}`)}{g.issuerRating ? ` ${g.issuerRating}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('guarantees.clientSize')}>{t(`guarantees.sizes.${g.clientSize}`)}</Descriptions.Item>
        <Descriptions.Item label={t('guarantees.officer')}>{g.officer}</Descriptions.Item>
        <Descriptions.Item label={t('guarantees.loanPeriod')}>{g.loanStart} ~ {g.loanEnd}</Descriptions.Item>
        <Descriptions.Item label={t('guarantees.bankLoanRate')}>{g.bankLoanRate}%</Descriptions.Item>
        <Descriptions.Item label={t('guarantees.feeRate')}>{g.feeRate}%（{t(`guarantees.charging.${g.feeCharging}`)}）</Descriptions.Item>
        <Descriptions.Item label={t('guarantees.feeEarned')}>{yuan(g.feeEarned)} / {yuan(g.feeOverTerm)}</Descriptions.Item>
        <Descriptions.Item label={t('guarantees.margin')}>{yuan(g.marginDeposit)}</Descriptions.Item>
        <Descriptions.Item label={t('guarantees.coverage')}>{g.counterCoverage ? `${g.counterCoverage}%` : '—'}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          { key: 'monitoring', label: t('guarantees.monitoring'), children: <MonitoringTab g={g} /> },
          {
            key: 'counter',
            label: t('guarantees.counterGuarantees'),
            children: (
              <Table
                rowKey={(_, k) => String(k)}
                size="small"
                pagination={false}
                dataSource={g.counterGuarantees}
                data-testid="counter-guarantees"
                columns={[
                  { title: t('guarantees.fields.kind'), dataIndex: 'kind', render: (k: string) => t(`guarantees.counterKinds.${k}`) },
                  { title: t('guarantees.fields.description'), dataIndex: 'description' },
                  { title: t('guarantees.fields.securedAmount'), dataIndex: 'securedAmount', align: 'right', render: yuan },
                ]}
              />
            ),
          },
          {
            key: 'timeline',
            label: t('guarantees.history'),
            children: (
              <Timeline
                data-testid="guarantee-timeline"
                items={g.events.map((e) => ({
                  children: `${e.businessDate} ${t(`guarantees.events.${e.event}`, { defaultValue: e.event })}${e.amount ? ` ${yuan(e.amount)}` : ''} · ${e.by}`,
                }))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
