import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../api/api-error.ts';
import { useSession, useSessionContext } from './session-provider.tsx';

/**
 * Chooses the active organization. Shown only to people with more than one membership; roles, and so
 * the navigation, follow the active organization.
 */
export function OrganizationSwitcher() {
  const session = useSession();
  const { switchOrganization } = useSessionContext();
  const navigate = useNavigate();
  const [isSwitching, setSwitching] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (session.memberships.length <= 1) return null;

  async function handleChange(organizationId: string) {
    if (!organizationId || organizationId === session.activeOrganizationId) return;
    setSwitching(true);
    setError(null);
    try {
      await switchOrganization(organizationId);
      // The page on screen belonged to the previous organization; start again from Home.
      void navigate('/');
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setSwitching(false);
    }
  }

  return (
    <div className="org-switcher">
      <label htmlFor="organization-switcher" className="org-switcher-label">
        Organization
      </label>
      <select
        id="organization-switcher"
        className="input select org-switcher-select"
        value={session.activeOrganizationId ?? ''}
        disabled={isSwitching}
        aria-describedby={error ? 'organization-switcher-error' : undefined}
        onChange={(event) => void handleChange(event.currentTarget.value)}
      >
        {session.activeOrganizationId === null ? <option value="">Choose an organization</option> : null}
        {session.memberships.map((membership) => (
          <option key={membership.organizationId} value={membership.organizationId}>
            {membership.organizationName}
          </option>
        ))}
      </select>
      {error ? (
        <p className="org-switcher-error" id="organization-switcher-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
