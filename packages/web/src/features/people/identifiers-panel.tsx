import { identifierKindLabels, type IdentifierKind, type PersonDetail, registryActionRoles } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { activeMembership, hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';

const labels = { kind: 'Identifier type', value: 'Identifier' };

/** Identifiers per organization (MRN, booking number…); a user adds their own organization's. */
export function IdentifiersPanel({ person, onChanged }: { person: PersonDetail; onChanged: () => void }) {
  const client = useApi();
  const session = useSession();
  const mayAdd = hasRole(session, ...registryActionRoles['person.identifier.add']);
  const [isAdding, setAdding] = useState(false);
  const [kind, setKind] = useState<IdentifierKind>('mrn');
  const [value, setValue] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const submission = useSubmission();

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await submission.run(() => client.addIdentifier(person.id, { kind, value }));
    if (result.ok) {
      setAdding(false);
      setValue('');
      setNotice('Identifier added.');
      onChanged();
    }
  }

  return (
    <section aria-labelledby="identifiers-heading">
      <div className="section-heading">
        <h2 id="identifiers-heading">Identifiers</h2>
        {mayAdd && !isAdding ? (
          <Button
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Add identifier
          </Button>
        ) : null}
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {person.identifiers.length > 0 ? (
        <dl className="details">
          {person.identifiers.map((identifier) => (
            <div key={identifier.id}>
              <dt>
                {identifierKindLabels[identifier.kind]} · {identifier.organizationName}
              </dt>
              <dd className="input-code">{identifier.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No identifiers recorded.</p>
      )}
      {isAdding ? (
        <form className="form card form-card" noValidate aria-label="Add identifier" onSubmit={(event) => void add(event)}>
          <FormErrorSummary errors={submission.errors} labels={labels} idPrefix="identifier" />
          <p className="field-hint">Recorded for {activeMembership(session)?.organizationName ?? 'your organization'}.</p>
          <div className="form-row">
            <SelectField
              id="identifier-kind"
              label={labels.kind}
              value={kind}
              error={submission.errors?.fields.kind}
              options={Object.entries(identifierKindLabels).map(([option, label]) => ({ value: option, label }))}
              onChange={(event) => setKind(event.currentTarget.value as IdentifierKind)}
            />
            <TextField
              id="identifier-value"
              label={labels.value}
              value={value}
              error={submission.errors?.fields.value}
              onChange={(event) => setValue(event.currentTarget.value)}
            />
          </div>
          <div className="form-actions">
            <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Adding…">
              Save identifier
            </Button>
            <Button
              variant="quiet"
              onClick={() => {
                submission.clear();
                setAdding(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
