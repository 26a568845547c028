import { organizationTypeLabels, organizationTypeSchema } from '@continuum/contracts';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { filtersFromForm, offsetFrom, withOffset } from '../../app/url-filters.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { organizationTypeOptions } from './role-options.ts';

const pageSize = 25;

export function OrganizationsPage() {
  const client = useApi();
  const session = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const parsedType = organizationTypeSchema.safeParse(searchParams.get('type'));
  const type = parsedType.success ? parsedType.data : undefined;
  const offset = offsetFrom(searchParams);

  const { data, error, isLoading } = useApiData(
    () => client.listOrganizations({ q: q || undefined, type, limit: pageSize, offset }),
    [q, type, offset],
  );

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(filtersFromForm(event.currentTarget, ['q', 'type']));
  }

  return (
    <>
      <PageHeading
        eyebrow="Administration"
        title="Organizations"
        description="The partners of the care network: treatment programs, EDs, pharmacies, EMS, re-entry and harm-reduction services."
        actions={
          hasRole(session, 'network_admin') ? (
            <ButtonLink to="/admin/organizations/new" variant="primary">
              New organization
            </ButtonLink>
          ) : null
        }
      />
      <form key={`${q}|${type ?? ''}`} className="filters" role="search" aria-label="Filter organizations" onSubmit={applyFilters}>
        <TextField id="organizations-q" label="Search by name" type="search" name="q" defaultValue={q} />
        <SelectField
          id="organizations-type"
          label="Type"
          name="type"
          defaultValue={type ?? ''}
          options={[{ value: '', label: 'All types' }, ...organizationTypeOptions]}
        />
        <div className="filters-actions">
          <Button type="submit">Search</Button>
        </div>
      </form>
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <Table caption={data ? `Organizations (${data.total})` : 'Organizations'}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Contact</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody aria-busy={isLoading}>
          {data?.items.map((organization) => (
            <tr key={organization.id}>
              <th scope="row">
                <Link to={`/admin/organizations/${organization.id}`}>{organization.name}</Link>
              </th>
              <td data-label="Type">{organizationTypeLabels[organization.type]}</td>
              <td data-label="Contact">{[organization.phone, organization.email].filter(Boolean).join(' · ') || '—'}</td>
              <td data-label="Status">{organization.active ? <Badge tone="positive">Active</Badge> : <Badge>Inactive</Badge>}</td>
              <td data-label="Updated" className="nowrap">
                {formatDate(organization.updatedAt)}
              </td>
            </tr>
          ))}
          {!data && isLoading ? <EmptyRow columns={5}>Loading organizations…</EmptyRow> : null}
          {data && data.items.length === 0 ? (
            <EmptyRow columns={5}>{q || type ? 'No organizations match these filters.' : 'No organizations yet.'}</EmptyRow>
          ) : null}
        </tbody>
      </Table>
      {data ? (
        <Pagination
          label="Organizations"
          offset={offset}
          limit={pageSize}
          total={data.total}
          onChange={(next) => setSearchParams(withOffset(searchParams, next))}
        />
      ) : null}
    </>
  );
}
