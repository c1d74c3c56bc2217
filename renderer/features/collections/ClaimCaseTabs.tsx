import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { legalCostKinds, legalStages } from '../../../shared/collections/claims';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../app/errors';
import { yuan } from '../../app/format';
import { useCan } from '../../app/permissions';

type Claim = ChannelOutput<'collections.claim'>;

function useClaimAction<C extends ChannelName>(channel: C, contractNo: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => api(channel, input),
    onSuccess: () => {
      void message.success(t('guarantees.done'));
      for (const key of [['collections.claim', contractNo], ['collections.queue'], ['limitation.due']]) void client.invalidateQueries({ queryKey: key });
    },
    onError: (error) => void message.error(errorText(t, error, (f) => t(`collections.fields.${f}`, { defaultValue: f }))),
  });
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 分期还款计划: adherence of each plan, and a new plan for a manager to approve. */
export function PlansTab({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const canApprove = useCan('loan.approve');
  const plan = useClaimAction('collections.plan', claim.contractNo);
  return (
    <>
      <Table
        rowKey={(_, k) => String(k)}
        size="small"
        pagination={false}
        dataSource={claim.plans}
        data-testid="claim-plans"
        columns={[
          { title: t('collections.fields.startedOn'), dataIndex: 'startedOn' },
          { title: t('collections.fields.periods'), dataIndex: 'periods', align: 'right' },
          { title: t('collections.planDue'), dataIndex: 'due', align: 'right' },
          { title: t('collections.paidOnTime'), dataIndex: 'paidOnTime', align: 'right' },
          { title: t('collections.paidLate'), dataIndex: 'paidLate', align: 'right' },
          { title: t('collections.missed'), dataIndex: 'missed', align: 'right' },
          { title: t('loans.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'behind' ? 'red' : s === 'completed' ? 'green' : 'blue'}>{t(`collections.planStatuses.${s}`)}</Tag> },
          { title: t('collections.fields.reason'), dataIndex: 'reason', ellipsis: true },
        ]}
      />
      {canApprove && claim.kind === 'loan' && (
        <Card size="small" title={t('collections.newPlan')} style={{ marginTop: 12 }}>
          <Form layout="inline" name="plan" onFinish={(v: { periods: number; reason: string }) => plan.mutate({ contractNo: claim.contractNo, periods: v.periods, reason: v.reason })}>
            <Form.Item name="periods" label={t('collections.fields.periods')} rules={[{ required: true, message: t('errors.required') }]}>
              <InputNumber min={1} max={60} />
            </Form.Item>
            <Form.Item name="reason" label={t('collections.fields.reason')} rules={[{ required: true, message: t('errors.required') }]}>
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Button htmlType="submit" loading={plan.isPending} data-testid="plan-submit">
              {t('collections.newPlan')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}

/** 诉讼: cases with their stages and costs; filing, the next stage, a cost. */
export function LegalTab({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const canWrite = useCan('collections.write');
  const file = useClaimAction('legal.file', claim.contractNo);
  const stage = useClaimAction('legal.stage', claim.contractNo);
  const cost = useClaimAction('legal.cost', claim.contractNo);
  return (
    <>
      {claim.legalCases.map((c) => (
        <Card key={c.id} size="small" style={{ marginBottom: 12 }} title={`${c.court} ${c.caseNo}`} extra={<Tag color="purple">{t(`collections.stages.${c.stage}`)}</Tag>} data-testid="legal-case">
          <Row gutter={16}>
            <Col span={10}>
              {c.events.map((e, k) => (
                <div key={k}>{`${e.date} ${t(`collections.stages.${e.stage}`)}${e.note ? `：${e.note}` : ''}`}</div>
              ))}
            </Col>
            <Col span={14}>
              {c.costs.map((k, i) => (
                <div key={i}>{`${k.date} ${t(`collections.costKinds.${k.kind}`)} ${yuan(k.amount)}`}</div>
              ))}
              <strong>{`${t('collections.costsTotal')} ${yuan(c.costsTotal)}`}</strong>
            </Col>
          </Row>
          {canWrite && (
            <Space wrap style={{ marginTop: 8 }}>
              <Form layout="inline" size="small" name={`stage-${c.id}`} onFinish={(v: { stage: (typeof legalStages)[number]; date: Dayjs }) => stage.mutate({ caseId: c.id, stage: v.stage, date: day(v.date) })}>
                <Form.Item name="stage" rules={[{ required: true, message: t('errors.required') }]}>
                  <Select style={{ width: 110 }} placeholder={t('collections.fields.stage')} options={legalStages.slice(legalStages.indexOf(c.stage) + 1).map((s) => ({ value: s, label: t(`collections.stages.${s}`) }))} />
                </Form.Item>
                <Form.Item name="date" rules={[{ required: true, message: t('errors.required') }]}>
                  <DatePicker />
                </Form.Item>
                <Button htmlType="submit">{t('collections.nextStage')}</Button>
              </Form>
              <Form layout="inline" size="small" name={`cost-${c.id}`} onFinish={(v: { kind: (typeof legalCostKinds)[number]; amount: string; date: Dayjs }) => cost.mutate({ caseId: c.id, kind: v.kind, amount: v.amount, date: day(v.date) })}>
                <Form.Item name="kind" rules={[{ required: true, message: t('errors.required') }]}>
                  <Select style={{ width: 110 }} placeholder={t('collections.fields.kind')} options={legalCostKinds.map((k) => ({ value: k, label: t(`collections.costKinds.${k}`) }))} />
                </Form.Item>
                <Form.Item name="amount" rules={[{ required: true, message: t('errors.required') }]}>
                  <Input style={{ width: 110 }} suffix={t('terms.yuan')} />
                </Form.Item>
                <Form.Item name="date" rules={[{ required: true, message: t('errors.required') }]}>
                  <DatePicker />
                </Form.Item>
                <Button htmlType="submit">{t('collections.addCost')}</Button>
              </Form>
            </Space>
          )}
        </Card>
      ))}
      {canWrite && (
        <Card size="small" title={t('collections.fileCase')}>
          <Form layout="inline" name="legal" onFinish={(v: { court: string; caseNo: string; filedOn: Dayjs }) => file.mutate({ contractNo: claim.contractNo, court: v.court, caseNo: v.caseNo, filedOn: day(v.filedOn) })}>
            <Form.Item name="court" rules={[{ required: true, message: t('errors.required') }]}>
              <Input placeholder={t('collections.fields.court')} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="caseNo" rules={[{ required: true, message: t('errors.required') }]}>
              <Input placeholder={t('collections.fields.caseNo')} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="filedOn" rules={[{ required: true, message: t('errors.required') }]}>
              <DatePicker placeholder={t('collections.fields.filedOn')} />
            </Form.Item>
            <Button htmlType="submit" loading={file.isPending} data-testid="legal-submit">
              {t('collections.fileCase')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
