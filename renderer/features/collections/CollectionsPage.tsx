import { FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExport } from '../../app/useExport';
import { PrintButtons } from '../../app/PrintButtons';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { api } from '../../api/client';
import { downloadBase64 } from '../../app/download';
import { errorText } from '../../app/errors';
import { yuan } from '../../app/format';
import { useCan } from '../../app/permissions';
import { useBusinessDate } from '../../app/useStatus';
import { AgenciesTab } from './AgenciesTab';
import { LettersPreview, PrintableLetters } from './LettersPreview';
import { ClaimDrawer, PROMISE_COLORS } from './ClaimDrawer';

type Item = ChannelOutput<'collections.queue'>['items'][number];
const BUCKETS = ['M1', 'M2', 'M3', 'M4-M6', 'M6+'];
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function Queue({ onOpen, onLetters }: { onOpen: (contractNo: string) => void; onLetters: (letters: ChannelOutput<'collections.letters'>['letters']) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canAssign = useCan('collections.assign');
  const [filters, setFilters] = useState<ChannelInput<'collections.queue'>>({ mine: false, sort: 'dpd', direction: 'desc', page: 1, pageSize: 50 });
  const [selected, setSelected] = useState<string[]>([]);
  const [collector, setCollector] = useState<string>();
  const queue = useQuery({ queryKey: ['collections.queue', filters], queryFn: () => api('collections.queue', filters), placeholderData: keepPreviousData });
  const collectors = useQuery({ queryKey: ['collections.collectors'], queryFn: () => api('collections.collectors', {}), enabled: canAssign });
  const assign = useMutation({
    mutationFn: () => api('collections.assign', { contractNos: selected, collector: collector! }),
    onSuccess: (r) => {
      void message.success(t('collections.assigned', { count: r.assigned }));
      setSelected([]);
      void client.invalidateQueries({ queryKey: ['collections.queue'] });
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  const canWrite = useCan('collections.write');
  const [payBy, setPayBy] = useState<Dayjs>(dayjs(useBusinessDate()).add(7, 'day'));
  const letters = useMutation({
    mutationFn: (kind: 'notice' | 'lawyer') => api('collections.letters', { kind, contractNos: selected, payBy: payBy.format('YYYY-MM-DD') }),
    onSuccess: (made) => {
      downloadBase64(made.fileName, made.contentBase64, DOCX_TYPE);
      void message.success(t('collections.lettersMade', { count: made.letters.length }));
      onLetters(made.letters);
      for (const key of ['collections.queue', 'collections.claim', 'collections.performance']) void client.invalidateQueries({ queryKey: [key] });
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  const set = (change: Partial<ChannelInput<'collections.queue'>>) => setFilters((f) => ({ ...f, ...change, page: 1 }));
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Switch checked={filters.mine} onChange={(mine) => set({ mine })} data-testid="queue-mine" /> {t('collections.myQueue')}
        <Select allowClear placeholder={t('loans.bucket')} style={{ width: 110 }} options={BUCKETS.map((b) => ({ value: b, label: b }))} onChange={(bucket) => set({ bucket })} />
        <Select allowClear placeholder={t('collections.kind')} style={{ width: 140 }} options={['loan', 'guarantee'].map((k) => ({ value: k, label: t(`collections.kinds.${k}`) }))} onChange={(kind) => set({ kind })} />
        <Checkbox onChange={(e) => set({ brokenPromise: e.target.checked })}>{t('collections.brokenOnly')}</Checkbox>
        <Checkbox onChange={(e) => set({ unassigned: e.target.checked })}>{t('collections.unassignedOnly')}</Checkbox>
        {canWrite && (
          <>
            <DatePicker value={payBy} onChange={(v) => v && setPayBy(v)} prefix={t('collections.payBy')} />
            <Button disabled={selected.length === 0} loading={letters.isPending} onClick={() => letters.mutate('notice')} data-testid="letters-notice">
              {t('collections.makeNotices', { count: selected.length })}
            </Button>
            <Button disabled={selected.length === 0} loading={letters.isPending} onClick={() => letters.mutate('lawyer')}>
              {t('collections.makeLawyerLetters', { count: selected.length })}
            </Button>
          </>
        )}
        {canAssign && (
          <>
            <Select placeholder={t('collections.collector')} style={{ width: 160 }} value={collector} onChange={setCollector} options={(collectors.data ?? []).map((c) => ({ value: c.userName, label: c.displayName }))} />
            <Button disabled={!collector || selected.length === 0} loading={assign.isPending} onClick={() => assign.mutate()} data-testid="queue-assign">
              {t('collections.assignSelected', { count: selected.length })}
            </Button>
          </>
        )}
      </Space>
      <Table<Item>
        rowKey="contractNo"
        size="small"
        className="lb-number-table"
        dataSource={queue.data?.items ?? []}
        loading={queue.isFetching}
        data-testid="collections-queue"
        rowSelection={canAssign || canWrite ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
        onRow={(item) => ({ onClick: () => onOpen(item.contractNo), style: { cursor: 'pointer' } })}
        onChange={(pagination, _f, sorter) => {
          const s = sorter as SorterResult<Item>;
          setFilters((f) => ({ ...f, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 50, ...(s.field && s.order ? { sort: s.field as ChannelInput<'collections.queue'>['sort'], direction: s.order === 'ascend' ? 'asc' : 'desc' } : {}) }));
        }}
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: queue.data?.total ?? 0 }}
        columns={[
          { title: t('collections.contractNo'), dataIndex: 'contractNo', className: 'lb-mono', width: 150 },
          { title: t('collections.debtor'), dataIndex: 'debtorName', ellipsis: true },
          { title: t('collections.kind'), dataIndex: 'kind', width: 90, render: (k: string) => t(`collections.kinds.${k}`) },
          { title: t('loans.dpd'), dataIndex: 'dpd', align: 'right', sorter: true, width: 80 },
          { title: t('loans.bucket'), dataIndex: 'bucket', width: 80 },
          { title: t('collections.amountDue'), dataIndex: 'amountDue', align: 'right', sorter: true, render: yuan },
          { title: t('collections.collector'), dataIndex: 'collector', render: (c: string | null) => c ?? <Typography.Text type="secondary">{t('collections.unassigned')}</Typography.Text> },
          { title: t('collections.lastContact'), dataIndex: 'lastContactAt', sorter: true, render: (v: string | null, i: Item) => (v ? `${dayjs(v).format('MM-DD HH:mm')} ${i.lastOutcome ?? ''}` : '—'), ellipsis: true },
          { title: t('collections.nextAction'), dataIndex: 'nextActionOn', sorter: true, width: 110 },
          { title: t('collections.promise'), dataIndex: 'promise', render: (p: Item['promise']) => (p ? <Tag color={PROMISE_COLORS[p.status]}>{`${t(`collections.promiseStatuses.${p.status}`)} ${p.dueDate}`}</Tag> : '') },
        ]}
        summary={() =>
          queue.data ? (
            <Table.Summary.Row className="lb-totals">
              <Table.Summary.Cell index={0} colSpan={canAssign || canWrite ? 6 : 5}>{t('loans.totalsFiltered', { count: queue.data.total })}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{yuan(queue.data.totals.amountDue)}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={4} />
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}

function Limitation({ onOpen }: { onOpen: (contractNo: string) => void }) {
  const { t } = useTranslation();
  const due = useQuery({ queryKey: ['limitation.due'], queryFn: () => api('limitation.due', { days: 90 }) });
  return (
    <Table
      rowKey="contractNo"
      size="small"
      dataSource={due.data ?? []}
      data-testid="limitation-due"
      onRow={(r) => ({ onClick: () => onOpen(r.contractNo), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('collections.limitationExpiry'), dataIndex: 'expiry' },
        { title: t('guarantees.daysLeft'), dataIndex: 'daysLeft', align: 'right' },
        { title: t('collections.contractNo'), dataIndex: 'contractNo', className: 'lb-mono' },
        { title: t('collections.debtor'), dataIndex: 'debtorName' },
        { title: t('collections.lastInterruption'), dataIndex: 'lastInterruption', render: (l: ChannelOutput<'limitation.due'>[number]['lastInterruption']) => (l ? `${l.date} ${t(`collections.interruptions.${l.kind}`)}` : '—') },
        { title: t('collections.guarantorPeriodEnd'), dataIndex: 'guarantorPeriodEnd' },
      ]}
    />
  );
}

function Performance() {
  const { t } = useTranslation();
  // This month by the business date, not the PC's clock.
  const today = dayjs(useBusinessDate());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today.endOf('month')]);
  const [from, to] = [range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')];
  const stats = useQuery({ queryKey: ['collections.performance', from, to], queryFn: () => api('collections.performance', { from, to }) });
  const exporter = useExport();
  return (
    <>
      <Space style={{ marginBottom: 12 }} className="lb-no-print">
        <DatePicker.RangePicker value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
        <PrintButtons title={t('collections.performanceTitle', { from, to })} fileName={t('collections.performanceTitle', { from, to })} testId="performance-print" />
        <Button icon={<FileExcelOutlined />} loading={exporter.busy !== null} onClick={() => void exporter.run('export.collections', { report: 'collector-performance', from, to })} data-testid="performance-export">
          {t('collections.exportPerformance')}
        </Button>
      </Space>
      <Typography.Title level={5} className="lb-print-only">{t('collections.performanceTitle', { from, to })}</Typography.Title>
      <Table
        rowKey="collector"
        size="small"
        pagination={false}
        dataSource={stats.data ?? []}
        data-testid="collector-stats"
        columns={[
          { title: t('collections.collector'), dataIndex: 'collector' },
          { title: t('collections.channels.phone'), dataIndex: 'calls', align: 'right' },
          { title: t('collections.channels.sms'), dataIndex: 'sms', align: 'right' },
          { title: t('collections.letters'), dataIndex: 'letters', align: 'right' },
          { title: t('collections.channels.visit'), dataIndex: 'visits', align: 'right' },
          { title: t('collections.promisesMade'), dataIndex: 'promisesMade', align: 'right' },
          { title: t('collections.promisesKept'), dataIndex: 'promisesKept', align: 'right' },
          { title: t('collections.recovered'), dataIndex: 'recovered', align: 'right', render: yuan },
          { title: t('collections.incentive'), dataIndex: 'incentive', align: 'right', render: yuan },
        ]}
        expandable={{
          expandedRowRender: (r: ChannelOutput<'collections.performance'>[number]) => (
            <Table
              rowKey="bucket"
              size="small"
              pagination={false}
              dataSource={r.byBucket}
              columns={[
                { title: t('loans.bucket'), dataIndex: 'bucket' },
                { title: t('collections.accounts'), dataIndex: 'accounts', align: 'right' },
                { title: t('collections.assignedAmount'), dataIndex: 'assigned', align: 'right', render: yuan },
                { title: t('collections.recovered'), dataIndex: 'recovered', align: 'right', render: yuan },
                { title: t('collections.recoveryRate'), dataIndex: 'recoveryRatePercent', align: 'right', render: (v: string | null) => (v === null ? '—' : `${v}%`) },
                { title: t('collections.incentive'), dataIndex: 'incentive', align: 'right', render: yuan },
              ]}
            />
          ),
        }}
      />
    </>
  );
}

/** 催收工作台: the queue, claims whose limitation period is ending, and the collectors' figures. */
export function CollectionsPage() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [letters, setLetters] = useState<ChannelOutput<'collections.letters'>['letters'] | null>(null);
  const [printed, setPrinted] = useState<ChannelOutput<'collections.letters'>['letters']>([]);
  const exporter = useExport();
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.collections')}</Typography.Title>}
      classNames={{ header: 'lb-no-print' }}
      extra={
        <Button icon={<FileExcelOutlined />} loading={exporter.busy !== null} onClick={() => void exporter.run('export.collections', { report: 'collection-log' })} data-testid="collections-export">
          {t('loans.exports.collectionLog')}
        </Button>
      }
    >
      <PrintableLetters letters={printed} />
      <LettersPreview letters={letters} onClose={() => setLetters(null)} />
      <Tabs
        className="lb-no-print"
        items={[
          {
            key: 'queue',
            label: t('collections.queue'),
            children: (
              <Queue
                onOpen={setOpen}
                onLetters={(made) => {
                  setLetters(made);
                  setPrinted(made);
                }}
              />
            ),
          },
          { key: 'limitation', label: t('collections.limitationDue'), children: <Limitation onOpen={setOpen} /> },
          { key: 'performance', label: t('collections.performance'), children: <Performance /> },
          { key: 'agencies', label: t('collections.agencies'), children: <AgenciesTab /> },
        ]}
      />
      <ClaimDrawer contractNo={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
