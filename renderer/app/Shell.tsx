import { BankOutlined, CalculatorOutlined, FileExcelOutlined, PhoneOutlined, SafetyCertificateOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
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
          {t('status.user')}{t('app.separator')}{data?.actor.userName ?? '—'}
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
  const items = [
    {
      key: 'lending',
      icon: <BankOutlined />,
      label: t('nav.lending'),
      children: [
        { key: '/lending/borrowers', icon: <TeamOutlined />, label: t('nav.borrowers') },
        { key: '/lending/calculator', icon: <CalculatorOutlined />, label: t('nav.calculator') },
        { key: '/lending/loans', label: t('nav.loans') },
      ],
    },
    { key: '/guarantees', icon: <SafetyCertificateOutlined />, label: t('nav.guarantees') },
    { key: '/collections', icon: <PhoneOutlined />, label: t('nav.collections') },
    { key: '/ledgers', icon: <FileExcelOutlined />, label: t('nav.ledgers') },
    { key: '/settings', icon: <SettingOutlined />, label: t('nav.settings') },
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
          selectedKeys={[location.pathname]}
          defaultOpenKeys={['lending']}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout className="lb-main">
        <Layout.Header className="lb-header">
          <div />
          <Button onClick={onToggleLanguage} data-testid="language-switch" aria-label={t('app.language')}>
            {t('app.switchLanguage')}
          </Button>
        </Layout.Header>
        <Layout.Content className="lb-content">{children}</Layout.Content>
        <StatusBar />
      </Layout>
    </Layout>
  );
}
