import { personFlagLabels, personFlags, type PersonDetail, type PersonFlag, type UpdatePerson } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup, SelectField, TextField } from '../../ui/field.tsx';

const labels: Record<string, string> = {
  givenName: 'First name',
  familyName: 'Last name',
  birthDate: 'Date of birth',
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  race: 'Race',
  ethnicity: 'Ethnicity',
  language: 'Preferred language',
  phone: 'Phone',
  email: 'Email',
  address: 'New street address',
  flags: 'Circumstances that matter for care',
};

type TextKey = 'givenName' | 'familyName' | 'birthDate' | 'genderIdentity' | 'race' | 'ethnicity' | 'language' | 'phone' | 'email';
const optionalKeys = ['genderIdentity', 'race', 'ethnicity', 'language', 'phone', 'email'] as const;

/** Edits demographics, contact details and circumstances; a new address keeps the old one in the history. */
export function PersonDetailsForm({ person, onSaved, onCancel }: { person: PersonDetail; onSaved: () => void; onCancel: () => void }) {
  const client = useApi();
  const submission = useSubmission();
  const [text, setText] = useState<Record<TextKey, string>>({
    givenName: person.givenName,
    familyName: person.familyName,
    birthDate: person.birthDate,
    genderIdentity: person.genderIdentity ?? '',
    race: person.race ?? '',
    ethnicity: person.ethnicity ?? '',
    language: person.language ?? '',
    phone: person.phone ?? '',
    email: person.email ?? '',
  });
  const [sex, setSex] = useState(person.sex);
  const [flags, setFlags] = useState<PersonFlag[]>(personFlags.filter((flag) => person.flags[flag]));
  const [address, setAddress] = useState({ line1: '', city: '', postalCode: '' });
  const idPrefix = 'person-edit';
  const fieldError = (name: string) => submission.errors?.fields[name];

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: UpdatePerson = {
      givenName: text.givenName,
      familyName: text.familyName,
      birthDate: text.birthDate,
      sex,
      flags: Object.fromEntries(personFlags.map((flag) => [flag, flags.includes(flag)])),
    };
    // Emptied optional fields are sent as null so that clearing them sticks.
    for (const key of optionalKeys) body[key] = text[key].trim() || null;
    if (address.line1.trim())
      body.address = { line1: address.line1, city: address.city.trim() || null, postalCode: address.postalCode.trim() || null };
    const result = await submission.run(() => client.updatePerson(person.id, body));
    if (result.ok) onSaved();
  }

  const textField = (key: TextKey, props: { type?: string; isOptional?: boolean } = {}) => (
    <TextField
      id={`${idPrefix}-${key}`}
      label={labels[key]}
      type={props.type ?? 'text'}
      isOptional={props.isOptional ?? false}
      value={text[key]}
      error={fieldError(key)}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setText((previous) => ({ ...previous, [key]: value }));
      }}
    />
  );

  return (
    <form className="form" noValidate aria-label="Edit details" onSubmit={(event) => void save(event)}>
      <FormErrorSummary errors={submission.errors} labels={labels} idPrefix={idPrefix} />
      <div className="form-row">
        {textField('givenName')}
        {textField('familyName')}
      </div>
      <p className="field-hint">A changed name is kept as a previous name, so searches still find the person.</p>
      <div className="form-row">
        {textField('birthDate', { type: 'date' })}
        <SelectField
          id={`${idPrefix}-sex`}
          label={labels.sex}
          value={sex}
          error={fieldError('sex')}
          options={[
            { value: 'unknown', label: 'Not recorded' },
            { value: 'female', label: 'Female' },
            { value: 'male', label: 'Male' },
          ]}
          onChange={(event) => setSex(event.currentTarget.value as PersonDetail['sex'])}
        />
      </div>
      <div className="form-row">
        {textField('genderIdentity', { isOptional: true })}
        {textField('language', { isOptional: true })}
      </div>
      <div className="form-row">
        {textField('race', { isOptional: true })}
        {textField('ethnicity', { isOptional: true })}
      </div>
      <div className="form-row">
        {textField('phone', { type: 'tel', isOptional: true })}
        {textField('email', { type: 'email', isOptional: true })}
      </div>
      <TextField
        id={`${idPrefix}-address`}
        label={labels.address}
        isOptional
        hint="Only when the person moved; the current address stays in the history."
        value={address.line1}
        error={fieldError('address')}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setAddress((previous) => ({ ...previous, line1: value }));
        }}
      />
      {address.line1.trim() ? (
        <div className="form-row">
          <TextField
            id={`${idPrefix}-city`}
            label="Town or city"
            isOptional
            value={address.city}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setAddress((previous) => ({ ...previous, city: value }));
            }}
          />
          <TextField
            id={`${idPrefix}-postalCode`}
            label="ZIP code"
            isOptional
            inputMode="numeric"
            value={address.postalCode}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setAddress((previous) => ({ ...previous, postalCode: value }));
            }}
          />
        </div>
      ) : null}
      <CheckboxGroup
        id={`${idPrefix}-flags`}
        name="flags"
        legend={labels.flags}
        options={personFlags.map((flag) => ({ value: flag, label: personFlagLabels[flag] }))}
        values={flags}
        error={fieldError('flags')}
        onChange={setFlags}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          Save details
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
