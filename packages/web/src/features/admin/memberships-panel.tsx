import type { Membership } from '@continuum/contracts';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmButton } from '../../ui/confirm-button.tsx';
import { formatDate } from '../../ui/format.ts';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { MembershipAddForm } from './membership-add-form.tsx';
import { MembershipRolesForm } from './membership-roles-form.tsx';
import { useOrganizationOutlet } from './organization-detail-page.tsx';
import { formatRoles } from './role-options.ts';

type Editing = { mode: 'closed' } | { mode: 'add' } | { mode: 'roles'; membership: Membership };

export function MembershipsPanel() {
  const { organization } = useOrganizationOutlet();
  const client = useApi();
  const { data, error, isLoading, reload } = useApiData(() => client.listMemberships(organization.id), [organization.id]);
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [removingId, setRemovingId] = useState<string | null>(null);

  function done(text: string) {
    setEditing({ mode: 'closed' });
    setNotice({ tone: 'success', text });
    reload();
  }

  async function remove(membership: Membership) {
    setRemovingId(membership.id);
    setNotice(null);
    try {
      await client.deleteMembership(membership.id);
      done(`${membership.userDisplayName} was removed from ${organization.name}.`);
    } catch (caught) {
      setNotice({ tone: 'error', text: describeError(caught) });
    } finally {
      setRemovingId(null);
    }
  }

  return (
    <section aria-labelledby="memberships-heading">
      <div className="section-heading">
        <h2 id="memberships-heading">Memberships</h2>
        {editing.mode === 'closed' ? (
          <Button
            variant="primary"
            onClick={() => {
              setNotice(null);
              setEditing({ mode: 'add' });
            }}
          >
            Add a person
          </Button>
        ) : null}
      </div>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {editing.mode !== 'closed' ? (
        <div className="card form-card">
          <h3>{editing.mode === 'add' ? `Add a person to ${organization.name}` : `Edit roles of ${editing.membership.userDisplayName}`}</h3>
          {editing.mode === 'add' ? (
            <MembershipAddForm
              organizationId={organization.id}
              memberUserIds={data?.map((membership) => membership.userId) ?? []}
              onSaved={(membership) => done(`${membership.userDisplayName} was added.`)}
              onCancel={() => setEditing({ mode: 'closed' })}
            />
          ) : (
            <MembershipRolesForm
              key={editing.membership.id}
              membership={editing.membership}
              onSaved={(membership) => done(`Roles of ${membership.userDisplayName} saved.`)}
              onCancel={() => setEditing({ mode: 'closed' })}
            />
          )}
        </div>
      ) : null}
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <Table caption={`People in ${organization.name}`} isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.map((membership) => (
            <tr key={membership.id}>
              <th scope="row">{membership.userDisplayName}</th>
              <td data-label="Email">{membership.userEmail}</td>
              <td data-label="Roles">
                {formatRoles(membership.roles)}
                {membership.pendingRoles.length > 0 ? (
                  <>
                    {' '}
                    <Badge tone="warning">Awaiting a second administrator: {formatRoles(membership.pendingRoles)}</Badge>
                  </>
                ) : null}
              </td>
              <td data-label="Added" className="nowrap">
                {formatDate(membership.createdAt)}
              </td>
              <td className="table-actions">
                <Button
                  size="small"
                  aria-label={`Edit roles of ${membership.userDisplayName}`}
                  onClick={() => {
                    setNotice(null);
                    setEditing({ mode: 'roles', membership });
                  }}
                >
                  Edit roles
                </Button>
                <ConfirmButton
                  aria-label={`Remove ${membership.userDisplayName}`}
                  question={`Remove ${membership.userDisplayName}?`}
                  confirmLabel="Remove"
                  isPending={removingId === membership.id}
                  onConfirm={() => void remove(membership)}
                >
                  Remove
                </ConfirmButton>
              </td>
            </tr>
          ))}
          {!data && isLoading ? <EmptyRow columns={5}>Loading memberships…</EmptyRow> : null}
          {data && data.length === 0 ? <EmptyRow columns={5}>Nobody is a member of this organization yet.</EmptyRow> : null}
        </tbody>
      </Table>
    </section>
  );
}
