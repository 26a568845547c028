// Longer than 300 lines: one route per area of the app, each a lazy chunk behind its guard; a table, not logic.
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AccountPage } from './account-page.tsx';
import { AppShell } from './app-shell.tsx';
import { RequireSection, RequireSession } from './guards.tsx';
import { HomePage } from './home-page.tsx';
import { LoginPage } from './login-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';

// The public locator is its own chunk: a person on a phone downloads only what the locator needs.
const LocatorRoutes = lazy(() => import('../features/locator/locator-routes.tsx').then((module) => ({ default: module.LocatorRoutes })));
// The person's portal: its own chunk, frame and session, apart from the staff app.
const PortalRoutes = lazy(() => import('../features/portal/portal-routes.tsx').then((module) => ({ default: module.PortalRoutes })));
const DirectoryRoutes = lazy(() =>
  import('../features/directory/directory-routes.tsx').then((module) => ({ default: module.DirectoryRoutes })),
);
// The signed-in areas load on demand too, so the shell (and the public locator) start small.
const AdminRoutes = lazy(() => import('../features/admin/admin-routes.tsx').then((module) => ({ default: module.AdminRoutes })));
const AuditLogPage = lazy(() => import('../features/admin/audit-log-page.tsx').then((module) => ({ default: module.AuditLogPage })));
const CareEventImportPage = lazy(() =>
  import('../features/people/care-event-import-page.tsx').then((module) => ({ default: module.CareEventImportPage })),
);
const PeopleRoutes = lazy(() => import('../features/people/people-routes.tsx').then((module) => ({ default: module.PeopleRoutes })));
const ReferralRoutes = lazy(() =>
  import('../features/referrals/referral-routes.tsx').then((module) => ({ default: module.ReferralRoutes })),
);
const WorklistRoutes = lazy(() =>
  import('../features/worklist/worklist-routes.tsx').then((module) => ({ default: module.WorklistRoutes })),
);
const ConsentPage = lazy(() => import('../features/consent/consent-page.tsx').then((module) => ({ default: module.ConsentPage })));
const BreakGlassReviewPage = lazy(() =>
  import('../features/consent/break-glass-review-page.tsx').then((module) => ({ default: module.BreakGlassReviewPage })),
);
const TaperPlannerPage = lazy(() =>
  import('../features/safety/taper-planner-page.tsx').then((module) => ({ default: module.TaperPlannerPage })),
);
const PrescriberReportPage = lazy(() =>
  import('../features/safety/prescriber-report-page.tsx').then((module) => ({ default: module.PrescriberReportPage })),
);
const InboxPage = lazy(() => import('../features/inbox/inbox-page.tsx').then((module) => ({ default: module.InboxPage })));
const DevMailboxPage = lazy(() => import('../features/inbox/inbox-page.tsx').then((module) => ({ default: module.DevMailboxPage })));
const OverdoseRoutes = lazy(() =>
  import('../features/overdose/overdose-routes.tsx').then((module) => ({ default: module.OverdoseRoutes })),
);
const LinkageRoutes = lazy(() => import('../features/linkage/linkage-pages.tsx').then((module) => ({ default: module.LinkageRoutes })));
const PersonIndexRoutes = lazy(() =>
  import('../features/linkage/person-index-pages.tsx').then((module) => ({ default: module.PersonIndexRoutes })),
);
const GapsRoutes = lazy(() => import('../features/gaps/gaps-page.tsx').then((module) => ({ default: module.GapsRoutes })));
const FeedsRoutes = lazy(() => import('../features/feeds/feeds-page.tsx').then((module) => ({ default: module.FeedsRoutes })));
const ScenariosRoutes = lazy(() =>
  import('../features/scenarios/scenarios-routes.tsx').then((module) => ({ default: module.ScenariosRoutes })),
);
const NetworkRoutes = lazy(() => import('../features/network/network-routes.tsx').then((module) => ({ default: module.NetworkRoutes })));
const ScorecardsRoutes = lazy(() =>
  import('../features/network/scorecards/scorecards-routes.tsx').then((module) => ({ default: module.ScorecardsRoutes })),
);
const AnalyticsRoutes = lazy(() =>
  import('../features/analytics/analytics-routes.tsx').then((module) => ({ default: module.AnalyticsRoutes })),
);

/** The public pages' (locator, portal) loading line, in both languages before either has loaded. */
function PublicLoading() {
  return (
    <p className="page-status" role="status">
      Loading… / Cargando…
    </p>
  );
}

function Loading() {
  return (
    <p className="page-status" role="status">
      Loading…
    </p>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/portal/*"
        element={
          <Suspense fallback={<PublicLoading />}>
            <PortalRoutes />
          </Suspense>
        }
      />
      <Route
        path="/find/*"
        element={
          <Suspense fallback={<PublicLoading />}>
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
        <Route
          path="inbox"
          element={
            <Suspense fallback={<Loading />}>
              <InboxPage />
            </Suspense>
          }
        />
        <Route
          path="inbox/mailbox"
          element={
            <Suspense fallback={<Loading />}>
              <DevMailboxPage />
            </Suspense>
          }
        />
        <Route
          path="directory/*"
          element={
            <RequireSection id="directory">
              <Suspense
                fallback={
                  <p className="page-status" role="status">
                    Loading the directory…
                  </p>
                }
              >
                <DirectoryRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="admin/*"
          element={
            <RequireSection id="admin">
              <Suspense fallback={<Loading />}>
                <AdminRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="overdose-response/*"
          element={
            <RequireSection id="overdose-response">
              <Suspense fallback={<Loading />}>
                <OverdoseRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="linkage/*"
          element={
            <RequireSection id="linkage">
              <Suspense fallback={<Loading />}>
                <LinkageRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="scenarios/*"
          element={
            <RequireSection id="scenarios">
              <Suspense fallback={<Loading />}>
                <ScenariosRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="gaps/*"
          element={
            <RequireSection id="gaps">
              <Suspense fallback={<Loading />}>
                <GapsRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="network/*"
          element={
            <RequireSection id="network">
              <Suspense fallback={<Loading />}>
                <NetworkRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="feeds/*"
          element={
            <RequireSection id="feeds">
              <Suspense fallback={<Loading />}>
                <FeedsRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="person-index/*"
          element={
            <RequireSection id="person-index">
              <Suspense fallback={<Loading />}>
                <PersonIndexRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="analytics/*"
          element={
            <RequireSection id="analytics">
              <Suspense fallback={<Loading />}>
                <AnalyticsRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        {/* Administrators import records without seeing People: the page checks careEventImportRoles itself. */}
        <Route
          path="people/import"
          element={
            <Suspense fallback={<Loading />}>
              <CareEventImportPage />
            </Suspense>
          }
        />
        <Route
          path="people/*"
          element={
            <RequireSection id="people">
              <Suspense fallback={<Loading />}>
                <PeopleRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="referrals/*"
          element={
            <RequireSection id="referrals">
              <Suspense fallback={<Loading />}>
                <ReferralRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="worklist/*"
          element={
            <RequireSection id="worklist">
              <Suspense fallback={<Loading />}>
                <WorklistRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="consents/:consentId"
          element={
            <RequireSection id="people">
              <Suspense fallback={<Loading />}>
                <ConsentPage />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="privacy/break-glass"
          element={
            <RequireSection id="privacy-review">
              <Suspense fallback={<Loading />}>
                <BreakGlassReviewPage />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="audit"
          element={
            <RequireSection id="audit">
              <Suspense fallback={<Loading />}>
                <AuditLogPage />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="prescribing-safety"
          element={
            <RequireSection id="prescribing-safety">
              <Suspense fallback={<Loading />}>
                <PrescriberReportPage />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="prescribing-safety/taper"
          element={
            <RequireSection id="prescribing-safety">
              <Suspense fallback={<Loading />}>
                <TaperPlannerPage />
              </Suspense>
            </RequireSection>
          }
        />
        <Route
          path="network/scorecards"
          element={
            <RequireSection id="network">
              <Suspense fallback={<Loading />}>
                <ScorecardsRoutes />
              </Suspense>
            </RequireSection>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
