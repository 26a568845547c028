import {
  capacityStatusLabels,
  capacityStatuses,
  capacityUnitLabels,
  capacityUnits,
  type CapacityStatusCode,
  type CapacityUnit,
  type DirectoryService,
  type UpdateCapacity,
} from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { capacitySummary } from './directory-format.ts';

const labels = {
  unit: 'Unit',
  status: 'Status',
  available: 'Available now',
  maximum: 'Total',
  waitlistDays: 'Expected wait (days)',
  note: 'Note',
};

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function wholeNumber(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : 'invalid';
}

interface Props {
  service: DirectoryService;
  canEdit: boolean;
  onUpdated: () => void;
}

/**
 * Live capacity in one action: the form always starts from the current figures, so confirming
 * unchanged capacity is a single press of "Update capacity" (which also resets its age). Every
 * update is kept in the history below.
 */
export function CapacityPanel({ service, canEdit, onUpdated }: Props) {
  const client = useApi();
  const submission = useSubmission();
  const history = useApiData(() => client.listCapacityHistory(service.id), [service.id]);
  const current = service.capacities[0];
  const [values, setValues] = useState({
    unit: (current?.unit ?? 'slot') as CapacityUnit,
    status: (current?.status ?? 'accepting') as CapacityStatusCode,
    available: current ? String(current.available) : '',
    maximum: current?.maximum != null ? String(current.maximum) : '',
    waitlistDays: current?.waitlistDays != null ? String(current.waitlistDays) : '',
    note: '',
  });
  const [notice, setNotice] = useState<string | null>(null);
  const { errors } = submission;
  const idPrefix = 'capacity';

  function pickUnit(unit: CapacityUnit) {
    const existing = service.capacities.find((capacity) => capacity.unit === unit);
    setValues((previous) => ({
      ...previous,
      unit,
      ...(existing
        ? {
            status: existing.status,
            available: String(existing.available),
            maximum: existing.maximum != null ? String(existing.maximum) : '',
            waitlistDays: existing.waitlistDays != null ? String(existing.waitlistDays) : '',
          }
        : {}),
    }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const available = wholeNumber(values.available);
    const maximum = wholeNumber(values.maximum);
    const waitlistDays = values.status === 'waitlist' ? wholeNumber(values.waitlistDays) : null;
    const local: Record<string, string> = {};
    if (available === null) local.available = 'Enter how many are available now (0 if none).';
    if (available === 'invalid') local.available = 'Enter a whole number, 0 or more.';
    if (maximum === 'invalid') local.maximum = 'Enter a whole number, or leave it empty.';
    if (waitlistDays === 'invalid') local.waitlistDays = 'Enter a whole number of days, or leave it empty.';
    if (Object.keys(local).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields: local });
      return;
    }
    const body: UpdateCapacity = {
      unit: values.unit,
      status: values.status,
      available: available as number,
      maximum: maximum as number | null,
      waitlistDays: waitlistDays as number | null,
      note: values.note.trim() || null,
    };
    const result = await submission.run(() => client.updateServiceCapacity(service.id, body));
    if (result.ok) {
      setNotice(`Capacity updated: ${capacitySummary(result.value)}.`);
      setValues((previous) => ({ ...previous, note: '' }));
      history.reload();
      onUpdated();
    }
  }

  const set = (key: keyof typeof values) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((previous) => ({ ...previous, [key]: value }));
  };

  return (
    <section aria-labelledby="capacity-heading" className="directory-section">
      <h2 id="capacity-heading">Capacity</h2>
      {service.capacities.length === 0 ? <p>No capacity reported yet.</p> : null}
      <ul className="plain-list">
        {service.capacities.map((capacity) => (
          <li key={capacity.unit}>
            {capacity.stale ? <Badge tone="warning">Not confirmed recently</Badge> : <Badge tone="positive">Current</Badge>}{' '}
            {capacitySummary(capacity)}
          </li>
        ))}
      </ul>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {canEdit ? (
        <form className="form card form-card" noValidate aria-label="Update capacity" onSubmit={(event) => void handleSubmit(event)}>
          <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
          <div className="form-row">
            <SelectField
              id={`${idPrefix}-unit`}
              name="unit"
              label={labels.unit}
              value={values.unit}
              error={errors?.fields.unit}
              options={capacityUnits.map((unit) => ({ value: unit, label: capitalize(capacityUnitLabels[unit].en) }))}
              onChange={(event) => pickUnit(event.currentTarget.value as CapacityUnit)}
            />
            <SelectField
              id={`${idPrefix}-status`}
              name="status"
              label={labels.status}
              value={values.status}
              error={errors?.fields.status}
              options={capacityStatuses.map((status) => ({ value: status, label: capacityStatusLabels[status].en }))}
              onChange={set('status')}
            />
          </div>
          <div className="form-row">
            <TextField
              id={`${idPrefix}-available`}
              name="available"
              label={labels.available}
              inputMode="numeric"
              value={values.available}
              error={errors?.fields.available}
              onChange={set('available')}
            />
            <TextField
              id={`${idPrefix}-maximum`}
              name="maximum"
              label={labels.maximum}
              isOptional
              inputMode="numeric"
              value={values.maximum}
              error={errors?.fields.maximum}
              onChange={set('maximum')}
            />
            {values.status === 'waitlist' ? (
              <TextField
                id={`${idPrefix}-waitlistDays`}
                name="waitlistDays"
                label={labels.waitlistDays}
                isOptional
                inputMode="numeric"
                value={values.waitlistDays}
                error={errors?.fields.waitlistDays}
                onChange={set('waitlistDays')}
              />
            ) : null}
          </div>
          <TextField
            id={`${idPrefix}-note`}
            name="note"
            label={labels.note}
            isOptional
            hint="Not shown to the public."
            value={values.note}
            error={errors?.fields.note}
            onChange={set('note')}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Updating…">
              Update capacity
            </Button>
          </div>
        </form>
      ) : null}
      <Table caption="Capacity history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Status</th>
            <th scope="col">Available</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {history.data?.map((entry, index) => (
            <tr key={`${entry.recordedAt}-${entry.unit}-${index}`}>
              <th scope="row" className="nowrap">
                {formatDateTime(entry.recordedAt)}
              </th>
              <td data-label="Status">
                {capacityStatusLabels[entry.status].en}
                {entry.status === 'waitlist' && entry.waitlistDays !== null ? ` (about ${entry.waitlistDays} days)` : ''}
              </td>
              <td data-label="Available">
                {entry.maximum !== null ? `${entry.available} of ${entry.maximum}` : entry.available} {capacityUnitLabels[entry.unit].en}
              </td>
              <td data-label="By">{entry.recordedByLabel ?? '—'}</td>
            </tr>
          ))}
          {history.error ? <EmptyRow columns={4}>{describeError(history.error)}</EmptyRow> : null}
          {history.data && history.data.length === 0 ? <EmptyRow columns={4}>No capacity history yet.</EmptyRow> : null}
        </tbody>
      </Table>
    </section>
  );
}
