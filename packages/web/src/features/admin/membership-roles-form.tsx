import type { Membership, Role } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { useSession } from '../../app/session-provider.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup } from '../../ui/field.tsx';
import { assignableRoleOptions } from './role-options.ts';

export function MembershipRolesForm({
  membership,
  onSaved,
  onCancel,
}: {
  membership: Membership;
  onSaved: (membership: Membership) => void;
  onCancel: () => void;
}) {
  const client = useApi();
  const session = useSession();
  const submission = useSubmission();
  const [roles, setRoles] = useState<Role[]>(membership.roles);
  const idPrefix = `membership-${membership.id}`;
  const options = assignableRoleOptions(session);
  // A role this administrator cannot grant stays listed so it is not silently dropped.
  const shownOptions = [
    ...options,
    ...membership.roles.filter((role) => !options.some((option) => option.value === role)).map((role) => ({ value: role, label: role })),
  ];

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (roles.length === 0) {
      submission.setErrors({
        message: 'Some fields need attention.',
        code: undefined,
        fields: { roles: 'Choose at least one role, or remove the membership instead.' },
      });
      return;
    }
    const result = await submission.run(() => client.updateMembership(membership.id, { roles }));
    if (result.ok) onSaved(result.value);
  }

  return (
    <form className="form" noValidate aria-label={`Roles of ${membership.userDisplayName}`} onSubmit={(event) => void handleSubmit(event)}>
      <FormErrorSummary errors={submission.errors} labels={{ roles: 'Roles' }} idPrefix={idPrefix} />
      <CheckboxGroup
        id={`${idPrefix}-roles`}
        name="roles"
        legend={`Roles of ${membership.userDisplayName}`}
        options={shownOptions}
        values={roles}
        error={submission.errors?.fields.roles}
        onChange={setRoles}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          Save roles
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
