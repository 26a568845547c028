import { useNavigate } from 'react-router-dom';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { DirectoryOrganizationForm } from './directory-organization-form.tsx';

/** A network administrator adds an organization to the directory. */
export function DirectoryOrganizationCreatePage() {
  const client = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const isNetworkAdmin = hasRole(session, 'network_admin');
  const members = useApiData(() => (isNetworkAdmin ? client.listOrganizations({ limit: 500 }) : Promise.resolve(null)), [isNetworkAdmin]);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/directory">Directory</Link>
      </p>
      <PageHeading title="New listing" description="An organization in the directory; add its locations and services next." />
      {isNetworkAdmin ? (
        <div className="card form-card">
          <DirectoryOrganizationForm
            memberOptions={members.data?.items.map((organization) => ({ value: organization.id, label: organization.name })) ?? []}
            onSaved={(organization) => navigate(`/directory/organizations/${organization.id}`, { state: { notice: 'Listing created.' } })}
            onCancel={() => navigate('/directory')}
          />
        </div>
      ) : (
        <Alert tone="warning">Only network administrators add organizations to the directory.</Alert>
      )}
    </>
  );
}
