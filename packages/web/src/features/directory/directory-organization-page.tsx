import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { DirectoryLocation } from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { capacitySummary, verificationText } from './directory-format.ts';
import { DirectoryLocationForm } from './directory-location-form.tsx';
import { DirectoryOrganizationForm } from './directory-organization-form.tsx';
import { serviceStatusLabels } from './directory-service-form.tsx';
import { canEditListing } from './listing-permissions.ts';

type Editing = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; location: DirectoryLocation };

function formatAddress(location: DirectoryLocation): string {
  return [location.address1, location.address2, `${location.city}, ${location.region} ${location.postalCode}`].filter(Boolean).join(', ');
}

/** One listing: verification, the organization's details, its locations and its services. */
export function DirectoryOrganizationPage() {
  const { id = '' } = useParams();
  const client = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [isEditingDetails, setEditingDetails] = useState(false);
  const [editingLocation, setEditingLocation] = useState<Editing>({ mode: 'closed' });
  const [newServiceName, setNewServiceName] = useState('');
  const organization = useApiData(() => client.getDirectoryOrganization(id), [id]);
  const locations = useApiData(() => client.listDirectoryLocations(id), [id]);
  const services = useApiData(() => client.listDirectoryServices(id), [id]);
  const verify = useSubmission();
  const addService = useSubmission();

  const data = organization.data;
  if (!data || data.id !== id) {
    if (organization.error) {
      const isMissing = isApiError(organization.error, 'DIRECTORY_ORGANIZATION_NOT_FOUND') || isApiError(organization.error, 'NOT_FOUND');
      return (
        <>
          <PageHeading title={isMissing ? 'Listing not found' : 'Listing'} />
          <Alert tone="error">{isMissing ? 'This listing does not exist.' : describeError(organization.error)}</Alert>
          <p>
            <Link to="/directory">Back to the directory</Link>
          </p>
        </>
      );
    }
    return (
      <p className="page-status" role="status">
        Loading listing…
      </p>
    );
  }

  const canEdit = canEditListing(session, data.memberOrganizationId);

  async function verifyListing() {
    setNotice(null);
    const result = await verify.run(() => client.verifyDirectoryOrganization(id));
    if (result.ok) {
      setNotice('Listing verified.');
      organization.reload();
    }
  }

  async function createService() {
    const result = await addService.run(() => client.createDirectoryService(id, { name: newServiceName }));
    if (result.ok)
      navigate(`/directory/services/${result.value.id}`, {
        state: { notice: 'Service added. Add what it offers, its hours and its capacity.' },
      });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/directory">Directory</Link>
      </p>
      <PageHeading title={data.name} description={data.memberOrganizationId === null ? <Badge>Not a network member</Badge> : undefined} />
      {notice ? <Alert tone="success">{notice}</Alert> : null}

      <section aria-labelledby="verification-heading" className="directory-section card">
        <h2 id="verification-heading">Verification</h2>
        <p>{verificationText(data.verifiedAt, data.verifiedByLabel)}</p>
        {canEdit ? (
          <>
            <p className="muted">Verify when you have checked that the services, locations, hours and contacts below are correct.</p>
            <Button variant="primary" onClick={() => void verifyListing()} isPending={verify.isPending} pendingLabel="Verifying…">
              Verify listing
            </Button>
          </>
        ) : null}
        {verify.errors ? <Alert tone="error">{verify.errors.message}</Alert> : null}
      </section>

      <section aria-labelledby="details-heading" className="directory-section">
        <div className="section-heading">
          <h2 id="details-heading">Details</h2>
          {canEdit && !isEditingDetails ? <Button onClick={() => setEditingDetails(true)}>Edit details</Button> : null}
        </div>
        {isEditingDetails ? (
          <div className="card form-card">
            <DirectoryOrganizationForm
              organization={data}
              onSaved={() => {
                setEditingDetails(false);
                setNotice('Changes saved.');
                organization.reload();
              }}
              onCancel={() => setEditingDetails(false)}
            />
          </div>
        ) : (
          <dl className="details">
            <div>
              <dt>Description</dt>
              <dd>{data.description ?? '—'}</dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>{data.phone ?? '—'}</dd>
            </div>
            <div>
              <dt>Website</dt>
              <dd>{data.website ?? '—'}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>{data.email ?? '—'}</dd>
            </div>
          </dl>
        )}
      </section>

      <section aria-labelledby="services-heading" className="directory-section">
        <h2 id="services-heading">Services</h2>
        {services.error ? <Alert tone="error">{describeError(services.error)}</Alert> : null}
        <Table caption={`Services of ${data.name}`} isCaptionHidden>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Status</th>
              <th scope="col">Capacity</th>
            </tr>
          </thead>
          <tbody>
            {services.data?.map((service) => (
              <tr key={service.id}>
                <th scope="row">
                  <Link to={`/directory/services/${service.id}`}>{service.name}</Link>
                </th>
                <td data-label="Status">
                  {service.status === 'active' ? (
                    <Badge tone="positive">Active</Badge>
                  ) : (
                    <Badge>{serviceStatusLabels[service.status]}</Badge>
                  )}
                </td>
                <td data-label="Capacity">
                  {service.capacities.length === 0
                    ? 'Not reported'
                    : service.capacities.map((capacity) => (
                        <p key={capacity.unit} className="table-line">
                          {capacity.stale ? <Badge tone="warning">Not confirmed recently</Badge> : null} {capacitySummary(capacity)}
                        </p>
                      ))}
                </td>
              </tr>
            ))}
            {!services.data && services.isLoading ? <EmptyRow columns={3}>Loading services…</EmptyRow> : null}
            {services.data && services.data.length === 0 ? <EmptyRow columns={3}>No services yet.</EmptyRow> : null}
          </tbody>
        </Table>
        {canEdit ? (
          <form
            className="filters"
            aria-label="Add a service"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void createService();
            }}
          >
            <TextField
              id="new-service-name"
              label="New service name"
              name="name"
              value={newServiceName}
              error={addService.errors ? (addService.errors.fields.name ?? addService.errors.message) : undefined}
              onChange={(event) => setNewServiceName(event.currentTarget.value)}
            />
            <div className="filters-actions">
              <Button type="submit" isPending={addService.isPending} pendingLabel="Adding…">
                Add service
              </Button>
            </div>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="locations-heading" className="directory-section">
        <div className="section-heading">
          <h2 id="locations-heading">Locations</h2>
          {canEdit && editingLocation.mode === 'closed' ? (
            <Button
              onClick={() => {
                setNotice(null);
                setEditingLocation({ mode: 'new' });
              }}
            >
              Add location
            </Button>
          ) : null}
        </div>
        {editingLocation.mode !== 'closed' ? (
          <div className="card form-card">
            <h3>{editingLocation.mode === 'new' ? 'New location' : `Edit ${editingLocation.location.name}`}</h3>
            <DirectoryLocationForm
              key={editingLocation.mode === 'edit' ? editingLocation.location.id : 'new'}
              organizationId={id}
              {...(editingLocation.mode === 'edit' ? { location: editingLocation.location } : {})}
              onSaved={(saved) => {
                setNotice(editingLocation.mode === 'new' ? `${saved.name} added.` : `${saved.name} saved.`);
                setEditingLocation({ mode: 'closed' });
                locations.reload();
                organization.reload();
              }}
              onCancel={() => setEditingLocation({ mode: 'closed' })}
            />
          </div>
        ) : null}
        {locations.error ? <Alert tone="error">{describeError(locations.error)}</Alert> : null}
        <Table caption={`Locations of ${data.name}`} isCaptionHidden>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Phone</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {locations.data?.map((item) => (
              <tr key={item.id}>
                <th scope="row">{item.name}</th>
                <td data-label="Address">{formatAddress(item)}</td>
                <td data-label="Phone">{item.phone ?? '—'}</td>
                <td className="table-actions">
                  {canEdit ? (
                    <Button
                      size="small"
                      aria-label={`Edit ${item.name}`}
                      onClick={() => setEditingLocation({ mode: 'edit', location: item })}
                    >
                      Edit
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
            {!locations.data && locations.isLoading ? <EmptyRow columns={4}>Loading locations…</EmptyRow> : null}
            {locations.data && locations.data.length === 0 ? <EmptyRow columns={4}>No locations yet.</EmptyRow> : null}
          </tbody>
        </Table>
      </section>
    </>
  );
}
