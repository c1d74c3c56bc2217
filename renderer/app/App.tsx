import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { BorrowersPage } from '../features/lending/borrowers/BorrowersPage';
import { ScheduleCalculatorPage } from '../features/lending/schedule/ScheduleCalculatorPage';
import { ComingSoon } from '../features/platform/ComingSoon';
import { rememberLanguage, savedLanguage, type Language } from './i18n';
import { Shell } from './Shell';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false } },
});

export function App() {
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(savedLanguage());

  function toggleLanguage() {
    const next: Language = language === 'zh-CN' ? 'en' : 'zh-CN';
    rememberLanguage(next);
    void i18n.changeLanguage(next);
    setLanguage(next);
  }

  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1f5fa8', borderRadius: 4, fontSize: 14 } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <HashRouter>
            <Shell onToggleLanguage={toggleLanguage}>
              <Routes>
                <Route path="/" element={<Navigate to="/lending/borrowers" replace />} />
                <Route path="/lending/borrowers" element={<BorrowersPage />} />
                <Route path="/lending/calculator" element={<ScheduleCalculatorPage />} />
                <Route path="/lending/loans" element={<ComingSoon areaKey="nav.loans" />} />
                <Route path="/guarantees" element={<ComingSoon areaKey="nav.guarantees" />} />
                <Route path="/collections" element={<ComingSoon areaKey="nav.collections" />} />
                <Route path="/ledgers" element={<ComingSoon areaKey="nav.ledgers" />} />
                <Route path="/settings" element={<ComingSoon areaKey="nav.settings" />} />
                <Route path="*" element={<Navigate to="/lending/borrowers" replace />} />
              </Routes>
            </Shell>
          </HashRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
