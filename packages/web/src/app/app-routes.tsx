import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AdminRoutes } from '../features/admin/admin-routes.tsx';
import { AuditLogPage } from '../features/admin/audit-log-page.tsx';
import { BreakGlassReviewPage } from '../features/consent/break-glass-review-page.tsx';
import { DevMailboxPage, InboxPage } from '../features/inbox/inbox-page.tsx';
import { ConsentPage } from '../features/consent/consent-page.tsx';
import { PeopleRoutes } from '../features/people/people-routes.tsx';
import { AccountPage } from './account-page.tsx';
import { AppShell } from './app-shell.tsx';
import { RequireSection, RequireSession } from './guards.tsx';
import { HomePage } from './home-page.tsx';
import { LoginPage } from './login-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';

// The public locator is its own chunk: a person on a phone downloads only what the locator needs.
const LocatorRoutes = lazy(() => import('../features/locator/locator-routes.tsx').then((module) => ({ default: module.LocatorRoutes })));
const DirectoryRoutes = lazy(() => import('../features/directory/directory-routes.tsx').then((module) => ({ default: module.DirectoryRoutes })));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/find/*"
        element={
          <Suspense fallback={<p className="page-status" role="status">Loading… / Cargando…</p>}>
            <LocatorRoutes />
          </Suspense>
        }
      />
      <Route path="/encontrar" element={<Navigate to="/find?lang=es" replace />} />
      <Route
        element={
          <RequireSession>
            <AppShell />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="inbox/mailbox" element={<DevMailboxPage />} />
        <Route
          path="directory/*"
          element={
            <RequireSection id="directory">
              <Suspense fallback={<p className="page-status" role="status">Loading the directory…</p>}>
                <DirectoryRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="admin/*"
          element={
            <RequireSection id="admin">
              <AdminRoutes />
            </RequireSection>
          }
        />
        <Route
          path="people/*"
          element={
            <RequireSection id="people">
              <PeopleRoutes />
            </RequireSection>
          }
        />
        <Route
          path="consents/:consentId"
          element={
            <RequireSection id="people">
              <ConsentPage />
            </RequireSection>
          }
        />
        <Route
          path="privacy/break-glass"
          element={
            <RequireSection id="privacy-review">
              <BreakGlassReviewPage />
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
