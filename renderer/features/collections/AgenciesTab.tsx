import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { api } from '../../api/client';
import { downloadBase64, XLSX_TYPE } from '../../app/download';
import { errorText } from '../../app/errors';
import { yuan } from '../../app/format';
import { useCan } from '../../app/permissions';

/** 委外: agencies, placing accounts (the masked file is downloaded and the export logged), recall, statements. */
export function AgenciesTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canAssign = useCan('collections.assign');
  const [statementOf, setStatementOf] = useState<number | null>(null);
  const agencies = useQuery({ queryKey: ['agency.list'], queryFn: () => api('agency.list', {}) });
  const statement = useQuery({ queryKey: ['agency.statement', statementOf], queryFn: () => api('agency.statement', { agencyId: statementOf! }), enabled: statementOf !== null });
  const onError = (error: unknown) => void message.error(errorText(t, error, (f) => t(`collections.fields.${f}`, { defaultValue: f })));
  const create = useMutation({
    mutationFn: (v: { name: string; contract: [Dayjs, Dayjs] }) => api('agency.create', { name: v.name, contractFrom: v.contract[0].format('YYYY-MM-DD'), contractTo: v.contract[1].format('YYYY-MM-DD') }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['agency.list'] }),
    onError,
  });
  const place = useMutation({
    mutationFn: (v: { agencyId: number; contractNos: string }) => api('collections.place', { agencyId: v.agencyId, contractNos: v.contractNos.split(/[,，\s]+/).filter(Boolean), language: i18n.language.startsWith('zh') ? 'zh-CN' : 'en' }),
    onSuccess: (placed) => {
      downloadBase64(placed.fileName, placed.contentBase64, XLSX_TYPE);
      void message.success(t('collections.placed', { count: placed.placed }));
      void client.invalidateQueries({ queryKey: ['agency.list'] });
    },
    onError,
  });
  return (
    <>
      {canAssign && (
        <Space align="start" wrap style={{ marginBottom: 12 }}>
          <Card size="small" title={t('collections.newAgency')}>
            <Form layout="inline" name="agency" onFinish={(v: { name: string; contract: [Dayjs, Dayjs] }) => create.mutate(v)}>
              <Form.Item name="name" rules={[{ required: true, message: t('errors.required') }]}>
                <Input placeholder={t('collections.fields.agencyName')} />
              </Form.Item>
              <Form.Item name="contract" rules={[{ required: true, message: t('errors.required') }]}>
                <DatePicker.RangePicker />
              </Form.Item>
              <Button htmlType="submit">{t('collections.newAgency')}</Button>
            </Form>
          </Card>
          <Card size="small" title={t('collections.placeAccounts')}>
            <Form layout="inline" name="place" onFinish={(v: { agencyId: number; contractNos: string }) => place.mutate(v)}>
              <Form.Item name="agencyId" rules={[{ required: true, message: t('errors.required') }]}>
                <Select style={{ width: 180 }} placeholder={t('collections.agency')} options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
              </Form.Item>
              <Form.Item name="contractNos" rules={[{ required: true, message: t('errors.required') }]}>
                <Input style={{ width: 260 }} placeholder={t('collections.fields.contractNos')} />
              </Form.Item>
              <Button htmlType="submit" loading={place.isPending}>{t('collections.placeAccounts')}</Button>
            </Form>
          </Card>
        </Space>
      )}
      <Table<ChannelOutput<'agency.list'>[number]>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={agencies.data ?? []}
        data-testid="agency-list"
        onRow={(a) => ({ onClick: () => setStatementOf(a.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('collections.agency'), dataIndex: 'name' },
          { title: t('collections.fields.contract'), render: (_: unknown, a) => `${a.contractFrom} ~ ${a.contractTo}` },
          { title: t('collections.accountsPlaced'), dataIndex: 'accountsPlaced', align: 'right' },
          { title: t('collections.commission'), dataIndex: 'commission', render: (c: Record<string, string>) => Object.entries(c).map(([b, p]) => `${b} ${p}%`).join('  ') },
        ]}
      />
      {statement.data && (
        <Card size="small" style={{ marginTop: 12 }} title={`${statement.data.agency} · ${t('collections.statement')}`}>
          <Table
            rowKey={(_, k) => String(k)}
            size="small"
            pagination={false}
            dataSource={statement.data.items}
            columns={[
              { title: t('collections.contractNo'), dataIndex: 'contractNo' },
              { title: t('loans.bucket'), dataIndex: 'bucket' },
              { title: t('collections.placedOn'), dataIndex: 'placedOn' },
              { title: t('collections.recalledOn'), dataIndex: 'recalledOn' },
              { title: t('collections.recovered'), dataIndex: 'recovered', align: 'right', render: yuan },
              { title: t('collections.rate'), dataIndex: 'ratePercent', align: 'right', render: (v: string) => `${v}%` },
              { title: t('collections.commission'), dataIndex: 'commission', align: 'right', render: yuan },
            ]}
          />
          <div style={{ textAlign: 'right', marginTop: 8 }}>
            <strong>{`${t('collections.recovered')} ${yuan(statement.data.totals.recovered)} · ${t('collections.commission')} ${yuan(statement.data.totals.commission)}`}</strong>
          </div>
        </Card>
      )}
    </>
  );
}
