// Longer than 300 lines because it is one form: a pathway's terms (receiver, services, criteria, required fields
// and documents, deadlines, contact) with one state and one submission; the key rules are in pathway-keys.ts.
import {
  organizationTypeLabels,
  organizationTypes,
  requiredFieldTypes,
  type OrganizationType,
  type PathwayDetail,
  type PathwayField,
  type PathwayInput,
} from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { OrganizationPicker } from '../organizations/index.ts';
import { keyFromText, criteriaFromLines } from './pathway-keys.ts';

const fieldTypeLabels: Record<(typeof requiredFieldTypes)[number], string> = {
  text: 'Text',
  date: 'Date',
  yes_no: 'Yes / no',
  choice: 'Choice from a list',
};

const labels: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  receiverOrganizationId: 'Receiving organization',
  serviceIds: 'Services',
  inclusionCriteria: 'Inclusion criteria',
  exclusionCriteria: 'Exclusion criteria',
  requiredFields: 'Information a referral must carry',
  requiredDocuments: 'Documents a referral must carry',
  ackHours: 'Hours to acknowledge',
  firstContactDays: 'Days to first contact or appointment',
  receiverContact: 'Contact at the receiver',
  activeFrom: 'Active from',
  activeUntil: 'Active until',
};

interface FieldRow {
  key: string;
  label: string;
  type: PathwayField['type'];
  options: string;
}

interface PathwayFormProps {
  pathway?: PathwayDetail;
  onSave: (body: PathwayInput) => Promise<PathwayDetail>;
  onSaved: (pathway: PathwayDetail) => void;
  onCancel: () => void;
}

/** Create a pathway, or save a new version of one (referrals already sent keep the version they were sent on). */
export function PathwayForm({ pathway, onSave, onSaved, onCancel }: PathwayFormProps) {
  const client = useApi();
  const submission = useSubmission();
  const [name, setName] = useState(pathway?.name ?? '');
  const [description, setDescription] = useState(pathway?.description ?? '');
  const [receiver, setReceiver] = useState<{ id: string; name: string } | null>(
    pathway ? { id: pathway.receiverOrganizationId, name: pathway.receiverOrganizationName } : null,
  );
  const [serviceIds, setServiceIds] = useState<string[]>(pathway?.services.map((s) => s.id) ?? []);
  const [referrerTypes, setReferrerTypes] = useState<OrganizationType[]>(pathway?.referrerOrganizationTypes ?? []);
  const [inclusion, setInclusion] = useState((pathway?.inclusionCriteria ?? []).map((c) => c.text).join('\n'));
  const [exclusion, setExclusion] = useState((pathway?.exclusionCriteria ?? []).map((c) => c.text).join('\n'));
  const [fields, setFields] = useState<FieldRow[]>(
    (pathway?.requiredFields ?? []).map((f) => ({ key: f.key, label: f.label, type: f.type, options: (f.options ?? []).join(', ') })),
  );
  const [documents, setDocuments] = useState((pathway?.requiredDocuments ?? []).map((d) => d.label).join('\n'));
  const [ackHours, setAckHours] = useState(String(pathway?.ackHours ?? 24));
  const [firstContactDays, setFirstContactDays] = useState(String(pathway?.firstContactDays ?? 3));
  const [warmHandoff, setWarmHandoff] = useState(pathway?.warmHandoffExpected ?? false);
  const [contactName, setContactName] = useState(pathway?.receiverContact.name ?? '');
  const [contactPhone, setContactPhone] = useState(pathway?.receiverContact.phone ?? '');
  const [contactEmail, setContactEmail] = useState(pathway?.receiverContact.email ?? '');
  const [activeFrom, setActiveFrom] = useState(pathway?.activeFrom ?? new Date().toISOString().slice(0, 10));
  const [activeUntil, setActiveUntil] = useState(pathway?.activeUntil ?? '');

  // The receiver's services, from its directory listings.
  const services = useApiData(async () => {
    if (!receiver) return [];
    const listings = await client.listDirectoryOrganizations({ memberOrganizationId: receiver.id, limit: 20 });
    const lists = await Promise.all(listings.items.map((listing) => client.listDirectoryServices(listing.id)));
    return lists.flat();
  }, [receiver?.id]);
  const serviceOptions = [
    ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name })),
    ...(pathway?.services ?? [])
      .filter((s) => !(services.data ?? []).some((d) => d.id === s.id))
      .map((s) => ({ value: s.id, label: s.name })),
  ];

  function body(): PathwayInput {
    const fieldKeys = new Set<string>();
    const requiredFields: PathwayField[] = fields
      .filter((f) => f.label.trim())
      .map((f) => {
        const key = f.key || keyFromText(f.label, fieldKeys);
        fieldKeys.add(key);
        const options = f.options
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean);
        return { key, label: f.label.trim(), type: f.type, ...(f.type === 'choice' ? { options } : {}) };
      });
    const documentKeys = new Set<string>();
    const requiredDocuments = documents
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((label) => {
        const same = pathway?.requiredDocuments.find((d) => d.label === label);
        const key = same?.key ?? keyFromText(label, documentKeys);
        documentKeys.add(key);
        return { key, label };
      });
    return {
      name: name.trim(),
      description: description.trim() || null,
      referrerOrganizationTypes: referrerTypes,
      referrerOrganizationIds: pathway?.referrerOrganizationIds ?? [],
      receiverOrganizationId: receiver?.id ?? '',
      serviceIds,
      inclusionCriteria: criteriaFromLines(inclusion, pathway?.inclusionCriteria ?? []),
      exclusionCriteria: criteriaFromLines(exclusion, pathway?.exclusionCriteria ?? []),
      requiredFields,
      requiredDocuments,
      ackHours: Number(ackHours),
      firstContactDays: Number(firstContactDays),
      warmHandoffExpected: warmHandoff,
      receiverContact: { name: contactName.trim(), phone: contactPhone.trim() || null, email: contactEmail.trim() || null },
      activeFrom,
      activeUntil: activeUntil || null,
    };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Give the pathway a name.';
    if (!receiver) problems.receiverOrganizationId = 'Choose the receiving organization.';
    if (serviceIds.length === 0) problems.serviceIds = 'Choose at least one service.';
    if (!contactName.trim()) problems.receiverContact = 'Name the contact at the receiver.';
    if (Object.keys(problems).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields: problems });
      return;
    }
    const result = await submission.run(() => onSave(body()));
    if (result.ok) onSaved(result.value);
  }

  const errors = submission.errors;
  return (
    <form
      className="form"
      noValidate
      aria-label={pathway ? 'New version of the pathway' : 'New pathway'}
      onSubmit={(event) => void submit(event)}
    >
      <FormErrorSummary errors={errors} labels={labels} idPrefix="pathway" />
      <TextField
        id="pathway-name"
        label={labels.name}
        value={name}
        error={errors?.fields.name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TextAreaField
        id="pathway-description"
        label={labels.description}
        isOptional
        value={description}
        error={errors?.fields.description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      {pathway ? (
        <p>
          <strong>{labels.receiverOrganizationId}:</strong> {pathway.receiverOrganizationName}
        </p>
      ) : (
        <fieldset className="field" id="pathway-receiverOrganizationId" tabIndex={-1}>
          <legend className="field-label">{labels.receiverOrganizationId}</legend>
          {errors?.fields.receiverOrganizationId ? <p className="field-error">{errors.fields.receiverOrganizationId}</p> : null}
          <OrganizationPicker
            idPrefix="pathway-receiver"
            label="Receiving organization"
            suggestions={receiver ? [receiver] : []}
            value={receiver?.id ?? ''}
            onChange={(organization) => {
              setReceiver(organization);
              setServiceIds([]);
            }}
          />
        </fieldset>
      )}
      <CheckboxGroup
        id="pathway-serviceIds"
        name="serviceIds"
        legend={labels.serviceIds}
        hint={
          receiver
            ? services.isLoading
              ? 'Loading the receiver’s services…'
              : serviceOptions.length === 0
                ? 'The receiver lists no services in the directory.'
                : 'The receiver’s services in the directory.'
            : 'Choose the receiving organization first.'
        }
        options={serviceOptions}
        values={serviceIds}
        error={errors?.fields.serviceIds}
        onChange={setServiceIds}
      />
      <CheckboxGroup
        id="pathway-referrerOrganizationTypes"
        name="referrerOrganizationTypes"
        legend="Who may refer"
        hint="Organizations of these types. None chosen: any organization in the network."
        options={organizationTypes.map((t) => ({ value: t, label: organizationTypeLabels[t] }))}
        values={referrerTypes}
        error={errors?.fields.referrerOrganizationTypes}
        onChange={setReferrerTypes}
      />
      <TextAreaField
        id="pathway-inclusionCriteria"
        label={labels.inclusionCriteria}
        hint="One per line; the sender confirms each applies."
        isOptional
        value={inclusion}
        error={errors?.fields.inclusionCriteria}
        onChange={(e) => setInclusion(e.currentTarget.value)}
      />
      <TextAreaField
        id="pathway-exclusionCriteria"
        label={labels.exclusionCriteria}
        hint="One per line; the sender confirms each does not apply."
        isOptional
        value={exclusion}
        error={errors?.fields.exclusionCriteria}
        onChange={(e) => setExclusion(e.currentTarget.value)}
      />
      <fieldset className="field" id="pathway-requiredFields" tabIndex={-1}>
        <legend className="field-label">{labels.requiredFields}</legend>
        {errors?.fields.requiredFields ? <p className="field-error">{errors.fields.requiredFields}</p> : null}
        {fields.map((row, index) => (
          <div className="pathway-field-row" key={index} role="group" aria-label={`Required information ${index + 1}`}>
            <TextField
              id={`pathway-field-${index}-label`}
              label="Label"
              value={row.label}
              onChange={(e) => setFields(fields.map((f, i) => (i === index ? { ...f, label: e.currentTarget.value } : f)))}
            />
            <SelectField
              id={`pathway-field-${index}-type`}
              label="Type"
              value={row.type}
              options={requiredFieldTypes.map((t) => ({ value: t, label: fieldTypeLabels[t] }))}
              onChange={(e) =>
                setFields(fields.map((f, i) => (i === index ? { ...f, type: e.currentTarget.value as FieldRow['type'] } : f)))
              }
            />
            {row.type === 'choice' ? (
              <TextField
                id={`pathway-field-${index}-options`}
                label="Choices (comma-separated)"
                value={row.options}
                onChange={(e) => setFields(fields.map((f, i) => (i === index ? { ...f, options: e.currentTarget.value } : f)))}
              />
            ) : null}
            <Button size="small" variant="quiet" onClick={() => setFields(fields.filter((_, i) => i !== index))}>
              Remove
            </Button>
          </div>
        ))}
        <Button size="small" onClick={() => setFields([...fields, { key: '', label: '', type: 'text', options: '' }])}>
          Add required information
        </Button>
      </fieldset>
      <TextAreaField
        id="pathway-requiredDocuments"
        label={labels.requiredDocuments}
        hint="One per line, e.g. “ED discharge summary”."
        isOptional
        value={documents}
        error={errors?.fields.requiredDocuments}
        onChange={(e) => setDocuments(e.currentTarget.value)}
      />
      <TextField
        id="pathway-ackHours"
        label={labels.ackHours}
        type="number"
        min={1}
        value={ackHours}
        error={errors?.fields.ackHours}
        onChange={(e) => setAckHours(e.currentTarget.value)}
      />
      <TextField
        id="pathway-firstContactDays"
        label={labels.firstContactDays}
        hint="Counted from sending."
        type="number"
        min={0}
        value={firstContactDays}
        error={errors?.fields.firstContactDays}
        onChange={(e) => setFirstContactDays(e.currentTarget.value)}
      />
      <CheckboxField
        id="pathway-warmHandoffExpected"
        label="A warm handoff is expected"
        checked={warmHandoff}
        onChange={(e) => setWarmHandoff(e.currentTarget.checked)}
      />
      <fieldset className="field" id="pathway-receiverContact" tabIndex={-1}>
        <legend className="field-label">{labels.receiverContact}</legend>
        {errors?.fields.receiverContact ? <p className="field-error">{errors.fields.receiverContact}</p> : null}
        <TextField
          id="pathway-contact-name"
          label="Name or desk"
          value={contactName}
          onChange={(e) => setContactName(e.currentTarget.value)}
        />
        <TextField
          id="pathway-contact-phone"
          label="Phone"
          isOptional
          value={contactPhone}
          onChange={(e) => setContactPhone(e.currentTarget.value)}
        />
        <TextField
          id="pathway-contact-email"
          label="Email"
          type="email"
          isOptional
          value={contactEmail}
          onChange={(e) => setContactEmail(e.currentTarget.value)}
        />
      </fieldset>
      <TextField
        id="pathway-activeFrom"
        label={labels.activeFrom}
        type="date"
        value={activeFrom}
        error={errors?.fields.activeFrom}
        onChange={(e) => setActiveFrom(e.currentTarget.value)}
      />
      <TextField
        id="pathway-activeUntil"
        label={labels.activeUntil}
        type="date"
        isOptional
        value={activeUntil}
        error={errors?.fields.activeUntil}
        onChange={(e) => setActiveUntil(e.currentTarget.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          {pathway ? 'Save new version' : 'Create pathway'}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
