import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/contract/platform';
import { roles, type Role } from '../../../../shared/platform/permissions';
import { api } from '../../../api/client';
import { errorText } from '../../../app/errors';
import { useCan } from '../../../app/permissions';
import { Forbidden } from '../Forbidden';

export function UsersPage() {
  const { t } = useTranslation();
  const allowed = useCan('users.manage');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['users'], queryFn: () => api('user.list', {}), enabled: allowed });
  const done = (text: string) => {
    void message.success(text);
    void client.invalidateQueries({ queryKey: ['users'] });
  };
  const onError = (error: unknown) => void message.error(errorText(t, error, (field) => t(`auth.${field}`)));
  const create = useMutation({
    mutationFn: (values: { userName: string; displayName: string; role: Role; password: string }) => api('user.create', values),
    onSuccess: () => {
      setCreating(false);
      done(t('users.created'));
    },
    onError,
  });
  const update = useMutation({ mutationFn: (user: UserView) => api('user.update', user), onSuccess: () => done(t('users.updated')), onError });
  const reset = useMutation({
    mutationFn: (input: { id: number; newPassword: string }) => api('user.resetPassword', input),
    onSuccess: () => {
      setResetting(null);
      done(t('users.passwordReset'));
    },
    onError,
  });
  if (!allowed) return <Forbidden />;
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const columns: ColumnsType<UserView> = [
    { title: t('auth.userName'), dataIndex: 'userName' },
    { title: t('auth.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      render: (role: Role, row) => <Select size="small" value={role} options={roleOptions} style={{ width: 140 }} onChange={(next) => update.mutate({ ...row, role: next })} />,
    },
    { title: t('users.active'), dataIndex: 'active', render: (active: boolean, row) => <Switch size="small" checked={active} onChange={(next) => update.mutate({ ...row, active: next })} /> },
    { title: t('users.lastSignIn'), dataIndex: 'lastSignInAt', render: (v: string | null) => v?.slice(0, 16).replace('T', ' ') ?? '—' },
    { title: t('users.state'), render: (_: unknown, row) => (row.lockedUntil ? <Tag color="red">{t('users.lockedState')}</Tag> : row.mustChangePassword ? <Tag>{t('users.mustChange')}</Tag> : null) },
    { title: '', render: (_: unknown, row) => <Button size="small" onClick={() => setResetting(row)}>{t('users.resetPassword')}</Button> },
  ];
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.users')}</Typography.Title>}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('users.add')}</Button>}
    >
      <Table<UserView> rowKey="id" size="middle" columns={columns} dataSource={list.data ?? []} loading={list.isLoading} pagination={false} />
      <Modal open={creating} title={t('users.add')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)} initialValues={{ role: 'loan-officer' }}>
          <Form.Item name="userName" label={t('auth.userName')} rules={[{ required: true, message: t('errors.required') }]}><Input /></Form.Item>
          <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, message: t('errors.required') }]}><Input /></Form.Item>
          <Form.Item name="role" label={t('users.role')}><Select options={roleOptions} /></Form.Item>
          <Form.Item name="password" label={t('users.temporaryPassword')} rules={[{ required: true, message: t('errors.required') }]}><Input.Password /></Form.Item>
        </Form>
      </Modal>
      <Modal open={resetting !== null} title={`${t('users.resetPassword')} · ${resetting?.userName ?? ''}`} onCancel={() => setResetting(null)} footer={null} destroyOnHidden>
        <Form layout="vertical" onFinish={(values: { newPassword: string }) => reset.mutate({ id: resetting!.id, newPassword: values.newPassword })}>
          <Form.Item name="newPassword" label={t('users.temporaryPassword')} rules={[{ required: true, message: t('errors.required') }]}><Input.Password /></Form.Item>
          <Space><Button type="primary" htmlType="submit" loading={reset.isPending}>{t('users.resetPassword')}</Button></Space>
        </Form>
      </Modal>
    </Card>
  );
}
