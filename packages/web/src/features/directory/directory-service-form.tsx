import {
  directoryLanguageCodes,
  directoryLanguages,
  serviceStatuses,
  taxonomyCategories,
  taxonomyCategoryLabels,
  taxonomyCodesOf,
  taxonomyTerms,
  type DirectoryLanguage,
  type DirectoryLocation,
  type DirectoryService,
  type TaxonomyCode,
  type UpdateDirectoryService,
} from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/field.tsx';

const labels = {
  name: 'Name',
  status: 'Status',
  description: 'Description',
  phone: 'Phone',
  url: 'Website',
  email: 'Email',
  eligibilityDescription: 'Who can use it',
  minimumAge: 'Minimum age',
  maximumAge: 'Maximum age',
  feesDescription: 'Cost',
  codes: 'What it offers',
  languages: 'Languages',
  locationIds: 'Locations',
};

const textKeys = ['description', 'phone', 'url', 'email', 'eligibilityDescription', 'feesDescription'] as const;
export const serviceStatusLabels: Record<(typeof serviceStatuses)[number], string> = {
  active: 'Active',
  inactive: 'Inactive',
  defunct: 'Closed for good',
  'temporarily closed': 'Temporarily closed',
};

interface Props {
  service: DirectoryService;
  locations: readonly DirectoryLocation[];
  onSaved: (service: DirectoryService) => void;
  onCancel: () => void;
}

/**
 * A service's listing: what it offers in the OUD-care taxonomy (shared with the public locator and
 * the HSDS export), who it serves, languages and where it is offered.
 */
export function DirectoryServiceForm({ service, locations, onSaved, onCancel }: Props) {
  const client = useApi();
  const submission = useSubmission();
  const idPrefix = 'service';
  const [values, setValues] = useState({
    name: service.name,
    status: service.status,
    description: service.description ?? '',
    phone: service.phone ?? '',
    url: service.url ?? '',
    email: service.email ?? '',
    eligibilityDescription: service.eligibilityDescription ?? '',
    feesDescription: service.feesDescription ?? '',
    minimumAge: service.minimumAge !== null ? String(service.minimumAge) : '',
    maximumAge: service.maximumAge !== null ? String(service.maximumAge) : '',
  });
  const [codes, setCodes] = useState<TaxonomyCode[]>(service.codes);
  const [languages, setLanguages] = useState<DirectoryLanguage[]>(
    service.languages.filter((code): code is DirectoryLanguage => code in directoryLanguages),
  );
  const [locationIds, setLocationIds] = useState<string[]>(service.locationIds);
  const { errors } = submission;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: Record<string, string> = {};
    const ages: Record<'minimumAge' | 'maximumAge', number | null> = { minimumAge: null, maximumAge: null };
    for (const key of ['minimumAge', 'maximumAge'] as const) {
      const text = values[key].trim();
      if (text === '') continue;
      if (/^\d+$/.test(text)) ages[key] = Number(text);
      else local[key] = 'Enter an age in whole years, or leave it empty.';
    }
    if (ages.minimumAge !== null && ages.maximumAge !== null && ages.minimumAge > ages.maximumAge) {
      local.maximumAge = 'Must not be less than the minimum age.';
    }
    if (Object.keys(local).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields: local });
      return;
    }
    const body: UpdateDirectoryService = { name: values.name, status: values.status, ...ages, codes, languages, locationIds };
    for (const key of textKeys) body[key] = values[key].trim() || null;
    const result = await submission.run(() => client.updateDirectoryService(service.id, body));
    if (result.ok) onSaved(result.value);
  }

  const text = (key: keyof typeof values) => ({
    id: `${idPrefix}-${key}`,
    name: key,
    label: labels[key],
    value: values[key],
    error: errors?.fields[key],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((previous) => ({ ...previous, [key]: value }));
    },
  });

  return (
    <form className="form" noValidate aria-label="Edit service" onSubmit={(event) => void handleSubmit(event)}>
      <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
      <TextField required {...text('name')} />
      <SelectField options={serviceStatuses.map((status) => ({ value: status, label: serviceStatusLabels[status] }))} {...text('status')} />
      <TextAreaField isOptional hint="Plain words; the public reads this on the locator." {...text('description')} />
      <div className="form-row">
        <TextField type="tel" isOptional {...text('phone')} />
        <TextField type="url" isOptional hint="Starting with https://" {...text('url')} />
        <TextField type="email" isOptional {...text('email')} />
      </div>
      <TextAreaField isOptional rows={2} {...text('eligibilityDescription')} />
      <div className="form-row">
        <TextField isOptional inputMode="numeric" {...text('minimumAge')} />
        <TextField isOptional inputMode="numeric" {...text('maximumAge')} />
      </div>
      <TextAreaField
        isOptional
        rows={2}
        hint="For example: sliding fee; no one turned away for inability to pay."
        {...text('feesDescription')}
      />
      <div id={`${idPrefix}-codes`} tabIndex={-1} className="taxonomy-groups">
        {errors?.fields.codes ? <p className="field-error">{errors.fields.codes}</p> : null}
        {taxonomyCategories.map((category) => (
          <CheckboxGroup
            key={category}
            id={`${idPrefix}-codes-${category}`}
            name="codes"
            legend={taxonomyCategoryLabels[category].en}
            options={taxonomyCodesOf(category).map((code) => ({ value: code, label: taxonomyTerms[code].en }))}
            values={codes.filter((code) => taxonomyTerms[code].category === category)}
            onChange={(chosen) =>
              setCodes((previous) => [...previous.filter((code) => taxonomyTerms[code].category !== category), ...chosen])
            }
          />
        ))}
      </div>
      <CheckboxGroup
        id={`${idPrefix}-languages`}
        name="languages"
        legend={labels.languages}
        options={directoryLanguageCodes.map((code) => ({ value: code, label: directoryLanguages[code].en }))}
        values={languages}
        error={errors?.fields.languages}
        onChange={setLanguages}
      />
      <CheckboxGroup
        id={`${idPrefix}-locationIds`}
        name="locationIds"
        legend={labels.locationIds}
        hint={
          locations.length === 0
            ? 'Add a location to the organization first.'
            : 'Where the service is offered; it appears on the locator at each.'
        }
        options={locations.map((location) => ({ value: location.id, label: `${location.name} (${location.city})` }))}
        values={locationIds}
        error={errors?.fields.locationIds}
        onChange={setLocationIds}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          Save service
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
