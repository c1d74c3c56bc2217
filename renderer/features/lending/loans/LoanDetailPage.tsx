import { ArrowLeftOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Result, Row, Select, Space, Spin, Statistic, Table, Tabs, Tag, Timeline } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { paymentChannels, type LoanDetail } from '../../../../shared/lending/loan';
import { api } from '../../../api/client';
import { errorPayload, errorText } from '../../../app/errors';
import { yuan } from '../../../app/format';
import { useCan } from '../../../app/permissions';
import { useExport } from '../../../app/useExport';
import { PrintableLoanSchedule } from './PrintableLoanSchedule';
import { PrintablePayoffQuote } from './PrintablePayoffQuote';
import { PrintButtons } from '../../../app/PrintButtons';
import { createPortal } from 'react-dom';
import { CLASS_COLORS, INSTALLMENT_COLORS, STATUS_COLORS } from './labels';
import { useLoan, useLoanAction } from './queries';
import { SecurityTab } from './SecurityTab';
import { loanClasses } from '../../../../shared/lending/classification';

type Installment = LoanDetail['installments'][number];
type Payment = LoanDetail['payments'][number];

function RepayModal({ loan, open, onClose }: { loan: LoanDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const repay = useLoanAction('loan.repay');
  return (
    <Modal open={open} title={t('loans.repay')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        name="repay"
        layout="vertical"
        initialValues={{ channel: 'bank' }}
        onFinish={async (values: { amount: string; date?: Dayjs; channel: (typeof paymentChannels)[number]; reference?: string }) => {
          try {
            await repay.mutateAsync({ contractNo: loan.contractNo, amount: values.amount, channel: values.channel, reference: values.reference ?? null, ...(values.date ? { date: values.date.format('YYYY-MM-DD') } : {}) });
            void message.success(t('loans.repaid'));
            onClose();
          } catch (error) {
            void message.error(errorText(t, error, (f) => t(`loans.${f}`, { defaultValue: f })));
          }
        }}
      >
        <Form.Item name="amount" label={t('loans.amount')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input suffix={t('terms.yuan')} autoFocus />
        </Form.Item>
        <Form.Item name="date" label={t('loans.valueDate')} extra={t('loans.valueDateHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="channel" label={t('loans.channel')}>
          <Select options={paymentChannels.map((c) => ({ value: c, label: t(`loans.channels.${c}`) }))} />
        </Form.Item>
        <Form.Item name="reference" label={t('loans.reference')}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={repay.isPending} block data-testid="repay-submit">
          {t('loans.repay')}
        </Button>
      </Form>
    </Modal>
  );
}

function PayoffModal({ loan, open, onClose, printSlot }: { loan: LoanDetail; open: boolean; onClose: () => void; printSlot: HTMLElement | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const quote = useQuery({ queryKey: ['payoff', loan.contractNo, loan.asOf], queryFn: () => api('loan.payoff', { contractNo: loan.contractNo }), enabled: open });
  const settle = useLoanAction('loan.settle');
  return (
    <Modal open={open} title={t('loans.payoffQuote')} onCancel={onClose} footer={null} destroyOnHidden>
      {quote.data ? (
        <>
          {/* Beside the printable schedule, outside the screen's no-print area; only this prints from the quote. */}
          {printSlot && createPortal(<PrintablePayoffQuote loan={loan} quote={quote.data} />, printSlot)}
          <Descriptions column={1} size="small" bordered data-testid="payoff-quote">
            <Descriptions.Item label={t('loans.quoteDate')}>{quote.data.date}</Descriptions.Item>
            <Descriptions.Item label={t('loans.outstanding')}>{yuan(quote.data.outstandingPrincipal)}</Descriptions.Item>
            <Descriptions.Item label={t('loans.accruedInterest')}>{yuan(quote.data.accruedInterest)}</Descriptions.Item>
            <Descriptions.Item label={t('loans.overdueAll')}>{yuan(quote.data.overdue.principal)} + {yuan(quote.data.overdue.interest)} + {yuan(quote.data.overdue.penalty)}</Descriptions.Item>
            <Descriptions.Item label={<strong>{t('loans.payoffTotal')}</strong>}>
              <strong data-testid="payoff-total">{yuan(quote.data.total)}</strong>
            </Descriptions.Item>
          </Descriptions>
          <Space style={{ marginTop: 16 }}>
            <PrintButtons title={`${t('loans.printPayoff.title')} ${loan.contractNo}`} fileName={`${t('loans.printPayoff.title')}-${loan.contractNo}-${quote.data.date}`} target="payoff" testId="payoff-print" />
          </Space>
          <Button
            type="primary"
            block
            style={{ marginTop: 16 }}
            loading={settle.isPending}
            data-testid="settle-submit"
            onClick={async () => {
              try {
                await settle.mutateAsync({ contractNo: loan.contractNo, channel: 'bank', reference: null });
                void message.success(t('loans.settledMessage'));
                onClose();
              } catch (error) {
                void message.error(errorText(t, error));
              }
            }}
          >
            {t('loans.settleNow')}
          </Button>
        </>
      ) : (
        <Spin />
      )}
    </Modal>
  );
}

/** Steps of a loan's life that received no payment, reversed by their event (extension, restructuring, write-off, classification). */
const STEPS_WITHOUT_PAYMENT = new Set(['extended', 'restructured', 'written-off', 'classified']);

export function LoanDetailPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const { contractNo } = useParams();
  const loan = useLoan(contractNo ?? null);
  const canWrite = useCan('loan.write');
  const canApprove = useCan('loan.approve');
  const exporter = useExport();
  const approve = useLoanAction('loan.approve');
  const disburse = useLoanAction('loan.disburse');
  const reverse = useLoanAction('loan.reverse');
  const classify = useLoanAction('loan.classify');
  const writeOff = useLoanAction('loan.writeOff');
  const recover = useLoanAction('loan.recover');
  const [form] = Form.useForm();
  const [repaying, setRepaying] = useState(false);
  const [quoting, setQuoting] = useState(false);
  const [printSlot, setPrintSlot] = useState<HTMLDivElement | null>(null);
  if (loan.isError) return <Result status="404" title={errorText(t, loan.error)} />;
  if (!loan.data) return <Spin />;
  const l = loan.data;
  const act = (promise: Promise<unknown>) => promise.catch((error: unknown) => void message.error(errorText(t, error)));

  const scheduleColumns = [
    { title: t('schedule.number'), dataIndex: 'number', width: 60 },
    { title: t('schedule.dueDate'), dataIndex: 'dueDate', width: 110 },
    { title: t('schedule.principal'), dataIndex: 'principal', align: 'right' as const, render: yuan },
    { title: t('schedule.interest'), dataIndex: 'interest', align: 'right' as const, render: yuan },
    { title: t('schedule.total'), dataIndex: 'total', align: 'right' as const, render: yuan },
    { title: t('loans.paid'), align: 'right' as const, render: (_: unknown, i: Installment) => yuan(((Number(i.principalPaid) + Number(i.interestPaid) + Number(i.feesPaid))).toFixed(2)) },
    { title: t('loans.penalty'), dataIndex: 'penaltyAccrued', align: 'right' as const, render: yuan },
    { title: t('loans.state'), dataIndex: 'state', render: (s: string, i: Installment) => <Tag color={INSTALLMENT_COLORS[s]}>{t(`loans.installmentStates.${s}`)}{i.paidOn ? ` ${i.paidOn}` : ''}</Tag> },
  ];
  const paymentColumns = [
    { title: '#', dataIndex: 'id', width: 60 },
    { title: t('loans.valueDate'), dataIndex: 'date', width: 110 },
    { title: t('loans.amount'), dataIndex: 'amount', align: 'right' as const, render: yuan },
    { title: t('loans.channel'), dataIndex: 'channel', render: (c: string) => t(`loans.channels.${c}`) },
    { title: t('loans.allocation'), render: (_: unknown, p: Payment) => (p.status === 'reversed' ? <Tag>{t('loans.reversed')}: {p.reversalReason}</Tag> : p.allocations.map((a) => `${t(`loans.components.${a.component}`)}${a.installment ? `#${a.installment}` : ''} ${yuan(a.amount)}`).join('，')) },
    {
      title: '',
      render: (_: unknown, p: Payment) =>
        canWrite && p.status === 'posted' && l.status !== 'settled' ? (
          <Button
            size="small"
            danger
            onClick={() => {
              let reason = '';
              modal.confirm({
                title: t('loans.reverseTitle', { id: p.id }),
                content: <Input.TextArea placeholder={t('loans.reverseReason')} onChange={(e) => (reason = e.target.value)} data-testid="reverse-reason" />,
                onOk: () => act(reverse.mutateAsync({ paymentId: p.id, reason })),
              });
            }}
          >
            {t('loans.reverse')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
    <PrintableLoanSchedule loan={l} />
    <div ref={setPrintSlot} />
    <Space direction="vertical" size={16} style={{ width: '100%' }} className="lb-no-print">
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/lending/loans')} />
            <span className="lb-mono" data-testid="loan-contract">{l.contractNo}</span>
            <span>{l.borrowerName}</span>
            <Tag color={STATUS_COLORS[l.status]} data-testid="loan-status">{t(`loans.statuses.${l.status}`)}</Tag>
            <Tag color={CLASS_COLORS[l.classification]} data-testid="loan-class">{t(`loans.classes.${l.classification}`)}</Tag>
          </Space>
        }
        extra={
          <Space>
            {l.installments.length > 0 && (
              <PrintButtons title={`${t('loans.print.title')} ${l.contractNo}`} fileName={`${t('loans.print.title')}-${l.contractNo}`} target="schedule" testId="loan-print-schedule" label={t('loans.print.button')} />
            )}
            {l.installments.length > 0 && (
              <Button icon={<FileExcelOutlined />} loading={exporter.busy !== null} onClick={() => void exporter.run('export.lending', { report: 'schedules', contractNo: l.contractNo })} data-testid="loan-export-schedule">
                {t('loans.exports.schedule')}
              </Button>
            )}
            {canApprove && l.status === 'applied' && (
              <Button
                type="primary"
                loading={approve.isPending}
                onClick={() =>
                  approve.mutateAsync({ contractNo: l.contractNo, decision: 'approve', comment: null }).catch((error: unknown) => {
                    // Over a lending limit (or no net assets to check it): the approver may go ahead with a recorded reason.
                    if (errorPayload(error).field !== 'limitOverride') return void message.error(errorText(t, error));
                    let reason = '';
                    modal.confirm({
                      title: t('loans.limitOverrideTitle'),
                      content: (
                        <Space direction="vertical" style={{ width: '100%' }}>
                          <Alert type="warning" showIcon title={errorText(t, error)} />
                          <Input.TextArea placeholder={t('loans.limitOverrideReason')} onChange={(e) => (reason = e.target.value)} data-testid="limit-override-reason" />
                        </Space>
                      ),
                      okText: t('loans.approveOverLimit'),
                      onOk: () => act(approve.mutateAsync({ contractNo: l.contractNo, decision: 'approve', comment: null, limitOverride: reason })),
                    });
                  })
                }
                data-testid="loan-approve"
              >
                {t('loans.approve')}
              </Button>
            )}
            {canWrite && l.status === 'approved' && (
              <Button type="primary" onClick={() => act(disburse.mutateAsync({ contractNo: l.contractNo }))} data-testid="loan-disburse">{t('loans.disburse')}</Button>
            )}
            {canWrite && l.status === 'disbursed' && (
              <>
                <Button type="primary" onClick={() => setRepaying(true)} data-testid="loan-repay">{t('loans.repay')}</Button>
                <Button onClick={() => setQuoting(true)} data-testid="loan-payoff">{t('loans.payoffQuote')}</Button>
              </>
            )}
            {canApprove && l.status === 'disbursed' && (
              <>
                <Button
                  onClick={() =>
                    modal.confirm({
                      title: t('loans.classify'),
                      content: (
                        <Form form={form} layout="vertical" initialValues={{ classification: l.classOverride ?? null }}>
                          <Form.Item name="classification" label={t('loans.classification')}>
                            <Select options={[{ value: null, label: t('loans.automaticClass') }, ...loanClasses.map((c) => ({ value: c, label: t(`loans.classes.${c}`) }))]} />
                          </Form.Item>
                          <Form.Item name="reason" label={t('loans.reason')} rules={[{ required: true }]}>
                            <Input.TextArea />
                          </Form.Item>
                        </Form>
                      ),
                      onOk: () => act(classify.mutateAsync({ contractNo: l.contractNo, classification: form.getFieldValue('classification') ?? null, reason: form.getFieldValue('reason') ?? '' })),
                    })
                  }
                >
                  {t('loans.classify')}
                </Button>
                <Button
                  danger
                  onClick={() => {
                    let reason = '';
                    modal.confirm({
                      title: t('loans.writeOff'),
                      content: <Input.TextArea placeholder={t('loans.reason')} onChange={(e) => (reason = e.target.value)} />,
                      okButtonProps: { danger: true },
                      onOk: () => act(writeOff.mutateAsync({ contractNo: l.contractNo, reason })),
                    });
                  }}
                >
                  {t('loans.writeOff')}
                </Button>
              </>
            )}
            {canWrite && l.status === 'written-off' && (
              <Button
                onClick={() => {
                  let amount = '';
                  modal.confirm({
                    title: t('loans.recover'),
                    content: <Input suffix={t('terms.yuan')} onChange={(e) => (amount = e.target.value)} />,
                    onOk: () => act(recover.mutateAsync({ contractNo: l.contractNo, amount, channel: 'bank', reference: null })),
                  });
                }}
              >
                {t('loans.recover')}
              </Button>
            )}
          </Space>
        }
      >
        <Row gutter={16}>
          <Col span={5}><Statistic title={t('loans.outstanding')} value={yuan(l.outstandingPrincipal)} /></Col>
          <Col span={5}><Statistic title={t('loans.overduePrincipal')} value={yuan(l.overduePrincipal)} valueStyle={Number(l.overduePrincipal) > 0 ? { color: '#c0392b' } : undefined} /></Col>
          <Col span={5}><Statistic title={t('loans.penalty')} value={yuan(l.penaltyOutstanding)} /></Col>
          <Col span={4}><Statistic title={t('loans.dpd')} value={l.dpd} valueStyle={l.dpd > 0 ? { color: '#c0392b' } : undefined} data-testid="loan-dpd" /></Col>
          <Col span={5}><Statistic title={t('schedule.apr')} value={`${l.apr}%`} /></Col>
        </Row>
        <Descriptions size="small" column={4} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('loans.principal')}>{yuan(l.principal)}</Descriptions.Item>
          <Descriptions.Item label={t('terms.annualRate')}>{l.annualRate}%</Descriptions.Item>
          <Descriptions.Item label={t('loans.penaltyRate')}>{l.penaltyRate}%</Descriptions.Item>
          <Descriptions.Item label={t('terms.method')}>{t(`terms.methods.${l.method}`)}</Descriptions.Item>
          <Descriptions.Item label={t('loans.disbursed')}>{l.disbursementDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('loans.maturity')}>{l.maturityDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('loans.securityType')}>{t(`loans.security.${l.securityType}`)}</Descriptions.Item>
          <Descriptions.Item label={t('loans.officer')}>{l.loanOfficer}</Descriptions.Item>
          {l.status === 'written-off' && <Descriptions.Item label={t('loans.writeOff')}>{yuan(l.writtenOff)}</Descriptions.Item>}
          {l.status === 'written-off' && <Descriptions.Item label={t('loans.recovered')}>{yuan(l.recovered)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'schedule', label: t('loans.scheduleTab'), children: <Table<Installment> rowKey="number" size="small" className="lb-number-table" columns={scheduleColumns} dataSource={l.installments} pagination={false} data-testid="loan-schedule" /> },
            { key: 'security', label: t('loans.securityTab'), children: <SecurityTab loan={l} /> },
            { key: 'payments', label: t('loans.paymentsTab', { count: l.payments.length }), children: <Table<Payment> rowKey="id" size="small" columns={paymentColumns} dataSource={l.payments} pagination={false} data-testid="loan-payments" /> },
            {
              key: 'events',
              label: t('loans.eventsTab'),
              children: (
                <Timeline
                  data-testid="loan-events"
                  items={l.events.map((e) => ({
                    color: e.reversed ? 'gray' : undefined,
                    children: (
                      <Space size={8}>
                        <span style={e.reversed ? { textDecoration: 'line-through' } : undefined}>{`${e.businessDate} ${t(`loans.events.${e.event}`, { defaultValue: e.event })} · ${e.by}`}</span>
                        {e.reversed && <Tag>{t('loans.reversed')}</Tag>}
                        {/* Steps that received no payment are reversed here; payments from the payments tab. */}
                        {!e.reversed && canApprove && STEPS_WITHOUT_PAYMENT.has(e.event) && l.status !== 'settled' && (
                          <Button
                            size="small"
                            type="link"
                            danger
                            data-testid={`reverse-event-${e.id}`}
                            onClick={() => {
                              let reason = '';
                              modal.confirm({
                                title: t('loans.reverseEventTitle', { event: t(`loans.events.${e.event}`, { defaultValue: e.event }), date: e.businessDate }),
                                content: <Input.TextArea placeholder={t('loans.reverseReason')} onChange={(ev) => (reason = ev.target.value)} data-testid="reverse-event-reason" />,
                                onOk: () => act(reverse.mutateAsync({ eventId: e.id, reason })),
                              });
                            }}
                          >
                            {t('loans.reverse')}
                          </Button>
                        )}
                      </Space>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      </Card>
      <RepayModal loan={l} open={repaying} onClose={() => setRepaying(false)} />
      <PayoffModal loan={l} open={quoting} onClose={() => setQuoting(false)} printSlot={printSlot} />
    </Space>
    </>
  );
}
