import { Link } from 'react-router-dom';
import { activeMembership, hasRole, useSession } from '../../app/session-provider.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { AccessGrantsPanel } from './access-grants-panel.tsx';

export function AdminOverviewPage() {
  const session = useSession();
  const membership = activeMembership(session);
  const isNetworkAdmin = hasRole(session, 'network_admin');
  return (
    <>
      <PageHeading
        title="Administration"
        description={
          isNetworkAdmin
            ? 'You administer the whole care network.'
            : `You administer ${membership?.organizationName ?? 'your organization'}.`
        }
      />
      <ul className="card-grid">
        <li className="card card-link">
          <Link to="/admin/organizations">Organizations</Link>
          <p>
            {isNetworkAdmin
              ? 'Partners of the network, their locations, people and API tokens.'
              : 'Your organization, its locations, people and API tokens.'}
          </p>
        </li>
        <li className="card card-link">
          <Link to="/admin/users">Users</Link>
          <p>Staff accounts: create, disable or enable, and unlock after failed sign-ins.</p>
        </li>
        {isNetworkAdmin ? (
          <li className="card card-link">
            <Link to="/admin/ehr-connections">EHR connections</Link>
            <p>EHRs that call the CDS Hooks services with a signed JWT or open Continuum with SMART App Launch.</p>
          </li>
        ) : null}
        {membership && !isNetworkAdmin ? (
          <li className="card card-link">
            <Link to={`/admin/organizations/${membership.organizationId}/memberships`}>People in {membership.organizationName}</Link>
            <p>Who works here and with which roles.</p>
          </li>
        ) : null}
      </ul>
      <AccessGrantsPanel />
    </>
  );
}
