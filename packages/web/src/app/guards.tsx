import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { describeError } from '../api/api-error.ts';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { canSeeSection, getNavSection } from './nav-config.ts';
import { activeMembership, useSession, useSessionContext } from './session-provider.tsx';

/** Where the login page sends the person afterwards. */
export interface LoginRedirectState {
  from?: string;
}

/** Renders its children only for a signed-in user; everyone else goes to the login page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, refresh } = useSessionContext();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <p className="page-status" role="status">
        Loading Continuum…
      </p>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <div className="page-status">
        <Alert tone="error" title="Continuum is not available right now">
          <p>{describeError(state.error)}</p>
          <Button variant="primary" onClick={() => void refresh()}>
            Try again
          </Button>
        </Alert>
      </div>
    );
  }
  if (state.status === 'signed-out') {
    const redirect: LoginRedirectState = state.reason === 'signed-out' ? {} : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={redirect} />;
  }
  return children;
}

/** Renders a section only for roles that the navigation config lets see it. */
export function RequireSection({ id, children }: { id: string; children: ReactNode }) {
  const session = useSession();
  const section = getNavSection(id);
  if (canSeeSection(section, session.roles)) return children;
  const organization = activeMembership(session);
  return (
    <>
      <PageHeading title="Not available to your roles" />
      <Alert tone="warning">
        {section.label} is not available to your roles
        {organization ? ` in ${organization.organizationName}` : ''}. If you work in another organization, switch to it at the top of the
        page, or ask an administrator for access.
      </Alert>
    </>
  );
}
