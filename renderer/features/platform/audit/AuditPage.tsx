import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import { api } from '../../../api/client';
import { useCan } from '../../../app/permissions';
import { Forbidden } from '../Forbidden';

type Entry = ChannelOutput<'audit.list'>['items'][number];

/** CSV with a BOM so Excel opens the Chinese text correctly. */
function downloadCsv(entries: Entry[]) {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    // Quote everything; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
    return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
  };
  const lines = [['id', 'at', 'user', 'role', 'channel', 'entity', 'entityId', 'before', 'after', 'hash'].join(',')];
  for (const e of entries) lines.push([e.id, e.at, e.userName, e.role, e.channel, e.entityType, e.entityId, e.before, e.after, e.hash].map(cell).join(','));
  const url = URL.createObjectURL(new Blob([`\ufeff${lines.join('\r\n')}`], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'audit-trail.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function AuditPage() {
  const { t } = useTranslation();
  const allowed = useCan('audit.read');
  const [filters, setFilters] = useState<ChannelInput<'audit.list'>>({ page: 1, pageSize: 50 });
  const list = useQuery({ queryKey: ['audit', filters], queryFn: () => api('audit.list', filters), enabled: allowed, placeholderData: keepPreviousData });
  const verify = useMutation({ mutationFn: () => api('audit.verify', {}) });
  if (!allowed) return <Forbidden />;
  const set = (patch: Partial<ChannelInput<'audit.list'>>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));
  const columns: ColumnsType<Entry> = [
    { title: '#', dataIndex: 'id', width: 70 },
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v.slice(0, 19).replace('T', ' ')}</span> },
    { title: t('audit.user'), dataIndex: 'userName', width: 150, ellipsis: true },
    { title: t('audit.channel'), dataIndex: 'channel', width: 190, className: 'lb-mono', ellipsis: true },
    { title: t('audit.entity'), render: (_: unknown, e) => `${e.entityType}${e.entityId ? ` #${e.entityId}` : ''}`, width: 150, ellipsis: true },
    { title: t('audit.change'), ellipsis: { showTitle: false }, render: (_: unknown, e) => <Typography.Text className="lb-mono" style={{ fontSize: 12 }} ellipsis={{ tooltip: JSON.stringify(e.after) }}>{JSON.stringify(e.after)}</Typography.Text> },
  ];
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.audit')}</Typography.Title>}
      extra={
        <Space>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">{t('audit.verify')}</Button>
          <Button onClick={() => downloadCsv(list.data?.items ?? [])} disabled={!list.data?.items.length}>{t('audit.export')}</Button>
        </Space>
      }
    >
      {verify.data && (
        <Alert
          style={{ marginBottom: 12 }}
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          data-testid="audit-verify-result"
          message={verify.data.ok ? t('audit.intact', { count: verify.data.entries }) : t('audit.broken', { id: verify.data.firstBroken?.id, reason: verify.data.firstBroken?.reason })}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('audit.user')} onSearch={(v) => set({ userName: v || null })} style={{ width: 160 }} />
        <Input.Search allowClear placeholder={t('audit.channel')} onSearch={(v) => set({ channel: v || null })} style={{ width: 180 }} />
        <Input.Search allowClear placeholder={t('audit.entity')} onSearch={(v) => set({ entityType: v || null })} style={{ width: 160 }} />
        <DatePicker.RangePicker onChange={(range) => set({ from: (range?.[0] as Dayjs | null)?.format('YYYY-MM-DD'), to: (range?.[1] as Dayjs | null)?.format('YYYY-MM-DD') })} />
      </Space>
      <Table<Entry>
        rowKey="id"
        tableLayout="fixed"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })) }}
      />
    </Card>
  );
}
