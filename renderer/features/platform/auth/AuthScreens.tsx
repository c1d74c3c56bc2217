import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { errorPayload, reasonText } from '../../../app/errors';

function Centered({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="lb-auth">
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#1f5fa8' }}>
          {t('app.fullName')}
        </Typography.Title>
        <Typography.Title level={5} style={{ textAlign: 'center', marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </div>
  );
}

/** Sends a form to a channel; shows the server's refusal on the field it names, or above the form. */
function useSubmit<T extends object>(send: (values: T) => Promise<unknown>) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    error,
    busy,
    async submit(values: T) {
      setBusy(true);
      setError(null);
      try {
        await send(values);
        await client.invalidateQueries();
      } catch (failure) {
        setError(reasonText(t, errorPayload(failure)));
      } finally {
        setBusy(false);
      }
    },
  };
}

export function SignInScreen({ locked }: { locked?: boolean }) {
  const { t } = useTranslation();
  const { error, busy, submit } = useSubmit((values: { userName: string; password: string }) => api('session.signIn', values));
  return (
    <Centered title={locked ? t('auth.locked') : t('auth.signIn')}>
      <Form name="signIn" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="userName" label={t('auth.userName')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {t('auth.signIn')}
        </Button>
      </Form>
    </Centered>
  );
}

const passwordRules = (t: (key: string) => string) => [
  { required: true, message: t('errors.required') },
  { min: 8, message: t('errors.weakPassword') },
  { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t('errors.weakPassword') },
];

export function SetupScreen() {
  const { t } = useTranslation();
  const { error, busy, submit } = useSubmit(async (values: { userName: string; displayName: string; password: string }) => {
    await api('session.setup', values);
    await api('session.signIn', { userName: values.userName, password: values.password });
  });
  return (
    <Centered title={t('auth.setup')}>
      <Typography.Paragraph type="secondary">{t('auth.setupHint')}</Typography.Paragraph>
      <Form name="setup" layout="vertical" onFinish={submit} initialValues={{ userName: 'admin' }}>
        <Form.Item name="userName" label={t('auth.userName')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={passwordRules(t)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
          {t('auth.createAdministrator')}
        </Button>
      </Form>
    </Centered>
  );
}

export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const { error, busy, submit } = useSubmit(async (values: { currentPassword: string; newPassword: string }) => {
    await api('session.changePassword', values);
    onDone?.();
  });
  return (
    <Form name="changePassword" layout="vertical" onFinish={submit}>
      <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('errors.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('auth.newPassword')} rules={passwordRules(t)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="change-password-submit">
        {t('auth.changePassword')}
      </Button>
    </Form>
  );
}

export function ForcedPasswordChange() {
  const { t } = useTranslation();
  return (
    <Centered title={t('auth.mustChangePassword')}>
      <ChangePasswordForm />
    </Centered>
  );
}
