import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allocationStrategies } from '../../../../shared/lending/product';
import type { ChannelInput } from '../../../../shared/contract';
import type { ProductView } from '../../../../shared/lending/product';
import { dayCounts, frequencies, repaymentMethods } from '../../../../shared/schedule/types';
import { api } from '../../../api/client';
import { errorPayload, errorText, reasonText } from '../../../app/errors';
import { useCan } from '../../../app/permissions';

type ProductForm = ChannelInput<'product.create'>;

export function ProductsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = useCan('settings.write');
  const client = useQueryClient();
  const [editing, setEditing] = useState<ProductView | 'new' | null>(null);
  const [form] = Form.useForm<ProductForm>();
  const list = useQuery({ queryKey: ['products'], queryFn: () => api('product.list', {}) });
  const save = useMutation({
    mutationFn: (values: ProductForm) =>
      editing && editing !== 'new' ? api('product.update', { ...values, id: editing.id, version: editing.version }) : api('product.create', values),
    onSuccess: () => {
      setEditing(null);
      void message.success(t('products.saved'));
      void client.invalidateQueries({ queryKey: ['products'] });
    },
    onError: (error) => {
      const payload = errorPayload(error);
      if (payload.field && form.getFieldInstance(payload.field as keyof ProductForm)) {
        form.setFields([{ name: payload.field as keyof ProductForm, errors: [reasonText(t, payload)] }]);
      } else void message.error(errorText(t, error));
    },
  });
  const options = <T extends string>(values: readonly T[], group: string) => values.map((value) => ({ value, label: t(`${group}.${value}`) }));
  const columns: ColumnsType<ProductView> = [
    { title: t('products.code'), dataIndex: 'code', width: 90, className: 'lb-mono' },
    { title: t('products.name'), dataIndex: 'name' },
    { title: t('terms.method'), dataIndex: 'method', render: (m: string, p) => `${t(`terms.methods.${m}`)}${p.interestOnlyPeriods ? ` · ${t('terms.interestOnlyPeriods')} ${p.interestOnlyPeriods}` : ''}` },
    { title: t('terms.annualRate'), dataIndex: 'annualRate', align: 'right', render: (r: string) => `${r}%` },
    { title: t('terms.periods'), dataIndex: 'periods', align: 'right' },
    { title: t('products.penaltyMarkup'), dataIndex: 'penaltyMarkupPercent', align: 'right', render: (r: string) => `+${r}%` },
    { title: t('products.graceDays'), dataIndex: 'graceDays', align: 'right' },
    { title: t('users.active'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('products.inactive')}</Tag>) },
    ...(canWrite ? [{ title: '', render: (_: unknown, p: ProductView) => <Button size="small" type="link" onClick={() => { form.setFieldsValue(p as unknown as ProductForm); setEditing(p); }}>{t('settings.edit')}</Button> }] : []),
  ];
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.products')}</Typography.Title>}
      extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEditing('new'); }}>{t('products.add')}</Button>}
    >
      <Table<ProductView> rowKey="id" size="middle" columns={columns} dataSource={list.data ?? []} loading={list.isLoading} pagination={false} data-testid="products-table" />
      <Modal open={editing !== null} width={720} title={editing === 'new' ? t('products.add') : t('products.edit')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form<ProductForm>
          form={form}
          name="product"
          layout="vertical"
          onFinish={(values) => save.mutate({ ...values, annualRate: String(values.annualRate), upfrontFeePercent: String(values.upfrontFeePercent ?? '0'), periodicFee: String(values.periodicFee ?? '0'), penaltyMarkupPercent: String(values.penaltyMarkupPercent ?? '50') })}
          initialValues={{ method: 'equal-installment', frequency: 'monthly', dayCount: '30/360', allocationStrategy: 'by-component', roundingMode: 'half-up', installmentMultiple: '0.01', interestOnlyPeriods: 0, upfrontFeePercent: '0', periodicFee: '0', penaltyMarkupPercent: '50', compoundInterest: true, graceDays: 0, active: true }}
        >
          <Row gutter={12}>
            <Col span={8}><Form.Item name="code" label={t('products.code')} rules={[{ required: true, message: t('errors.required') }]}><Input /></Form.Item></Col>
            <Col span={16}><Form.Item name="name" label={t('products.name')} rules={[{ required: true, message: t('errors.required') }]}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="method" label={t('terms.method')}><Select options={options(repaymentMethods, 'terms.methods')} /></Form.Item></Col>
            <Col span={8}><Form.Item name="annualRate" label={t('terms.annualRate')} rules={[{ required: true, message: t('errors.required') }]}><Input addonAfter="%" /></Form.Item></Col>
            <Col span={4}><Form.Item name="periods" label={t('terms.periods')} rules={[{ required: true, message: t('errors.required') }]}><InputNumber min={1} max={600} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={4}><Form.Item name="interestOnlyPeriods" label={t('terms.interestOnlyPeriods')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={8}><Form.Item name="frequency" label={t('terms.frequency')}><Select options={options(frequencies, 'terms.frequencies')} /></Form.Item></Col>
            <Col span={8}><Form.Item name="dayCount" label={t('terms.dayCount')}><Select options={options(dayCounts, 'terms.dayCounts')} /></Form.Item></Col>
            <Col span={8}><Form.Item name="upfrontFeePercent" label={t('products.upfrontFeePercent')}><Input addonAfter="%" /></Form.Item></Col>
            <Col span={8}><Form.Item name="periodicFee" label={t('terms.periodicFee')}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="penaltyMarkupPercent" label={t('products.penaltyMarkup')}><Input addonAfter="%" /></Form.Item></Col>
            <Col span={8}><Form.Item name="graceDays" label={t('products.graceDays')}><InputNumber min={0} max={30} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={8}><Form.Item name="compoundInterest" label={t('products.compoundInterest')} valuePropName="checked"><Switch /></Form.Item></Col>
            <Col span={16}><Form.Item name="allocationStrategy" label={t('products.allocationStrategy')} tooltip={t('products.allocationStrategyHint')}><Select options={options(allocationStrategies, 'products.allocationStrategies')} /></Form.Item></Col>
            <Col span={8}><Form.Item name="active" label={t('users.active')} valuePropName="checked"><Switch /></Form.Item></Col>
          </Row>
        </Form>
      </Modal>
    </Card>
  );
}
