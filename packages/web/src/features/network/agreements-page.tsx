import { type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  agreementKindLabels,
  agreementKinds,
  agreementStateLabels,
  agreementStates,
  type Agreement,
  type AgreementKind,
  type AgreementListQuery,
  type AgreementState,
} from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { filtersFromForm } from '../../app/url-filters.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { useNetworkApi } from './api-context.tsx';
import { NetworkNav } from './network-nav.tsx';
import { agreementStateTone, formatDay as formatDate, renewalsDue, stateLabel } from './network-format.ts';

const isKind = (v: string | null): v is AgreementKind => agreementKinds.includes(v as AgreementKind);
const isState = (v: string | null): v is AgreementState => agreementStates.includes(v as AgreementState);

/** The agreements register: network staff see every agreement; members see those their organization is party to. */
export function AgreementsPage() {
  const api = useNetworkApi();
  const session = useSession();
  const isManager = hasRole(session, 'network_admin');
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const stateParam = params.get('state');
  const query: AgreementListQuery = {
    ...(isKind(kindParam) ? { kind: kindParam } : {}),
    ...(isState(stateParam) ? { state: stateParam } : {}),
  };
  const list = useApiData(() => api.listAgreements(query), [query.kind, query.state]);
  // The renewal panel looks at the whole register, whatever the filters.
  const all = useApiData(() => api.listAgreements(), []);
  const due = renewalsDue(all.data ?? []);

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(filtersFromForm(event.currentTarget, ['kind', 'state']));
  }

  return (
    <>
      <PageHeading
        eyebrow="Network"
        title="Agreements"
        description={
          isManager
            ? 'Memoranda of understanding, business associate agreements, QSOAs, data-sharing and referral agreements between members.'
            : 'The agreements your organization is party to.'
        }
        actions={
          <>
            <a className="button button-secondary" href={api.agreementsCsvHref(query)} download>
              Download CSV
            </a>
            {isManager ? (
              <ButtonLink variant="primary" to="/network/agreements/new">
                Register an agreement
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <NetworkNav />
      {due.length > 0 ? (
        <Alert
          tone="warning"
          title={`Renewal due soon: ${due.length} ${due.length === 1 ? 'agreement ends' : 'agreements end'} within 60 days`}
        >
          <ul aria-label="Renewals due">
            {due.map((a) => (
              <li key={a.id}>
                <Link to={`/network/agreements/${a.id}`}>{a.title}</Link> — ends on {formatDate(a.endsOn)} ({stateLabel(a).toLowerCase()})
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <form
        key={`${query.kind ?? ''}|${query.state ?? ''}`}
        className="filters"
        role="search"
        aria-label="Filter agreements"
        onSubmit={applyFilters}
      >
        <SelectField
          id="agreements-kind"
          name="kind"
          label="Kind"
          defaultValue={query.kind ?? ''}
          options={[{ value: '', label: 'Any kind' }, ...agreementKinds.map((k) => ({ value: k, label: agreementKindLabels[k] }))]}
        />
        <SelectField
          id="agreements-state"
          name="state"
          label="Status"
          defaultValue={query.state ?? ''}
          options={[{ value: '', label: 'Any status' }, ...agreementStates.map((s) => ({ value: s, label: agreementStateLabels[s] }))]}
        />
        <div className="filters-actions">
          <Button type="submit">Apply filters</Button>
        </div>
      </form>
      {list.error ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      <AgreementsTable items={list.data} isLoading={list.isLoading} />
    </>
  );
}

function AgreementsTable({ items, isLoading }: { items: Agreement[] | undefined; isLoading: boolean }) {
  return (
    <Table caption="Agreements, ending soonest first">
      <thead>
        <tr>
          <th scope="col">Agreement</th>
          <th scope="col">Kind</th>
          <th scope="col">Parties</th>
          <th scope="col">In force from</th>
          <th scope="col">Ends on</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {!items && isLoading ? <EmptyRow columns={6}>Loading…</EmptyRow> : null}
        {items && items.length === 0 ? <EmptyRow columns={6}>No agreements match.</EmptyRow> : null}
        {items?.map((a) => (
          <tr key={a.id} className={a.state === 'ending_soon' ? 'network-row-due' : undefined}>
            <td data-label="Agreement">
              <Link to={`/network/agreements/${a.id}`}>{a.title}</Link>
            </td>
            <td data-label="Kind">{agreementKindLabels[a.kind]}</td>
            <td data-label="Parties">{a.parties.map((p) => p.organizationName).join(', ')}</td>
            <td data-label="In force from">{formatDate(a.effectiveOn)}</td>
            <td data-label="Ends on">{a.endsOn ? formatDate(a.endsOn) : 'Open-ended'}</td>
            <td data-label="Status">
              <Badge tone={agreementStateTone[a.state]}>{stateLabel(a)}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
