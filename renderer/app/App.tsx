import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApiError } from '../api/client';
import { GuaranteesPage } from '../features/guarantees/GuaranteesPage';
import { CollectionsPage } from '../features/collections/CollectionsPage';
import { GuaranteeDetailPage } from '../features/guarantees/GuaranteeDetailPage';
import { AuthGate } from '../features/platform/auth/AuthGate';
import { AuditPage } from '../features/platform/audit/AuditPage';
import { BackupsPage } from '../features/platform/backups/BackupsPage';
import { SettingsPage } from '../features/platform/settings/SettingsPage';
import { UsersPage } from '../features/platform/users/UsersPage';
import { BorrowerDetailPage } from '../features/lending/borrowers/BorrowerDetailPage';
import { BorrowersPage } from '../features/lending/borrowers/BorrowersPage';
import { LoanDetailPage } from '../features/lending/loans/LoanDetailPage';
import { LoansPage } from '../features/lending/loans/LoansPage';
import { DailyClosePage } from '../features/lending/close/DailyClosePage';
import { ProductsPage } from '../features/lending/products/ProductsPage';
import { ScheduleCalculatorPage } from '../features/lending/schedule/ScheduleCalculatorPage';
import { LedgersPage } from '../features/ledgers/LedgersPage';
import { DashboardPage } from '../features/ledgers/DashboardPage';
import { rememberLanguage, savedLanguage, type Language } from './i18n';
import { Shell } from './Shell';

/** A call refused for want of a session (expired, signed out elsewhere) sends the user back to sign-in. */
function onApiError(error: unknown) {
  if (error instanceof ApiError && error.payload.code === 'unauthenticated') {
    void queryClient.invalidateQueries({ queryKey: ['platform.status'] });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
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
            <AuthGate>
            <Shell onToggleLanguage={toggleLanguage}>
              <Routes>
                <Route path="/" element={<Navigate to="/dashboard" replace />} />
                <Route path="/dashboard" element={<DashboardPage />} />
                <Route path="/lending/borrowers" element={<BorrowersPage />} />
                <Route path="/lending/borrowers/:id" element={<BorrowerDetailPage />} />
                <Route path="/lending/calculator" element={<ScheduleCalculatorPage />} />
                <Route path="/lending/products" element={<ProductsPage />} />
                <Route path="/lending/close" element={<DailyClosePage />} />
                <Route path="/lending/loans" element={<LoansPage />} />
                <Route path="/lending/loans/:contractNo" element={<LoanDetailPage />} />
                <Route path="/guarantees" element={<GuaranteesPage />} />
                <Route path="/guarantees/:contractNo" element={<GuaranteeDetailPage />} />
                <Route path="/collections" element={<CollectionsPage />} />
                <Route path="/ledgers" element={<LedgersPage />} />
                <Route path="/settings" element={<SettingsPage />} />
                <Route path="/settings/users" element={<UsersPage />} />
                <Route path="/settings/audit" element={<AuditPage />} />
                <Route path="/settings/backups" element={<BackupsPage />} />
                <Route path="*" element={<Navigate to="/lending/borrowers" replace />} />
              </Routes>
            </Shell>
            </AuthGate>
          </HashRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
