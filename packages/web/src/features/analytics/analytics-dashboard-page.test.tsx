import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../../app/app-providers.tsx';
import { RequireSession } from '../../app/guards.tsx';
import { signedInWith } from '../../test-support/render-app.tsx';
import { AnalyticsRoutes } from './analytics-routes.tsx';
import { FakeLearningApi } from './fake-api.ts';
import { aChart, aDefinition, anAnnotation, aResult, aRunChart, months } from './fake-fixtures.ts';

/** Two measures: the ED-to-MOUD conversion (a run chart here, target 70%) and naloxone kits (XmR, one month suppressed). */
function aLearningApi() {
  const api = new FakeLearningApi();
  api.definitions = [
    aDefinition({ id: 'ed_moud_conversion_7', name: 'ED-to-MOUD referral conversion within 7 days', target: 0.7, defaultChart: 'p' }),
    aDefinition({
      id: 'naloxone_kits',
      name: 'Naloxone kits distributed',
      kind: 'count',
      denominator: null,
      defaultChart: 'xmr',
      unit: 'kits',
    }),
  ];
  api.results = {
    period: { from: '2025-01', to: '2025-12' },
    scope: { kind: 'network', organizationId: null, organizationName: null },
    computedAt: '2026-01-02T06:00:00.000Z',
    stratum: null,
    results: [
      aResult('ed_moud_conversion_7', {
        numerator: 600,
        denominator: 1200,
        rate: 0.5,
        target: 0.7,
        strata: [
          { value: 'female', label: 'Female', numerator: 320, denominator: 600, rate: 320 / 600, suppressed: false },
          { value: 'unknown', label: 'Unknown', numerator: null, denominator: null, rate: null, suppressed: true },
        ],
      }),
      aResult('naloxone_kits', {
        numerator: null,
        denominator: null,
        rate: null,
        suppressed: true,
        months: months('2025-01', 12).map((month, i) =>
          i === 2
            ? { month, numerator: null, denominator: null, value: null, suppressed: true }
            : { month, numerator: 100 + i, denominator: null, value: 100 + i, suppressed: false },
        ),
      }),
    ],
  };
  api.charts.set('ed_moud_conversion_7', aRunChart());
  api.charts.set(
    'naloxone_kits',
    aChart({
      measureId: 'naloxone_kits',
      chart: 'xmr',
      center: 105,
      points: months('2025-01', 12).map((_, i) =>
        i === 2 ? { value: null, suppressed: true } : { value: 100 + i, center: 105, lcl: 90, ucl: 120 },
      ),
    }),
  );
  api.strata = {
    dimensions: [
      {
        id: 'sex',
        label: 'Sex',
        values: [
          { value: 'female', label: 'Female' },
          { value: 'male', label: 'Male' },
          { value: 'unknown', label: 'Unknown' },
        ],
      },
    ],
  };
  return api;
}

function renderDashboard(roles: Role[], api: FakeLearningApi, path = '/analytics') {
  const network = signedInWith(roles);
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders client={network.client}>
        <Routes>
          <Route
            path="/analytics/*"
            element={
              <RequireSession>
                <AnalyticsRoutes api={api} />
              </RequireSession>
            }
          />
        </Routes>
      </AppProviders>
    </MemoryRouter>,
  );
  return { ...network, user };
}

const card = (name: string) => screen.getByRole('article', { name });

describe('Analytics dashboard', () => {
  it('shows the cascade funnel and each measure with its value, target and chart; small cells as "fewer than 11"', async () => {
    const api = aLearningApi();
    renderDashboard(['analyst'], api);
    expect(await screen.findByRole('heading', { level: 1, name: 'Cascade of care and quality measures' })).toBeTruthy();
    const funnel = await screen.findByRole('img', { name: 'Cascade of care, Whole network, Jan 2025 – Dec 2025' });
    expect(funnel.querySelector('g[data-stage="recovery"] text:last-of-type')?.textContent).toBe('fewer than 11');
    const conversion = await screen.findByRole('article', { name: 'ED-to-MOUD referral conversion within 7 days' });
    expect(within(conversion).getByText('50.0%')).toBeTruthy();
    expect(within(conversion).getByText('(600 of 1,200)')).toBeTruthy();
    expect(within(conversion).getByText('70.0%')).toBeTruthy();
    expect(within(conversion).getByText('Not yet at the target')).toBeTruthy();
    expect(await within(conversion).findByRole('img', { name: 'ED-to-MOUD referral conversion within 7 days: Run chart' })).toBeTruthy();
    const kits = card('Naloxone kits distributed');
    expect(within(kits).getByText('fewer than 11', { selector: 'dd' })).toBeTruthy();
    expect(await within(kits).findByRole('img', { name: 'Naloxone kits distributed: moving range (mR) chart' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Whole network, Jan 2025 – Dec 2025; computed Jan 2, 2026, 6:00 AM.');
    // Analysts see aggregates only: no drill-down.
    expect(within(conversion).queryByText('People behind the number')).toBeNull();
    expect(screen.getByRole('link', { name: 'Printable report (PDF)' }).getAttribute('href')).toBe('/api/learning/report.pdf');
  });

  it('offers analysts every organization and sends the scope, period and stratum chosen', async () => {
    const api = aLearningApi();
    const { user, treatmentCenter } = renderDashboard(['analyst'], api);
    const filters = await screen.findByRole('form', { name: 'Dashboard filters' });
    // The organizations arrive after the form is drawn.
    await waitFor(() =>
      expect(
        within(within(filters).getByLabelText('Scope'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Whole network', 'Harbor Treatment Center', 'Riverside County Health Department']),
    );
    await user.selectOptions(within(filters).getByLabelText('Scope'), treatmentCenter.id);
    await user.type(within(filters).getByLabelText('First month'), '2025-03');
    await user.type(within(filters).getByLabelText('Last month'), '2025-09');
    await user.selectOptions(within(filters).getByLabelText('Stratify by'), 'sex');
    await user.click(within(filters).getByRole('button', { name: 'Show' }));
    await waitFor(() =>
      expect(api.callsOf('getResults').at(-1)).toEqual([
        { organizationId: treatmentCenter.id, from: '2025-03', to: '2025-09', stratum: 'sex' },
      ]),
    );
    expect(api.callsOf('getCascade').at(-1)).toEqual([
      { organizationId: treatmentCenter.id, from: '2025-03', to: '2025-09', stratum: 'sex' },
    ]);
    const table = await screen.findByRole('table', { name: 'ED-to-MOUD referral conversion within 7 days by sex' });
    const unknown = within(table).getByRole('row', { name: /Unknown/ });
    expect(
      within(unknown)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['fewer than 11', 'fewer than 11', 'fewer than 11']);
    expect(screen.getByRole('link', { name: 'Printable report (PDF)' }).getAttribute('href')).toBe(
      `/api/learning/report.pdf?organizationId=${treatmentCenter.id}&from=2025-03&to=2025-09&stratum=sex`,
    );
  });

  it('refuses a period that ends before it starts, naming the field, and asks nothing', async () => {
    const api = aLearningApi();
    const { user } = renderDashboard(['analyst'], api);
    const filters = await screen.findByRole('form', { name: 'Dashboard filters' });
    await screen.findByRole('article', { name: 'Naloxone kits distributed' });
    const before = api.callsOf('getResults').length;
    await user.type(within(filters).getByLabelText('First month'), '2025-09');
    await user.type(within(filters).getByLabelText('Last month'), '2025-03');
    await user.click(within(filters).getByRole('button', { name: 'Show' }));
    expect(within(filters).getByText('The last month must not be before the first.')).toBeTruthy();
    expect(within(filters).getByLabelText('Last month').getAttribute('aria-invalid')).toBe('true');
    expect(api.callsOf('getResults')).toHaveLength(before);
  });

  it('gives clinicians the network or their own organization, and the people behind a number', async () => {
    const api = aLearningApi();
    api.drillDowns.set('ed_moud_conversion_7', {
      measureId: 'ed_moud_conversion_7',
      month: '2025-12',
      items: [
        {
          personId: '00000000-0000-4000-8000-0000000000p1'.replace('p', 'a'),
          displayName: 'Alex Rivera',
          birthDate: '1990-05-01',
          eventDate: '2025-12-03',
          met: false,
        },
      ],
      notShown: 4,
    });
    const { user, healthDepartment } = renderDashboard(['clinician'], api);
    const scope = within(await screen.findByRole('form', { name: 'Dashboard filters' })).getByLabelText('Scope');
    expect(
      within(scope)
        .getAllByRole('option')
        .map((o) => [o.getAttribute('value'), o.textContent]),
    ).toEqual([
      ['', 'Whole network'],
      [healthDepartment.id, 'Riverside County Health Department'],
    ]);
    const conversion = await screen.findByRole('article', { name: 'ED-to-MOUD referral conversion within 7 days' });
    await user.click(within(conversion).getByText('People behind the number'));
    const form = within(conversion).getByRole('form', { name: 'People behind ED-to-MOUD referral conversion within 7 days' });
    await user.selectOptions(within(form).getByLabelText('Month'), '2025-12');
    await user.click(within(form).getByRole('button', { name: 'Show people' }));
    const table = await within(conversion).findByRole('table', { name: 'ED-to-MOUD referral conversion within 7 days, Dec 2025: people' });
    expect(within(table).getByRole('link', { name: 'Alex Rivera' }).getAttribute('href')).toBe(
      '/people/00000000-0000-4000-8000-0000000000a1',
    );
    expect(within(conversion).getByText(/4 more people are behind this number whom you may not see/)).toBeTruthy();
    expect(api.callsOf('drillDown')).toEqual([['ed_moud_conversion_7', { month: '2025-12', group: 'not_met' }]]);
    // Counts have no one behind them to list.
    expect(within(card('Naloxone kits distributed')).queryByText('People behind the number')).toBeNull();
    // Clinicians do not annotate.
    expect(within(conversion).queryByText('Add an annotation')).toBeNull();
  });

  it('sends the baseline the reader chooses and keeps astronomical marks in the address', async () => {
    const api = aLearningApi();
    const { user } = renderDashboard(['analyst'], api);
    const conversion = await screen.findByRole('article', { name: 'ED-to-MOUD referral conversion within 7 days' });
    await within(conversion).findByRole('img', { name: /Run chart/ });
    await user.click(within(conversion).getByText('Chart settings'));
    const settings = within(conversion).getByRole('form', { name: 'Chart settings: ED-to-MOUD referral conversion within 7 days' });
    await user.selectOptions(within(settings).getByLabelText('Chart'), 'run');
    await user.selectOptions(within(settings).getByLabelText('Baseline from'), '2025-01');
    await user.selectOptions(within(settings).getByLabelText('Baseline to'), '2025-06');
    await user.click(within(settings).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(
        api
          .callsOf('getChart')
          .filter(([id]) => id === 'ed_moud_conversion_7')
          .at(-1),
      ).toEqual(['ed_moud_conversion_7', { chart: 'run', baselineFrom: '2025-01', baselineTo: '2025-06' }]),
    );
    await user.selectOptions(within(conversion).getByLabelText('Month'), '2025-10');
    await user.click(within(conversion).getByRole('button', { name: 'Mark as astronomical' }));
    const svg = await within(conversion).findByRole('img', { name: /Run chart/ });
    await waitFor(() => expect(svg.querySelector('[data-signal="SA"] title')?.textContent).toContain('Oct 2025'));
    expect(within(within(conversion).getByRole('list', { name: 'Points marked astronomical' })).getByText('Oct 2025')).toBeTruthy();
  });

  it('lets analysts add, edit and remove annotations, drawn on the chart', async () => {
    const api = aLearningApi();
    api.annotations.push(anAnnotation({ date: '2025-04-10', text: 'Peer navigator in the ED' }));
    const { user } = renderDashboard(['analyst'], api);
    const conversion = await screen.findByRole('article', { name: 'ED-to-MOUD referral conversion within 7 days' });
    const svg = await within(conversion).findByRole('img', { name: /Run chart/ });
    expect([...svg.querySelectorAll('[data-part="annotation"] text')].map((t) => t.textContent)).toEqual(['Peer navigator in the ED']);

    await user.click(within(conversion).getByText('Add an annotation'));
    const add = within(conversion).getByRole('form', { name: 'Add the annotation' });
    await user.click(within(add).getByRole('button', { name: 'Add the annotation' }));
    expect(within(add).getByText('Say what was changed or tested.')).toBeTruthy();
    expect(api.callsOf('createAnnotation')).toEqual([]);
    await user.type(within(add).getByLabelText('Date'), '2025-07-01');
    await user.selectOptions(within(add).getByLabelText('Kind'), 'pdsa');
    await user.type(within(add).getByLabelText('What was changed or tested'), 'PDSA 2: text reminders');
    await user.click(within(add).getByRole('button', { name: 'Add the annotation' }));
    await waitFor(() =>
      expect(api.callsOf('createAnnotation')).toEqual([
        [{ measureId: 'ed_moud_conversion_7', organizationId: null, date: '2025-07-01', kind: 'pdsa', text: 'PDSA 2: text reminders' }],
      ]),
    );
    await waitFor(() =>
      expect(
        [
          ...within(conversion)
            .getByRole('img', { name: /Run chart/ })
            .querySelectorAll('[data-part="annotation"] text'),
        ].map((t) => t.textContent),
      ).toEqual(['Peer navigator in the ED', 'PDSA 2: text reminders']),
    );

    await user.click(within(conversion).getByRole('button', { name: 'Edit the annotation of 2025-04-10' }));
    const edit = within(conversion).getByRole('form', { name: 'Save the annotation' });
    const text = within(edit).getByLabelText('What was changed or tested');
    await user.clear(text);
    await user.type(text, 'Peer navigator in the ED, weekdays');
    await user.click(within(edit).getByRole('button', { name: 'Save the annotation' }));
    await waitFor(() =>
      expect(api.callsOf('updateAnnotation')).toEqual([
        ['00000000-0000-4000-8000-00000000a001', { date: '2025-04-10', kind: 'change', text: 'Peer navigator in the ED, weekdays' }],
      ]),
    );
    expect(await within(conversion).findByText(/Peer navigator in the ED, weekdays/, { selector: 'li' })).toBeTruthy();

    await user.click(within(conversion).getByRole('button', { name: 'Remove the annotation of 2025-07-01' }));
    await user.click(within(conversion).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(api.annotations.map((a) => a.text)).toEqual(['Peer navigator in the ED, weekdays']));
  });

  it('says which period the cascade covers when it is not the one asked for', async () => {
    const api = aLearningApi();
    api.cascade = { ...api.cascade, period: { from: '2025-01', to: '2025-03' } };
    renderDashboard(['analyst'], api);
    expect(
      await screen.findByText('The cascade is computed for whole periods; the closest to the months asked for is Jan 2025 – Mar 2025.'),
    ).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Cascade of care, Whole network, Jan 2025 – Mar 2025' })).toBeTruthy();
  });

  it('asks for a chart only when its card comes near the viewport', async () => {
    const observed: { callback: IntersectionObserverCallback; element: Element }[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly callback: IntersectionObserverCallback) {}
        observe(element: Element) {
          observed.push({ callback: this.callback, element });
        }
        disconnect() {}
      },
    );
    try {
      const api = aLearningApi();
      renderDashboard(['analyst'], api);
      const kits = await screen.findByRole('article', { name: 'Naloxone kits distributed' });
      await waitFor(() => expect(observed).toHaveLength(2));
      expect(api.callsOf('getChart')).toEqual([]);
      const panel = observed.find((o) => kits.contains(o.element))!;
      act(() => panel.callback([{ isIntersecting: true, target: panel.element } as IntersectionObserverEntry], {} as IntersectionObserver));
      expect(await within(kits).findByRole('img', { name: 'Naloxone kits distributed: XmR chart' })).toBeTruthy();
      expect(api.callsOf('getChart').map(([id]) => id)).toEqual(['naloxone_kits']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('lets an analyst recompute and reloads the results when the computation is done', async () => {
    const api = aLearningApi();
    const { user } = renderDashboard(['analyst'], api);
    await screen.findByRole('article', { name: 'Naloxone kits distributed' });
    const resultsBefore = api.callsOf('getResults').length;
    await user.click(screen.getByRole('button', { name: 'Recompute now' }));
    expect(await screen.findByText('Computing since Nov 20, 2026, 10:00 AM…')).toBeTruthy();
    expect(api.callsOf('recompute')).toEqual([[{}]]);
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(screen.getByRole('button', { name: 'Check again' })).toBeTruthy();
    expect(api.callsOf('getResults')).toHaveLength(resultsBefore);
    Object.assign(api.runs[0]!, { status: 'done', finishedAt: '2026-11-20T10:05:00.000Z' });
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText(/Computed Nov 20, 2026, 10:05 AM; the page shows the new results\./)).toBeTruthy();
    await waitFor(() => expect(api.callsOf('getResults').length).toBe(resultsBefore + 1));
  });

  it('does not offer clinicians a recompute', async () => {
    renderDashboard(['clinician'], aLearningApi());
    await screen.findByRole('article', { name: 'Naloxone kits distributed' });
    expect(screen.queryByRole('button', { name: 'Recompute now' })).toBeNull();
  });

  it('says so when the measures cannot be loaded', async () => {
    const api = aLearningApi();
    api.results = null;
    renderDashboard(['analyst'], api);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByText('The measures could not be loaded')).toBeTruthy();
  });
});
