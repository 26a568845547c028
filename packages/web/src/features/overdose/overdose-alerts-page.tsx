import { useState, type FormEvent } from 'react';
import { type OverdoseAlert } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useOverdoseApi } from './api-context.tsx';
import { OverdoseNav } from './overdose-nav.tsx';

/** Spike alerts: subscribe, acknowledge and annotate. */
export function OverdoseAlertsPage() {
  const api = useOverdoseApi();
  const session = useSession();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const alerts = useApiData(() => api.listAlerts(status), [status]);
  const subscription = useApiData(() => api.getSubscription(), []);
  const toggle = useSubmission();
  const mayAcknowledge = hasRole(session, 'clinician', 'care_navigator', 'partner_staff', 'privacy_officer', 'network_admin');
  return (
    <>
      <PageHeading
        title="Spike alerts"
        eyebrow="Overdose response"
        description="Threshold alerts (more than N in an area within 24 hours) and CDC EARS alerts on daily counts. Each spike alerts once."
      />
      <OverdoseNav />
      {toggle.errors ? <Alert tone="error">{toggle.errors.message}</Alert> : null}
      {subscription.data !== undefined ? (
        <CheckboxField
          id="overdose-subscribe"
          label="Tell me about new spike alerts (inbox and email)"
          checked={subscription.data}
          disabled={toggle.isPending}
          onChange={async (e) => {
            const checked = e.target.checked;
            const result = await toggle.run(() => api.setSubscription(checked));
            if (result.ok) subscription.reload();
          }}
        />
      ) : null}
      <SelectField
        id="overdose-alert-status"
        label="Show"
        value={status}
        onChange={(e) => setStatus(e.target.value as 'open' | 'all')}
        options={[
          { value: 'open', label: 'Not yet acknowledged' },
          { value: 'all', label: 'All alerts' },
        ]}
      />
      {alerts.error ? <Alert tone="error">{describeError(alerts.error)}</Alert> : null}
      {alerts.isLoading ? <p role="status">Loading alerts…</p> : null}
      {alerts.data && alerts.data.length === 0 ? <p>No alerts.</p> : null}
      <ul className="overdose-alerts">
        {alerts.data?.map((a) => (
          <AlertItem key={a.id} alert={a} mayAcknowledge={mayAcknowledge} onChange={alerts.reload} />
        ))}
      </ul>
    </>
  );
}

export function AlertItem({ alert: a, mayAcknowledge, onChange }: { alert: OverdoseAlert; mayAcknowledge: boolean; onChange: () => void }) {
  const api = useOverdoseApi();
  const { run, isPending, errors } = useSubmission();
  const [note, setNote] = useState(a.annotation ?? '');
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const result = await run(() => api.acknowledgeAlert(a.id, note.trim() || undefined));
    if (result.ok) onChange();
  }
  const count = a.count === null ? 'not shown' : String(a.count);
  const heading = `${a.areaName}: ${a.detector === 'threshold' ? `${count} in 24 hours (threshold ${a.threshold ?? '—'})` : `${count} on ${a.lastDay.slice(0, 10)} (CDC EARS)`}`;
  return (
    <li className="overdose-alert">
      <h2 className="overdose-alert-title">{heading}</h2>
      <p>
        Started {formatDateTime(a.startedAt)}
        {a.acknowledgedAt ? ` · acknowledged ${formatDateTime(a.acknowledgedAt)}${a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : ''}` : ''}
      </p>
      {a.statistics ? (
        <p className="field-hint">
          C1 {a.statistics.c1 ?? '—'} · C2 {a.statistics.c2 ?? '—'} · C3 {a.statistics.c3 ?? '—'}
        </p>
      ) : null}
      {a.annotation ? <p>Note: {a.annotation}</p> : null}
      {mayAcknowledge ? (
        <form onSubmit={submit} className="overdose-alert-form" aria-label={`Acknowledge ${a.areaName}`}>
          {errors ? <Alert tone="error">{errors.message}</Alert> : null}
          <TextField id={`alert-note-${a.id}`} label="Note" isOptional value={note} onChange={(e) => setNote(e.target.value)} />
          <Button type="submit" size="small" isPending={isPending} pendingLabel="Saving…">
            {a.acknowledgedAt ? 'Save note' : 'Acknowledge'}
          </Button>
        </form>
      ) : null}
    </li>
  );
}
