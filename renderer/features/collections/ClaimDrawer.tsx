import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Drawer, Form, Input, Row, Select, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactChannels, contactParties } from '../../../shared/collections/claims';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { api } from '../../api/client';
import { errorPayload, errorText, reasonText } from '../../app/errors';
import { yuan } from '../../app/format';
import { useCan } from '../../app/permissions';
import { useBusinessDate } from '../../app/useStatus';
import { systemClock } from '../../../shared/dates/clock';
import { LegalTab, PlansTab } from './ClaimCaseTabs';

type Claim = ChannelOutput<'collections.claim'>;
export const PROMISE_COLORS: Record<string, string> = { open: 'processing', kept: 'success', 'partly-kept': 'warning', broken: 'error' };

interface ContactValues {
  at: Dayjs;
  channel: (typeof contactChannels)[number];
  party: (typeof contactParties)[number];
  partyName?: string;
  outcome: string;
  notes?: string;
  attachments?: string;
  discussedDebt: boolean;
  demandDelivered: boolean;
  outOfHoursReason?: string;
  nextActionOn?: Dayjs;
}

/** One account: log a contact (the guards answer on the field), record a promise, see the history and the limitation period. */
/** A contact is logged as it happens, so its time starts at this PC's present instant, not the business date. */
const contactStartsAt = () => dayjs(systemClock());

export function ClaimDrawer({ contractNo, onClose }: { contractNo: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canWrite = useCan('collections.write');
  const [contactForm] = Form.useForm<ContactValues>();
  const [promiseForm] = Form.useForm<{ amount: string; dueDate: Dayjs }>();
  const [warning, setWarning] = useState<string | null>(null);
  const claim = useQuery({ queryKey: ['collections.claim', contractNo], queryFn: () => api('collections.claim', { contractNo: contractNo! }), enabled: contractNo !== null });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['collections.claim', contractNo] });
    void client.invalidateQueries({ queryKey: ['collections.queue'] });
    void client.invalidateQueries({ queryKey: ['collections.performance'] });
  };
  const logContact = useMutation({ mutationFn: (input: ChannelInput<'collections.logContact'>) => api('collections.logContact', input), onSuccess: refresh });
  const promise = useMutation({ mutationFn: (input: ChannelInput<'collections.promise'>) => api('collections.promise', input), onSuccess: refresh });
  const delivered = useMutation({ mutationFn: (input: ChannelInput<'collections.delivered'>) => api('collections.delivered', input), onSuccess: refresh, onError: (error) => void message.error(errorText(t, error)) });
  const party = Form.useWatch('party', contactForm);
  const businessDate = useBusinessDate();
  const label = (f: string) => t(`collections.fields.${f}`, { defaultValue: f });

  async function submitContact(v: ContactValues) {
    setWarning(null);
    try {
      const result = await logContact.mutateAsync({
        contractNo: contractNo!,
        at: v.at.format('YYYY-MM-DDTHH:mm'),
        channel: v.channel,
        party: v.party,
        partyName: v.partyName ?? null,
        outcome: v.outcome,
        notes: v.notes ?? null,
        attachments: v.attachments ?? null,
        discussedDebt: v.party === 'related-person' ? v.discussedDebt : true,
        demandDelivered: v.demandDelivered,
        outOfHoursReason: v.outOfHoursReason ?? null,
        ...(v.nextActionOn ? { nextActionOn: v.nextActionOn.format('YYYY-MM-DD') } : {}),
      });
      if (result.warnings.length) setWarning(result.warnings.map((w) => t(`errors.${w.reason}`, { defaultValue: w.message })).join('；'));
      void message.success(t('collections.logged'));
      contactForm.resetFields(['outcome', 'notes', 'outOfHoursReason']);
    } catch (error) {
      const payload = errorPayload(error);
      if (payload.field && payload.field in v) contactForm.setFields([{ name: payload.field as keyof ContactValues, errors: [reasonText(t, payload)] }]);
      void message.error(errorText(t, error, label));
    }
  }

  const c: Claim | undefined = claim.data;
  return (
    <Drawer open={contractNo !== null} onClose={onClose} size={880} title={c ? `${c.contractNo} · ${c.debtorName}` : contractNo} destroyOnHidden>
      {c && (
        <>
          {c.limitation && (
            <Descriptions size="small" bordered column={3} style={{ marginBottom: 16 }} data-testid="claim-limitation">
              <Descriptions.Item label={t('collections.limitationStart')}>{c.limitation.start}</Descriptions.Item>
              <Descriptions.Item label={t('collections.limitationExpiry')}>
                <Tag color={c.limitation.daysLeft < 90 ? 'red' : 'blue'}>{c.limitation.expiry}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.guarantorPeriodEnd')}>{c.limitation.guarantorPeriodEnd}</Descriptions.Item>
              <Descriptions.Item label={t('collections.lastInterruption')} span={2}>
                {c.limitation.lastInterruption ? `${c.limitation.lastInterruption.date} ${t(`collections.interruptions.${c.limitation.lastInterruption.kind}`)}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.debtorTimeZone')}>{c.timeZone}</Descriptions.Item>
            </Descriptions>
          )}
          {canWrite && (
            <Row gutter={16}>
              <Col span={15}>
                <Card size="small" title={t('collections.logContact')}>
                  {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 12 }} data-testid="contact-warning" />}
                  <Form form={contactForm} name="contact" layout="vertical" size="small" initialValues={{ at: contactStartsAt(), channel: 'phone', party: 'borrower', discussedDebt: false, demandDelivered: false }} onFinish={submitContact}>
                    <Row gutter={8}>
                      <Col span={10}>
                        <Form.Item name="at" label={label('at')} rules={[{ required: true, message: t('errors.required') }]}>
                          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col span={7}>
                        <Form.Item name="channel" label={label('channel')}>
                          <Select options={contactChannels.map((v) => ({ value: v, label: t(`collections.channels.${v}`) }))} />
                        </Form.Item>
                      </Col>
                      <Col span={7}>
                        <Form.Item name="party" label={label('party')}>
                          <Select options={contactParties.map((v) => ({ value: v, label: t(`collections.parties.${v}`) }))} />
                        </Form.Item>
                      </Col>
                      <Col span={24}>
                        <Form.Item name="outcome" label={label('outcome')} rules={[{ required: true, message: t('errors.required') }]}>
                          <Input maxLength={200} />
                        </Form.Item>
                      </Col>
                      <Col span={24}>
                        <Form.Item name="attachments" label={label('attachments')}>
                          <Input maxLength={500} placeholder={t('collections.attachmentsHint')} />
                        </Form.Item>
                      </Col>
                      {party === 'related-person' && (
                        <Col span={24}>
                          <Form.Item name="discussedDebt" valuePropName="checked" extra={t('collections.relatedHint')}>
                            <Checkbox>{label('discussedDebt')}</Checkbox>
                          </Form.Item>
                        </Col>
                      )}
                      <Col span={12}>
                        <Form.Item name="demandDelivered" valuePropName="checked">
                          <Checkbox>{label('demandDelivered')}</Checkbox>
                        </Form.Item>
                      </Col>
                      <Col span={12}>
                        <Form.Item name="nextActionOn" label={label('nextActionOn')}>
                          <DatePicker style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col span={24}>
                        <Form.Item name="outOfHoursReason" label={label('outOfHoursReason')} extra={t('collections.outOfHoursHint')}>
                          <Input maxLength={200} />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Button type="primary" htmlType="submit" loading={logContact.isPending} data-testid="contact-submit">
                      {t('collections.logContact')}
                    </Button>
                  </Form>
                </Card>
              </Col>
              <Col span={9}>
                <Card size="small" title={t('collections.promise')}>
                  <Form
                    form={promiseForm}
                    name="promise"
                    layout="vertical"
                    size="small"
                    onFinish={async (v) => {
                      try {
                        await promise.mutateAsync({ contractNo: contractNo!, amount: v.amount, dueDate: v.dueDate.format('YYYY-MM-DD') });
                        void message.success(t('collections.promised'));
                        promiseForm.resetFields();
                      } catch (error) {
                        void message.error(errorText(t, error, label));
                      }
                    }}
                  >
                    <Form.Item name="amount" label={label('amount')} rules={[{ required: true, message: t('errors.required') }]}>
                      <Input suffix={t('terms.yuan')} />
                    </Form.Item>
                    <Form.Item name="dueDate" label={label('dueDate')} rules={[{ required: true, message: t('errors.required') }]}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                    <Button htmlType="submit" loading={promise.isPending} data-testid="promise-submit">
                      {t('collections.promise')}
                    </Button>
                  </Form>
                </Card>
              </Col>
            </Row>
          )}
          <Tabs
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'contacts',
                label: `${t('collections.contacts')} (${c.contacts.length})`,
                children: (
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={{ pageSize: 10 }}
                    dataSource={c.contacts}
                    data-testid="claim-contacts"
                    columns={[
                      { title: t('collections.fields.at'), dataIndex: 'debtorLocalTime', width: 140 },
                      { title: t('collections.fields.channel'), dataIndex: 'channel', render: (v: string) => t(`collections.channels.${v}`) },
                      { title: t('collections.fields.party'), dataIndex: 'party', render: (v: string) => t(`collections.parties.${v}`) },
                      { title: t('collections.fields.outcome'), dataIndex: 'outcome', ellipsis: true },
                      { title: '', render: (_: unknown, r: Claim['contacts'][number]) => <>{!r.demandDelivered && canWrite && ['letter', 'registered-mail', 'lawyer-letter'].includes(r.channel) && <Button size="small" onClick={() => delivered.mutate({ contactId: r.id, deliveredOn: businessDate })}>{t('collections.markDelivered')}</Button>}{r.demandDelivered && <Tag color="blue">{t('collections.delivered')}</Tag>}{r.frequencyWarning && <Tag color="orange">{t('errors.callLimit')}</Tag>}{r.outOfHoursReason && <Tag color="gold">{r.outOfHoursReason}</Tag>}</> },
                      { title: t('collections.by'), dataIndex: 'recordedBy' },
                    ]}
                  />
                ),
              },
              {
                key: 'promises',
                label: `${t('collections.promises')} (${c.promises.length})`,
                children: (
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={c.promises}
                    data-testid="claim-promises"
                    columns={[
                      { title: t('collections.fields.madeOn'), dataIndex: 'madeOn' },
                      { title: t('collections.fields.dueDate'), dataIndex: 'dueDate' },
                      { title: t('collections.fields.amount'), dataIndex: 'amount', align: 'right', render: yuan },
                      { title: t('collections.paid'), dataIndex: 'paid', align: 'right', render: yuan },
                      { title: t('loans.status'), dataIndex: 'status', render: (s: string) => <Tag color={PROMISE_COLORS[s]}>{t(`collections.promiseStatuses.${s}`)}</Tag> },
                    ]}
                  />
                ),
              },
              { key: 'plans', label: `${t('collections.plans')} (${c.plans.length})`, children: <PlansTab claim={c} /> },
              { key: 'legal', label: `${t('collections.legal')} (${c.legalCases.length})`, children: <LegalTab claim={c} /> },
              {
                key: 'assignments',
                label: t('collections.assignmentHistory'),
                children: (
                  <Table
                    rowKey={(_, k) => String(k)}
                    size="small"
                    pagination={false}
                    dataSource={c.assignments}
                    columns={[
                      { title: t('collections.collector'), dataIndex: 'collector' },
                      { title: t('collections.fields.reason'), dataIndex: 'reason' },
                      { title: t('collections.assignedOn'), dataIndex: 'assignedOn' },
                      { title: t('collections.by'), dataIndex: 'assignedBy' },
                      { title: '', dataIndex: 'ended', render: (ended: boolean) => (ended ? '' : <Tag color="green">{t('collections.current')}</Tag>) },
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
