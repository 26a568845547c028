import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Role, Scorecard, ScorecardMeasureResult } from '@continuum/contracts';
import { AppProviders } from '../../../app/app-providers.tsx';
import { RequireSession } from '../../../app/guards.tsx';
import { signedInWith } from '../../../test-support/render-app.tsx';
import { ScorecardsApiOverride, ScorecardsApiProvider } from './api-context.tsx';
import { FakeScorecardsApi } from './fake-api.ts';
import { ScorecardsPage } from './scorecards-page.tsx';

configure({ asyncUtilTimeout: 5000 });

const OTP = '00000000-0000-4000-8000-0000000000a1';
const ED = '00000000-0000-4000-8000-0000000000a2';
const PATHWAY = '00000000-0000-4000-8000-0000000000b1';
const months = [
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
];

function measure(
  over: Partial<ScorecardMeasureResult> & Pick<ScorecardMeasureResult, 'measure' | 'name' | 'kind' | 'unit'>,
): ScorecardMeasureResult {
  return {
    better: 'higher',
    value: null,
    numerator: null,
    denominator: null,
    suppressed: false,
    target: null,
    meetsTarget: null,
    distribution: null,
    chart: {
      center: 20,
      points: months.map((month, i) => ({
        month,
        value: 15 + i,
        numerator: 15 + i,
        denominator: null,
        suppressed: false,
        center: 20,
        lcl: null,
        ucl: null,
        inBaseline: true,
        rules: [],
      })),
      signals: [],
    },
    ...over,
  };
}

const card = (name: string, over: Partial<Scorecard> = {}): Scorecard => ({
  organizationId: OTP,
  organizationName: name,
  pathwayId: null,
  pathwayName: null,
  quarter: '2026-Q3',
  from: '2026-07-01',
  to: '2026-09-30',
  chartFrom: '2025-10',
  chartTo: '2026-09',
  computedAt: '2026-10-05T12:00:00Z',
  measures: [
    measure({ measure: 'referrals_received', name: 'Referrals received', kind: 'count', unit: 'referrals', value: 64, numerator: 64 }),
    measure({
      measure: 'ack_hours',
      name: 'Time to acknowledge',
      kind: 'time',
      unit: 'hours',
      better: 'lower',
      value: 30.5,
      denominator: 60,
      target: 24,
      meetsTarget: false,
      distribution: { p25: 6, median: 30.5, p75: 40, p90: 70, bins: [{ label: 'under 4 hours', count: null }] },
    }),
    measure({
      measure: 'acceptance',
      name: 'Acceptance rate',
      kind: 'proportion',
      unit: 'rate',
      value: 0.9,
      numerator: 45,
      denominator: 50,
      target: 0.85,
      meetsTarget: true,
    }),
    measure({ measure: 'no_show', name: 'No-show rate', kind: 'proportion', unit: 'rate', better: 'lower', suppressed: true, target: 0.2 }),
  ],
  ...over,
});

function renderPage(roles: Role[], arrange: (api: FakeScorecardsApi) => void) {
  const network = signedInWith(roles);
  const api = new FakeScorecardsApi();
  arrange(api);
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={['/network/scorecards']}>
      <ScorecardsApiOverride.Provider value={api}>
        <AppProviders client={network.client}>
          <RequireSession>
            <ScorecardsApiProvider>
              <ScorecardsPage />
            </ScorecardsApiProvider>
          </RequireSession>
        </AppProviders>
      </ScorecardsApiOverride.Provider>
    </MemoryRouter>,
  );
  return { api, user };
}

describe('partner scorecards', () => {
  it('shows the last complete quarter’s measures against their targets, suppressed values, the spread and a run chart per measure', async () => {
    renderPage(['analyst'], (api) => {
      api.partners.items = [{ organizationId: OTP, name: 'Tidewater Treatment', pathways: [{ id: PATHWAY, name: 'ED to buprenorphine' }] }];
      api.cards.set(`${OTP}|2026-Q3|`, card('Tidewater Treatment'));
    });
    const table = await screen.findByRole('table', { name: 'Measures for 2026-Q3' });
    const row = (name: string) => within(within(table).getByRole('rowheader', { name }).closest('tr')!);
    expect(row('Time to acknowledge').getByText('30.5 hours (median of 60)')).toBeTruthy();
    expect(row('Time to acknowledge').getByText('at most 24.0 hours')).toBeTruthy();
    expect(row('Time to acknowledge').getByText('Misses target')).toBeTruthy();
    expect(row('Time to acknowledge').getByText(/90th 70\.0 hours/)).toBeTruthy();
    expect(row('Acceptance rate').getByText('90.0% (45 of 50)')).toBeTruthy();
    expect(row('Acceptance rate').getByText('Meets target')).toBeTruthy();
    expect(row('No-show rate').getByText('Not shown (1–10 referrals)')).toBeTruthy();
    expect(screen.getByRole('figure', { name: /Acceptance rate: Run chart/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toContain('quarter=2026-Q3');
    expect(screen.queryByRole('heading', { name: 'Targets' })).toBeNull();
  });

  it('picking a partner, quarter and pathway asks for that scorecard', async () => {
    const { api, user } = renderPage(['network_admin'], (api) => {
      api.partners.items = [
        { organizationId: ED, name: 'Harbor General ED', pathways: [] },
        { organizationId: OTP, name: 'Tidewater Treatment', pathways: [{ id: PATHWAY, name: 'ED to buprenorphine' }] },
      ];
      api.cards.set(`${ED}|2026-Q3|`, card('Harbor General ED', { organizationId: ED }));
      api.cards.set(`${OTP}|2026-Q4|`, card('Tidewater Treatment', { quarter: '2026-Q4' }));
      api.cards.set(
        `${OTP}|2026-Q4|${PATHWAY}`,
        card('Tidewater Treatment', { quarter: '2026-Q4', pathwayId: PATHWAY, pathwayName: 'ED to buprenorphine' }),
      );
    });
    expect(await screen.findByRole('heading', { name: 'Harbor General ED, 2026-Q3' })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Partner'), 'Tidewater Treatment');
    await user.selectOptions(screen.getByLabelText('Quarter'), '2026-Q4');
    expect(await screen.findByRole('heading', { name: 'Tidewater Treatment, 2026-Q4' })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Pathway'), 'ED to buprenorphine');
    expect(await screen.findByRole('heading', { name: 'Tidewater Treatment — ED to buprenorphine, 2026-Q4' })).toBeTruthy();
    expect(api.requested.at(-1)).toEqual({ organizationId: OTP, query: { quarter: '2026-Q4', pathwayId: PATHWAY } });
  });

  it('a network administrator sets a rate’s target as a percentage', async () => {
    const { api, user } = renderPage(['network_admin'], (api) => {
      api.partners.items = [{ organizationId: OTP, name: 'Tidewater Treatment', pathways: [] }];
      api.cards.set(`${OTP}|2026-Q3|`, card('Tidewater Treatment'));
    });
    await screen.findByRole('heading', { name: 'Targets' });
    await user.selectOptions(await screen.findByLabelText('Measure'), 'Acceptance rate');
    await user.type(screen.getByLabelText(/New target/), '80');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    expect(await screen.findByText(/Acceptance rate: at least 80\.0%/)).toBeTruthy();
    expect(api.targets.get('acceptance')).toBe(0.8);
  });
});
