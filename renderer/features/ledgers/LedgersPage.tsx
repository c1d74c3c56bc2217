import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Pagination, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { api } from '../../api/client';
import { useExport } from '../../app/useExport';
import { yuan } from '../../app/format';
import { useBusinessDate } from '../../app/useStatus';
import { useCan } from '../../app/permissions';
import { ImportTab } from './ImportTab';
import { ReportsTab } from './ReportsTab';

type Period = { from: string; to: string };
type TrialBalance = ChannelOutput<'ledger.trialBalance'>;
type Voucher = ChannelOutput<'ledger.vouchers'>['items'][number];

function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Typography.Text>{t('ledgers.period')}</Typography.Text>
      <DatePicker.RangePicker
        allowClear={false}
        value={[dayjs(value.from), dayjs(value.to)]}
        onChange={(range) => {
          const [from, to] = (range ?? []) as Array<Dayjs | null>;
          if (from && to) onChange({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
        }}
        data-testid="ledger-period"
      />
    </Space>
  );
}

function ExportButton({ report, period }: { report: 'vouchers' | 'trial-balance'; period: Period }) {
  const { t } = useTranslation();
  const exporter = useExport();
  return (
    <Button icon={<DownloadOutlined />} loading={exporter.busy !== null} data-testid={`export-${report}`} onClick={() => void exporter.run('export.ledger', { report, ...period })}>
      {t('ledgers.export')}
    </Button>
  );
}

function TrialBalanceTab({ period }: { period: Period }) {
  const { t } = useTranslation();
  const tb = useQuery({ queryKey: ['ledger.trialBalance', period], queryFn: () => api('ledger.trialBalance', period) });
  const amount = (key: keyof TrialBalance['totals'], title: string) => ({ key, title, dataIndex: key, align: 'right' as const, width: 140, render: (v: string) => (v === '0.00' ? '' : yuan(v)) });
  const columns: ColumnsType<TrialBalance['rows'][number]> = [
    { key: 'code', title: t('ledgers.code'), dataIndex: 'code', className: 'lb-mono', width: 100 },
    { key: 'name', title: t('ledgers.name'), dataIndex: 'name', width: 280 },
    amount('openingDebit', t('ledgers.openingDebit')),
    amount('openingCredit', t('ledgers.openingCredit')),
    amount('periodDebit', t('ledgers.periodDebit')),
    amount('periodCredit', t('ledgers.periodCredit')),
    amount('closingDebit', t('ledgers.closingDebit')),
    amount('closingCredit', t('ledgers.closingCredit')),
  ];
  const data = tb.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {data && (
        <Tag color={data.balanced ? 'green' : 'red'} data-testid="trial-balance-status">
          {data.balanced ? t('ledgers.balanced') : t('ledgers.unbalanced')}
        </Tag>
      )}
      <Table
        size="small"
        rowKey="code"
        loading={tb.isLoading}
        columns={columns}
        dataSource={data?.rows ?? []}
        pagination={false}
        data-testid="trial-balance"
        summary={() =>
          data ? (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0} colSpan={2}>
                {t('ledgers.total')}
              </Table.Summary.Cell>
              {(['openingDebit', 'openingCredit', 'periodDebit', 'periodCredit', 'closingDebit', 'closingCredit'] as const).map((key, k) => (
                <Table.Summary.Cell key={key} index={k + 2} align="right">
                  {yuan(data.totals[key])}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
      {data?.ties ? (
        <Card size="small" title={t('ledgers.ties')}>
          <Table
            size="small"
            rowKey="figure"
            pagination={false}
            dataSource={data.ties}
            data-testid="trial-balance-ties"
            columns={[
              { key: 'figure', title: t('ledgers.figure'), render: (_: unknown, r) => `${t(`ledgers.figures.${r.figure}`)}（${r.account}）` },
              { key: 'ledger', title: t('ledgers.ledger'), dataIndex: 'ledger', align: 'right', render: yuan },
              { key: 'subLedger', title: t('ledgers.subLedger'), dataIndex: 'subLedger', align: 'right', render: yuan },
              { key: 'difference', title: t('ledgers.difference'), dataIndex: 'difference', align: 'right', render: (v: string) => <Tag color={v === '0.00' ? 'green' : 'red'}>{yuan(v)}</Tag> },
            ]}
          />
        </Card>
      ) : (
        <Alert type="info" showIcon message={t('ledgers.tiesOnlyToday')} />
      )}
    </Space>
  );
}

const VOUCHER_KINDS = ['disbursement', 'repayment', 'interestAccrual', 'writeOff', 'loanRecovery', 'legalCost', 'provision', 'guaranteeFee', 'feeAmortization', 'marginReceived', 'marginReturned', 'compensation', 'guaranteeRecovery', 'confirmedLoss', 'reserves'] as const;

function VouchersTab({ period }: { period: Period }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const language = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
  const list = useQuery({ queryKey: ['ledger.vouchers', period, kind, page, language], queryFn: () => api('ledger.vouchers', { ...period, kind, page, pageSize: 20, language }) });
  // One row per voucher line; the voucher's date, number and summary span its lines, as on a printed voucher.
  const rows = (list.data?.items ?? []).flatMap((v: Voucher) => v.lines.map((line, k) => ({ key: `${v.date}-${v.number}-${k}`, voucher: v, line, first: k === 0, span: v.lines.length })));
  type Row = (typeof rows)[number];
  const spanned = (render: (r: Row) => React.ReactNode) => ({ render: (_: unknown, r: Row) => render(r), onCell: (r: Row) => ({ rowSpan: r.first ? r.span : 0 }) });
  const columns: ColumnsType<Row> = [
    { key: 'date', title: t('ledgers.date'), width: 110, ...spanned((r) => r.voucher.date) },
    { key: 'number', title: t('ledgers.number'), width: 90, ...spanned((r) => `${r.voucher.word}-${String(r.voucher.number).padStart(4, '0')}`) },
    { key: 'summary', title: t('ledgers.summary'), width: 280, ...spanned((r) => r.voucher.summary) },
    { key: 'account', title: t('ledgers.account'), render: (_: unknown, r: Row) => `${r.line.account} ${r.line.accountName}` },
    { key: 'debit', title: t('ledgers.debit'), align: 'right', width: 140, render: (_: unknown, r: Row) => (r.line.debit === '0.00' ? '' : yuan(r.line.debit)) },
    { key: 'credit', title: t('ledgers.credit'), align: 'right', width: 140, render: (_: unknown, r: Row) => (r.line.credit === '0.00' ? '' : yuan(r.line.credit)) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Select
          allowClear
          placeholder={t('ledgers.allKinds')}
          style={{ width: 200 }}
          value={kind}
          onChange={(v?: string) => [setKind(v), setPage(1)]}
          options={VOUCHER_KINDS.map((k) => ({ value: k, label: t(`ledgers.kinds.${k}`) }))}
          data-testid="voucher-kind"
        />
        {list.data && (
          <Typography.Text type="secondary" data-testid="voucher-count">
            {t('ledgers.voucherCount', { count: list.data.total, debit: yuan(list.data.debit), credit: yuan(list.data.credit) })}
          </Typography.Text>
        )}
      </Space>
      <Table
        size="small"
        bordered
        loading={list.isLoading}
        columns={columns}
        dataSource={rows}
        data-testid="vouchers"
        pagination={false}
      />
      <Pagination align="end" current={page} pageSize={20} total={list.data?.total ?? 0} showSizeChanger={false} onChange={setPage} />
    </Space>
  );
}

/** 账务: the trial balance tied to the sub-ledgers, and the voucher journal for the accounting software. */
export function LedgersPage() {
  const { t } = useTranslation();
  const today = useBusinessDate();
  const [period, setPeriod] = useState<Period | null>(null);
  const [tab, setTab] = useState('trial-balance');
  const canImport = useCan('data.import');
  const shown = period ?? { from: `${today.slice(0, 4)}-01-01`, to: today };
  return (
    <Card
      title={t('ledgers.title')}
      extra={
        <Space>
          {!['import', 'reports'].includes(tab) && <PeriodPicker value={shown} onChange={setPeriod} />}
          {!['import', 'reports'].includes(tab) && <ExportButton report={tab === 'vouchers' ? 'vouchers' : 'trial-balance'} period={shown} />}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'trial-balance', label: t('ledgers.trialBalance'), children: <TrialBalanceTab period={shown} /> },
          { key: 'vouchers', label: t('ledgers.vouchers'), children: <VouchersTab period={shown} /> },
          { key: 'reports', label: t('reports.tab'), children: <ReportsTab today={today} /> },
          ...(canImport ? [{ key: 'import', label: t('ledgers.import.tab'), children: <ImportTab /> }] : []),
        ]}
      />
    </Card>
  );
}
