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
import { CheckboxField, TextField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { verificationText } from './directory-format.ts';

const pageSize = 25;
/** Listings not verified for this many days are due for a check (the reminder job uses the same figure). */
export const verificationDueDays = 90;

/** The resource directory for staff: every listing, its last verification, and reminders for your own. */
export function DirectoryPage() {
  const client = useApi();
  const session = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const isMine = searchParams.get('mine') === 'true';
  const isDue = searchParams.get('due') === 'true';
  const offset = offsetFrom(searchParams);
  const memberOrganizationId = isMine ? (session.activeOrganizationId ?? undefined) : undefined;

  const { data, error, isLoading } = useApiData(
    () =>
      client.listDirectoryOrganizations({
        q: q || undefined,
        memberOrganizationId,
        unverifiedForDays: isDue ? verificationDueDays : undefined,
        limit: pageSize,
        offset,
      }),
    [q, memberOrganizationId, isDue, offset],
  );
  const reminders = useApiData(() => client.listVerificationReminders(), []);

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(filtersFromForm(event.currentTarget, ['q', 'mine', 'due']));
  }

  return (
    <>
      <PageHeading
        title="Directory"
        description={
          <>
            Every organization, service and location in the community, with live capacity. The public sees these listings in the{' '}
            <Link to="/find">treatment locator</Link>.
          </>
        }
        actions={
          hasRole(session, 'network_admin') ? (
            <ButtonLink to="/directory/organizations/new" variant="primary">
              New listing
            </ButtonLink>
          ) : null
        }
      />
      {reminders.data && reminders.data.length > 0 ? (
        <Alert tone="warning" title="Listings due for verification">
          <p>These listings have not been verified for {verificationDueDays} days. Check them and press “Verify listing”.</p>
          <ul>
            {reminders.data.map((reminder) => (
              <li key={reminder.id}>
                <Link to={`/directory/organizations/${reminder.directoryOrganizationId}`}>{reminder.directoryOrganizationName}</Link>
                {' — '}
                {reminder.lastVerifiedAt ? `last verified ${formatDate(reminder.lastVerifiedAt)}` : 'never verified'}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <form key={`${q}|${isMine}|${isDue}`} className="filters" role="search" aria-label="Filter listings" onSubmit={applyFilters}>
        <TextField id="directory-q" label="Search by name" type="search" name="q" defaultValue={q} />
        <CheckboxField id="directory-mine" label="Only my organization" name="mine" value="true" defaultChecked={isMine} />
        <CheckboxField
          id="directory-due"
          label={`Not verified for ${verificationDueDays} days`}
          name="due"
          value="true"
          defaultChecked={isDue}
        />
        <div className="filters-actions">
          <Button type="submit">Search</Button>
        </div>
      </form>
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <Table caption={data ? `Listings (${data.total})` : 'Listings'}>
        <thead>
          <tr>
            <th scope="col">Organization</th>
            <th scope="col">Services</th>
            <th scope="col">Locations</th>
            <th scope="col">Verification</th>
          </tr>
        </thead>
        <tbody aria-busy={isLoading}>
          {data?.items.map((organization) => (
            <tr key={organization.id}>
              <th scope="row">
                <Link to={`/directory/organizations/${organization.id}`}>{organization.name}</Link>
                {organization.memberOrganizationId === null ? (
                  <>
                    {' '}
                    <Badge>Not a network member</Badge>
                  </>
                ) : null}
              </th>
              <td data-label="Services">{organization.serviceCount}</td>
              <td data-label="Locations">{organization.locationCount}</td>
              <td data-label="Verification">{verificationText(organization.verifiedAt, organization.verifiedByLabel)}</td>
            </tr>
          ))}
          {!data && isLoading ? <EmptyRow columns={4}>Loading listings…</EmptyRow> : null}
          {data && data.items.length === 0 ? (
            <EmptyRow columns={4}>{q || isMine || isDue ? 'No listings match these filters.' : 'No listings yet.'}</EmptyRow>
          ) : null}
        </tbody>
      </Table>
      {data ? (
        <Pagination
          label="Listings"
          offset={offset}
          limit={pageSize}
          total={data.total}
          onChange={(next) => setSearchParams(withOffset(searchParams, next))}
        />
      ) : null}
    </>
  );
}
