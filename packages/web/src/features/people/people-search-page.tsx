import { careEventImportRoles } from '@continuum/contracts';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { filtersFromForm } from '../../app/url-filters.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { personName } from '../../ui/person-format.ts';
import { sexLabels } from './people-format.ts';

/**
 * Person search. Results only ever contain people the caller may see; someone outside their reach
 * looks exactly like someone who is not registered.
 */
export function PeopleSearchPage() {
  const client = useApi();
  const session = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const birthDate = searchParams.get('birthDate') ?? '';
  const hasQuery = q.trim().length >= 2 || Boolean(birthDate);
  const mayRegister = hasRole(session, 'clinician', 'care_navigator', 'partner_staff');
  const mayImport = hasRole(session, ...careEventImportRoles);

  const { data, error, isLoading } = useApiData(
    () =>
      hasQuery
        ? client.searchPeople({ q: q.trim().length >= 2 ? q.trim() : undefined, birthDate: birthDate || undefined })
        : Promise.resolve(null),
    [q, birthDate],
  );

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(filtersFromForm(event.currentTarget, ['q', 'birthDate']));
  }

  return (
    <>
      <PageHeading
        title="People"
        description="Find a person your organization works with. Only people you may see appear here."
        actions={
          <>
            {mayRegister ? (
              <ButtonLink to="/people/new" variant="primary">
                Register a person
              </ButtonLink>
            ) : null}
            {mayImport ? <ButtonLink to="/people/import">Import records</ButtonLink> : null}
          </>
        }
      />
      <form key={`${q}|${birthDate}`} className="filters" role="search" aria-label="Find a person" onSubmit={applyFilters}>
        <TextField id="people-q" label="Name or identifier" type="search" name="q" defaultValue={q} hint="At least 2 characters" />
        <TextField id="people-birth-date" label="Date of birth" type="date" name="birthDate" defaultValue={birthDate} isOptional />
        <div className="filters-actions">
          <Button type="submit">Search</Button>
        </div>
      </form>
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      {hasQuery ? (
        <Table caption={data ? `People found (${data.items.length}${data.hasMore ? '+' : ''})` : 'People found'}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Date of birth</th>
              <th scope="col">Sex</th>
              <th scope="col">Town</th>
            </tr>
          </thead>
          <tbody aria-busy={isLoading}>
            {data?.items.map((person) => (
              <tr key={person.id}>
                <th scope="row">
                  <Link to={`/people/${person.id}`}>{personName(person)}</Link>
                </th>
                <td data-label="Date of birth" className="nowrap">
                  {formatDate(`${person.birthDate}T12:00:00Z`)}
                </td>
                <td data-label="Sex">{sexLabels[person.sex]}</td>
                <td data-label="Town">{[person.town, person.postalCode].filter(Boolean).join(' ') || '—'}</td>
              </tr>
            ))}
            {!data && isLoading ? <EmptyRow columns={4}>Searching…</EmptyRow> : null}
            {data && data.items.length === 0 ? (
              <EmptyRow columns={4}>
                Nobody you may see matches. If the person is new to your organization, register them — the duplicate check runs first.
              </EmptyRow>
            ) : null}
          </tbody>
        </Table>
      ) : (
        <p className="muted">Search by name, an identifier such as a medical record number, or a date of birth.</p>
      )}
      {data?.hasMore ? <p className="muted">More people match; add a date of birth to narrow the search.</p> : null}
    </>
  );
}
