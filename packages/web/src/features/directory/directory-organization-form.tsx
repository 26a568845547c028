import type { CreateDirectoryOrganization, DirectoryOrganization, UpdateDirectoryOrganization } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField, TextField, type SelectOption } from '../../ui/field.tsx';

const labels = {
  name: 'Name',
  memberOrganizationId: 'Network member',
  description: 'Description',
  website: 'Website',
  phone: 'Phone',
  email: 'Email',
};

const optionalKeys = ['description', 'website', 'phone', 'email'] as const;

interface Props {
  organization?: DirectoryOrganization;
  /** Network member organizations a new listing can belong to (network administrators only). */
  memberOptions?: readonly SelectOption[];
  onSaved: (organization: DirectoryOrganization) => void;
  onCancel?: () => void;
}

/** Creates or edits a directory organization; server errors appear next to the fields they name. */
export function DirectoryOrganizationForm({ organization, memberOptions, onSaved, onCancel }: Props) {
  const client = useApi();
  const submission = useSubmission();
  const idPrefix = organization ? 'listing-edit' : 'listing-new';
  const [values, setValues] = useState({
    name: organization?.name ?? '',
    memberOrganizationId: organization?.memberOrganizationId ?? '',
    description: organization?.description ?? '',
    website: organization?.website ?? '',
    phone: organization?.phone ?? '',
    email: organization?.email ?? '',
  });
  const { errors } = submission;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await submission.run(() => {
      if (organization) {
        const body: UpdateDirectoryOrganization = { name: values.name };
        for (const key of optionalKeys) body[key] = values[key].trim() || null;
        return client.updateDirectoryOrganization(organization.id, body);
      }
      const body: CreateDirectoryOrganization = { name: values.name, memberOrganizationId: values.memberOrganizationId || null };
      for (const key of optionalKeys) {
        const text = values[key].trim();
        if (text) body[key] = text;
      }
      return client.createDirectoryOrganization(body);
    });
    if (result.ok) onSaved(result.value);
  }

  const field = (key: keyof typeof values) => ({
    id: `${idPrefix}-${key}`,
    name: key,
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
      aria-label={organization ? 'Edit listing' : 'New listing'}
    >
      <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
      <TextField label={labels.name} required {...field('name')} />
      {!organization && memberOptions ? (
        <SelectField
          label={labels.memberOrganizationId}
          hint="Its staff keep the listing and capacity up to date. Choose none for an organization outside the network."
          options={[{ value: '', label: 'None (kept by network administrators)' }, ...memberOptions]}
          {...field('memberOrganizationId')}
        />
      ) : null}
      <TextAreaField
        label={labels.description}
        isOptional
        hint="What the organization offers, in plain words the public understands."
        {...field('description')}
      />
      <div className="form-row">
        <TextField label={labels.website} type="url" isOptional hint="Starting with https://" {...field('website')} />
        <TextField label={labels.phone} type="tel" isOptional {...field('phone')} />
      </div>
      <TextField label={labels.email} type="email" isOptional {...field('email')} />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          {organization ? 'Save changes' : 'Create listing'}
        </Button>
        {onCancel ? (
          <Button variant="quiet" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
