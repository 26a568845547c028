import { configure, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../../app/app-providers.tsx';
import { AppRoutes } from '../../app/app-routes.tsx';
import { signedInWith } from '../../test-support/render-app.tsx';
import { ScenariosApiOverride } from './api-context.tsx';
import { FakeScenariosApi } from './fake-api.ts';

configure({ asyncUtilTimeout: 5000 });

function renderScenarios(roles: Role[], path = '/', api = new FakeScenariosApi()) {
  const network = signedInWith(roles);
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={[path]}>
      <ScenariosApiOverride.Provider value={api}>
        <AppProviders client={network.client}>
          <AppRoutes />
        </AppProviders>
      </ScenariosApiOverride.Provider>
    </MemoryRouter>,
  );
  return { api, user };
}

describe('the Scenarios section', () => {
  it('is in the navigation for analysts', async () => {
    const { user } = renderScenarios(['analyst']);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Scenarios' }));
    await screen.findByRole('heading', { level: 1, name: 'Scenarios' });
    screen.getByText(/a model, not a forecast/);
  });

  it('is not offered to clinicians', async () => {
    renderScenarios(['clinician']);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Scenarios' })).toBeNull();
  });

  it('runs two scenarios chosen with sliders and numbers, shows progress, then the comparison, fan charts, fit and tornado', async () => {
    const { api, user } = renderScenarios(['analyst'], '/scenarios');
    const form = await screen.findByRole('form', { name: 'New scenario run' });
    await user.type(within(form).getByLabelText(/Name of the run/), 'Naloxone or ED');
    const years = within(form).getByLabelText('Years (1–10)');
    await user.clear(years);
    await user.type(years, '2');
    const first = within(form).getByRole('group', { name: 'Scenario 1' });
    await user.clear(within(first).getByLabelText('Name of scenario 1'));
    await user.type(within(first).getByLabelText('Name of scenario 1'), 'More naloxone');
    await user.type(within(first).getByLabelText('Naloxone kits per year'), '12000');
    await user.click(within(form).getByRole('button', { name: 'Add a scenario' }));
    const second = within(form).getByRole('group', { name: 'Scenario 2' });
    // The slider and the number field are one value.
    const slider = within(second).getByRole('slider', { name: 'ED buprenorphine induction (%) (slider)' });
    fireEvent.change(slider, { target: { value: '40' } });
    expect((within(second).getByLabelText('ED buprenorphine induction (%)') as HTMLInputElement).value).toBe('40');
    await user.click(within(form).getByText('Unit costs (US dollars)'));
    await user.type(within(form).getByLabelText('Naloxone kit'), '50');
    await user.click(within(form).getByRole('button', { name: 'Run against today' }));

    await screen.findByRole('heading', { level: 1, name: 'Naloxone or ED' });
    const run = api.runs[0]!;
    expect(run.input.years).toBe(2);
    expect(run.input.scenarios.map((s) => s.name)).toEqual(['More naloxone', 'Scenario 2']);
    expect(run.input.scenarios[0]!.levers.naloxoneKitsPerYear).toBe(12_000);
    expect(run.input.scenarios[1]!.levers.edInduction).toBeCloseTo(0.4, 9);
    expect(run.input.scenarios[1]!.levers.naloxoneKitsPerYear).toBeNull();
    expect(run.input.costs).toEqual({ naloxoneKit: 50 });

    const progress = await screen.findByRole('progressbar');
    expect(progress.getAttribute('value')).toBe(String(Math.floor((1000 + 2) / 2)));

    const table = await screen.findByRole('table', { name: 'Scenarios side by side: median (90% interval)' });
    const header = within(table)
      .getAllByRole('columnheader')
      .map((c) => c.textContent);
    expect(header).toEqual(['Over 2 years', 'Today', 'More naloxone', 'Scenario 2']);
    const averted = within(table).getByRole('row', { name: /^Deaths averted/ });
    expect(
      within(averted)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['—', '12 (6–18)', '24 (12–36)']);
    screen.getByRole('img', { name: 'Overdose deaths: median and 90% interval by month' });
    screen.getByRole('img', { name: 'People in MOUD: median and 90% interval by month' });
    screen.getByRole('img', { name: 'Non-fatal overdoses by month: observed months and the calibrated model' });
    expect(screen.getAllByText('24 months with 1–10 are hidden (small counts are never shown).')).toHaveLength(1);
    screen.getByRole('img', { name: 'What “More naloxone” depends on: deaths averted' });
    screen.getByText(/This is a model, not a forecast/);
    expect(screen.getByRole('link', { name: 'Download the monthly projections (CSV)' }).getAttribute('href')).toBe(
      `/api/scenarios/runs/${run.id}/export.csv`,
    );
    expect(screen.getByRole('link', { name: 'Download the brief (PDF)' }).getAttribute('href')).toBe(
      `/api/scenarios/runs/${run.id}/brief.pdf`,
    );

    // Start a new run from this one: the form comes back with its settings, levers and costs.
    await user.click(screen.getByRole('link', { name: 'Start a new run from this one' }));
    const again = await screen.findByRole('form', { name: 'New scenario run' });
    await within(again).findByDisplayValue('Naloxone or ED (again)');
    expect((within(again).getByLabelText('Name of scenario 2') as HTMLInputElement).value).toBe('Scenario 2');
    const kits = within(within(again).getByRole('group', { name: 'Scenario 1' })).getByLabelText(
      'Naloxone kits per year',
    ) as HTMLInputElement;
    expect(kits.value).toBe('12000');
    expect((within(again).getByLabelText('Naloxone kit') as HTMLInputElement).value).toBe('50');
  });

  it('lists saved runs for everyone who may run scenarios', async () => {
    const api = new FakeScenariosApi();
    await api.createRun({ name: 'Shared run', scenarios: [{ name: 'A' }] });
    renderScenarios(['care_navigator'], '/scenarios', api);
    const table = await screen.findByRole('table', { name: 'Saved runs, newest first' });
    expect((await within(table).findByRole('link', { name: 'Shared run' })).getAttribute('href')).toBe(`/scenarios/${api.runs[0]!.id}`);
  });
});
