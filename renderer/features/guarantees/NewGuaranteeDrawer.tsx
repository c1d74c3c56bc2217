import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../shared/contract';
import { clientSizes, guaranteeTypes } from '../../../shared/guarantees/guarantee';
import { api } from '../../api/client';
import { errorPayload, errorText } from '../../app/errors';
import { useGuaranteeAction } from './queries';

interface Values {
  clientId: number;
  bankId: number;
  contractNo?: string;
  guaranteeType: (typeof guaranteeTypes)[number];
  clientSize: (typeof clientSizes)[number];
  issuerRating?: string;
  guaranteedAmount: string;
  bankLoanNo?: string;
  bankLoanRate: string;
  loan: [Dayjs, Dayjs];
  feeRatePercent: string;
  feeCharging: 'upfront' | 'yearly';
  marginDeposit?: string;
  bankRiskSharePercent?: string;
  overrideReason?: string;
}

/**
 * A guarantee application. A breach of leverage, concentration (with related parties) or the bank's
 * credit line comes back as warnings: the officer records an override reason to go ahead, or stops.
 */
export function NewGuaranteeDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (contractNo: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [clientQuery, setClientQuery] = useState('');
  const [breaches, setBreaches] = useState<string[]>([]);
  const clients = useQuery({ queryKey: ['borrowers', 'pick', clientQuery], queryFn: () => api('borrower.list', { q: clientQuery || undefined, pageSize: 20 }), enabled: open });
  const banks = useQuery({ queryKey: ['banks'], queryFn: () => api('bank.list', {}), enabled: open });
  const create = useGuaranteeAction('guarantee.create');
  const type = Form.useWatch('guaranteeType', form);
  const label = (f: string) => t(`guarantees.fields.${f}`, { defaultValue: f });

  async function submit() {
    const v = await form.validateFields();
    const input: ChannelInput<'guarantee.create'> = {
      clientId: v.clientId,
      bankId: v.bankId,
      guaranteeType: v.guaranteeType,
      clientSize: v.clientSize,
      guaranteedAmount: v.guaranteedAmount,
      bankLoanRate: v.bankLoanRate,
      loanStart: v.loan[0].format('YYYY-MM-DD'),
      loanEnd: v.loan[1].format('YYYY-MM-DD'),
      feeRatePercent: v.feeRatePercent,
      feeCharging: v.feeCharging,
      bankLoanNo: v.bankLoanNo || null,
      ...(v.contractNo ? { contractNo: v.contractNo } : {}),
      ...(v.issuerRating ? { issuerRating: v.issuerRating } : {}),
      ...(v.marginDeposit ? { marginDeposit: v.marginDeposit } : {}),
      ...(v.bankRiskSharePercent ? { bankRiskSharePercent: v.bankRiskSharePercent } : {}),
      ...(v.overrideReason ? { overrideReason: v.overrideReason } : {}),
    };
    try {
      const created = await create.mutateAsync(input);
      void message.success(t('guarantees.created', { contractNo: created.contractNo }));
      setBreaches([]);
      onClose();
      onCreated(created.contractNo);
    } catch (error) {
      const payload = errorPayload(error);
      if (payload.reason === 'limitBreach') {
        setBreaches(String(payload.params?.warnings ?? '').split(',').filter(Boolean));
        return;
      }
      if (payload.field) form.setFields([{ name: payload.field === 'loanEnd' || payload.field === 'loanStart' ? 'loan' : (payload.field as keyof Values), errors: [errorText(t, error)] }]);
      void message.error(errorText(t, error, label));
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title={t('guarantees.new')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('borrower.cancel')}</Button>
          <Button type="primary" onClick={submit} loading={create.isPending} data-testid="guarantee-submit">
            {breaches.length ? t('guarantees.submitWithOverride') : t('guarantees.apply')}
          </Button>
        </Space>
      }
    >
      {!banks.data ? (
        <Spin />
      ) : (
        <Form form={form} name="guarantee" layout="vertical" initialValues={{ guaranteeType: 'loan', clientSize: 'small-micro', feeCharging: 'upfront', feeRatePercent: '2.00', bankLoanRate: '4.35' }}>
          {breaches.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="limit-breach"
              title={t('guarantees.limitBreachTitle')}
              description={breaches.map((b) => t(`errors.${b}`)).join('；')}
            />
          )}
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="clientId" label={label('clientId')} rules={[{ required: true, message: t('errors.required') }]}>
                <Select showSearch={{ filterOption: false, onSearch: setClientQuery }} options={(clients.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.idNumber}）` }))} notFoundContent={clients.isFetching ? <Spin size="small" /> : null} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="bankId" label={label('bankId')} rules={[{ required: true, message: t('errors.required') }]}>
                <Select options={banks.data.filter((b) => b.active).map((b) => ({ value: b.id, label: `${b.name} ${b.branch ?? ''}（${t('guarantees.available')} ${b.available}）` }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="guaranteeType" label={label('guaranteeType')}>
                <Select options={guaranteeTypes.map((v) => ({ value: v, label: t(`guarantees.types.${v}`) }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="clientSize" label={label('clientSize')}>
                <Select options={clientSizes.map((v) => ({ value: v, label: t(`guarantees.sizes.${v}`) }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="issuerRating" label={label('issuerRating')} rules={[{ required: type === 'bond', message: t('errors.required') }]}>
                <Input disabled={type !== 'bond'} placeholder="AA+" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="guaranteedAmount" label={label('guaranteedAmount')} rules={[{ required: true, message: t('errors.required') }]}>
                <Input suffix={t('terms.yuan')} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="bankLoanNo" label={label('bankLoanNo')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="bankLoanRate" label={label('bankLoanRate')} rules={[{ required: true, message: t('errors.required') }]}>
                <Input suffix="%" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="loan" label={label('loanPeriod')} rules={[{ required: true, message: t('errors.required') }]}>
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="feeRatePercent" label={label('feeRatePercent')} rules={[{ required: true, message: t('errors.required') }]}>
                <Input suffix="%" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="feeCharging" label={label('feeCharging')}>
                <Select options={['upfront', 'yearly'].map((v) => ({ value: v, label: t(`guarantees.charging.${v}`) }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="marginDeposit" label={label('marginDeposit')}>
                <Input suffix={t('terms.yuan')} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="bankRiskSharePercent" label={label('bankRiskSharePercent')}>
                <Input suffix="%" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="contractNo" label={label('contractNo')} extra={t('guarantees.contractNoHint')}>
                <Input />
              </Form.Item>
            </Col>
            {breaches.length > 0 && (
              <Col span={24}>
                <Form.Item name="overrideReason" label={label('overrideReason')} rules={[{ required: true, message: t('errors.required') }]}>
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Form>
      )}
    </Drawer>
  );
}
