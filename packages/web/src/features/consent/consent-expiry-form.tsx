import { expiryEventLabels, type Consent } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';

/** Records that the consent's end event happened (e.g. treatment ended): the consent expires. */
export function ConsentExpiryForm({ consent, onExpired, onCancel }: { consent: Consent; onExpired: () => void; onCancel: () => void }) {
  const client = useApi();
  const submission = useSubmission();
  const [occurredOn, setOccurredOn] = useState(() => new Date().toISOString().slice(0, 10));
  const event = consent.expiryEvent ? expiryEventLabels[consent.expiryEvent].en.toLowerCase() : 'the end event';

  async function submit(formEvent: FormEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    const result = await submission.run(() => client.recordConsentExpiryEvent(consent.id, { occurredOn }));
    if (result.ok) onExpired();
  }

  return (
    <form className="form" noValidate aria-label="Record the end event" onSubmit={(formEvent) => void submit(formEvent)}>
      <FormErrorSummary errors={submission.errors} labels={{ occurredOn: 'Date it happened' }} idPrefix="expiry" />
      <p>The consent ends {event}. Recording that it happened stops any new sharing under it.</p>
      <TextField
        id="expiry-occurredOn"
        label="Date it happened"
        type="date"
        value={occurredOn}
        error={submission.errors?.fields.occurredOn}
        onChange={(changeEvent) => setOccurredOn(changeEvent.currentTarget.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          End the consent
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
