import { purposeLabels, type DisclosureQuery } from '@continuum/contracts';
import type { FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { ApiError, describeError, fieldErrorMap } from '../../api/api-error.ts';
import { disclosuresCsvPath } from './api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { filtersFromForm } from '../../app/url-filters.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { accessBasisLabels, kindLabel } from '../../ui/person-format.ts';
import './consent.css';

const channelLabels = { web: 'Web app', api: 'API', fhir: 'FHIR', export: 'Export' } as const;

/**
 * The accounting of disclosures for one person (privacy officers): who received which kinds of
 * records, when, why and under which consent or exception — the last 3 years unless filtered.
 * Printable, and downloadable as CSV.
 */
export function DisclosuresPage() {
  const { personId = '' } = useParams();
  const client = useApi();
  const [searchParams, setSearchParams] = useSearchParams();
  const from = searchParams.get('from') ?? '';
  const to = searchParams.get('to') ?? '';
  const query: DisclosureQuery = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const { data, error, isLoading } = useApiData(() => client.listDisclosures(personId, query), [personId, from, to]);

  const fieldErrors = error instanceof ApiError ? fieldErrorMap(error.fields) : {};

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(filtersFromForm(event.currentTarget, ['from', 'to']));
  }

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to={`/people/${personId}`}>{data?.personName ?? 'Person'}</Link>
      </p>
      <PageHeading
        eyebrow="Privacy"
        title={data ? `Accounting of disclosures: ${data.personName}` : 'Accounting of disclosures'}
        description={
          data
            ? `From ${formatDate(`${data.from}T12:00:00Z`)} to ${formatDate(`${data.to}T12:00:00Z`)}`
            : 'The last 3 years unless you choose dates.'
        }
        actions={
          <span className="no-print page-actions">
            <Button onClick={() => window.print()}>Print</Button>
            <a className="button button-secondary" href={disclosuresCsvPath(personId, query)} download>
              Download CSV
            </a>
          </span>
        }
      />
      <form key={`${from}|${to}`} className="filters no-print" aria-label="Choose dates" onSubmit={apply}>
        <TextField id="disclosures-from" label="From" type="date" name="from" defaultValue={from} isOptional error={fieldErrors.from} />
        <TextField id="disclosures-to" label="To" type="date" name="to" defaultValue={to} isOptional error={fieldErrors.to} />
        <div className="filters-actions">
          <Button type="submit">Show</Button>
        </div>
      </form>
      {error ? (
        <Alert tone="error">
          {describeError(error)}
          {fieldErrors.from ? ` From: ${fieldErrors.from}.` : ''}
          {fieldErrors.to ? ` To: ${fieldErrors.to}.` : ''}
        </Alert>
      ) : null}
      <Table caption={data ? `Disclosures (${data.items.length})` : 'Disclosures'} narrowLayout="stack">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Recipient</th>
            <th scope="col">From</th>
            <th scope="col">Information</th>
            <th scope="col">Purpose</th>
            <th scope="col">Under</th>
          </tr>
        </thead>
        <tbody aria-busy={isLoading}>
          {data?.items.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="nowrap">
                {formatDateTime(item.occurredAt)}
              </th>
              <td data-label="Recipient">
                {item.recipientOrganizationName ?? '—'}
                {item.recipientUserName ? ` (${item.recipientUserName})` : ''}
              </td>
              <td data-label="From">{item.sourceOrganizationName ?? 'Several organizations'}</td>
              <td data-label="Information">
                {item.kinds.map(kindLabel).join(', ')} · {item.recordCount} {item.recordCount === 1 ? 'record' : 'records'} ·{' '}
                {channelLabels[item.channel]}
              </td>
              <td data-label="Purpose">{purposeLabels[item.purpose].en}</td>
              <td data-label="Under">
                {item.consentId ? (
                  <Link to={`/consents/${item.consentId}`}>{accessBasisLabels[item.basis]}</Link>
                ) : (
                  accessBasisLabels[item.basis]
                )}
              </td>
            </tr>
          ))}
          {!data && isLoading ? <EmptyRow columns={6}>Loading disclosures…</EmptyRow> : null}
          {data && data.items.length === 0 ? <EmptyRow columns={6}>No disclosures recorded in this period.</EmptyRow> : null}
        </tbody>
      </Table>
    </>
  );
}
