import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Problem } from './api/problem';
import { LiveProvider, SessionProvider, useSession } from './app';
import { Shell } from './components/Shell';
import { Page } from './components/common';
import { theme } from './theme';
import { ApiKeys } from './pages/ApiKeys';
import { BackupDetail, Backups, RestorePage } from './pages/Backups';
import { DSourceDetail } from './pages/DSourceDetail';
import { DSources } from './pages/DSources';
import { EnvironmentDetail, Environments } from './pages/Environments';
import { Faults } from './pages/Faults';
import { PluginDetail, Plugins, UpgradePage } from './pages/Plugins';
import { SignIn } from './pages/SignIn';
import { SnapSyncJobPage, SnapSyncJobs } from './pages/SnapSyncJobs';
import { SyncPolicies, SyncPolicyDetail } from './pages/SyncPolicies';
import { Vdbs } from './pages/Vdbs';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // live updates come from the change stream; nothing is polled on a timer
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof Problem && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

function Console() {
  const { session } = useSession();
  if (!session) return <SignIn />;
  return (
    <LiveProvider>
      <Shell>
        <Routes>
          <Route path="/" element={<Navigate to="/dsources" replace />} />
          <Route path="/dsources" element={<DSources />} />
          <Route path="/dsources/:id" element={<DSourceDetail />} />
          <Route path="/environments" element={<Environments />} />
          <Route path="/environments/:id" element={<EnvironmentDetail />} />
          <Route path="/snapsync" element={<SnapSyncJobs />} />
          <Route path="/snapsync/:id" element={<SnapSyncJobPage />} />
          <Route path="/faults" element={<Faults />} />
          <Route path="/vdbs" element={<Vdbs />} />
          <Route path="/sync-policies" element={<SyncPolicies />} />
          <Route path="/sync-policies/:id" element={<SyncPolicyDetail />} />
          <Route path="/plugins" element={<Plugins />} />
          <Route path="/plugins/:id" element={<PluginDetail />} />
          <Route path="/plugins/:id/upgrades/:upgradeId" element={<UpgradePage />} />
          <Route path="/backups" element={<Backups />} />
          <Route path="/backups/:id" element={<BackupDetail />} />
          <Route path="/restores/:id" element={<RestorePage />} />
          <Route path="/api-keys" element={<ApiKeys />} />
          <Route path="*" element={<Page title="Not found">There is no such page in the console.</Page>} />
        </Routes>
      </Shell>
    </LiveProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <Console />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
