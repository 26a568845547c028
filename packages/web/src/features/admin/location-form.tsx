import type { CreateLocation, Location } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, TextField } from '../../ui/field.tsx';

const labels = {
  name: 'Location name',
  address1: 'Street address',
  address2: 'Address line 2',
  city: 'City',
  region: 'State',
  postalCode: 'ZIP code',
  latitude: 'Latitude',
  longitude: 'Longitude',
  active: 'Active',
};

type TextKey = 'name' | 'address1' | 'address2' | 'city' | 'region' | 'postalCode' | 'latitude' | 'longitude';
type Values = Record<TextKey, string> & { active: boolean };

function initialValues(location?: Location): Values {
  return {
    name: location?.name ?? '',
    address1: location?.address1 ?? '',
    address2: location?.address2 ?? '',
    city: location?.city ?? '',
    region: location?.region ?? '',
    postalCode: location?.postalCode ?? '',
    latitude: location?.latitude?.toString() ?? '',
    longitude: location?.longitude?.toString() ?? '',
    active: location?.active ?? true,
  };
}

function parseCoordinate(text: string): number | null | 'invalid' {
  if (!text.trim()) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : 'invalid';
}

interface LocationFormProps {
  organizationId: string;
  location?: Location;
  onSaved: (location: Location) => void;
  onCancel: () => void;
}

export function LocationForm({ organizationId, location, onSaved, onCancel }: LocationFormProps) {
  const client = useApi();
  const submission = useSubmission();
  const [values, setValues] = useState<Values>(() => initialValues(location));
  const idPrefix = location ? `location-${location.id}` : 'location-new';
  const { errors } = submission;

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const latitude = parseCoordinate(values.latitude);
    const longitude = parseCoordinate(values.longitude);
    if (latitude === 'invalid' || longitude === 'invalid') {
      const fields: Record<string, string> = {};
      if (latitude === 'invalid') fields.latitude = 'Enter a number, such as 39.7392.';
      if (longitude === 'invalid') fields.longitude = 'Enter a number, such as -104.9903.';
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields });
      return;
    }
    const body: CreateLocation = {
      name: values.name,
      address1: values.address1,
      address2: values.address2.trim() || null,
      city: values.city,
      region: values.region,
      postalCode: values.postalCode,
      latitude,
      longitude,
    };
    const result = await submission.run(() =>
      location ? client.updateLocation(location.id, { ...body, active: values.active }) : client.createLocation(organizationId, body),
    );
    if (result.ok) onSaved(result.value);
  }

  const text = (key: TextKey, extra: { isOptional?: boolean; hint?: string; autoComplete?: string; inputMode?: 'decimal' } = {}) => (
    <TextField
      id={`${idPrefix}-${key}`}
      label={labels[key]}
      name={key}
      value={values[key]}
      error={errors?.fields[key]}
      onChange={(event) => set(key, event.currentTarget.value)}
      {...extra}
    />
  );

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-label={location ? `Edit ${location.name}` : 'New location'}
    >
      <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
      {text('name', { hint: 'How people know this site, e.g. "Downtown clinic".' })}
      {text('address1', { autoComplete: 'address-line1' })}
      {text('address2', { isOptional: true, autoComplete: 'address-line2' })}
      <div className="form-row form-row-3">
        {text('city', { autoComplete: 'address-level2' })}
        {text('region', { hint: 'Two-letter code, e.g. CO', autoComplete: 'address-level1' })}
        {text('postalCode', { autoComplete: 'postal-code' })}
      </div>
      <div className="form-row">
        {text('latitude', { isOptional: true, inputMode: 'decimal' })}
        {text('longitude', { isOptional: true, inputMode: 'decimal' })}
      </div>
      {location ? (
        <CheckboxField
          id={`${idPrefix}-active`}
          label="Active"
          hint="Inactive locations are kept but no longer offered for referrals."
          checked={values.active}
          onChange={(event) => set('active', event.currentTarget.checked)}
        />
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          {location ? 'Save location' : 'Add location'}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
