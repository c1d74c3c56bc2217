import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { errorText } from '../../../app/errors';
import { yuan } from '../../../app/format';
import { useCan } from '../../../app/permissions';

/** Net assets per period end: the base of leverage and concentration limits. */
export function NetAssetsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = useCan('settings.write');
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['netAssets'], queryFn: () => api('netAssets.list', {}) });
  const record = useMutation({
    mutationFn: (values: { periodEnd: Dayjs; amount: string; note?: string }) =>
      api('netAssets.record', { periodEnd: values.periodEnd.format('YYYY-MM-DD'), amount: values.amount, note: values.note ?? null }),
    onSuccess: () => {
      void message.success(t('netAssets.saved'));
      void client.invalidateQueries({ queryKey: ['netAssets'] });
    },
    onError: (error) => void message.error(errorText(t, error, (field) => t(`netAssets.${field}`))),
  });
  return (
    <Card title={t('netAssets.title')} style={{ marginTop: 16 }}>
      {canWrite && (
        <Form layout="inline" onFinish={record.mutate} style={{ marginBottom: 12 }}>
          <Form.Item name="periodEnd" label={t('netAssets.periodEnd')} rules={[{ required: true, message: t('errors.required') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="amount" label={t('netAssets.amount')} rules={[{ required: true, message: t('errors.required') }]}>
            <Input suffix={t('terms.yuan')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="note" label={t('netAssets.note')}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={record.isPending}>
              {t('settings.save')}
            </Button>
          </Space>
        </Form>
      )}
      <Table
        rowKey="periodEnd"
        size="small"
        pagination={false}
        dataSource={list.data ?? []}
        columns={[
          { title: t('netAssets.periodEnd'), dataIndex: 'periodEnd' },
          { title: t('netAssets.amount'), dataIndex: 'amount', align: 'right', render: yuan },
          { title: t('netAssets.note'), dataIndex: 'note' },
          { title: t('settings.changedBy'), dataIndex: 'recordedBy', render: (by: string, row) => `${by} · ${row.recordedAt.slice(0, 16).replace('T', ' ')}` },
        ]}
      />
    </Card>
  );
}
