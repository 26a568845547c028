import { useState, type FormEvent } from 'react';
import type { OverdoseSettings } from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { useOverdoseApi } from './api-context.tsx';

/** Network administrators: per-area thresholds, the outreach organization and the detectors' settings. */
export function OverdoseSettingsPage() {
  const api = useOverdoseApi();
  const settings = useApiData(() => api.getSettings(), []);
  const thresholds = useApiData(() => api.listThresholds(), []);
  return (
    <>
      <PageHeading title="Overdose response settings" eyebrow="Overdose response" />
      {settings.error ? <Alert tone="error">{describeError(settings.error)}</Alert> : null}
      {settings.data ? <SettingsForm initial={settings.data} onSaved={settings.reload} /> : <p role="status">Loading…</p>}
      <ThresholdForm onSaved={thresholds.reload} />
      {thresholds.error ? <Alert tone="error">{describeError(thresholds.error)}</Alert> : null}
      <Table caption="Area thresholds (alert when more than N suspected overdoses within 24 hours)">
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">N</th>
          </tr>
        </thead>
        <tbody>
          {thresholds.data && thresholds.data.items.length === 0 ? (
            <EmptyRow columns={2}>
              No area has its own threshold{thresholds.data.defaultThreshold ? `; all use ${thresholds.data.defaultThreshold}` : ''}.
            </EmptyRow>
          ) : null}
          {thresholds.data?.items.map((t) => (
            <tr key={t.areaId}>
              <td data-label="Area">{t.areaName}</td>
              <td data-label="N">{t.threshold}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

function SettingsForm({ initial, onSaved }: { initial: OverdoseSettings; onSaved: () => void }) {
  const api = useOverdoseApi();
  const client = useApi();
  const organizations = useApiData(() => client.searchNetworkOrganizations(''), []);
  const { run, isPending, errors } = useSubmission();
  const [outreach, setOutreach] = useState(initial.outreachOrganizationId ?? '');
  const [hours, setHours] = useState(String(initial.outreachDueHours));
  const [defaultThreshold, setDefaultThreshold] = useState(initial.defaultThreshold === null ? '' : String(initial.defaultThreshold));
  const [minSigma, setMinSigma] = useState(String(initial.minSigma));
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const result = await run(() =>
      api.saveSettings({
        outreachOrganizationId: outreach || null,
        outreachDueHours: Number(hours),
        defaultThreshold: defaultThreshold === '' ? null : Number(defaultThreshold),
        minSigma: Number(minSigma),
      }),
    );
    if (result.ok) {
      setSaved(true);
      onSaved();
    }
  }
  const labels = {
    outreachOrganizationId: 'Outreach organization',
    outreachDueHours: 'Outreach due within (hours)',
    defaultThreshold: 'Default threshold',
    minSigma: 'EARS minimum standard deviation',
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Settings">
      <FormErrorSummary errors={errors} labels={labels} idPrefix="overdose-settings" />
      {saved ? <Alert tone="success">Settings saved.</Alert> : null}
      <SelectField
        id="overdose-settings-outreachOrganizationId"
        label="Outreach organization"
        hint="Gets post-overdose outreach for people without a navigator team on their care team"
        value={outreach}
        onChange={(e) => setOutreach(e.target.value)}
        error={errors?.fields.outreachOrganizationId}
        options={[{ value: '', label: 'None' }, ...(organizations.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
      />
      <TextField
        id="overdose-settings-outreachDueHours"
        label="Outreach due within (hours)"
        type="number"
        min={1}
        value={hours}
        onChange={(e) => setHours(e.target.value)}
        error={errors?.fields.outreachDueHours}
      />
      <TextField
        id="overdose-settings-defaultThreshold"
        label="Default threshold"
        hint="For areas without their own; empty: only those areas are watched"
        isOptional
        type="number"
        min={1}
        value={defaultThreshold}
        onChange={(e) => setDefaultThreshold(e.target.value)}
        error={errors?.fields.defaultThreshold}
      />
      <TextField
        id="overdose-settings-minSigma"
        label="EARS minimum standard deviation"
        hint="0.5–1 suits sparse areas"
        type="number"
        min={0}
        step="0.1"
        value={minSigma}
        onChange={(e) => setMinSigma(e.target.value)}
        error={errors?.fields.minSigma}
      />
      <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
        Save settings
      </Button>
    </form>
  );
}

function ThresholdForm({ onSaved }: { onSaved: () => void }) {
  const api = useOverdoseApi();
  const areas = useApiData(() => api.getMap(7), []);
  const { run, isPending, errors } = useSubmission();
  const [areaId, setAreaId] = useState('');
  const [n, setN] = useState('3');
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const result = await run(() => api.setThreshold(areaId, Number(n)));
    if (result.ok) onSaved();
  }
  return (
    <form className="form overdose-alert-form" onSubmit={submit} noValidate aria-label="Set an area's threshold">
      {errors ? <Alert tone="error">{errors.message}</Alert> : null}
      <SelectField
        id="overdose-threshold-area"
        label="Area"
        value={areaId}
        onChange={(e) => setAreaId(e.target.value)}
        options={[{ value: '', label: 'Choose the area' }, ...(areas.data?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))]}
      />
      <TextField
        id="overdose-threshold-n"
        label="Threshold N"
        type="number"
        min={1}
        value={n}
        onChange={(e) => setN(e.target.value)}
        error={errors?.fields.threshold}
      />
      <Button type="submit" isPending={isPending} pendingLabel="Saving…" disabled={!areaId}>
        Set threshold
      </Button>
    </form>
  );
}
