import { useState, type FormEvent } from 'react';
import {
  agreementKindLabels,
  agreementKinds,
  consentableKinds,
  partyRoleLabels,
  partyRoles,
  purposeLabels,
  purposes,
  recordKindLabels,
  type Agreement,
  type AgreementInputRaw,
  type AgreementKind,
  type PartyRole,
  type Purpose,
  type RecordKind,
} from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { PeopleEditor } from './people-editor.tsx';

export const agreementFieldLabels: Record<string, string> = {
  kind: 'Kind',
  title: 'Title',
  status: 'Status',
  parties: 'Parties',
  signatories: 'Signatories',
  champions: 'Champions',
  dataKinds: 'Records covered',
  purposes: 'Purposes',
  scopeNote: 'Scope in words',
  effectiveOn: 'In force from',
  endsOn: 'Ends on',
  documentRef: 'Where the signed document is kept',
  notes: 'Notes',
};

interface AgreementFormProps {
  initial: AgreementInputRaw;
  submitLabel: string;
  onSubmit: (body: AgreementInputRaw) => Promise<Agreement>;
  onSaved: (agreement: Agreement) => void;
}

/** Register or change an agreement; the server checks the rules (a QSOA's parties and scope, dates) and names each field. */
export function AgreementForm({ initial, submitLabel, onSubmit, onSaved }: AgreementFormProps) {
  const client = useApi();
  const organizations = useApiData(() => client.searchNetworkOrganizations(''), []);
  const { run, isPending, errors } = useSubmission();
  const [value, setValue] = useState<AgreementInputRaw>(initial);
  const set = <K extends keyof AgreementInputRaw>(key: K, v: AgreementInputRaw[K]) => setValue((prev) => ({ ...prev, [key]: v }));
  const parties = value.parties;
  const orgOptions = [
    { value: '', label: 'Choose the organization' },
    ...(organizations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
  ];

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body: AgreementInputRaw = {
      ...value,
      scopeNote: value.scopeNote?.trim() || null,
      endsOn: value.endsOn || null,
      documentRef: value.documentRef?.trim() || null,
      notes: value.notes?.trim() || null,
    };
    const result = await run(() => onSubmit(body));
    if (result.ok) onSaved(result.value);
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Agreement">
      <FormErrorSummary errors={errors} labels={agreementFieldLabels} idPrefix="agreement" />
      <SelectField
        id="agreement-kind"
        label="Kind"
        value={value.kind}
        onChange={(e) => set('kind', e.target.value as AgreementKind)}
        error={errors?.fields.kind}
        options={agreementKinds.map((k) => ({ value: k, label: agreementKindLabels[k] }))}
        hint={
          value.kind === 'qsoa'
            ? 'A QSOA lets a service organization see a Part 2 program’s records, within the scope below, to serve the program: name one Part 2 program and its service organization(s), the records and the purposes.'
            : undefined
        }
      />
      <TextField
        id="agreement-title"
        label="Title"
        value={value.title}
        onChange={(e) => set('title', e.target.value)}
        error={errors?.fields.title}
      />
      <SelectField
        id="agreement-status"
        label="Status"
        value={value.status ?? 'active'}
        onChange={(e) => set('status', e.target.value as 'draft' | 'active')}
        error={errors?.fields.status}
        hint="A draft is the network’s working copy: members do not see it and it gives no access"
        options={[
          { value: 'active', label: 'Signed (in force from its date)' },
          { value: 'draft', label: 'Draft' },
        ]}
      />
      <fieldset id="agreement-parties" tabIndex={-1} className={errors?.fields.parties ? 'field has-error' : 'field'}>
        <legend className="field-label">Parties</legend>
        {errors?.fields.parties ? (
          <p className="field-error">
            <span className="visually-hidden">Error: </span>
            {errors.fields.parties}
          </p>
        ) : null}
        <div className="network-rows">
          {parties.map((p, i) => (
            <div className="network-row" key={i} role="group" aria-label={`Party ${i + 1}`}>
              <SelectField
                id={`agreement-party-${i}-organization`}
                label={`Party ${i + 1}: organization`}
                value={p.organizationId}
                options={orgOptions}
                onChange={(e) =>
                  set(
                    'parties',
                    parties.map((x, j) => (j === i ? { ...x, organizationId: e.target.value } : x)),
                  )
                }
              />
              <SelectField
                id={`agreement-party-${i}-role`}
                label={`Party ${i + 1}: role`}
                value={p.role}
                options={partyRoles.map((r) => ({ value: r, label: partyRoleLabels[r] }))}
                onChange={(e) =>
                  set(
                    'parties',
                    parties.map((x, j) => (j === i ? { ...x, role: e.target.value as PartyRole } : x)),
                  )
                }
              />
              {parties.length > 2 ? (
                <Button
                  size="small"
                  variant="quiet"
                  onClick={() =>
                    set(
                      'parties',
                      parties.filter((_, j) => j !== i),
                    )
                  }
                >
                  Remove party {i + 1}
                </Button>
              ) : null}
            </div>
          ))}
        </div>
        <Button size="small" onClick={() => set('parties', [...parties, { organizationId: '', role: 'party' }])}>
          Add a party
        </Button>
      </fieldset>
      <PeopleEditor
        id="agreement-signatories"
        legend="Signatories"
        people={value.signatories ?? []}
        organizations={orgOptions}
        withSignedOn
        error={errors?.fields.signatories}
        onChange={(people) => set('signatories', people)}
      />
      <PeopleEditor
        id="agreement-champions"
        legend="Champions"
        hint="The people who carry the partnership at each party"
        people={value.champions ?? []}
        organizations={orgOptions}
        error={errors?.fields.champions}
        onChange={(people) => set('champions', people)}
      />
      <CheckboxGroup<RecordKind>
        id="agreement-dataKinds"
        name="dataKinds"
        legend="Records covered"
        values={value.dataKinds ?? []}
        options={consentableKinds.map((k) => ({ value: k, label: recordKindLabels[k].en }))}
        onChange={(v) => set('dataKinds', v)}
        error={errors?.fields.dataKinds}
      />
      <CheckboxGroup<Purpose>
        id="agreement-purposes"
        name="purposes"
        legend="Purposes"
        values={value.purposes ?? []}
        options={purposes.map((p) => ({ value: p, label: purposeLabels[p].en }))}
        onChange={(v) => set('purposes', v)}
        error={errors?.fields.purposes}
      />
      <TextAreaField
        id="agreement-scopeNote"
        label="Scope in words"
        isOptional
        rows={2}
        value={value.scopeNote ?? ''}
        onChange={(e) => set('scopeNote', e.target.value)}
        error={errors?.fields.scopeNote}
      />
      <TextField
        id="agreement-effectiveOn"
        label="In force from"
        type="date"
        value={value.effectiveOn}
        onChange={(e) => set('effectiveOn', e.target.value)}
        error={errors?.fields.effectiveOn}
      />
      <TextField
        id="agreement-endsOn"
        label="Ends on"
        hint="The day it ends: it is in force up to the day before. Empty: open-ended. Reminders go out 60, 30 and 7 days before."
        isOptional
        type="date"
        value={value.endsOn ?? ''}
        onChange={(e) => set('endsOn', e.target.value || null)}
        error={errors?.fields.endsOn}
      />
      <TextField
        id="agreement-documentRef"
        label="Where the signed document is kept"
        hint="A document system’s address or reference"
        isOptional
        value={value.documentRef ?? ''}
        onChange={(e) => set('documentRef', e.target.value)}
        error={errors?.fields.documentRef}
      />
      <TextAreaField
        id="agreement-notes"
        label="Notes"
        isOptional
        rows={3}
        value={value.notes ?? ''}
        onChange={(e) => set('notes', e.target.value)}
        error={errors?.fields.notes}
      />
      <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
        {submitLabel}
      </Button>
    </form>
  );
}
