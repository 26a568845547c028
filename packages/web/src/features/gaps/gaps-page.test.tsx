import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../../app/app-providers.tsx';
import { AppRoutes } from '../../app/app-routes.tsx';
import { signedInWith } from '../../test-support/render-app.tsx';
import { ScenariosApiOverride } from '../scenarios/api-context.tsx';
import { FakeScenariosApi } from '../scenarios/fake-api.ts';
import { GapsApiOverride } from './api-context.tsx';
import { FakeGapsApi } from './fake-api.ts';
import { classify } from './gaps-page.tsx';

configure({ asyncUtilTimeout: 5000 });

// A browser without WebGL (as jsdom is): the page must fall back to its table.
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

function renderGaps(roles: Role[], path = '/', api = new FakeGapsApi()) {
  const network = signedInWith(roles);
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={[path]}>
      <GapsApiOverride.Provider value={api}>
        <ScenariosApiOverride.Provider value={new FakeScenariosApi()}>
          <AppProviders client={network.client}>
            <AppRoutes />
          </AppProviders>
        </ScenariosApiOverride.Provider>
      </GapsApiOverride.Provider>
    </MemoryRouter>,
  );
  return { api, user };
}

describe('the Needs and gaps page', () => {
  it('is in the navigation for analysts and ranks the worst-served areas with why, the map falling back to the table without WebGL', async () => {
    const { user } = renderGaps(['analyst']);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(await within(nav).findByRole('link', { name: 'Needs and gaps' }));
    const table = await screen.findByRole('table', { name: 'Areas, worst served first: Buprenorphine' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Alder Flats', 'Riverside', 'Northgate']);
    within(rows[0]!).getByText('No service within the catchment; Beyond the desert distance from any service');
    within(rows[0]!).getByText('distance');
    expect((await screen.findByRole('note')).textContent).toContain('The map needs WebGL');
    expect(screen.getByText(/1 areas beyond 30 miles of any service/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      '/api/gaps/runs/00000000-0000-4000-8000-00000000aa01/export.csv?category=buprenorphine',
    );
  });

  it('offers the brief, the printable map and the GeoJSON of the chosen category (no map picture without WebGL)', async () => {
    const { user } = renderGaps(['analyst'], '/gaps');
    await screen.findByRole('table', { name: /Buprenorphine/ });
    await user.selectOptions(screen.getByLabelText('Service category'), 'methadone');
    await screen.findByRole('table', { name: /Methadone/ });
    const run = '/api/gaps/runs/00000000-0000-4000-8000-00000000aa01';
    expect(screen.getByRole('link', { name: 'One-page brief for a grant (PDF)' }).getAttribute('href')).toBe(
      `${run}/brief.pdf?category=methadone`,
    );
    expect(screen.getByRole('link', { name: 'Map (PDF)' }).getAttribute('href')).toBe(`${run}/map.pdf?category=methadone`);
    expect(screen.getByRole('link', { name: 'Areas with results (GeoJSON)' }).getAttribute('href')).toBe(
      `${run}/export.geojson?category=methadone`,
    );
    expect(screen.queryByRole('button', { name: 'Map picture (PNG)' })).toBeNull();
  });

  it('switches category and tries a candidate site, showing the deserts before and after', async () => {
    const { user, api } = renderGaps(['network_admin'], '/gaps');
    await screen.findByRole('table', { name: /Buprenorphine/ });
    await user.selectOptions(screen.getByLabelText('Service category'), 'methadone');
    await screen.findByRole('table', { name: 'Areas, worst served first: Methadone (opioid treatment program)' });
    await user.type(screen.getByLabelText('Latitude'), '44.05');
    await user.type(screen.getByLabelText('Longitude'), '-122.75');
    await user.type(screen.getByLabelText(/Capacity/), '40');
    await user.click(screen.getByRole('button', { name: 'Try this site' }));
    const status = await screen.findByRole('status');
    within(status).getByText(/Distance deserts 1 → 0/);
    within(within(status).getByRole('table', { name: 'Areas whose access would change' })).getByText('Alder Flats');
    expect(api.sited).toEqual([{ category: 'methadone', latitude: 44.05, longitude: -122.75, capacity: 40 }]);
  });

  it('opens Scenarios from a siting with the site’s capacity as extra slots of its medication', async () => {
    const { user } = renderGaps(['analyst'], '/gaps');
    await screen.findByRole('table', { name: /Buprenorphine/ });
    await user.selectOptions(screen.getByLabelText('Service category'), 'methadone');
    await screen.findByRole('table', { name: /Methadone/ });
    await user.type(screen.getByLabelText('Latitude'), '44.05');
    await user.type(screen.getByLabelText('Longitude'), '-122.75');
    await user.type(screen.getByLabelText(/Capacity/), '40');
    await user.click(screen.getByRole('button', { name: 'Try this site' }));
    const link = await screen.findByRole('link', { name: 'Model this site in Scenarios' });
    expect(link.getAttribute('href')).toBe('/scenarios?sitingCategory=methadone&sitingSlots=40');
    await user.click(link);
    const form = await screen.findByRole('form', { name: 'New scenario run' });
    const first = within(form).getByRole('group', { name: 'Scenario 1' });
    expect((within(first).getByLabelText('Name of scenario 1') as HTMLInputElement).value).toBe('New site: +40 methadone slots');
    expect((within(first).getByLabelText('Extra methadone slots') as HTMLInputElement).value).toBe('40');
    expect((within(first).getByLabelText('Extra buprenorphine slots') as HTMLInputElement).value).toBe('0');
  });

  it('offers no scenario for a siting without a capacity or outside MOUD', async () => {
    const { user } = renderGaps(['analyst'], '/gaps');
    await screen.findByRole('table', { name: /Buprenorphine/ });
    await user.type(screen.getByLabelText('Latitude'), '44.05');
    await user.type(screen.getByLabelText('Longitude'), '-122.75');
    await user.click(screen.getByRole('button', { name: 'Try this site' }));
    await screen.findByText('Give the site’s capacity in slots to model it in Scenarios.');
    expect(screen.queryByRole('link', { name: 'Model this site in Scenarios' })).toBeNull();
  });

  it('runs a new analysis and shows it', async () => {
    const { user, api } = renderGaps(['care_navigator'], '/gaps');
    await user.click(await screen.findByRole('button', { name: 'Run a new analysis' }));
    await screen.findByRole('option', { name: /Dec 7, 2026|2026-12-07|12\/7\/2026/ });
    expect(api.runs).toHaveLength(2);
  });

  it('is not offered to clinicians', async () => {
    renderGaps(['clinician']);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Needs and gaps' })).toBeNull();
  });
});

describe('classify', () => {
  it.each([
    [0.1, 0],
    [0.3, 1],
    [0.7, 2],
    [1, 3],
    [1.5, 4],
    [null, null],
  ])('relative access %s is class %s', (relativeAccess, klass) => {
    const area = { areaId: 'a', areaName: 'A', relativeAccess, shortfall: 0, distanceDesert: false, capacityDesert: true } as never;
    expect(classify([area], 'relativeAccess').get('a')).toEqual({ klass, desert: true, label: 'A' });
  });
});
