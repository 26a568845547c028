import type { CreateDirectoryLocation, DirectoryLocation, UpdateDirectoryLocation } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';

const labels = {
  name: 'Name',
  address1: 'Street address',
  address2: 'Address line 2',
  city: 'Town or city',
  region: 'State',
  postalCode: 'ZIP code',
  latitude: 'Latitude',
  longitude: 'Longitude',
  phone: 'Phone',
  timeZone: 'Time zone',
};
type Key = keyof typeof labels;

interface Props {
  organizationId: string;
  location?: DirectoryLocation;
  onSaved: (location: DirectoryLocation) => void;
  onCancel: () => void;
}

function coordinate(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** A place where services are offered. Coordinates place it on the locator's distance search. */
export function DirectoryLocationForm({ organizationId, location, onSaved, onCancel }: Props) {
  const client = useApi();
  const submission = useSubmission();
  const idPrefix = location ? `location-${location.id}` : 'location-new';
  const [values, setValues] = useState<Record<Key, string>>({
    name: location?.name ?? '',
    address1: location?.address1 ?? '',
    address2: location?.address2 ?? '',
    city: location?.city ?? '',
    region: location?.region ?? '',
    postalCode: location?.postalCode ?? '',
    latitude: location ? String(location.latitude) : '',
    longitude: location ? String(location.longitude) : '',
    phone: location?.phone ?? '',
    timeZone: location?.timeZone ?? '',
  });
  const { errors } = submission;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: Record<string, string> = {};
    for (const key of ['latitude', 'longitude'] as const) {
      const text = values[key].trim();
      if (text === '') local[key] = 'Enter a number, for example 45.52.';
      else if (!Number.isFinite(Number(text))) local[key] = 'Enter a number in decimal degrees, for example 45.52.';
    }
    if (Object.keys(local).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields: local });
      return;
    }
    const body = {
      name: values.name,
      address1: values.address1,
      address2: values.address2.trim() || null,
      city: values.city,
      region: values.region,
      postalCode: values.postalCode,
      latitude: coordinate(values.latitude),
      longitude: coordinate(values.longitude),
      phone: values.phone.trim() || null,
      timeZone: values.timeZone.trim() || null,
    };
    const result = await submission.run(() =>
      location
        ? client.updateDirectoryLocation(location.id, body as UpdateDirectoryLocation)
        : client.createDirectoryLocation(organizationId, body as CreateDirectoryLocation),
    );
    if (result.ok) onSaved(result.value);
  }

  const field = (key: Key) => ({
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
    <form
      className="form"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-label={location ? `Edit ${location.name}` : 'New location'}
    >
      <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
      <TextField required {...field('name')} />
      <TextField required autoComplete="address-line1" {...field('address1')} />
      <TextField isOptional autoComplete="address-line2" {...field('address2')} />
      <div className="form-row">
        <TextField required {...field('city')} />
        <TextField required hint="Two letters, for example OR" {...field('region')} />
        <TextField required inputMode="numeric" {...field('postalCode')} />
      </div>
      <div className="form-row">
        <TextField required inputMode="decimal" hint="Decimal degrees, for example 45.52" {...field('latitude')} />
        <TextField required inputMode="decimal" hint="Decimal degrees, for example -122.68" {...field('longitude')} />
      </div>
      <div className="form-row">
        <TextField type="tel" isOptional {...field('phone')} />
        <TextField isOptional hint="For example America/Los_Angeles; empty uses the network's" {...field('timeZone')} />
      </div>
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
