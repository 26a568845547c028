import type { CreateOrganization, Organization, OrganizationType, UpdateOrganization } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { organizationTypeOptions } from './role-options.ts';

const labels = {
  name: 'Name',
  type: 'Type',
  description: 'Description',
  website: 'Website',
  phone: 'Phone',
  email: 'Email',
  active: 'Active',
};

interface Values {
  name: string;
  type: OrganizationType | '';
  description: string;
  website: string;
  phone: string;
  email: string;
  active: boolean;
}

function initialValues(organization?: Organization): Values {
  return {
    name: organization?.name ?? '',
    type: organization?.type ?? '',
    description: organization?.description ?? '',
    website: organization?.website ?? '',
    phone: organization?.phone ?? '',
    email: organization?.email ?? '',
    active: organization?.active ?? true,
  };
}

const optionalKeys = ['description', 'website', 'phone', 'email'] as const;

interface OrganizationFormProps {
  /** The organization to edit; without it the form creates one. */
  organization?: Organization;
  onSaved: (organization: Organization) => void;
  onCancel?: () => void;
}

/** Creates or edits an organization; server validation errors appear next to the fields they name. */
export function OrganizationForm({ organization, onSaved, onCancel }: OrganizationFormProps) {
  const client = useApi();
  const submission = useSubmission();
  const [values, setValues] = useState<Values>(() => initialValues(organization));
  const idPrefix = organization ? 'organization-edit' : 'organization-new';
  const { errors } = submission;

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { type } = values;
    if (!type) {
      submission.setErrors({
        message: 'Some fields need attention.',
        code: undefined,
        fields: { type: 'Choose the type of organization.' },
      });
      return;
    }
    const result = await submission.run(() => {
      if (organization) {
        // Emptied optional fields are sent as null so that clearing them sticks.
        const body: UpdateOrganization = { name: values.name, type, active: values.active };
        for (const key of optionalKeys) body[key] = values[key].trim() || null;
        return client.updateOrganization(organization.id, body);
      }
      const body: CreateOrganization = { name: values.name, type };
      for (const key of optionalKeys) {
        const text = values[key].trim();
        if (text) body[key] = text;
      }
      return client.createOrganization(body);
    });
    if (result.ok) onSaved(result.value);
  }

  const fieldError = (name: string) => errors?.fields[name];

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-label={organization ? 'Edit organization' : 'New organization'}
    >
      <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
      <TextField
        id={`${idPrefix}-name`}
        label={labels.name}
        name="name"
        required
        value={values.name}
        error={fieldError('name')}
        onChange={(event) => set('name', event.currentTarget.value)}
      />
      <SelectField
        id={`${idPrefix}-type`}
        label={labels.type}
        name="type"
        required
        value={values.type}
        error={fieldError('type')}
        options={[{ value: '', label: 'Choose a type' }, ...organizationTypeOptions]}
        onChange={(event) => set('type', event.currentTarget.value as OrganizationType | '')}
      />
      <TextAreaField
        id={`${idPrefix}-description`}
        label={labels.description}
        name="description"
        isOptional
        hint="What the organization does for people with OUD and their families."
        value={values.description}
        error={fieldError('description')}
        onChange={(event) => set('description', event.currentTarget.value)}
      />
      <div className="form-row">
        <TextField
          id={`${idPrefix}-website`}
          label={labels.website}
          name="website"
          type="url"
          isOptional
          hint="Starting with https://"
          value={values.website}
          error={fieldError('website')}
          onChange={(event) => set('website', event.currentTarget.value)}
        />
        <TextField
          id={`${idPrefix}-phone`}
          label={labels.phone}
          name="phone"
          type="tel"
          isOptional
          value={values.phone}
          error={fieldError('phone')}
          onChange={(event) => set('phone', event.currentTarget.value)}
        />
      </div>
      <TextField
        id={`${idPrefix}-email`}
        label={labels.email}
        name="email"
        type="email"
        isOptional
        value={values.email}
        error={fieldError('email')}
        onChange={(event) => set('email', event.currentTarget.value)}
      />
      {organization ? (
        <CheckboxField
          id={`${idPrefix}-active`}
          label="Active"
          hint="Inactive organizations stay in the record but are hidden from referrals and the public directory."
          checked={values.active}
          error={fieldError('active')}
          onChange={(event) => set('active', event.currentTarget.checked)}
        />
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          {organization ? 'Save changes' : 'Create organization'}
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
