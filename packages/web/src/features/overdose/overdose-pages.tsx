import { Link, useSearchParams } from 'react-router-dom';
import { overdoseSourceTypeLabels } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { ImportOverdosesForm } from './import-overdoses.tsx';
import { useOverdoseApi } from './api-context.tsx';
import { AreaSeriesChart, OverdoseMap } from './overdose-map.tsx';
import { OverdoseNav } from './overdose-nav.tsx';

/** The map of the last 7 or 30 days by area, and the chosen area's daily series with alert markers. */
export function OverdoseDashboardPage() {
  const api = useOverdoseApi();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const days = params.get('days') === '30' ? 30 : 7;
  const areaId = params.get('area');
  const map = useApiData(() => api.getMap(days), [days]);
  const series = useApiData(() => (areaId ? api.getAreaSeries(areaId, 90) : Promise.resolve(null)), [areaId]);
  // Reference geography and the basemap: without them the map falls back to drawing each area's centre cell.
  const boundaries = useApiData(() => api.getBoundaries().catch(() => null), []);
  const config = useApiData(() => api.getMapConfig().catch(() => ({ styleUrl: null })), []);
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
      {map.data && !boundaries.isLoading ? (
        <OverdoseMap
          map={map.data}
          boundaries={boundaries.data ?? null}
          styleUrl={config.data?.styleUrl ?? null}
          selectedAreaId={areaId}
          onSelect={(id) => set('area', id)}
          tableId="overdose-counts"
        />
      ) : null}
      {series.error ? <Alert tone="error">{describeError(series.error)}</Alert> : null}
      {series.data ? (
        <AreaSeriesChart series={series.data} />
      ) : areaId ? null : (
        <p className="field-hint">Choose an area on the map to see its daily counts and alerts.</p>
      )}
      {map.data ? (
        <Table id="overdose-counts" caption="Counts by area">
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
                  <td data-label="Area">
                    <button type="button" className="overdose-area-button" aria-pressed={areaId === a.id} onClick={() => set('area', a.id)}>
                      {a.name}
                    </button>
                  </td>
                  <td data-label="Overdoses">{a.count === null ? 'not shown' : a.count}</td>
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
