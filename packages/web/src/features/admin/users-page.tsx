import type { UpdateUser, User } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { filtersFromForm, offsetFrom, withOffset } from '../../app/url-filters.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { ConfirmButton } from '../../ui/confirm-button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { formatRoles } from './role-options.ts';

const pageSize = 25;

export function isLocked(user: User, now: Date): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil) > now;
}

export function UsersPage() {
  const client = useApi();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const organizationId = searchParams.get('organizationId') ?? '';
  const offset = offsetFrom(searchParams);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(() => {
    const text = (location.state as { notice?: string } | null)?.notice;
    return text ? { tone: 'success', text } : null;
  });
  const [pendingUserId, setPendingUserId] = useState<string | null>(null);
  const [now] = useState(() => new Date());

  const users = useApiData(
    () => client.listUsers({ q: q || undefined, organizationId: organizationId || undefined, limit: pageSize, offset }),
    [q, organizationId, offset],
  );
  const organizations = useApiData(() => client.listOrganizations({ limit: 500 }), []);

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(filtersFromForm(event.currentTarget, ['q', 'organizationId']));
  }

  async function update(user: User, body: UpdateUser, success: string) {
    setPendingUserId(user.id);
    setNotice(null);
    try {
      await client.updateUser(user.id, body);
      setNotice({ tone: 'success', text: success });
      users.reload();
    } catch (caught) {
      setNotice({ tone: 'error', text: describeError(caught) });
    } finally {
      setPendingUserId(null);
    }
  }

  return (
    <>
      <PageHeading
        eyebrow="Administration"
        title="Users"
        description="Staff accounts across the network, their organizations and roles."
        actions={
          <ButtonLink to="/admin/users/new" variant="primary">
            New user
          </ButtonLink>
        }
      />
      <UserFilters
        key={`${q}|${organizationId}`}
        q={q}
        organizationId={organizationId}
        organizations={organizations.data?.items ?? []}
        onSubmit={applyFilters}
      />
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {users.error ? <Alert tone="error">{describeError(users.error)}</Alert> : null}
      <Table caption={users.data ? `Users (${users.data.total})` : 'Users'}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Organizations and roles</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody aria-busy={users.isLoading}>
          {users.data?.items.map((user) => {
            const locked = isLocked(user, now);
            const isPending = pendingUserId === user.id;
            return (
              <tr key={user.id}>
                <th scope="row">{user.displayName}</th>
                <td data-label="Email">{user.email}</td>
                <td data-label="Organizations and roles">
                  {user.memberships.length > 0 ? (
                    <ul className="plain-list">
                      {user.memberships.map((membership) => (
                        <li key={membership.id}>
                          <strong>{membership.organizationName}</strong>: {formatRoles(membership.roles)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    'No memberships'
                  )}
                </td>
                <td data-label="Status">
                  {user.status === 'disabled' ? <Badge tone="negative">Disabled</Badge> : <Badge tone="positive">Active</Badge>}{' '}
                  {locked ? <Badge tone="warning">Locked until {formatDateTime(user.lockedUntil)}</Badge> : null}
                </td>
                <td data-label="Last sign-in">{formatDateTime(user.lastLoginAt, 'Never')}</td>
                <td className="table-actions">
                  {locked ? (
                    <Button
                      size="small"
                      aria-label={`Unlock ${user.displayName}`}
                      isPending={isPending}
                      onClick={() => void update(user, { unlock: true }, `${user.displayName} can sign in again.`)}
                    >
                      Unlock
                    </Button>
                  ) : null}
                  {user.status === 'active' ? (
                    <ConfirmButton
                      aria-label={`Disable ${user.displayName}`}
                      question={`Disable ${user.displayName}? They will be signed out and cannot sign in.`}
                      confirmLabel="Disable"
                      isPending={isPending}
                      onConfirm={() => void update(user, { status: 'disabled' }, `${user.displayName} was disabled.`)}
                    >
                      Disable
                    </ConfirmButton>
                  ) : (
                    <Button
                      size="small"
                      aria-label={`Enable ${user.displayName}`}
                      isPending={isPending}
                      onClick={() => void update(user, { status: 'active' }, `${user.displayName} was enabled.`)}
                    >
                      Enable
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
          {!users.data && users.isLoading ? <EmptyRow columns={6}>Loading users…</EmptyRow> : null}
          {users.data && users.data.items.length === 0 ? <EmptyRow columns={6}>No users match these filters.</EmptyRow> : null}
        </tbody>
      </Table>
      {users.data ? (
        <Pagination
          label="Users"
          offset={offset}
          limit={pageSize}
          total={users.data.total}
          onChange={(next) => setSearchParams(withOffset(searchParams, next))}
        />
      ) : null}
    </>
  );
}

/**
 * The filter form. It remounts when the URL's filters change (Back, a shared link), never while
 * someone types: the organization list arriving later only fills the select's options.
 */
function UserFilters({
  q,
  organizationId,
  organizations,
  onSubmit,
}: {
  q: string;
  organizationId: string;
  organizations: readonly { id: string; name: string }[];
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const [organizationChoice, setOrganizationChoice] = useState(organizationId);
  return (
    <form className="filters" role="search" aria-label="Filter users" onSubmit={onSubmit}>
      <TextField id="users-q" label="Search by name or email" type="search" name="q" defaultValue={q} />
      <SelectField
        id="users-organization"
        label="Organization"
        name="organizationId"
        value={organizationChoice}
        onChange={(event) => setOrganizationChoice(event.currentTarget.value)}
        options={[
          { value: '', label: 'All organizations' },
          ...organizations.map((organization) => ({ value: organization.id, label: organization.name })),
        ]}
      />
      <div className="filters-actions">
        <Button type="submit">Search</Button>
      </div>
    </form>
  );
}
