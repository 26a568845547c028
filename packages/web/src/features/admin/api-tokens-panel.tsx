import type { ApiToken, CreatedApiToken } from '@continuum/contracts';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmButton } from '../../ui/confirm-button.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { ApiTokenForm } from './api-token-form.tsx';
import { ApiTokenSecret } from './api-token-secret.tsx';
import { useOrganizationOutlet } from './organization-detail-page.tsx';
import { formatRoles } from './role-options.ts';

function tokenStatus(token: ApiToken, now: Date) {
  if (token.revokedAt) return <Badge tone="negative">Revoked</Badge>;
  if (token.awaitingApproval) return <Badge tone="warning">Awaiting a second administrator</Badge>;
  if (token.expiresAt && new Date(token.expiresAt) <= now) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="positive">Active</Badge>;
}

export function ApiTokensPanel() {
  const { organization } = useOrganizationOutlet();
  const client = useApi();
  const { data, error, isLoading, reload } = useApiData(() => client.listApiTokens(organization.id), [organization.id]);
  const [isCreating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [revokingId, setRevokingId] = useState<string | null>(null);
  const [now] = useState(() => new Date());

  async function revoke(token: ApiToken) {
    setRevokingId(token.id);
    setNotice(null);
    try {
      await client.revokeApiToken(token.id);
      setNotice({ tone: 'success', text: `Token "${token.name}" was revoked. Systems using it can no longer connect.` });
      reload();
    } catch (caught) {
      setNotice({ tone: 'error', text: describeError(caught) });
    } finally {
      setRevokingId(null);
    }
  }

  return (
    <section aria-labelledby="api-tokens-heading">
      <div className="section-heading">
        <h2 id="api-tokens-heading">API tokens</h2>
        {!isCreating && !created ? (
          <Button
            variant="primary"
            onClick={() => {
              setNotice(null);
              setCreating(true);
            }}
          >
            New API token
          </Button>
        ) : null}
      </div>
      <p className="muted">
        Tokens let partner systems (an EHR, a pharmacy system, EMS reporting) call the Continuum API for this organization.
      </p>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {created ? <ApiTokenSecret created={created} onDone={() => setCreated(null)} /> : null}
      {isCreating ? (
        <div className="card form-card">
          <h3>New API token</h3>
          <ApiTokenForm
            organizationId={organization.id}
            onCreated={(result) => {
              setCreating(false);
              setCreated(result);
              reload();
            }}
            onCancel={() => setCreating(false)}
          />
        </div>
      ) : null}
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <Table caption={`API tokens of ${organization.name}`} isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Roles</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td data-label="Starts with">
                <code>{token.prefix}…</code>
              </td>
              <td data-label="Roles">{formatRoles(token.roles)}</td>
              <td data-label="Created" className="nowrap">
                {formatDate(token.createdAt)}
              </td>
              <td data-label="Expires" className="nowrap">
                {formatDate(token.expiresAt, 'Never')}
              </td>
              <td data-label="Last used">{formatDateTime(token.lastUsedAt, 'Never')}</td>
              <td data-label="Status">{tokenStatus(token, now)}</td>
              <td className="table-actions">
                {!token.revokedAt ? (
                  <ConfirmButton
                    aria-label={`Revoke ${token.name}`}
                    question="Revoke this token?"
                    confirmLabel="Revoke"
                    isPending={revokingId === token.id}
                    onConfirm={() => void revoke(token)}
                  >
                    Revoke
                  </ConfirmButton>
                ) : null}
              </td>
            </tr>
          ))}
          {!data && isLoading ? <EmptyRow columns={8}>Loading API tokens…</EmptyRow> : null}
          {data && data.length === 0 ? <EmptyRow columns={8}>No API tokens for this organization.</EmptyRow> : null}
        </tbody>
      </Table>
    </section>
  );
}
