import type { DirectoryLocation, DirectoryService, ReplaceSchedules } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { ApiError } from '../../api/api-error.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';

const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const fieldLabels = { locationId: 'Location', dayOfWeek: 'Day', opensAt: 'Opens', closesAt: 'Closes' } as const;
type RowField = keyof typeof fieldLabels;

interface Row {
  key: number;
  locationId: string;
  dayOfWeek: string;
  opensAt: string;
  closesAt: string;
}

let rowKey = 0;

/** Server paths such as "body.items.2.closesAt" → { 2: { closesAt: message } }; other paths → `other`. */
export function scheduleErrors(fields: readonly { path: string; message: string }[]) {
  const rows: Record<number, Partial<Record<RowField, string>>> = {};
  const other: string[] = [];
  for (const field of fields) {
    const match = /^body\.items\.(\d+)\.(locationId|dayOfWeek|opensAt|closesAt)$/.exec(field.path);
    if (match) {
      const index = Number(match[1]);
      const name = match[2] as RowField;
      rows[index] = { ...rows[index], [name]: rows[index]?.[name] ?? field.message };
    } else other.push(field.message);
  }
  return { rows, other };
}

interface Props {
  service: DirectoryService;
  locations: readonly DirectoryLocation[];
  canEdit: boolean;
  onSaved: (service: DirectoryService) => void;
}

/** Weekly hours: one row per opening span; "Save hours" replaces the whole week at once. */
export function ScheduleEditor({ service, locations, canEdit, onSaved }: Props) {
  const client = useApi();
  const submission = useSubmission();
  const [rows, setRows] = useState<Row[]>(() =>
    service.schedules.map((entry) => ({
      key: ++rowKey,
      locationId: entry.locationId ?? '',
      dayOfWeek: String(entry.dayOfWeek),
      opensAt: entry.opensAt,
      closesAt: entry.closesAt,
    })),
  );
  const [note, setNote] = useState(service.scheduleNote ?? '');
  const [rowErrors, setRowErrors] = useState<Record<number, Partial<Record<RowField, string>>>>({});
  const [saved, setSaved] = useState(false);
  const serviceLocations = locations.filter((location) => service.locationIds.includes(location.id));

  function update(index: number, field: RowField, value: string) {
    setRows((previous) => previous.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setRowErrors({});
    const body: ReplaceSchedules = {
      items: rows.map((row) => ({
        locationId: row.locationId || null,
        dayOfWeek: Number(row.dayOfWeek),
        opensAt: row.opensAt,
        closesAt: row.closesAt,
      })),
      note: note.trim() || null,
    };
    const result = await submission.run(async () => {
      try {
        return await client.replaceServiceSchedules(service.id, body);
      } catch (error) {
        // The summary names each row and field; useSubmission's map keeps only the first path segment.
        if (error instanceof ApiError) setRowErrors(scheduleErrors(error.fields).rows);
        throw error;
      }
    });
    if (result.ok) {
      setSaved(true);
      onSaved(result.value);
    }
  }

  const errors = submission.errors;

  if (!canEdit) {
    return (
      <section aria-labelledby="hours-heading" className="directory-section">
        <h2 id="hours-heading">Hours</h2>
        {service.schedules.length === 0 ? <p>No hours listed.</p> : null}
        <ul className="plain-list">
          {service.schedules.map((entry, index) => (
            <li key={index}>
              {dayNames[entry.dayOfWeek - 1]} {entry.opensAt}–{entry.closesAt}
              {entry.locationId ? ` (${locations.find((location) => location.id === entry.locationId)?.name ?? 'one location'})` : ''}
            </li>
          ))}
        </ul>
        {service.scheduleNote ? <p className="muted">{service.scheduleNote}</p> : null}
      </section>
    );
  }

  const summaryItems = Object.entries(rowErrors).flatMap(([index, fields]) =>
    Object.entries(fields).map(([name, message]) => ({
      message: `Hours ${Number(index) + 1}, ${fieldLabels[name as RowField].toLowerCase()}: ${message}`,
      targetId: `schedule-${index}-${name}`,
    })),
  );

  return (
    <section aria-labelledby="hours-heading" className="directory-section">
      <h2 id="hours-heading">Hours</h2>
      {saved ? <Alert tone="success">Hours saved.</Alert> : null}
      <form className="form card form-card" noValidate aria-label="Weekly hours" onSubmit={(event) => void handleSubmit(event)}>
        {errors ? <ErrorSummary title={summaryItems.length > 0 ? 'There is a problem' : errors.message} items={summaryItems} /> : null}
        {rows.length === 0 ? <p>No hours listed. Add the days and times people can come in.</p> : null}
        {rows.map((row, index) => (
          <fieldset key={row.key} className="schedule-row">
            <legend>Hours {index + 1}</legend>
            <div className="form-row">
              <SelectField
                id={`schedule-${index}-dayOfWeek`}
                label={fieldLabels.dayOfWeek}
                value={row.dayOfWeek}
                error={rowErrors[index]?.dayOfWeek}
                options={dayNames.map((day, i) => ({ value: String(i + 1), label: day }))}
                onChange={(event) => update(index, 'dayOfWeek', event.currentTarget.value)}
              />
              <TextField
                id={`schedule-${index}-opensAt`}
                label={fieldLabels.opensAt}
                type="time"
                value={row.opensAt}
                error={rowErrors[index]?.opensAt}
                onChange={(event) => update(index, 'opensAt', event.currentTarget.value)}
              />
              <TextField
                id={`schedule-${index}-closesAt`}
                label={fieldLabels.closesAt}
                type="time"
                value={row.closesAt}
                error={rowErrors[index]?.closesAt}
                onChange={(event) => update(index, 'closesAt', event.currentTarget.value)}
              />
              {serviceLocations.length > 1 ? (
                <SelectField
                  id={`schedule-${index}-locationId`}
                  label={fieldLabels.locationId}
                  value={row.locationId}
                  error={rowErrors[index]?.locationId}
                  options={[
                    { value: '', label: 'Every location' },
                    ...serviceLocations.map((location) => ({ value: location.id, label: location.name })),
                  ]}
                  onChange={(event) => update(index, 'locationId', event.currentTarget.value)}
                />
              ) : null}
            </div>
            <Button
              size="small"
              variant="quiet"
              aria-label={`Remove hours ${index + 1}`}
              onClick={() => setRows((previous) => previous.filter((_, i) => i !== index))}
            >
              Remove
            </Button>
          </fieldset>
        ))}
        <div>
          <Button
            size="small"
            onClick={() => {
              const last = rows.at(-1);
              setRows((previous) => [
                ...previous,
                {
                  key: ++rowKey,
                  locationId: last?.locationId ?? '',
                  dayOfWeek: last ? String((Number(last.dayOfWeek) % 7) + 1) : '1',
                  opensAt: last?.opensAt ?? '08:00',
                  closesAt: last?.closesAt ?? '17:00',
                },
              ]);
            }}
          >
            Add hours
          </Button>
        </div>
        <TextField
          id="schedule-note"
          label="Note about hours"
          isOptional
          hint='For example "Closed on public holidays".'
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
            Save hours
          </Button>
        </div>
      </form>
    </section>
  );
}
