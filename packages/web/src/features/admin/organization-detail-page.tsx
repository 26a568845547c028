import { organizationTypeLabels, type Organization } from '@continuum/contracts';
import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { OrganizationForm } from './organization-form.tsx';

export interface OrganizationOutletContext {
  organization: Organization;
  reload: () => void;
}

export function useOrganizationOutlet(): OrganizationOutletContext {
  return useOutletContext<OrganizationOutletContext>();
}

const tabs = [
  { path: '', label: 'Details' },
  { path: 'locations', label: 'Locations' },
  { path: 'memberships', label: 'Memberships' },
  { path: 'api-tokens', label: 'API tokens' },
];

/** One organization, with tabs for its details, locations, memberships and API tokens. */
export function OrganizationDetailPage() {
  const { organizationId = '' } = useParams();
  const client = useApi();
  const { data: organization, error, isLoading, reload } = useApiData(() => client.getOrganization(organizationId), [organizationId]);

  if (error && !organization) {
    const isMissing = isApiError(error, 'ORGANIZATION_NOT_FOUND') || isApiError(error, 'NOT_FOUND');
    return (
      <>
        <PageHeading eyebrow="Administration" title={isMissing ? 'Organization not found' : 'Organization'} />
        <Alert tone="error">{isMissing ? 'This organization does not exist, or you cannot see it.' : describeError(error)}</Alert>
        <p>
          <Link to="/admin/organizations">Back to organizations</Link>
        </p>
      </>
    );
  }
  if (!organization || (isLoading && organization.id !== organizationId)) {
    return (
      <p className="page-status" role="status">
        Loading organization…
      </p>
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/organizations">Organizations</Link>
      </p>
      <PageHeading
        title={organization.name}
        description={
          <>
            {organizationTypeLabels[organization.type]}{' '}
            {organization.active ? <Badge tone="positive">Active</Badge> : <Badge>Inactive</Badge>}
          </>
        }
      />
      <nav className="tabs" aria-label="Organization sections">
        {tabs.map((tab) => (
          <NavLink key={tab.path} to={tab.path} end className="tab">
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet context={{ organization, reload } satisfies OrganizationOutletContext} />
    </>
  );
}

/** The Details tab: edit the organization, including whether it is active. */
export function OrganizationDetailsTab() {
  const { organization, reload } = useOrganizationOutlet();
  const location = useLocation();
  const initialNotice = (location.state as { notice?: string } | null)?.notice ?? null;
  const [notice, setNotice] = useState<string | null>(initialNotice);
  return (
    <section className="card form-card" aria-labelledby="organization-details">
      <h2 id="organization-details">Details</h2>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <OrganizationForm
        key={organization.updatedAt}
        organization={organization}
        onSaved={() => {
          setNotice('Changes saved.');
          reload();
        }}
      />
    </section>
  );
}
