import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, TextAreaField } from '../../ui/field.tsx';

const labels = { reason: 'Reason for emergency access', confirm: 'Confirmation' };
/** startBreakGlassSchema: the reason is at least 10 characters. */
const MIN_REASON = 10;

/**
 * Break-glass (42 CFR 2.51: disclosure to medical personnel in a bona fide medical emergency). The
 * clinician states the reason and confirms; access is time-limited, recorded and reviewed.
 */
export function EmergencyAccess({
  personId,
  intro,
  onStarted,
}: {
  personId: string;
  intro?: string;
  onStarted: (expiresAt: string) => void;
}) {
  const client = useApi();
  const submission = useSubmission();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [isConfirmed, setConfirmed] = useState(false);

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (reason.trim().length < MIN_REASON) fields.reason = `Describe the emergency in at least ${MIN_REASON} characters.`;
    if (!isConfirmed) fields.confirm = 'Confirm that this is a medical emergency.';
    if (Object.keys(fields).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields });
      return;
    }
    const result = await submission.run(() => client.startBreakGlass(personId, { reason: reason.trim() }));
    if (result.ok) onStarted(result.value.expiresAt);
  }

  if (!isOpen) {
    return (
      <div className="emergency-access">
        <p>{intro ?? 'Some Part 2 information is restricted. In a medical emergency you may open it for a limited time.'}</p>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Emergency access
        </Button>
      </div>
    );
  }
  return (
    <form className="form card form-card emergency-access" noValidate aria-label="Emergency access" onSubmit={(event) => void start(event)}>
      <h3>Emergency access</h3>
      <p>
        Use this only when the person needs care now and cannot give consent. Access lasts a few hours, every record you open is logged, and
        the privacy officer reviews it.
      </p>
      <FormErrorSummary errors={submission.errors} labels={labels} idPrefix="break-glass" />
      <TextAreaField
        id="break-glass-reason"
        label={labels.reason}
        hint="What is the emergency? At least 10 characters."
        value={reason}
        error={submission.errors?.fields.reason}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      <CheckboxField
        id="break-glass-confirm"
        label="I confirm this is a medical emergency and I am treating this person"
        checked={isConfirmed}
        error={submission.errors?.fields.confirm}
        onChange={(event) => setConfirmed(event.currentTarget.checked)}
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" isPending={submission.isPending} pendingLabel="Opening…">
          Start emergency access
        </Button>
        <Button
          variant="quiet"
          onClick={() => {
            submission.clear();
            setOpen(false);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
