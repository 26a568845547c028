import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../../app/app-providers.tsx';
import { RequireSession } from '../../app/guards.tsx';
import { aCareNetwork } from '../../test-support/render-app.tsx';
import { FakeOverdoseApi } from './fake-api.ts';
import { OverdoseNearbyServices } from './nearby-services.tsx';
import { OverdoseRoutes } from './overdose-routes.tsx';

// A browser without WebGL (as jsdom is): the map is drawn as SVG.
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

function setup(roles: Role[], path: string, organizationType?: 'medical_examiner') {
  const network = aCareNetwork();
  const org = organizationType
    ? network.client.addOrganization({ name: 'County Medical Examiner', type: organizationType })
    : network.healthDepartment;
  const account = network.client.addPerson({ email: 'sam@example.org', displayName: 'Sam Ortiz', memberships: [[org, roles]] });
  network.client.signInAs(account);
  const api = new FakeOverdoseApi();
  const user = userEvent.setup();
  const renderAt = () =>
    render(
      <MemoryRouter initialEntries={[path]}>
        <AppProviders client={network.client}>
          <RequireSession>
            <Routes>
              <Route path="/overdose-response/*" element={<OverdoseRoutes api={api} />} />
            </Routes>
          </RequireSession>
        </AppProviders>
      </MemoryRouter>,
    );
  return { ...network, api, user, renderAt };
}

describe('Record an overdose', () => {
  it('records with the defaults, a chosen area and a person found by search, then shows the event', async () => {
    const s = setup(['clinician'], '/overdose-response/record');
    const person = s.client.registry.addPerson(s.healthDepartment, { givenName: 'Jordan', familyName: 'Rivera' });
    s.renderAt();
    await screen.findByRole('heading', { level: 1, name: 'Record an overdose' }, { timeout: 5000 });
    await screen.findByRole('option', { name: 'Harbor North' }, { timeout: 5000 });
    await s.user.selectOptions(screen.getByLabelText('Area'), 'Harbor North');
    await s.user.click(screen.getByRole('checkbox', { name: 'Fentanyl' }));
    await s.user.clear(screen.getByLabelText(/^Naloxone kits left at the scene/));
    await s.user.type(screen.getByLabelText(/^Naloxone kits left at the scene/), '2');
    await s.user.type(screen.getByLabelText('Find the person'), 'Rivera');
    await s.user.click(screen.getByRole('button', { name: 'Search' }));
    await s.user.click(await screen.findByRole('button', { name: 'Select Jordan Rivera' }));
    await s.user.click(screen.getByRole('button', { name: 'Record overdose' }));
    expect(await screen.findByText('Overdose recorded')).toBeTruthy();
    expect(s.api.recorded).toHaveLength(1);
    expect(s.api.recorded[0]).toMatchObject({
      areaId: 'A1',
      fatal: false,
      naloxoneDoses: 1,
      naloxoneBy: ['ems'],
      suspectedSubstances: ['fentanyl'],
      disposition: 'transported',
      personId: person.id,
      leaveBehindKits: 2,
    });
    expect(screen.getByText(/2 linked providers were notified/)).toBeTruthy();
  });

  it('names the missing area in the error summary and records nothing', async () => {
    const s = setup(['clinician'], '/overdose-response/record');
    s.renderAt();
    await screen.findByRole('heading', { level: 1, name: 'Record an overdose' }, { timeout: 5000 });
    await s.user.click(screen.getByRole('button', { name: 'Record overdose' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(/Area: Give the area or both latitude and longitude/)).toBeTruthy();
    expect(s.api.recorded).toEqual([]);
  });
});

describe('Overdose event page', () => {
  it('says a person is linked but restricted when consent does not allow', async () => {
    const s = setup(['clinician'], '/overdose-response/events/00000000-0000-4000-8000-000000000009');
    s.api.events.push(s.api.anEvent({ id: '00000000-0000-4000-8000-000000000009', personRestricted: true }));
    s.renderAt();
    expect(await screen.findByText('A person is linked — restricted, consent needed', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Medical examiner’s report' })).toBeNull();
  });

  it("lets a medical examiner's office record the death with a note", async () => {
    const s = setup(['clinician'], '/overdose-response/events/00000000-0000-4000-8000-000000000009', 'medical_examiner');
    s.api.events.push(s.api.anEvent({ id: '00000000-0000-4000-8000-000000000009' }));
    s.renderAt();
    await s.user.type(await screen.findByLabelText(/^Note/, {}, { timeout: 5000 }), 'Fentanyl toxicity; accident.');
    await s.user.click(screen.getByRole('button', { name: 'Record the death and the report' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Fatal overdose' })).toBeTruthy();
    expect(screen.getByText('Fentanyl toxicity; accident.', { selector: 'dd' })).toBeTruthy();
  });
});

describe('Map and alerts', () => {
  it('draws a cell per area with its count and shows the chosen area series with its alert', async () => {
    const s = setup(['analyst'], '/overdose-response');
    s.renderAt();
    const map = await screen.findByRole('group', { name: 'Overdoses by area, last 7 days' }, { timeout: 5000 });
    const cells = within(map).getAllByRole('button');
    expect(cells.map((c) => c.getAttribute('aria-label'))).toEqual(['Harbor North: 14', 'Bayview: 3']);
    expect(screen.queryByRole('link', { name: 'Record an overdose' })).toBeNull();
    await s.user.click(cells[0]!);
    expect(await screen.findByRole('img', { name: 'Daily overdoses in Harbor North, with 1 alert' })).toBeTruthy();
    expect(screen.getByText(/Alerts: 2026-11-19 \(threshold\)/)).toBeTruthy();
  });

  it('marks suppressed areas as not shown, with the fixed reporting period', async () => {
    const s = setup(['analyst'], '/overdose-response');
    s.api.map = {
      ...s.api.map,
      suppressed: true,
      areas: s.api.map.areas.map((a) => ({ ...a, count: a.count! >= 11 ? a.count : null })),
      total: 17,
    };
    s.renderAt();
    const map = await screen.findByRole('group', { name: 'Overdoses by area, last 7 days' }, { timeout: 5000 });
    expect(within(map).getByRole('button', { name: 'Bayview: not shown' })).toBeTruthy();
    expect(screen.getByText(/a fixed reporting period. Hatched areas are not shown: fewer than 11/)).toBeTruthy();
  });

  it('draws an area on its imported boundary (not a cell round its centre) and selects an area from the table too', async () => {
    const s = setup(['analyst'], '/overdose-response');
    // A seven-cornered Harbor North; Bayview has no boundary and keeps its centre's cell.
    const ring = [
      [-122.8, 45.1],
      [-122.75, 45.0],
      [-122.65, 45.02],
      [-122.6, 45.1],
      [-122.62, 45.2],
      [-122.7, 45.21],
      [-122.79, 45.18],
      [-122.8, 45.1],
    ];
    s.api.boundaries = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'A1',
          properties: { areaId: 'A1', name: 'Harbor North', kind: 'demo', population: 1000, attributes: {} },
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
      ],
    };
    s.renderAt();
    const map = await screen.findByRole('group', { name: 'Overdoses by area, last 7 days' }, { timeout: 5000 });
    const harbor = map.querySelector('path[data-area="A1"]')!.getAttribute('d')!;
    expect(harbor.match(/[ML]/g)).toHaveLength(8);
    expect(map.querySelector('path[data-area="A2"]')!.getAttribute('d')).toMatch(/^M.*Z$/);
    const table = screen.getByRole('table', { name: 'Counts by area' });
    await s.user.click(within(table).getByRole('button', { name: 'Bayview' }));
    expect(await screen.findByRole('img', { name: /Daily overdoses in Bayview/ })).toBeTruthy();
    expect(within(table).getByRole('button', { name: 'Bayview' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('acknowledges an alert with a note and subscribes', async () => {
    const s = setup(['care_navigator'], '/overdose-response/alerts');
    s.api.alerts.push({
      id: '00000000-0000-4000-8000-0000000000a1',
      detector: 'threshold',
      areaId: 'A1',
      areaName: 'Harbor North',
      startedAt: '2026-11-20T03:00:00.000Z',
      lastDay: '2026-11-20',
      count: 4,
      threshold: 3,
      statistics: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      annotation: null,
      createdAt: '2026-11-20T03:00:00.000Z',
    });
    s.renderAt();
    expect(await screen.findByRole('heading', { name: 'Harbor North: 4 in 24 hours (threshold 3)' }, { timeout: 5000 })).toBeTruthy();
    await s.user.click(screen.getByRole('checkbox', { name: /Tell me about new spike alerts/ }));
    await s.user.type(screen.getByLabelText(/^Note/), 'Outreach van sent.');
    await s.user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(await screen.findByText('No alerts.')).toBeTruthy();
    expect(s.api.alerts[0]).toMatchObject({ annotation: 'Outreach van sent.', acknowledgedAt: expect.any(String) });
    expect(s.api.subscribed).toBe(true);
  });
});

describe('Nearby services (for the outreach task page)', () => {
  it('lists the nearest MOUD and harm-reduction services with open-now and phone', async () => {
    const api = new FakeOverdoseApi();
    api.services = [
      {
        serviceId: '00000000-0000-4000-8000-0000000000b1',
        serviceName: 'Buprenorphine walk-in',
        organizationName: 'Tidewater Treatment',
        category: 'moud',
        distanceMiles: 1.2,
        phone: '555-0100',
        address: '1 Dock St, Harbor',
        openNow: true,
      },
      {
        serviceId: '00000000-0000-4000-8000-0000000000b2',
        serviceName: 'Naloxone and syringe services',
        organizationName: 'Harbor Harm Reduction',
        category: 'harm_reduction',
        distanceMiles: 2.5,
        phone: null,
        address: '9 Pier Rd, Harbor',
        openNow: false,
      },
    ];
    const network = aCareNetwork();
    const account = network.client.addPerson({
      email: 'nav@example.org',
      displayName: 'Rosa Delgado',
      memberships: [[network.healthDepartment, ['care_navigator']]],
    });
    network.client.signInAs(account);
    render(
      <MemoryRouter>
        <AppProviders client={network.client}>
          <RequireSession>
            <OverdoseNearbyServices eventId="00000000-0000-4000-8000-000000000001" api={api} headingLevel={3} />
          </RequireSession>
        </AppProviders>
      </MemoryRouter>,
    );
    const list = await screen.findByRole('list', { name: 'Services near Harbor North' }, { timeout: 5000 });
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toContain('Buprenorphine walk-in — Tidewater Treatment (medication for OUD), 1.2 mi');
    expect(items[0]).toContain('Open now');
    expect(items[1]).toContain('(harm reduction), 2.5 mi');
    expect(items[1]).not.toContain('Open now');
    expect(screen.getByRole('heading', { level: 3, name: 'Nearby treatment and harm-reduction services' })).toBeTruthy();
  });
});

describe('CSV import', () => {
  it('lists each bad row with its line, then checks and imports a good file', async () => {
    const s = setup(['clinician'], '/overdose-response/events');
    s.api.importProblems = [
      { path: 'rows.3.occurredAt', message: 'Invalid ISO datetime' },
      { path: 'rows.4.areaId', message: 'No area with that id' },
    ];
    s.renderAt();
    await screen.findByRole('heading', { level: 2, name: 'Import from CSV' }, { timeout: 5000 });
    const file = new File(['occurred_at,area\n2026-11-18T10:00:00Z,A1\nyesterday,A1\n2026-11-18T11:00:00Z,ZZ\n'], 'overdoses.csv', {
      type: 'text/csv',
    });
    await s.user.upload(screen.getByLabelText('CSV file'), file);
    await s.user.click(screen.getByRole('button', { name: 'Check file' }));
    const problems = await screen.findByRole('list', { name: 'Problems in the file' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Line 3, occurredAt: Invalid ISO datetime', 'Line 4, areaId: No area with that id']);
    s.api.importProblems = [];
    await s.user.click(screen.getByRole('checkbox', { name: 'Check only (store nothing)' }));
    await s.user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('3 overdoses imported.')).toBeTruthy();
  });
});

describe('Settings (network administrators)', () => {
  it('saves the outreach organization and sets an area threshold', async () => {
    const s = setup(['network_admin'], '/overdose-response/settings');
    s.renderAt();
    const outreach = await screen.findByLabelText(/^Outreach organization/, {}, { timeout: 5000 });
    await screen.findByRole('option', { name: 'Harbor Treatment Center' });
    await s.user.selectOptions(outreach, 'Harbor Treatment Center');
    await s.user.clear(screen.getByLabelText('Outreach due within (hours)'));
    await s.user.type(screen.getByLabelText('Outreach due within (hours)'), '48');
    await s.user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(s.api.settings).toEqual({
      outreachOrganizationId: s.treatmentCenter.id,
      outreachDueHours: 48,
      defaultThreshold: null,
      minSigma: 1,
    });
    const form = screen.getByRole('form', { name: "Set an area's threshold" });
    await s.user.selectOptions(within(form).getByLabelText('Area'), 'Bayview');
    await s.user.clear(within(form).getByLabelText('Threshold N'));
    await s.user.type(within(form).getByLabelText('Threshold N'), '2');
    await s.user.click(within(form).getByRole('button', { name: 'Set threshold' }));
    expect(await screen.findByRole('cell', { name: 'Bayview' })).toBeTruthy();
    expect(s.api.thresholds.get('A2')).toBe(2);
  });
});
