import { passwordPolicy, type Role } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup, SelectField, TextField } from '../../ui/field.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { assignableRoleOptions } from './role-options.ts';

const labels = {
  displayName: 'Full name',
  email: 'Email address',
  password: 'Initial password',
  organizationId: 'Organization',
  roles: 'Roles',
};
const idPrefix = 'user-new';

export function UserCreatePage() {
  const client = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const submission = useSubmission();
  const organizations = useApiData(() => client.listOrganizations({ limit: 500 }), []);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organizationId, setOrganizationId] = useState(session.activeOrganizationId ?? '');
  const [roles, setRoles] = useState<Role[]>([]);
  const { errors } = submission;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!organizationId) missing.organizationId = 'Choose the organization the person works for.';
    if (roles.length === 0) missing.roles = 'Choose at least one role.';
    if (Object.keys(missing).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields: missing });
      return;
    }
    const result = await submission.run(() => client.createUser({ displayName, email: email.trim(), password, organizationId, roles }));
    if (result.ok) {
      void navigate('/admin/users', { state: { notice: `Account created for ${result.value.displayName}.` } });
    }
  }

  // The server says EMAIL_TAKEN without a field; show it on the email field.
  const fields = { ...errors?.fields };
  if (errors?.code === 'EMAIL_TAKEN') fields.email ??= 'Another account already uses this email address.';
  if (errors?.code === 'PASSWORD_POLICY_VIOLATION') fields.password ??= errors.message;

  return (
    <>
      <PageHeading
        eyebrow="Administration"
        title="New user"
        description="Create a staff account. The person signs in with the email address and the initial password."
      />
      <section className="card form-card">
        {organizations.error ? <Alert tone="error">{describeError(organizations.error)}</Alert> : null}
        <form className="form" noValidate aria-label="New user" onSubmit={(event) => void handleSubmit(event)}>
          <FormErrorSummary errors={errors} fields={fields} labels={labels} idPrefix={idPrefix} />
          <TextField
            id={`${idPrefix}-displayName`}
            label={labels.displayName}
            autoComplete="off"
            value={displayName}
            error={fields.displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
          />
          <TextField
            id={`${idPrefix}-email`}
            label={labels.email}
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            error={fields.email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <TextField
            id={`${idPrefix}-password`}
            label={labels.password}
            type="password"
            autoComplete="new-password"
            hint={`${passwordPolicy.description} Share it with the person securely; they should change it after signing in.`}
            value={password}
            error={fields.password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <SelectField
            id={`${idPrefix}-organizationId`}
            label={labels.organizationId}
            value={organizationId}
            error={fields.organizationId}
            options={[
              { value: '', label: organizations.isLoading ? 'Loading organizations…' : 'Choose an organization' },
              ...(organizations.data?.items ?? []).map((organization) => ({ value: organization.id, label: organization.name })),
            ]}
            onChange={(event) => setOrganizationId(event.currentTarget.value)}
          />
          <CheckboxGroup
            id={`${idPrefix}-roles`}
            name="roles"
            legend={labels.roles}
            hint="Roles apply in the chosen organization. More memberships can be added from an organization's page."
            options={assignableRoleOptions(session)}
            values={roles}
            error={fields.roles}
            onChange={setRoles}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Creating…">
              Create user
            </Button>
            <Button variant="quiet" onClick={() => void navigate('/admin/users')}>
              Cancel
            </Button>
          </div>
        </form>
      </section>
    </>
  );
}
