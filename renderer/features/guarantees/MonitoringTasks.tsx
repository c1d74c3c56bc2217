import { FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExport } from '../../app/useExport';
import { useNavigate } from 'react-router-dom';
import type { ChannelOutput } from '../../../shared/contract';
import { api } from '../../api/client';
import { yuan } from '../../app/format';
import { useStatus } from '../../app/useStatus';

type Task = ChannelOutput<'monitoring.due'>[number];
type Alerts = ChannelOutput<'guarantee.alerts'>;

/** 保后检查任务: checks due and overdue, everyone's or the signed-in officer's, up to a horizon. */
export function MonitoringTasks() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useStatus().data?.user?.userName;
  const [withinDays, setWithinDays] = useState(0);
  const [mine, setMine] = useState(false);
  const exporter = useExport();
  const tasks = useQuery({ queryKey: ['monitoring.due', withinDays, mine], queryFn: () => api('monitoring.due', { withinDays, ...(mine && me ? { officer: me } : {}) }) });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Segmented<number>
          value={withinDays}
          onChange={setWithinDays}
          options={[0, 30, 90].map((d) => ({ value: d, label: d === 0 ? t('guarantees.dueNow') : t('guarantees.dueWithin', { days: d }) }))}
        />
        <Switch checked={mine} onChange={setMine} /> {t('guarantees.myChecks')}
        <Button icon={<FileExcelOutlined />} loading={exporter.busy !== null} onClick={() => void exporter.run('export.guarantees', { report: 'monitoring-log' })} data-testid="monitoring-export">
          {t('loans.exports.monitoringLog')}
        </Button>
      </Space>
      <Table<Task>
        rowKey="id"
        size="small"
        dataSource={tasks.data ?? []}
        loading={tasks.isFetching}
        pagination={{ pageSize: 50 }}
        data-testid="monitoring-tasks"
        onRow={(task) => ({ onClick: () => navigate(`/guarantees/${task.contractNo}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('guarantees.fields.dueDate'), dataIndex: 'dueDate', width: 110 },
          { title: t('guarantees.overdueDays'), dataIndex: 'daysOverdue', align: 'right', render: (d: number) => (d > 0 ? <Typography.Text type="danger">{d}</Typography.Text> : '') },
          { title: t('guarantees.contractNo'), dataIndex: 'contractNo', className: 'lb-mono' },
          { title: t('guarantees.client'), dataIndex: 'clientName', ellipsis: true },
          { title: t('guarantees.bank'), dataIndex: 'bankName', ellipsis: true },
          { title: t('guarantees.outstanding'), dataIndex: 'outstanding', align: 'right', render: yuan },
          { title: t('guarantees.fields.reason'), dataIndex: 'reason', render: (r: string, task: Task) => <Space>{t(`guarantees.reasons.${r}`)}{task.watchList && <Tag color="red">{t('guarantees.watchList')}</Tag>}</Space> },
          { title: t('guarantees.officer'), dataIndex: 'officer' },
        ]}
      />
    </>
  );
}

/** Bank loans maturing within the alert windows, and credit lines near their limit or expiry. */
export function AlertsPanel({ alerts }: { alerts: Alerts }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Row gutter={16}>
      <Col span={14}>
        <Card size="small" title={t('guarantees.maturing')}>
          <Table
            rowKey="contractNo"
            size="small"
            pagination={{ pageSize: 10 }}
            dataSource={alerts.maturing}
            data-testid="maturity-alerts"
            onRow={(m) => ({ onClick: () => navigate(`/guarantees/${m.contractNo}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('guarantees.loanEnd'), dataIndex: 'loanEnd' },
              { title: t('guarantees.daysLeft'), dataIndex: 'daysLeft', align: 'right', render: (d: number, m: Alerts['maturing'][number]) => <Tag color={d < 0 ? 'red' : m.window <= 30 ? 'orange' : 'blue'}>{d}</Tag> },
              { title: t('guarantees.client'), dataIndex: 'clientName', ellipsis: true },
              { title: t('guarantees.bank'), dataIndex: 'bankName', ellipsis: true },
              { title: t('guarantees.outstanding'), dataIndex: 'outstanding', align: 'right', render: yuan },
            ]}
          />
        </Card>
      </Col>
      <Col span={10}>
        <Card size="small" title={t('guarantees.creditLineAlerts')}>
          <Table
            rowKey="bankId"
            size="small"
            pagination={false}
            dataSource={alerts.creditLines}
            data-testid="credit-line-alerts"
            columns={[
              { title: t('guarantees.bank'), dataIndex: 'name', ellipsis: true },
              { title: t('guarantees.usedPercent'), dataIndex: 'usedPercent', align: 'right', render: (v: string) => `${v}%` },
              { title: t('guarantees.lineValidTo'), dataIndex: 'lineValidTo' },
              { title: t('guarantees.why'), dataIndex: 'reasons', render: (rs: string[]) => rs.map((r) => <Tag key={r} color={r === 'over-limit' || r === 'expired' ? 'red' : 'orange'}>{t(`guarantees.lineAlerts.${r}`)}</Tag>) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
