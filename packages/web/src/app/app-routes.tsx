import { Route, Routes } from 'react-router-dom';
import { AdminRoutes } from '../features/admin/admin-routes.tsx';
import { AuditLogPage } from '../features/admin/audit-log-page.tsx';
import { AccountPage } from './account-page.tsx';
import { AppShell } from './app-shell.tsx';
import { RequireSection, RequireSession } from './guards.tsx';
import { HomePage } from './home-page.tsx';
import { LoginPage } from './login-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppShell />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="account" element={<AccountPage />} />
        <Route
          path="admin/*"
          element={
            <RequireSection id="admin">
              <AdminRoutes />
            </RequireSection>
          }
        />
        <Route
          path="audit"
          element={
            <RequireSection id="audit">
              <AuditLogPage />
            </RequireSection>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
