import type { Location } from '@continuum/contracts';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { LocationForm } from './location-form.tsx';
import { useOrganizationOutlet } from './organization-detail-page.tsx';

type Editing = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; location: Location };

function formatAddress(location: Location): string {
  return [location.address1, location.address2, `${location.city}, ${location.region} ${location.postalCode}`].filter(Boolean).join(', ');
}

export function LocationsPanel() {
  const { organization } = useOrganizationOutlet();
  const client = useApi();
  const { data, error, isLoading, reload } = useApiData(() => client.listLocations(organization.id), [organization.id]);
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [notice, setNotice] = useState<string | null>(null);

  function saved(message: string) {
    setEditing({ mode: 'closed' });
    setNotice(message);
    reload();
  }

  return (
    <section aria-labelledby="locations-heading">
      <div className="section-heading">
        <h2 id="locations-heading">Locations</h2>
        {editing.mode === 'closed' ? (
          <Button
            variant="primary"
            onClick={() => {
              setNotice(null);
              setEditing({ mode: 'new' });
            }}
          >
            Add location
          </Button>
        ) : null}
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {editing.mode !== 'closed' ? (
        <div className="card form-card">
          <h3>{editing.mode === 'new' ? 'New location' : `Edit ${editing.location.name}`}</h3>
          <LocationForm
            key={editing.mode === 'edit' ? editing.location.id : 'new'}
            organizationId={organization.id}
            {...(editing.mode === 'edit' ? { location: editing.location } : {})}
            onSaved={(location) => saved(editing.mode === 'new' ? `${location.name} added.` : `${location.name} saved.`)}
            onCancel={() => setEditing({ mode: 'closed' })}
          />
        </div>
      ) : null}
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <Table caption={`Locations of ${organization.name}`} isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.map((location) => (
            <tr key={location.id}>
              <th scope="row">{location.name}</th>
              <td data-label="Address">{formatAddress(location)}</td>
              <td data-label="Status">{location.active ? <Badge tone="positive">Active</Badge> : <Badge>Inactive</Badge>}</td>
              <td className="table-actions">
                <Button
                  size="small"
                  aria-label={`Edit ${location.name}`}
                  onClick={() => {
                    setNotice(null);
                    setEditing({ mode: 'edit', location });
                  }}
                >
                  Edit
                </Button>
              </td>
            </tr>
          ))}
          {!data && isLoading ? <EmptyRow columns={4}>Loading locations…</EmptyRow> : null}
          {data && data.length === 0 ? <EmptyRow columns={4}>No locations yet. Add the sites where people are seen.</EmptyRow> : null}
        </tbody>
      </Table>
    </section>
  );
}
