import { passwordPolicy } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.tsx';
import { useSubmission } from '../api/use-submission.ts';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { TextField } from '../ui/field.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { FormErrorSummary } from './form-error-summary.tsx';
import { useSession } from './session-provider.tsx';

const labels = { currentPassword: 'Current password', newPassword: 'New password', confirm: 'Confirm new password' };

export function AccountPage() {
  const session = useSession();
  const client = useApi();
  const submission = useSubmission();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [isChanged, setChanged] = useState(false);
  const { errors } = submission;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    if (newPassword !== confirmation) {
      submission.setErrors({
        message: 'Some fields need attention.',
        code: undefined,
        fields: { confirm: 'The two new passwords do not match.' },
      });
      return;
    }
    const result = await submission.run(() => client.changePassword({ currentPassword, newPassword }));
    if (result.ok) {
      setChanged(true);
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
    }
  }

  // Some refusals name no field; put them where the person will look.
  const fields = { ...errors?.fields };
  if (errors?.code === 'INVALID_CREDENTIALS') fields.currentPassword ??= 'Your current password is not correct.';
  if (errors?.code === 'PASSWORD_POLICY_VIOLATION') fields.newPassword ??= errors.message;

  return (
    <>
      <PageHeading title="Your account" description={`${session.user.displayName} · ${session.user.email}`} />
      <section className="card form-card" aria-labelledby="change-password">
        <h2 id="change-password">Change password</h2>
        {isChanged ? <Alert tone="success">Your password has been changed.</Alert> : null}
        <FormErrorSummary errors={errors} fields={fields} labels={labels} idPrefix="account" />
        <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
          <TextField
            id="account-currentPassword"
            label={labels.currentPassword}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            error={fields.currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          />
          <TextField
            id="account-newPassword"
            label={labels.newPassword}
            type="password"
            autoComplete="new-password"
            hint={passwordPolicy.description}
            value={newPassword}
            error={fields.newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
          />
          <TextField
            id="account-confirm"
            label={labels.confirm}
            type="password"
            autoComplete="new-password"
            value={confirmation}
            error={fields.confirm}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Changing…">
              Change password
            </Button>
          </div>
        </form>
      </section>
    </>
  );
}
