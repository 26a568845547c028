import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { formatRoles } from './role-options.ts';

/**
 * EHR connections (network administrators): which EHRs call the CDS Hooks services with a signed
 * JWT and which launch Continuum as a SMART app, for which organization, with how many EHR users
 * mapped. Registration is through the API (docs/integration.md, "Connecting an EHR").
 */
export function EhrConnectionsPage() {
  const client = useApi();
  const connections = useApiData(() => client.listEhrConnections(), []);
  const organizations = useApiData(() => client.listOrganizations({ limit: 500 }), []);
  const orgName = (id: string) => organizations.data?.items.find((o) => o.id === id)?.name ?? 'Organization';
  return (
    <>
      <PageHeading
        eyebrow="Administration"
        title="EHR connections"
        description="EHRs that call the prescribing-safety CDS Hooks services with a signed JWT, and EHRs that open Continuum with SMART App Launch."
      />
      {connections.error ? <Alert tone="error">{describeError(connections.error)}</Alert> : null}
      <Table caption="EHR connections">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Organization and roles</th>
            <th scope="col">CDS Hooks</th>
            <th scope="col">SMART launch</th>
            <th scope="col">EHR users mapped</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {(connections.data ?? []).map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td data-label="Organization and roles">
                {orgName(c.organizationId)} — {formatRoles(c.roles)}
              </td>
              <td data-label="CDS Hooks">
                {c.cds
                  ? `${c.cds.issuer} (${c.cds.jwksUrl ? 'JWK Set URL' : `${c.cds.publicKeyCount} registered key${c.cds.publicKeyCount === 1 ? '' : 's'}`})`
                  : 'Not registered'}
              </td>
              <td data-label="SMART launch">
                {c.smart
                  ? `${c.smart.fhirBaseUrl} (${c.smart.confidential ? 'confidential' : 'public'} client ${c.smart.clientId})`
                  : 'Not registered'}
              </td>
              <td data-label="EHR users mapped">{c.userLinkCount}</td>
              <td data-label="Status">
                <Badge tone={c.active ? 'positive' : 'neutral'}>{c.active ? 'Active' : 'Inactive'}</Badge>
                <div className="muted">Since {formatDateTime(c.createdAt, '')}</div>
              </td>
            </tr>
          ))}
          {!connections.data && connections.isLoading ? <EmptyRow columns={6}>Loading EHR connections…</EmptyRow> : null}
          {connections.data && connections.data.length === 0 ? <EmptyRow columns={6}>No EHR is connected yet.</EmptyRow> : null}
        </tbody>
      </Table>
    </>
  );
}
