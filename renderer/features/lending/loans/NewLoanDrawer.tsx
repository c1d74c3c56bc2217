import { useQuery } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Form, Input, Row, Select, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { securityTypes } from '../../../../shared/lending/loan';
import { api } from '../../../api/client';
import { errorPayload, errorText, reasonText } from '../../../app/errors';
import { useStatus } from '../../../app/useStatus';
import { defaultTerms, TermsForm, toTermsInput, type TermsFormValues } from '../schedule/TermsForm';
import { useLoanAction } from './queries';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (contractNo: string) => void;
}

/** A loan application: borrower, product (which fills in the terms), terms, purpose and security. */
export function NewLoanDrawer({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TermsFormValues>();
  const [meta] = Form.useForm<{ borrowerId: number; productCode?: string; purpose?: string; securityType: string }>();
  const [borrowerQuery, setBorrowerQuery] = useState('');
  const status = useStatus();
  const borrowers = useQuery({ queryKey: ['borrowers', 'pick', borrowerQuery], queryFn: () => api('borrower.list', { q: borrowerQuery || undefined, pageSize: 20 }), enabled: open });
  const products = useQuery({ queryKey: ['products'], queryFn: () => api('product.list', {}), enabled: open });
  const create = useLoanAction('loan.create');

  function applyProduct(code: string | undefined) {
    const product = products.data?.find((p) => p.code === code);
    if (!product) return;
    form.setFieldsValue({
      method: product.method,
      annualRate: product.annualRate,
      periods: product.periods,
      interestOnlyPeriods: product.interestOnlyPeriods,
      frequency: product.frequency,
      dayCount: product.dayCount,
      roundingMode: product.roundingMode,
      installmentMultiple: product.installmentMultiple === '0.01' ? '0.01' : product.installmentMultiple.replace(/\.00$/, ''),
      periodicFee: product.periodicFee,
    });
  }

  async function submit() {
    const details = await meta.validateFields();
    const terms = toTermsInput(form.getFieldsValue(true));
    try {
      const loan = await create.mutateAsync({ ...details, purpose: details.purpose ?? null, securityType: details.securityType as (typeof securityTypes)[number], terms });
      void message.success(t('loans.created', { contractNo: loan.contractNo }));
      onClose();
      onCreated(loan.contractNo);
    } catch (error) {
      const payload = errorPayload(error);
      const field = payload.field?.replace(/^terms\./, '');
      if (field && field !== payload.field) form.setFields([{ name: field as keyof TermsFormValues, errors: [reasonText(t, payload)] }]);
      void message.error(errorText(t, error, (f) => t(`terms.${f.replace(/^terms\./, '')}`, { defaultValue: f })));
    }
  }

  const initial = status.data ? defaultTerms(status.data.businessDate) : null;
  return (
    <Drawer open={open} onClose={onClose} size={760} title={t('loans.new')} destroyOnHidden extra={<Space><Button onClick={onClose}>{t('borrower.cancel')}</Button><Button type="primary" onClick={submit} loading={create.isPending} data-testid="loan-submit">{t('loans.apply')}</Button></Space>}>
      {!initial ? (
        <Spin />
      ) : (
        <>
          <Form form={meta} name="loan" layout="vertical" initialValues={{ securityType: 'credit' }}>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="borrowerId" label={t('loans.borrower')} rules={[{ required: true, message: t('errors.required') }]}>
                  <Select
                    showSearch={{ filterOption: false, onSearch: setBorrowerQuery }}
                    options={(borrowers.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.idNumber}）` }))}
                    notFoundContent={borrowers.isFetching ? <Spin size="small" /> : null}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="productCode" label={t('loans.product')}>
                  <Select allowClear options={(products.data ?? []).filter((p) => p.active).map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))} onChange={applyProduct} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="securityType" label={t('loans.securityType')}>
                  <Select options={securityTypes.map((s) => ({ value: s, label: t(`loans.security.${s}`) }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="purpose" label={t('loans.purpose')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <TermsForm form={form} initialValues={initial} onChange={() => undefined} />
        </>
      )}
    </Drawer>
  );
}
