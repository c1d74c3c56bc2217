import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoanDetail } from '../../../../shared/lending/loan';
import { collateralKinds, guaranteeKinds } from '../../../../shared/lending/security';
import { api } from '../../../api/client';
import { errorText } from '../../../app/errors';
import { yuan } from '../../../app/format';
import { useCan } from '../../../app/permissions';

interface CollateralForm {
  ownerBorrowerId?: number;
  ownerName?: string;
  kind: (typeof collateralKinds)[number];
  description: string;
  certificateNo?: string;
  lienRank: number;
  appraisedValue: string;
  appraisedOn: Dayjs;
  securedAmount: string;
}

/** Collateral (抵押物/质押物) and guarantors (保证人) of a loan, with coverage and loan-to-value. */
export function SecurityTab({ loan }: { loan: LoanDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canWrite = useCan('loan.write');
  const [adding, setAdding] = useState<'collateral' | 'guarantor' | null>(null);
  const [borrowerQuery, setBorrowerQuery] = useState('');
  const borrowers = useQuery({ queryKey: ['borrowers', 'pick', borrowerQuery], queryFn: () => api('borrower.list', { q: borrowerQuery || undefined, pageSize: 20 }), enabled: adding !== null });
  const done = () => {
    setAdding(null);
    void client.invalidateQueries({ queryKey: ['loan', loan.contractNo] });
  };
  const fail = (error: unknown) => void message.error(errorText(t, error, (f) => t(`security.${f}`, { defaultValue: f })));
  const addCollateral = useMutation({
    mutationFn: async (v: CollateralForm) => {
      const item = await api('collateral.create', {
        ...(v.ownerBorrowerId ? { ownerBorrowerId: v.ownerBorrowerId } : { ownerName: v.ownerName ?? null }),
        kind: v.kind,
        description: v.description,
        certificateNo: v.certificateNo ?? null,
        lienRank: v.lienRank,
        appraisedValue: v.appraisedValue,
        appraisedOn: v.appraisedOn.format('YYYY-MM-DD'),
      });
      return api('loan.linkCollateral', { contractNo: loan.contractNo, collateralId: item.id, securedAmount: v.securedAmount });
    },
    onSuccess: done,
    onError: fail,
  });
  const addGuarantor = useMutation({
    mutationFn: (v: { guarantorId: number; kind: (typeof guaranteeKinds)[number]; amount: string }) => api('loan.addGuarantor', { contractNo: loan.contractNo, ...v, groupName: null }),
    onSuccess: done,
    onError: fail,
  });
  const borrowerOptions = (borrowers.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.idNumber}）` }));
  const s = loan.security;
  return (
    <>
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('loans.securityType')}>{t(`loans.security.${loan.securityType}`)}</Descriptions.Item>
        <Descriptions.Item label={t('security.coverage')}><span data-testid="collateral-coverage">{s.collateralCoverage ? `${s.collateralCoverage}%` : '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('security.ltv')}>{s.loanToValue ? `${s.loanToValue}%` : '—'}</Descriptions.Item>
      </Descriptions>
      {canWrite && (
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={() => setAdding('collateral')} data-testid="add-collateral">{t('security.addCollateral')}</Button>
          <Button onClick={() => setAdding('guarantor')} data-testid="add-guarantor">{t('security.addGuarantor')}</Button>
        </Space>
      )}
      <Table
        rowKey="collateralId"
        size="small"
        pagination={false}
        dataSource={s.collateral}
        data-testid="loan-collateral"
        columns={[
          { title: t('security.kind'), dataIndex: 'kind', render: (k: string) => t(`security.kinds.${k}`) },
          { title: t('security.description'), dataIndex: 'description' },
          { title: t('security.owner'), dataIndex: 'ownerName' },
          { title: t('security.lienRank'), dataIndex: 'lienRank' },
          { title: t('security.appraisedValue'), dataIndex: 'appraisedValue', align: 'right', render: yuan },
          { title: t('security.securedAmount'), dataIndex: 'securedAmount', align: 'right', render: yuan },
        ]}
      />
      <Table
        style={{ marginTop: 12 }}
        rowKey="guarantorId"
        size="small"
        pagination={false}
        dataSource={s.guarantors}
        data-testid="loan-guarantors"
        columns={[
          { title: t('security.guarantor'), dataIndex: 'name' },
          { title: t('security.guaranteeKind'), dataIndex: 'kind', render: (k: string) => t(`security.guaranteeKinds.${k}`) },
          { title: t('security.amount'), dataIndex: 'amount', align: 'right', render: yuan },
          { title: t('security.periodEnd'), dataIndex: 'periodEnd' },
        ]}
      />
      <Modal open={adding === 'collateral'} title={t('security.addCollateral')} onCancel={() => setAdding(null)} footer={null} width={640} destroyOnHidden>
        <Form<CollateralForm> name="collateral" layout="vertical" onFinish={(v) => addCollateral.mutate(v)} initialValues={{ kind: 'property', lienRank: 1, ownerBorrowerId: loan.borrowerId }}>
          <Row gutter={12}>
            <Col span={12}><Form.Item name="kind" label={t('security.kind')}><Select options={collateralKinds.map((k) => ({ value: k, label: t(`security.kinds.${k}`) }))} /></Form.Item></Col>
            <Col span={12}><Form.Item name="lienRank" label={t('security.lienRank')}><InputNumber min={1} max={9} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={24}><Form.Item name="description" label={t('security.description')} rules={[{ required: true, message: t('errors.required') }]}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="ownerBorrowerId" label={t('security.owner')}><Select allowClear showSearch={{ filterOption: false, onSearch: setBorrowerQuery }} options={[{ value: loan.borrowerId, label: loan.borrowerName }, ...borrowerOptions.filter((o) => o.value !== loan.borrowerId)]} /></Form.Item></Col>
            <Col span={12}><Form.Item name="certificateNo" label={t('security.certificateNo')}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="appraisedValue" label={t('security.appraisedValue')} rules={[{ required: true, message: t('errors.required') }]}><Input suffix={t('terms.yuan')} /></Form.Item></Col>
            <Col span={8}><Form.Item name="appraisedOn" label={t('security.appraisedOn')} rules={[{ required: true, message: t('errors.required') }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={8}><Form.Item name="securedAmount" label={t('security.securedAmount')} rules={[{ required: true, message: t('errors.required') }]}><Input suffix={t('terms.yuan')} /></Form.Item></Col>
          </Row>
          <Button type="primary" htmlType="submit" block loading={addCollateral.isPending} data-testid="collateral-submit">{t('settings.save')}</Button>
        </Form>
      </Modal>
      <Modal open={adding === 'guarantor'} title={t('security.addGuarantor')} onCancel={() => setAdding(null)} footer={null} destroyOnHidden>
        <Form name="guarantor" layout="vertical" onFinish={(v: { guarantorId: number; kind: (typeof guaranteeKinds)[number]; amount: string }) => addGuarantor.mutate(v)} initialValues={{ kind: 'shareholder' }}>
          <Form.Item name="guarantorId" label={t('security.guarantor')} rules={[{ required: true, message: t('errors.required') }]}>
            <Select showSearch={{ filterOption: false, onSearch: setBorrowerQuery }} options={borrowerOptions.filter((o) => o.value !== loan.borrowerId)} />
          </Form.Item>
          <Form.Item name="kind" label={t('security.guaranteeKind')}><Select options={guaranteeKinds.map((k) => ({ value: k, label: t(`security.guaranteeKinds.${k}`) }))} /></Form.Item>
          <Form.Item name="amount" label={t('security.amount')} rules={[{ required: true, message: t('errors.required') }]}><Input suffix={t('terms.yuan')} /></Form.Item>
          <Button type="primary" htmlType="submit" block loading={addGuarantor.isPending} data-testid="guarantor-submit">{t('settings.save')}</Button>
        </Form>
      </Modal>
    </>
  );
}
