import type { Membership, Role } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup, SelectField, TextField } from '../../ui/field.tsx';
import { assignableRoleOptions } from './role-options.ts';

const labels = { userId: 'Person', roles: 'Roles' };
const idPrefix = 'membership-new';

interface MembershipAddFormProps {
  organizationId: string;
  /** People already in the organization, left out of the choices. */
  memberUserIds: readonly string[];
  onSaved: (membership: Membership) => void;
  onCancel: () => void;
}

/** Adds a person who already has an account to an organization, with roles. */
export function MembershipAddForm({ organizationId, memberUserIds, onSaved, onCancel }: MembershipAddFormProps) {
  const client = useApi();
  const session = useSession();
  const submission = useSubmission();
  const [draftQuery, setDraftQuery] = useState('');
  const [query, setQuery] = useState('');
  const [userId, setUserId] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const candidates = useApiData(() => client.listUsers({ q: query || undefined, limit: 50 }), [query]);
  const options = (candidates.data?.items ?? []).filter((user) => !memberUserIds.includes(user.id));
  const { errors } = submission;

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setUserId('');
    setQuery(draftQuery.trim());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!userId) missing.userId = 'Choose the person to add.';
    if (roles.length === 0) missing.roles = 'Choose at least one role.';
    if (Object.keys(missing).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields: missing });
      return;
    }
    const result = await submission.run(() => client.createMembership({ userId, organizationId, roles }));
    if (result.ok) onSaved(result.value);
  }

  return (
    <div className="stack">
      <form className="filters" role="search" aria-label="Find a person" onSubmit={search}>
        <TextField
          id="membership-search"
          label="Find a person by name or email"
          type="search"
          value={draftQuery}
          onChange={(event) => setDraftQuery(event.currentTarget.value)}
        />
        <div className="filters-actions">
          <Button type="submit">Find</Button>
        </div>
      </form>
      {candidates.error ? <Alert tone="error">{describeError(candidates.error)}</Alert> : null}
      <form className="form" noValidate aria-label="Add membership" onSubmit={(event) => void handleSubmit(event)}>
        <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
        <SelectField
          id={`${idPrefix}-userId`}
          label={labels.userId}
          value={userId}
          hint={
            candidates.isLoading
              ? 'Searching…'
              : `${options.length} ${options.length === 1 ? 'person' : 'people'} found who are not yet members. People without an account are created under Users.`
          }
          error={errors?.fields.userId}
          options={[
            { value: '', label: 'Choose a person' },
            ...options.map((user) => ({ value: user.id, label: `${user.displayName} (${user.email})` })),
          ]}
          onChange={(event) => setUserId(event.currentTarget.value)}
        />
        <CheckboxGroup
          id={`${idPrefix}-roles`}
          name="roles"
          legend={labels.roles}
          options={assignableRoleOptions(session)}
          values={roles}
          error={errors?.fields.roles}
          onChange={setRoles}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Adding…">
            Add to organization
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
