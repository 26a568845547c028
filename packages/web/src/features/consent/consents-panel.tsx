import { registryActionRoles } from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { ButtonLink } from '../../ui/button.tsx';
import { formatDate } from '../../ui/format.ts';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { Link } from 'react-router-dom';
import { consentStatusLabels, consentTypeLabels, recipientsText } from './consent-format.ts';

/** The person's consents in every state, with a way to start a new one. */
export function ConsentsPanel({ personId, reloadKey }: { personId: string; reloadKey: number }) {
  const client = useApi();
  const session = useSession();
  const mayWrite = hasRole(session, ...registryActionRoles['consent.write']);
  const { data, error, isLoading } = useApiData(() => client.listConsents(personId), [personId, reloadKey]);
  return (
    <section aria-labelledby="consents-heading">
      <div className="section-heading">
        <h2 id="consents-heading">Consents</h2>
        {mayWrite ? (
          <ButtonLink to={`/people/${personId}/consents/new`} variant="primary">
            New consent
          </ButtonLink>
        ) : null}
      </div>
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <Table caption="Consents" isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">Shared with</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Signed</th>
            <th scope="col">Ends</th>
          </tr>
        </thead>
        <tbody>
          {data?.map((consent) => (
            <tr key={consent.id}>
              <th scope="row">
                <Link to={`/consents/${consent.id}`}>{recipientsText(consent)}</Link>
              </th>
              <td data-label="Type">{consentTypeLabels[consent.type]}</td>
              <td data-label="Status">
                <Badge tone={consentStatusLabels[consent.status].tone}>{consentStatusLabels[consent.status].label}</Badge>
              </td>
              <td data-label="Signed" className="nowrap">
                {formatDate(consent.signedAt)}
              </td>
              <td data-label="Ends">
                {consent.expiresOn ? formatDate(`${consent.expiresOn}T12:00:00Z`) : consent.expiryEvent ? 'On an event' : '—'}
              </td>
            </tr>
          ))}
          {!data && isLoading ? <EmptyRow columns={5}>Loading consents…</EmptyRow> : null}
          {data && data.length === 0 ? (
            <EmptyRow columns={5}>No consents recorded. Part 2 information is shared only with the person’s written consent.</EmptyRow>
          ) : null}
        </tbody>
      </Table>
    </section>
  );
}
