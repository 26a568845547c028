import { taxonomyTerms } from '@continuum/contracts';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { CapacityPanel } from './capacity-panel.tsx';
import { verificationText } from './directory-format.ts';
import { DirectoryServiceForm, serviceStatusLabels } from './directory-service-form.tsx';
import { canEditListing } from './listing-permissions.ts';
import { ScheduleEditor } from './schedule-editor.tsx';

/** One service: its capacity (one action to update), its listing details and its weekly hours. */
export function DirectoryServicePage() {
  const { id = '' } = useParams();
  const client = useApi();
  const session = useSession();
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [isEditing, setEditing] = useState(false);
  const service = useApiData(() => client.getDirectoryService(id), [id]);
  const organizationId = service.data?.organizationId;
  const organization = useApiData(
    () => (organizationId ? client.getDirectoryOrganization(organizationId) : Promise.resolve(null)),
    [organizationId],
  );
  const locations = useApiData(
    () => (organizationId ? client.listDirectoryLocations(organizationId) : Promise.resolve([])),
    [organizationId],
  );

  const data = service.data;
  if (!data || data.id !== id) {
    if (service.error) {
      const isMissing = isApiError(service.error, 'DIRECTORY_SERVICE_NOT_FOUND') || isApiError(service.error, 'NOT_FOUND');
      return (
        <>
          <PageHeading title={isMissing ? 'Service not found' : 'Service'} />
          <Alert tone="error">{isMissing ? 'This service does not exist.' : describeError(service.error)}</Alert>
          <p>
            <Link to="/directory">Back to the directory</Link>
          </p>
        </>
      );
    }
    return (
      <p className="page-status" role="status">
        Loading service…
      </p>
    );
  }

  const canEdit = organization.data ? canEditListing(session, organization.data.memberOrganizationId) : false;

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/directory/organizations/${data.organizationId}`}>{data.organizationName}</Link>
      </p>
      <PageHeading
        title={data.name}
        eyebrow={data.organizationName}
        description={verificationText(data.verifiedAt, data.verifiedByLabel)}
      />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <CapacityPanel key={`capacity-${data.id}`} service={data} canEdit={canEdit} onUpdated={service.reload} />
      <section aria-labelledby="listing-heading" className="directory-section">
        <div className="section-heading">
          <h2 id="listing-heading">Listing</h2>
          {canEdit && !isEditing ? (
            <Button
              onClick={() => {
                setNotice(null);
                setEditing(true);
              }}
            >
              Edit service
            </Button>
          ) : null}
        </div>
        {isEditing ? (
          <div className="card form-card">
            <DirectoryServiceForm
              service={data}
              locations={locations.data ?? []}
              onSaved={() => {
                setEditing(false);
                setNotice('Service saved.');
                service.reload();
              }}
              onCancel={() => setEditing(false)}
            />
          </div>
        ) : (
          <dl className="details">
            <div>
              <dt>Status</dt>
              <dd>{serviceStatusLabels[data.status]}</dd>
            </div>
            <div>
              <dt>Offers</dt>
              <dd>{data.codes.length > 0 ? data.codes.map((code) => taxonomyTerms[code].en).join(', ') : '—'}</dd>
            </div>
            <div>
              <dt>Locations</dt>
              <dd>
                {data.locationIds.length > 0
                  ? data.locationIds.map((locationId) => locations.data?.find((item) => item.id === locationId)?.name ?? '…').join(', ')
                  : 'None yet'}
              </dd>
            </div>
            <div>
              <dt>Description</dt>
              <dd>{data.description ?? '—'}</dd>
            </div>
          </dl>
        )}
      </section>
      {locations.data ? (
        <ScheduleEditor
          key={`hours-${data.id}`}
          service={data}
          locations={locations.data}
          canEdit={canEdit}
          onSaved={() => service.reload()}
        />
      ) : null}
    </>
  );
}
