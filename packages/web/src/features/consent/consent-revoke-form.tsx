import { revocationMethods, type Consent } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/field.tsx';

const labels = { method: 'How the person revoked', note: 'Note' };
const methodLabels: Record<(typeof revocationMethods)[number], string> = {
  written: 'In writing',
  electronic: 'Electronically',
  verbal_then_written: 'Out loud, to be confirmed in writing',
};

/** Revocation: stops new sharing from now on; what was shared in reliance on the consent stays shared. */
export function ConsentRevokeForm({
  consent,
  onRevoked,
  onCancel,
}: {
  consent: Consent;
  onRevoked: (consent: Consent) => void;
  onCancel: () => void;
}) {
  const client = useApi();
  const submission = useSubmission();
  const [method, setMethod] = useState<(typeof revocationMethods)[number]>('written');
  const [note, setNote] = useState('');

  async function revoke(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await submission.run(() => client.revokeConsent(consent.id, { method, note: note.trim() || null }));
    if (result.ok) onRevoked(result.value);
  }

  return (
    <form className="form" noValidate aria-label="Revoke consent" onSubmit={(event) => void revoke(event)}>
      <FormErrorSummary errors={submission.errors} labels={labels} idPrefix="revoke" />
      <p>
        Revoking stops any new sharing under this consent from now on. Information already shared while it was in effect cannot be taken
        back.
      </p>
      <SelectField
        id="revoke-method"
        label={labels.method}
        value={method}
        error={submission.errors?.fields.method}
        options={revocationMethods.map((value) => ({ value, label: methodLabels[value] }))}
        onChange={(event) => setMethod(event.currentTarget.value as typeof method)}
      />
      <TextAreaField
        id="revoke-note"
        label={labels.note}
        isOptional
        value={note}
        error={submission.errors?.fields.note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" isPending={submission.isPending} pendingLabel="Revoking…">
          Revoke consent
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
