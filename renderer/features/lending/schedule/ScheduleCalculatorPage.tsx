import { FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TermsInput } from '../../../../shared/schedule/terms';
import type { WireSchedule } from '../../../../shared/schedule/wire';
import { PrintButtons } from '../../../app/PrintButtons';
import { api } from '../../../api/client';
import { EChart, type ChartOption } from '../../../app/charts/EChart';
import { downloadBase64, XLSX_TYPE } from '../../../app/download';
import { errorPayload, errorText, reasonText } from '../../../app/errors';
import { yuan } from '../../../app/format';
import { useStatus } from '../../../app/useStatus';
import { PrintableSchedule } from './PrintableSchedule';
import { TermsForm, toTermsInput, defaultTerms, type TermsFormValues } from './TermsForm';

type Row = WireSchedule['installments'][number];

/** Recompute as the user types, but not on every keystroke. */
function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

function chartOption(schedule: WireSchedule, labels: { principal: string; interest: string }): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.principal, labels.interest], top: 0 },
    grid: { left: 70, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: schedule.installments.map((i) => i.number) },
    yAxis: { type: 'value' },
    series: [
      { name: labels.principal, type: 'bar', stack: 'due', data: schedule.installments.map((i) => Number(i.principal)), itemStyle: { color: '#1f5fa8' } },
      { name: labels.interest, type: 'bar', stack: 'due', data: schedule.installments.map((i) => Number(i.interest)), itemStyle: { color: '#f0a020' } },
    ],
  };
}

/** Starts from the office's business date rather than the PC clock. */
export function ScheduleCalculatorPage() {
  const status = useStatus();
  if (!status.data) return <Spin />;
  return <ScheduleCalculator initial={defaultTerms(status.data.businessDate)} />;
}

function ScheduleCalculator({ initial }: { initial: TermsFormValues }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TermsFormValues>();
  const [terms, setTerms] = useState<TermsInput>(() => toTermsInput(initial));
  const [allowAboveCap, setAllowAboveCap] = useState(false);
  const request = useDebounced({ terms, allowAboveCap }, 150);

  const schedule = useQuery({
    queryKey: ['schedule.calculate', request],
    queryFn: () => api('schedule.calculate', request),
    placeholderData: keepPreviousData,
  });

  // Server-side validation lands on the field it names.
  const failure = schedule.error ? errorPayload(schedule.error) : null;
  useEffect(() => {
    const fields = Object.keys(initial);
    form.setFields(fields.map((name) => ({ name: name as keyof TermsFormValues, errors: [] })));
    for (const issue of failure?.issues ?? (failure?.field ? [{ field: failure.field, reason: failure.reason ?? failure.code, params: failure.params, message: failure.message }] : [])) {
      const name = issue.field.replace(/^terms\./, '');
      if (fields.includes(name)) form.setFields([{ name: name as keyof TermsFormValues, errors: [reasonText(t, issue)] }]);
    }
  }, [failure, form, t, initial]);

  const exportXlsx = useMutation({
    mutationFn: () => api('schedule.exportXlsx', { ...request, language: i18n.language === 'en' ? 'en' : 'zh-CN' }),
    onSuccess: (file) => downloadBase64(file.fileName, file.contentBase64, XLSX_TYPE),
    onError: (error) => void message.error(errorText(t, error)),
  });

  const data = failure ? undefined : schedule.data;
  const option = useMemo(
    () => (data ? chartOption(data, { principal: t('schedule.principal'), interest: t('schedule.interest') }) : null),
    [data, t],
  );

  const columns: ColumnsType<Row> = [
    { title: t('schedule.number'), dataIndex: 'number', width: 64, align: 'right' },
    { title: t('schedule.dueDate'), dataIndex: 'dueDate', width: 110 },
    { title: t('schedule.days'), dataIndex: 'days', width: 64, align: 'right' },
    { title: t('schedule.openingBalance'), dataIndex: 'openingBalance', align: 'right', render: yuan },
    { title: t('schedule.principal'), dataIndex: 'principal', align: 'right', render: yuan },
    { title: t('schedule.interest'), dataIndex: 'interest', align: 'right', render: yuan },
    { title: t('schedule.fees'), dataIndex: 'fees', align: 'right', render: yuan },
    { title: t('schedule.total'), dataIndex: 'total', align: 'right', render: (v: string) => <strong>{yuan(v)}</strong> },
    { title: t('schedule.closingBalance'), dataIndex: 'closingBalance', align: 'right', render: yuan },
  ];

  return (
    <>
    {data && <PrintableSchedule schedule={data} terms={terms} />}
    <Row gutter={16} className="lb-calculator lb-no-print">
      <Col xs={24} xl={9}>
        <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('schedule.title')}</Typography.Title>}>
          <TermsForm form={form} initialValues={initial} onChange={() => setTerms(toTermsInput(form.getFieldsValue(true)))} />
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {failure?.reason === 'aprAboveCap' && (
            <Alert
              type="error"
              showIcon
              message={reasonText(t, failure)}
              action={<Button size="small" danger onClick={() => setAllowAboveCap(true)}>{t('schedule.override')}</Button>}
            />
          )}
          {data?.warnings.map((w) => <Alert key={w.reason} type="warning" showIcon message={reasonText(t, w)} />)}
          <Card
            className="lb-disclosure"
            data-testid="apr-disclosure"
            extra={
              <Space className="lb-no-print">
                <PrintButtons title={t('schedule.title')} fileName={t('schedule.title')} testId="schedule-print" />
                <Button icon={<FileExcelOutlined />} loading={exportXlsx.isPending} disabled={!data} onClick={() => exportXlsx.mutate()} data-testid="schedule-export">
                  {t('schedule.exportExcel')}
                </Button>
              </Space>
            }
            title={t('schedule.disclosure')}
          >
            <Row gutter={16} align="middle">
              <Col xs={24} md={9}>
                {/* The annualized rate comes first and largest, ahead of any daily or monthly rate (PBoC 2021 No. 3). */}
                <Statistic title={t('schedule.apr')} value={data ? `${data.apr.simple}%` : '—'} valueStyle={{ fontSize: 36, color: '#c0392b', fontWeight: 600 }} data-testid="apr-simple" />
              </Col>
              <Col xs={12} md={7}>
                <Statistic title={t('schedule.aprCompound')} value={data ? `${data.apr.compound}%` : '—'} valueStyle={{ fontSize: 20 }} />
              </Col>
              <Col xs={12} md={8}>
                <Statistic title={t('schedule.levelAmount')} value={yuan(data?.levelAmount)} valueStyle={{ fontSize: 20 }} />
              </Col>
            </Row>
            <Descriptions size="small" column={{ xs: 1, md: 2, xxl: 4 }} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('schedule.nominal')} span={{ xs: 1, md: 2, xxl: 4 }}>
                {data ? t('schedule.nominalValue', { annual: data.nominal.annualPercent, monthly: data.nominal.monthlyPermille, daily: data.nominal.dailyPerTenThousand }) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('schedule.totalInterest')}>{yuan(data?.totals.interest)}</Descriptions.Item>
              <Descriptions.Item label={t('schedule.costOfBorrowing')}>{yuan(data?.totals.costOfBorrowing)}</Descriptions.Item>
              <Descriptions.Item label={t('schedule.totalRepaid')}>{yuan(data?.totals.total)}</Descriptions.Item>
            </Descriptions>
          </Card>
          {option && (
            <Card size="small" className="lb-no-print">
              <EChart option={option} height={220} testId="schedule-chart" />
            </Card>
          )}
          <Table<Row>
            rowKey="number"
            size="small"
            columns={columns}
            dataSource={data?.installments ?? []}
            loading={schedule.isFetching && !data}
            pagination={false}
            data-testid="schedule-table"
            className="lb-number-table"
            scroll={{ x: 'max-content' }}
            summary={() =>
              data ? (
                <Table.Summary.Row className="lb-totals">
                  <Table.Summary.Cell index={0} colSpan={4}>{t('schedule.totals')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{yuan(data.totals.principal)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{yuan(data.totals.interest)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{yuan(data.totals.fees)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right"><strong>{yuan(data.totals.total)}</strong></Table.Summary.Cell>
                  <Table.Summary.Cell index={8} />
                </Table.Summary.Row>
              ) : null
            }
          />
        </Space>
      </Col>
    </Row>
    </>
  );
}
