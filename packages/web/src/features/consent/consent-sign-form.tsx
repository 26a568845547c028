import { signerRelationships, type Consent } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/field.tsx';
import { SignaturePad } from './signature-pad.tsx';

const labels = {
  signerName: 'Name of the person signing',
  signerRelationship: 'Who is signing',
  signatureMethod: 'How the person signs',
  signatureImage: 'Signature',
  acknowledged: 'Confirmation',
};
const relationshipLabels: Record<(typeof signerRelationships)[number], string> = {
  self: 'The person',
  parent_or_guardian: 'Parent or guardian',
  personal_representative: 'Personal representative',
};

/** Signing: typed name, drawn (or attested) signature, and the acknowledgment that the form was read. */
export function ConsentSignForm({ consent, onSigned }: { consent: Consent; onSigned: (consent: Consent) => void }) {
  const client = useApi();
  const submission = useSubmission();
  const [signerName, setSignerName] = useState(consent.personName);
  const [signerRelationship, setRelationship] = useState<(typeof signerRelationships)[number]>('self');
  const [method, setMethod] = useState<'drawn' | 'attested'>('drawn');
  const [image, setImage] = useState<string | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const { errors } = submission;

  async function sign(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (method === 'drawn' && !image) fields.signatureImage = 'Ask the person to sign in the box, or choose an attested signature.';
    if (!acknowledged) fields.acknowledged = 'Confirm the person read the form (or had it read to them) and was offered a copy.';
    if (Object.keys(fields).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields });
      return;
    }
    const result = await submission.run(() =>
      client.signConsent(consent.id, {
        signerName,
        signerRelationship,
        signatureMethod: method,
        signatureImage: method === 'drawn' ? image : null,
        acknowledged: true,
      }),
    );
    if (result.ok) onSigned(result.value);
  }

  return (
    <form className="form" noValidate aria-label="Sign consent" onSubmit={(event) => void sign(event)}>
      <FormErrorSummary errors={errors} labels={labels} idPrefix="sign" />
      <div className="form-row">
        <TextField
          id="sign-signerName"
          label={labels.signerName}
          value={signerName}
          error={errors?.fields.signerName}
          onChange={(event) => setSignerName(event.currentTarget.value)}
        />
        <SelectField
          id="sign-signerRelationship"
          label={labels.signerRelationship}
          value={signerRelationship}
          error={errors?.fields.signerRelationship}
          options={signerRelationships.map((value) => ({ value, label: relationshipLabels[value] }))}
          onChange={(event) => setRelationship(event.currentTarget.value as typeof signerRelationship)}
        />
      </div>
      <SelectField
        id="sign-signatureMethod"
        label={labels.signatureMethod}
        value={method}
        options={[
          { value: 'drawn', label: 'Draws a signature on this screen' },
          { value: 'attested', label: 'Signed on paper, or staff attest the person agreed' },
        ]}
        onChange={(event) => setMethod(event.currentTarget.value as 'drawn' | 'attested')}
      />
      {method === 'drawn' ? (
        <SignaturePad
          id="sign-signatureImage"
          label={labels.signatureImage}
          hint="Sign with a finger, stylus or mouse inside the box."
          error={errors?.fields.signatureImage}
          onChange={setImage}
        />
      ) : null}
      <CheckboxField
        id="sign-acknowledged"
        label="The person read this form (or had it read to them), had the chance to ask questions, and was offered a copy"
        checked={acknowledged}
        error={errors?.fields.acknowledged}
        onChange={(event) => setAcknowledged(event.currentTarget.checked)}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Signing…">
          Sign consent
        </Button>
      </div>
    </form>
  );
}
