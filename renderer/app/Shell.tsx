import { ExportJobs } from './export-jobs';
import { BankOutlined, CalculatorOutlined, DashboardOutlined, FileExcelOutlined, LogoutOutlined, PhoneOutlined, SafetyCertificateOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { ChangePasswordForm } from '../features/platform/auth/AuthScreens';
import { useCan } from './permissions';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useStatus } from './useStatus';

interface ShellProps {
  children: ReactNode;
  onToggleLanguage: () => void;
}

function StatusBar() {
  const { t } = useTranslation();
  const status = useStatus();
  const data = status.data;
  return (
    <Layout.Footer className="lb-status" data-testid="status-bar">
      <Space size="large" wrap>
        <span>
          {t('status.businessDate')}{t('app.separator')}<strong data-testid="business-date">{data?.businessDate ?? '—'}</strong>
        </span>
        <span>
          {t('status.database')}{t('app.separator')}<span data-testid="database-file">{data?.databaseFile ?? '—'}</span>
        </span>
        <span>
          {t('status.user')}{t('app.separator')}{data?.user ? `${data.user.displayName}（${t(`roles.${data.user.role}`)}）` : '—'}
        </span>
        <span>
          {t('status.version')}{t('app.separator')}{data?.appVersion ?? '—'}
        </span>
      </Space>
    </Layout.Footer>
  );
}

export function Shell({ children, onToggleLanguage }: ShellProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const user = useStatus().data?.user;
  const [changingPassword, setChangingPassword] = useState(false);
  const canReadSettings = useCan('settings.read');
  const canManageUsers = useCan('users.manage');
  const canReadAudit = useCan('audit.read');
  const canManageBackups = useCan('backup.manage');
  const canCollect = useCan('collections.read');
  const canReadLedger = useCan('ledger.read');
  const canClose = useCan('day.close');
  const signOut = async () => {
    await api('session.signOut', {}).catch(() => undefined);
    await client.invalidateQueries();
  };
  const items = [
    { key: '/dashboard', icon: <DashboardOutlined />, label: t('nav.dashboard') },
    {
      key: 'lending',
      icon: <BankOutlined />,
      label: t('nav.lending'),
      children: [
        { key: '/lending/borrowers', icon: <TeamOutlined />, label: t('nav.borrowers') },
        { key: '/lending/calculator', icon: <CalculatorOutlined />, label: t('nav.calculator') },
        { key: '/lending/products', label: t('nav.products') },
        ...(canClose ? [{ key: '/lending/close', label: t('nav.close') }] : []),
        { key: '/lending/loans', label: t('nav.loans') },
      ],
    },
    { key: '/guarantees', icon: <SafetyCertificateOutlined />, label: t('nav.guarantees') },
    ...(canCollect ? [{ key: '/collections', icon: <PhoneOutlined />, label: t('nav.collections') }] : []),
    ...(canReadLedger ? [{ key: '/ledgers', icon: <FileExcelOutlined />, label: t('nav.ledgers') }] : []),
    {
      key: 'settings',
      icon: <SettingOutlined />,
      label: t('nav.settings'),
      children: [
        ...(canReadSettings ? [{ key: '/settings', label: t('nav.systemSettings') }] : []),
        ...(canManageUsers ? [{ key: '/settings/users', label: t('nav.users') }] : []),
        ...(canReadAudit ? [{ key: '/settings/audit', label: t('nav.audit') }] : []),
        ...(canManageBackups ? [{ key: '/settings/backups', label: t('nav.backups') }] : []),
        { key: 'change-password', label: t('auth.changePassword') },
      ],
    },
  ];
  return (
    <Layout className="lb-shell">
      <Layout.Sider width={208} theme="light" className="lb-sider">
        <div className="lb-brand">
          <Typography.Title level={4}>{t('app.fullName')}</Typography.Title>
        </div>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={[location.pathname.replace(/^(\/lending\/(loans|borrowers))\/.+$/, '$1')]}
          defaultOpenKeys={['lending']}
          onClick={({ key }) => (key === 'change-password' ? setChangingPassword(true) : navigate(key))}
        />
      </Layout.Sider>
      <Layout className="lb-main">
        <Layout.Header className="lb-header">
          <div />
          <Space>
            <span data-testid="signed-in-user">
              <UserOutlined /> {user?.displayName}
            </span>
            <Button onClick={onToggleLanguage} data-testid="language-switch" aria-label={t('app.language')}>
              {t('app.switchLanguage')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={signOut} data-testid="sign-out">
              {t('auth.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Modal open={changingPassword} title={t('auth.changePassword')} footer={null} onCancel={() => setChangingPassword(false)} destroyOnHidden>
          <ChangePasswordForm onDone={() => setChangingPassword(false)} />
        </Modal>
        <Layout.Content className="lb-content">{children}</Layout.Content>
        <StatusBar />
        <ExportJobs />
      </Layout>
    </Layout>
  );
}
