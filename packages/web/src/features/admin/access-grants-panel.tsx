import type { AccessGrant } from '@continuum/contracts';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmButton } from '../../ui/confirm-button.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { formatRoles } from './role-options.ts';

function grantSubject(grant: AccessGrant): string {
  return grant.kind === 'membership' ? `Membership of ${grant.userDisplayName ?? 'a user'}` : `API token "${grant.apiTokenName ?? ''}"`;
}

/**
 * Person-level access administrators granted themselves, waiting for a second administrator
 * (docs/privacy.md, "Administrators granting themselves access"). Nobody decides their own.
 */
export function AccessGrantsPanel() {
  const client = useApi();
  const session = useSession();
  const { data, error, isLoading, reload } = useApiData(() => client.listAccessGrants('pending'), []);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [deciding, setDeciding] = useState<string | null>(null);

  async function decide(grant: AccessGrant, decision: 'approve' | 'reject') {
    setDeciding(grant.id);
    setNotice(null);
    try {
      await client.decideAccessGrant(grant.id, decision);
      setNotice({ tone: 'success', text: `${grantSubject(grant)}: ${decision === 'approve' ? 'approved' : 'rejected'}.` });
      reload();
    } catch (caught) {
      setNotice({ tone: 'error', text: describeError(caught) });
    } finally {
      setDeciding(null);
    }
  }

  return (
    <section aria-labelledby="access-grants-heading">
      <h2 id="access-grants-heading">Access waiting for a second administrator</h2>
      <p className="muted">
        Clinical roles administrators gave themselves and API tokens that read person-level records take effect only when another
        administrator approves them. The privacy officer is told of each.
      </p>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <Table caption="Access waiting for a second administrator" isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Organization</th>
            <th scope="col">Roles</th>
            <th scope="col">Asked by</th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.map((grant) => (
            <tr key={grant.id}>
              <th scope="row">{grantSubject(grant)}</th>
              <td data-label="Organization">{grant.organizationName}</td>
              <td data-label="Roles">{formatRoles(grant.roles)}</td>
              <td data-label="Asked by">{grant.requestedByName}</td>
              <td data-label="When" className="nowrap">
                {formatDateTime(grant.requestedAt)}
              </td>
              <td className="table-actions">
                {grant.requestedByUserId === session.user.id ? (
                  <span className="muted">Another administrator decides</span>
                ) : (
                  <>
                    <Button
                      variant="primary"
                      aria-label={`Approve: ${grantSubject(grant)}`}
                      isPending={deciding === grant.id}
                      onClick={() => void decide(grant, 'approve')}
                    >
                      Approve
                    </Button>
                    <ConfirmButton
                      aria-label={`Reject: ${grantSubject(grant)}`}
                      question="Reject this access?"
                      confirmLabel="Reject"
                      onConfirm={() => void decide(grant, 'reject')}
                    >
                      Reject
                    </ConfirmButton>
                  </>
                )}
              </td>
            </tr>
          ))}
          {data && data.length === 0 ? <EmptyRow columns={6}>Nothing is waiting.</EmptyRow> : null}
          {!data && isLoading ? <EmptyRow columns={6}>Loading…</EmptyRow> : null}
        </tbody>
      </Table>
    </section>
  );
}
