import type { tokenRoles, CreatedApiToken } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup, TextField } from '../../ui/field.tsx';
import { tokenRoleOptions } from './role-options.ts';

type TokenRole = (typeof tokenRoles)[number];
const labels = { name: 'Token name', roles: 'Roles', expiresInDays: 'Expires after (days)' };
const idPrefix = 'api-token-new';

export function ApiTokenForm({
  organizationId,
  onCreated,
  onCancel,
}: {
  organizationId: string;
  onCreated: (created: CreatedApiToken) => void;
  onCancel: () => void;
}) {
  const client = useApi();
  const submission = useSubmission();
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<TokenRole[]>([]);
  const [expiresInDays, setExpiresInDays] = useState('90');
  const { errors } = submission;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const days = expiresInDays.trim() ? Number(expiresInDays) : null;
    const missing: Record<string, string> = {};
    if (days !== null && !Number.isInteger(days)) missing.expiresInDays = 'Enter a whole number of days, or leave it empty.';
    if (roles.length === 0) missing.roles = 'Choose at least one role.';
    if (Object.keys(missing).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields: missing });
      return;
    }
    const result = await submission.run(() => client.createApiToken(organizationId, { name, roles, expiresInDays: days }));
    if (result.ok) onCreated(result.value);
  }

  return (
    <form className="form" noValidate aria-label="New API token" onSubmit={(event) => void handleSubmit(event)}>
      <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
      <TextField
        id={`${idPrefix}-name`}
        label={labels.name}
        hint='Say which system uses it, e.g. "EHR referral interface".'
        value={name}
        error={errors?.fields.name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <CheckboxGroup
        id={`${idPrefix}-roles`}
        name="roles"
        legend={labels.roles}
        hint="Administrative and privacy roles stay with people and cannot be given to a token."
        options={tokenRoleOptions}
        values={roles}
        error={errors?.fields.roles}
        onChange={setRoles}
      />
      <TextField
        id={`${idPrefix}-expiresInDays`}
        label={labels.expiresInDays}
        isOptional
        inputMode="numeric"
        hint="Between 1 and 730. Leave empty for a token that does not expire."
        value={expiresInDays}
        error={errors?.fields.expiresInDays}
        onChange={(event) => setExpiresInDays(event.currentTarget.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Creating…">
          Create token
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
