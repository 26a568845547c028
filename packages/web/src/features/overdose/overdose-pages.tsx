import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  naloxoneRecipientCategories,
  naloxoneRecipientLabels,
  overdoseSourceTypeLabels,
  type NaloxoneRecipientCategory,
  type OverdoseAlert,
} from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { ImportOverdosesForm } from './import-overdoses.tsx';
import { useOverdoseApi } from './api-context.tsx';
import { AreaSeriesChart, OverdoseMap } from './overdose-map.tsx';
import { localNow } from './record-overdose-page.tsx';

/** Staff who work with people see events and record them; analysts see the suppressed map only. */
function useFullView() {
  const session = useSession();
  return hasRole(session, 'clinician', 'care_navigator', 'partner_staff', 'privacy_officer', 'network_admin');
}

function OverdoseNav() {
  const full = useFullView();
  const session = useSession();
  return (
    <nav aria-label="Overdose response" className="overdose-nav">
      <Link to="/overdose-response">Map</Link>
      {full ? <Link to="/overdose-response/events">Events</Link> : null}
      <Link to="/overdose-response/alerts">Alerts</Link>
      {full ? <Link to="/overdose-response/naloxone">Naloxone</Link> : null}
      {hasRole(session, 'network_admin') ? <Link to="/overdose-response/settings">Settings</Link> : null}
    </nav>
  );
}

/** The map of the last 7 or 30 days by area, and the chosen area's daily series with alert markers. */
export function OverdoseDashboardPage() {
  const api = useOverdoseApi();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const days = params.get('days') === '30' ? 30 : 7;
  const areaId = params.get('area');
  const map = useApiData(() => api.getMap(days), [days]);
  const series = useApiData(() => (areaId ? api.getAreaSeries(areaId, 90) : Promise.resolve(null)), [areaId]);
  const mayRecord = hasRole(session, 'clinician', 'care_navigator', 'partner_staff');
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next);
  };
  return (
    <>
      <PageHeading
        title="Overdose response"
        description="Suspected overdoses by area. Exact places are never drawn."
        actions={
          mayRecord ? (
            <ButtonLink to="/overdose-response/record" variant="primary">
              Record an overdose
            </ButtonLink>
          ) : null
        }
      />
      <OverdoseNav />
      <div className="overdose-toggle" role="group" aria-label="Period">
        <Button variant={days === 7 ? 'primary' : 'secondary'} size="small" aria-pressed={days === 7} onClick={() => set('days', '7')}>
          Last 7 days
        </Button>
        <Button variant={days === 30 ? 'primary' : 'secondary'} size="small" aria-pressed={days === 30} onClick={() => set('days', '30')}>
          Last 30 days
        </Button>
      </div>
      {map.error ? <Alert tone="error">{describeError(map.error)}</Alert> : null}
      {map.isLoading && !map.data ? <p role="status">Loading the map…</p> : null}
      {map.data ? <OverdoseMap map={map.data} selectedAreaId={areaId} onSelect={(id) => set('area', id)} /> : null}
      {series.error ? <Alert tone="error">{describeError(series.error)}</Alert> : null}
      {series.data ? (
        <AreaSeriesChart series={series.data} />
      ) : areaId ? null : (
        <p className="field-hint">Choose an area on the map to see its daily counts and alerts.</p>
      )}
      {map.data ? (
        <Table caption="Counts by area">
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col">Overdoses</th>
              <th scope="col">Open alerts</th>
            </tr>
          </thead>
          <tbody>
            {[...map.data.areas]
              .sort((a, b) => (b.count ?? -1) - (a.count ?? -1))
              .map((a) => (
                <tr key={a.id}>
                  <td data-label="Area">{a.name}</td>
                  <td data-label="Overdoses">{a.count === null ? 'fewer than 11' : a.count}</td>
                  <td data-label="Open alerts">{a.openAlerts}</td>
                </tr>
              ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}

export function OverdoseEventsPage() {
  const api = useOverdoseApi();
  const session = useSession();
  const events = useApiData(() => api.listEvents(30), []);
  const mayRecord = hasRole(session, 'clinician', 'care_navigator', 'partner_staff');
  return (
    <>
      <PageHeading
        title="Overdose events"
        eyebrow="Overdose response"
        description="The last 30 days. Places are shown by area; a person appears only where consent allows."
        actions={
          mayRecord ? (
            <ButtonLink to="/overdose-response/record" variant="primary">
              Record an overdose
            </ButtonLink>
          ) : null
        }
      />
      <OverdoseNav />
      {events.error ? <Alert tone="error">{describeError(events.error)}</Alert> : null}
      <Table caption="Recent overdose events">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Area</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reported by</th>
            <th scope="col">Person</th>
          </tr>
        </thead>
        <tbody>
          {events.isLoading ? <EmptyRow columns={5}>Loading…</EmptyRow> : null}
          {events.data && events.data.length === 0 ? <EmptyRow columns={5}>No overdoses recorded in the last 30 days.</EmptyRow> : null}
          {events.data?.map((e) => (
            <tr key={e.id}>
              <td data-label="When">
                <Link to={`/overdose-response/events/${e.id}`}>{formatDateTime(e.occurredAt)}</Link>
              </td>
              <td data-label="Area">{e.areaName}</td>
              <td data-label="Outcome">{e.fatal ? <Badge tone="negative">Fatal</Badge> : 'Non-fatal'}</td>
              <td data-label="Reported by">{overdoseSourceTypeLabels[e.sourceType]}</td>
              <td data-label="Person">
                {e.person ? `${e.person.givenName} ${e.person.familyName}` : e.personRestricted ? 'Restricted' : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {mayRecord ? <ImportOverdosesForm onImported={events.reload} /> : null}
    </>
  );
}

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

function AlertItem({ alert: a, mayAcknowledge, onChange }: { alert: OverdoseAlert; mayAcknowledge: boolean; onChange: () => void }) {
  const api = useOverdoseApi();
  const { run, isPending, errors } = useSubmission();
  const [note, setNote] = useState(a.annotation ?? '');
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const result = await run(() => api.acknowledgeAlert(a.id, note.trim() || undefined));
    if (result.ok) onChange();
  }
  const count = a.count === null ? 'fewer than 11' : String(a.count);
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

/** Naloxone kits handed out: a short form and the last 30 days. */
export function NaloxonePage() {
  const api = useOverdoseApi();
  const session = useSession();
  const list = useApiData(() => api.listNaloxone(30), []);
  const areas = useApiData(() => api.getMap(7), []);
  const { run, isPending, errors } = useSubmission();
  const [when, setWhen] = useState(() => localNow());
  const [areaId, setAreaId] = useState('');
  const [place, setPlace] = useState('');
  const [category, setCategory] = useState<NaloxoneRecipientCategory>('person_at_risk');
  const [kits, setKits] = useState('1');
  const [leaveBehind, setLeaveBehind] = useState(false);
  const [done, setDone] = useState(false);
  const mayRecord = hasRole(session, 'clinician', 'care_navigator', 'partner_staff');
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(false);
    const result = await run(() =>
      api.recordNaloxone({
        distributedAt: new Date(when).toISOString(),
        areaId,
        place,
        recipientCategory: category,
        kits: Number(kits) || 0,
        leaveBehind,
      }),
    );
    if (result.ok) {
      setDone(true);
      list.reload();
    }
  }
  const labels = { areaId: 'Area', kits: 'Kits', distributedAt: 'When', place: 'Where' };
  return (
    <>
      <PageHeading title="Naloxone distribution" eyebrow="Overdose response" />
      <OverdoseNav />
      {mayRecord ? (
        <form className="form" onSubmit={submit} noValidate aria-label="Record naloxone kits">
          <FormErrorSummary errors={errors} labels={labels} idPrefix="naloxone" />
          {done ? <Alert tone="success">Kits recorded.</Alert> : null}
          <TextField
            id="naloxone-distributedAt"
            label="When"
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
          />
          <SelectField
            id="naloxone-areaId"
            label="Area"
            value={areaId}
            onChange={(e) => setAreaId(e.target.value)}
            error={errors?.fields.areaId}
            options={[{ value: '', label: 'Choose the area' }, ...(areas.data?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))]}
          />
          <TextField
            id="naloxone-place"
            label="Where"
            hint="A site or an event, not a home address"
            isOptional
            value={place}
            onChange={(e) => setPlace(e.target.value)}
          />
          <SelectField
            id="naloxone-category"
            label="Given to"
            value={category}
            onChange={(e) => setCategory(e.target.value as NaloxoneRecipientCategory)}
            options={naloxoneRecipientCategories.map((c) => ({ value: c, label: naloxoneRecipientLabels[c] }))}
          />
          <TextField
            id="naloxone-kits"
            label="Kits"
            type="number"
            min={1}
            value={kits}
            onChange={(e) => setKits(e.target.value)}
            error={errors?.fields.kits}
          />
          <CheckboxField
            id="naloxone-leaveBehind"
            label="Left behind by EMS at an overdose"
            checked={leaveBehind}
            onChange={(e) => setLeaveBehind(e.target.checked)}
          />
          <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
            Record kits
          </Button>
        </form>
      ) : null}
      {list.error ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {list.data ? <p>{list.data.totalKits} kits in the last 30 days.</p> : null}
      <Table caption="Naloxone handed out, last 30 days">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Area</th>
            <th scope="col">Given to</th>
            <th scope="col">Kits</th>
          </tr>
        </thead>
        <tbody>
          {list.data && list.data.items.length === 0 ? <EmptyRow columns={4}>None recorded.</EmptyRow> : null}
          {list.data?.items.map((n) => (
            <tr key={n.id}>
              <td data-label="When">{formatDateTime(n.distributedAt)}</td>
              <td data-label="Area">{n.areaId}</td>
              <td data-label="Given to">
                {naloxoneRecipientLabels[n.recipientCategory]}
                {n.leaveBehind ? ' (EMS leave-behind)' : ''}
              </td>
              <td data-label="Kits">{n.kits}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
