import { Navigate, Route, Routes } from 'react-router-dom';
import type { PortalApi } from './api.ts';
import { PortalProvider, usePortal } from './portal-context.tsx';
import { PortalCarePage } from './portal-care-page.tsx';
import { PortalConsentsPage } from './portal-consents-page.tsx';
import { PortalDisclosuresPage } from './portal-disclosures-page.tsx';
import { PortalHomePage } from './portal-home-page.tsx';
import { PortalLayout } from './portal-layout.tsx';
import { PortalSignInPage } from './portal-sign-in-page.tsx';
import './portal.css';

function PortalPages() {
  const { state, strings } = usePortal();
  if (state.status === 'loading')
    return (
      <p className="page-status" role="status">
        {strings.loading}
      </p>
    );
  if (state.status === 'signed-out')
    return (
      <Routes>
        <Route path="sign-in" element={<PortalSignInPage />} />
        <Route path="*" element={<Navigate to="/portal/sign-in" replace />} />
      </Routes>
    );
  return (
    <Routes>
      <Route index element={<PortalHomePage givenName={state.session.givenName} />} />
      <Route path="consents" element={<PortalConsentsPage />} />
      <Route path="my-care" element={<PortalCarePage />} />
      <Route path="who-saw-my-record" element={<PortalDisclosuresPage />} />
      <Route path="*" element={<Navigate to="/portal" replace />} />
    </Routes>
  );
}

/** The person's portal at /portal: its own frame, session and language, apart from the staff app. */
export function PortalRoutes({ api }: { api?: PortalApi } = {}) {
  return (
    <PortalProvider {...(api ? { api } : {})}>
      <PortalLayout>
        <PortalPages />
      </PortalLayout>
    </PortalProvider>
  );
}
