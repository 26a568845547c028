import {
  expiryEventLabels,
  expiryEvents,
  purposeLabels,
  purposes,
  recordKindLabels,
  type Consent,
  type ConsentKind,
  type ConsentType,
  type CreateConsent,
  type ExpiryEvent,
  type Purpose,
} from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useSubmission } from '../../api/use-submission.ts';
import type { NetworkOrganization } from '../organizations/index.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { OrganizationPicker } from '../organizations/index.ts';
import { consentTypeLabels } from './consent-format.ts';
import { consentText } from './consent-text.ts';
import { initialValues, toBody, type ConsentPrefill, type Values } from './consent-form-values.ts';

const labels: Record<string, string> = {
  type: 'Kind of consent',
  disclosers: 'Who may share the information',
  recipients: 'Who may receive it',
  purposes: 'Why it may be shared',
  kinds: 'What information',
  informationDescription: 'The information, in the person’s words',
  expiresOn: 'When the consent ends',
  expiryEvent: 'Ends at an event',
  language: 'Language of the form',
};

const sharedKinds: ConsentKind[] = ['sud_treatment', 'medications', 'referrals', 'overdose_events', 'screening', 'notes'];
const tpoPurposes: Purpose[] = ['treatment', 'payment', 'operations'];

interface ConsentFormProps {
  personName: string;
  /** Organizations to offer first: the care team and the user's own. */
  suggestions: readonly NetworkOrganization[];
  consent?: Consent;
  onSave: (body: Partial<CreateConsent>) => Promise<Consent>;
  onSaved: (consent: Consent) => void;
  onCancel: () => void;
  prefill?: ConsentPrefill;
}

/**
 * The consent draft: one labelled control per element of 42 CFR 2.31, with the fixed statements
 * (right to revoke, redisclosure) shown as the person will read them. Signing is the next step.
 */
export function ConsentForm({ personName, suggestions, consent, onSave, onSaved, onCancel, prefill }: ConsentFormProps) {
  const submission = useSubmission();
  const [values, setValues] = useState<Values>(() => initialValues(consent, prefill));
  const [known, setKnown] = useState<NetworkOrganization[]>(() => [
    ...suggestions,
    ...(prefill?.recipient && !suggestions.some((item) => item.id === prefill.recipient?.id) ? [prefill.recipient] : []),
    ...Object.entries(consent?.organizationNames ?? {})
      .filter(([id]) => !suggestions.some((item) => item.id === id))
      .map(([id, name]) => ({ id, name })),
  ]);
  const [picked, setPicked] = useState('');
  const idPrefix = 'consent';
  const t = consentText[values.language];
  const { errors } = submission;

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  function changeType(type: ConsentType) {
    setValues((previous) => ({
      ...previous,
      type,
      purposes: type === 'tpo' ? [...new Set([...tpoPurposes, ...previous.purposes])] : previous.purposes,
      kinds: type === 'counseling_notes' ? ['counseling_notes'] : previous.kinds.filter((kind) => kind !== 'counseling_notes'),
    }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (values.recipientsType === 'organizations' && values.recipients.length === 0)
      fields.recipients = 'Choose at least one organization, or “My treating providers”.';
    if (values.disclosersType === 'organizations' && values.disclosers.length === 0)
      fields.disclosers = 'Choose at least one organization.';
    if (Object.keys(fields).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields });
      return;
    }
    const result = await submission.run(() => onSave(toBody(values)));
    if (result.ok) onSaved(result.value);
  }

  const organizationOptions = known.map((item) => ({ value: item.id, label: item.name }));
  const kindOptions = (values.type === 'counseling_notes' ? (['counseling_notes'] as ConsentKind[]) : sharedKinds).map((kind) => ({
    value: kind,
    label: recordKindLabels[kind].en,
  }));

  return (
    <form
      className="form consent-form"
      noValidate
      aria-label={consent ? 'Edit consent' : 'New consent'}
      onSubmit={(event) => void submit(event)}
    >
      <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
      <p>
        <strong>Person:</strong> {personName}
      </p>
      <SelectField
        id={`${idPrefix}-type`}
        label={labels.type}
        hint="Counseling notes can only be shared by a consent of their own. A TPO consent covers treatment, payment and health care operations."
        value={values.type}
        error={errors?.fields.type}
        options={Object.entries(consentTypeLabels).map(([value, label]) => ({ value, label }))}
        onChange={(event) => changeType(event.currentTarget.value as ConsentType)}
      />
      <SelectField
        id={`${idPrefix}-language`}
        label={labels.language}
        hint="The printed form uses this language."
        value={values.language}
        error={errors?.fields.language}
        options={[
          { value: 'en', label: 'English' },
          { value: 'es', label: 'Español (Spanish)' },
        ]}
        onChange={(event) => set('language', event.currentTarget.value as 'en' | 'es')}
      />

      <fieldset className="field consent-organizations">
        <legend className="field-label">Organizations to choose from</legend>
        <p className="field-hint">The care team is listed; find any other network organization by name and add it.</p>
        <OrganizationPicker
          idPrefix={`${idPrefix}-find`}
          label="Organization to add to the choices"
          suggestions={[]}
          value={picked}
          onChange={(organization) => {
            setPicked(organization?.id ?? '');
            if (organization && !known.some((item) => item.id === organization.id)) setKnown((previous) => [...previous, organization]);
          }}
        />
      </fieldset>

      <SelectField
        id={`${idPrefix}-disclosersType`}
        label={labels.disclosers}
        value={values.disclosersType}
        options={[
          { value: 'any_network_provider', label: 'Any organization in the care network that holds the person’s records' },
          { value: 'organizations', label: 'Only the organizations chosen below' },
        ]}
        onChange={(event) => set('disclosersType', event.currentTarget.value as Values['disclosersType'])}
      />
      {values.disclosersType === 'organizations' ? (
        <CheckboxGroup
          id={`${idPrefix}-disclosers`}
          name="disclosers"
          legend="Organizations that may share"
          options={organizationOptions}
          values={values.disclosers}
          error={errors?.fields.disclosers}
          onChange={(next) => set('disclosers', next)}
        />
      ) : null}

      <SelectField
        id={`${idPrefix}-recipientsType`}
        label={labels.recipients}
        value={values.recipientsType}
        options={[
          { value: 'organizations', label: 'Named organizations' },
          { value: 'treating_providers', label: 'My treating providers (general designation)' },
        ]}
        onChange={(event) => set('recipientsType', event.currentTarget.value as Values['recipientsType'])}
      />
      {values.recipientsType === 'organizations' ? (
        <CheckboxGroup
          id={`${idPrefix}-recipients`}
          name="recipients"
          legend="Organizations that may receive the information"
          options={organizationOptions}
          values={values.recipients}
          error={errors?.fields.recipients}
          onChange={(next) => set('recipients', next)}
        />
      ) : (
        <p className="field-hint">{consentText.en.treatingProviders}</p>
      )}

      <CheckboxGroup
        id={`${idPrefix}-purposes`}
        name="purposes"
        legend={labels.purposes}
        hint={values.type === 'tpo' ? 'A TPO consent always covers treatment, payment and health care operations.' : undefined}
        options={purposes.map((purpose) => ({ value: purpose, label: purposeLabels[purpose].en }))}
        values={values.purposes}
        error={errors?.fields.purposes}
        onChange={(next) => set('purposes', values.type === 'tpo' ? [...new Set([...tpoPurposes, ...next])] : next)}
      />
      <CheckboxGroup
        id={`${idPrefix}-kinds`}
        name="kinds"
        legend={labels.kinds}
        options={kindOptions}
        values={values.kinds}
        error={errors?.fields.kinds}
        onChange={(next) => set('kinds', next)}
      />
      <TextAreaField
        id={`${idPrefix}-informationDescription`}
        label={labels.informationDescription}
        hint="A specific description the person understands, e.g. “my medications for OUD, my appointments and my care coordinator’s notes”."
        value={values.informationDescription}
        error={errors?.fields.informationDescription}
        onChange={(event) => set('informationDescription', event.currentTarget.value)}
      />

      <SelectField
        id={`${idPrefix}-endsBy`}
        label="The consent ends"
        value={values.endsBy}
        options={[
          { value: 'date', label: 'On a date' },
          { value: 'event', label: 'When something happens' },
        ]}
        onChange={(event) => set('endsBy', event.currentTarget.value as Values['endsBy'])}
      />
      {values.endsBy === 'date' ? (
        <TextField
          id={`${idPrefix}-expiresOn`}
          label="End date"
          type="date"
          value={values.expiresOn}
          error={errors?.fields.expiresOn}
          onChange={(event) => set('expiresOn', event.currentTarget.value)}
        />
      ) : (
        <SelectField
          id={`${idPrefix}-expiryEvent`}
          label={labels.expiryEvent}
          value={values.expiryEvent}
          error={errors?.fields.expiryEvent ?? errors?.fields.expiresOn}
          options={expiryEvents.map((item) => ({ value: item, label: expiryEventLabels[item].en }))}
          onChange={(event) => set('expiryEvent', event.currentTarget.value as ExpiryEvent)}
        />
      )}

      <section className="consent-statements" aria-label="Statements on the form">
        <h3>{t.revokeHeading}</h3>
        <p>{t.revokeText}</p>
        <h3>{t.redisclosureHeading}</h3>
        <p>{values.type === 'tpo' ? t.redisclosureTpo : t.redisclosureGeneral}</p>
        <p className="field-hint">The person signs on the next step, after reading the whole form.</p>
      </section>

      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          {consent ? 'Save draft' : 'Save draft and continue to signing'}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
