import { DownOutlined, FileExcelOutlined, PlusOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Dropdown, Input, Popover, Select, Space, Table, Tag, Typography, type TableRef } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { ChannelInput } from '../../../../shared/contract';
import { loanClasses } from '../../../../shared/lending/classification';
import { loanStatuses, type LoanSummary } from '../../../../shared/lending/loan';
import { yuan } from '../../../app/format';
import { totalsRow } from '../../../app/totals-row';
import { useCan } from '../../../app/permissions';
import { useExport } from '../../../app/useExport';
import { CLASS_COLORS, STATUS_COLORS } from './labels';
import { NewLoanDrawer } from './NewLoanDrawer';
import { useLoanPage } from './queries';

type Filters = ChannelInput<'loan.list'>;
const BUCKETS = ['current', 'M1', 'M2', 'M3', 'M4-M6', 'M6+'];
const COLUMNS_KEY = 'loanbridge.registerHiddenColumns';

/**
 * Where the register was left in this session: its filters, page, scroll and the loan last opened, so
 * coming back from a loan (or a refresh of the data) finds the same rows in the same place.
 */
const registerMemory: { filters: Filters | null; scrollTop: number; lastOpened: string | null } = { filters: null, scrollTop: 0, lastOpened: null };

/** The loan register (贷款台账): server-side filtering, sorting and paging over the whole book. */
export function LoansPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('loan.write');
  const [creating, setCreating] = useState(false);
  // A figure on the dashboard opens the register filtered to the loans behind it (?nonPerforming=1, ?overdue=1).
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => {
    const fromDashboard = params.get('nonPerforming') || params.get('overdue');
    if (registerMemory.filters && !fromDashboard) return registerMemory.filters;
    registerMemory.scrollTop = 0;
    return {
      page: 1,
      pageSize: 50,
      sort: 'contractNo',
      direction: 'desc',
      ...(params.get('nonPerforming') ? { nonPerforming: true } : {}),
      ...(params.get('overdue') ? { overdue: true } : {}),
    };
  });
  const page = useLoanPage(filters);
  const table = useRef<TableRef>(null);
  // Remember the filters; a new filter, sort or page starts at the top.
  useEffect(() => {
    if (registerMemory.filters && registerMemory.filters !== filters) {
      registerMemory.scrollTop = 0;
      table.current?.scrollTo({ top: 0 });
    }
    registerMemory.filters = filters;
  }, [filters]);
  // Follow the scroll of the virtual list's body, and put it back once the rows are there again.
  const rowsShown = page.data !== undefined;
  useEffect(() => {
    const body = table.current?.nativeElement?.querySelector('.ant-table-tbody-virtual-holder');
    if (!body) return;
    if (registerMemory.scrollTop > 0) table.current?.scrollTo({ top: registerMemory.scrollTop });
    const remember = () => (registerMemory.scrollTop = body.scrollTop);
    body.addEventListener('scroll', remember, { passive: true });
    return () => body.removeEventListener('scroll', remember);
  }, [rowsShown]);
  const exporter = useExport();
  const { page: _page, pageSize: _size, ...onScreen } = filters;
  // The register with the filters on screen, and the reports over the same book (written by the main process).
  const exportMenu = [
    { key: 'aging', label: t('loans.exports.aging') },
    { key: 'classification', label: t('loans.exports.classification') },
    { key: 'schedules', label: t('loans.exports.schedules') },
    { key: 'repayments', label: t('loans.exports.repayments') },
  ];
  function exportReport(key: string) {
    if (key === 'schedules') void exporter.run('export.lending', { report: 'schedules', ...(onScreen.status ? { status: onScreen.status } : {}) }, key);
    else if (key === 'repayments') void exporter.run('export.lending', { report: 'repayments' }, key);
    else void exporter.run('export.lending', { report: key as 'aging' | 'classification' }, key);
  }
  // The column chooser remembers its choice on this PC.
  const [hidden, setHidden] = useState<string[]>(() => JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? '[]') as string[]);
  const chooseColumns = (keys: string[]) => {
    setHidden(keys);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(keys));
  };
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const columns: ColumnsType<LoanSummary> = [
    { title: t('loans.contractNo'), dataIndex: 'contractNo', key: 'contractNo', sorter: true, width: 160, className: 'lb-mono', fixed: 'left' },
    { title: t('loans.borrower'), dataIndex: 'borrowerName', key: 'borrowerName', ellipsis: true, width: 180 },
    { title: t('loans.product'), dataIndex: 'productCode', key: 'productCode', width: 80 },
    { title: t('loans.principal'), dataIndex: 'principal', key: 'principal', sorter: true, align: 'right', render: yuan, width: 130 },
    { title: t('loans.outstanding'), dataIndex: 'outstandingPrincipal', key: 'outstandingPrincipal', sorter: true, align: 'right', render: yuan, width: 130 },
    { title: t('loans.overduePrincipal'), dataIndex: 'overduePrincipal', key: 'overduePrincipal', align: 'right', render: yuan, width: 150 },
    { title: t('loans.dpd'), dataIndex: 'dpd', key: 'dpd', sorter: true, align: 'right', width: 80 },
    { title: t('loans.bucket'), dataIndex: 'bucket', key: 'bucket', width: 90, render: (b: string) => t(`loans.buckets.${b}`, { defaultValue: b }) },
    { title: t('loans.classification'), dataIndex: 'classification', key: 'classification', width: 90, render: (c: string) => <Tag color={CLASS_COLORS[c]}>{t(`loans.classes.${c}`)}</Tag> },
    { title: t('loans.status'), dataIndex: 'status', key: 'status', width: 90, render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`loans.statuses.${s}`)}</Tag> },
    { title: t('terms.annualRate'), dataIndex: 'annualRate', key: 'annualRate', align: 'right', width: 80, render: (r: string) => `${r}%` },
    { title: t('loans.disbursed'), dataIndex: 'disbursementDate', key: 'disbursementDate', sorter: true, width: 110 },
    { title: t('loans.maturity'), dataIndex: 'maturityDate', key: 'maturityDate', width: 110 },
  ];

  const visible = columns.filter((c) => !hidden.includes(String(c.key)));
  const choosable = columns.filter((c) => c.key !== 'contractNo');
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.loans')}</Typography.Title>}
      extra={
        <Space>
          <Space.Compact>
            <Button icon={<FileExcelOutlined />} loading={exporter.busy === 'export.loanRegister'} onClick={() => void exporter.run('export.loanRegister', onScreen)} data-testid="loan-export">
              {t('loans.exportExcel')}
            </Button>
            <Dropdown menu={{ items: exportMenu, onClick: ({ key }) => exportReport(key) }} trigger={['click']}>
              <Button icon={<DownOutlined />} loading={exporter.busy !== null && exporter.busy !== 'export.loanRegister'} data-testid="loan-export-more" />
            </Dropdown>
          </Space.Compact>
          <Button icon={<ReloadOutlined />} loading={page.isFetching} onClick={() => void page.refetch()} data-testid="loan-refresh">
            {t('loans.refresh')}
          </Button>
          {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="loan-new">{t('loans.new')}</Button>}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('loans.search')} style={{ width: 260 }} onSearch={(q) => set({ q: q.trim() || undefined })} data-testid="loan-search" />
        <Select allowClear placeholder={t('loans.status')} style={{ width: 120 }} options={loanStatuses.map((s) => ({ value: s, label: t(`loans.statuses.${s}`) }))} onChange={(status) => set({ status })} />
        <Select allowClear placeholder={t('loans.classification')} style={{ width: 120 }} options={loanClasses.map((c) => ({ value: c, label: t(`loans.classes.${c}`) }))} onChange={(classification) => set({ classification })} data-testid="loan-filter-class" />
        <Select allowClear placeholder={t('loans.bucket')} style={{ width: 110 }} options={BUCKETS.map((b) => ({ value: b, label: t(`loans.buckets.${b}`, { defaultValue: b }) }))} onChange={(bucket) => set({ bucket })} />
        <Popover
          trigger="click"
          placement="bottomLeft"
          content={
            <Checkbox.Group
              style={{ display: 'grid', gap: 4 }}
              value={choosable.map((c) => String(c.key)).filter((key) => !hidden.includes(key))}
              options={choosable.map((c) => ({ value: String(c.key), label: c.title as string }))}
              onChange={(shown) => chooseColumns(choosable.map((c) => String(c.key)).filter((key) => !shown.includes(key)))}
              data-testid="column-chooser"
            />
          }
        >
          <Button icon={<SettingOutlined />} data-testid="column-chooser-open">{t('loans.columns')}</Button>
        </Popover>
        {filters.nonPerforming && (
          <Tag closable onClose={() => set({ nonPerforming: undefined })} color="red" data-testid="filter-npl">
            {t('loans.onlyNonPerforming')}
          </Tag>
        )}
        {filters.overdue && (
          <Tag closable onClose={() => set({ overdue: undefined })} color="orange" data-testid="filter-overdue">
            {t('loans.onlyOverdue')}
          </Tag>
        )}
      </Space>
      <Table<LoanSummary>
        rowKey="contractNo"
        size="small"
        className="lb-number-table"
        columns={visible}
        dataSource={page.data?.items ?? []}
        loading={page.isFetching && page.data === undefined}
        virtual
        scroll={{ x: 1500, y: 560 }}
        ref={table}
        rowClassName={(row) => (row.contractNo === registerMemory.lastOpened ? 'lb-row-last-opened' : '')}
        onRow={(row) => ({
          onClick: () => {
            registerMemory.lastOpened = row.contractNo;
            navigate(`/lending/loans/${encodeURIComponent(row.contractNo)}`);
          },
          style: { cursor: 'pointer' },
        })}
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
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: page.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [50, 100, 200, 500], showTotal: (n) => t('loans.total', { count: n }) }}
        summary={() => {
          const totals = page.data?.totals;
          if (!totals) return null;
          const sums: Record<string, string> = { principal: totals.principal, outstandingPrincipal: totals.outstandingPrincipal, overduePrincipal: totals.overduePrincipal };
          return totalsRow(visible, sums, t('loans.totalsFiltered', { count: page.data!.total }));
        }}
      />
      <NewLoanDrawer open={creating} onClose={() => setCreating(false)} onCreated={(contractNo) => navigate(`/lending/loans/${encodeURIComponent(contractNo)}`)} />
    </Card>
  );
}
