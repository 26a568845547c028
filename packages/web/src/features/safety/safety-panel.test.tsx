import type { PersonSafety } from '@continuum/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aPersonSafety } from './fake-api.ts';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';
import { mmeRuns, mmeSummaryText, chartGeometry } from './mme-chart-model.ts';

const CDC = 'CDC Clinical Practice Guideline for Prescribing Opioids for Pain, 2022 (MMWR Recomm Rep 2022;71(RR-3))';

/** 30 days: no opioid for 10, then 45 MME/day for 10, then 90 MME/day. */
function timeline(): PersonSafety['timeline'] {
  return Array.from({ length: 30 }, (_, i) => ({
    date: new Date(Date.UTC(2026, 1, 3 + i)).toISOString().slice(0, 10),
    mmePerDay: i < 10 ? null : i < 20 ? 45 : 90,
    complete: true,
  }));
}

function highDose(personId: string): PersonSafety {
  return aPersonSafety(personId, {
    mmePerDay: 90,
    computableMmePerDay: 90,
    timeline: timeline(),
    prescriptions: [
      {
        orderId: 'e1',
        drug: 'oxycodone hydrochloride 5 MG Oral Tablet',
        kind: 'opioid',
        status: 'computed',
        mmePerDay: 90,
        reason: null,
        ingredients: [{ ingredient: 'oxycodone', dailyDose: 60, unit: 'mg/day', factor: 1.5, mmePerDay: 90 }],
        prn: false,
        basis: 'dispensed-quantity',
      },
    ],
    rules: [
      {
        code: 'MME_AT_LEAST_90',
        title: 'Total dose at or above 90 MME/day',
        citation: `${CDC}, Recommendations 4 and 5`,
        indicator: 'critical',
        explanation: 'Total 90 MME/day, at or above 90. Reassess benefits and risks.',
        actions: ['plan-taper', 'offer-naloxone'],
        mmePerDay: 90,
      },
      {
        code: 'OFFER_NALOXONE',
        title: 'Offer naloxone',
        citation: `${CDC}, Recommendation 8`,
        indicator: 'warning',
        explanation: 'Risk factors for overdose: 90 MME/day (50 or more), and no naloxone is on record.',
        actions: ['offer-naloxone'],
        mmePerDay: 90,
      },
    ],
    medications: [
      {
        eventId: '00000000-0000-4000-8000-000000009001',
        type: 'opioid_dispense',
        date: '2026-03-01',
        drug: 'Oxycodone HCl 5 MG',
        quantity: 360,
        daysSupply: 30,
        prescriber: 'Dr. Avery Stone',
        pharmacy: 'Harbor Pharmacy',
        sourceOrganizationName: 'Harbor General ED',
      },
    ],
    taperSuggestion: { ingredient: 'oxycodone', currentDailyMg: 60, dosesPerDay: 4 },
  });
}

/** The page loads its areas on demand; on a busy machine the first render can take a while. */
const findPanel = () => screen.findByRole('region', { name: 'Prescribing safety' }, { timeout: 5000 });

function aPersonWithPanel(roles: Parameters<typeof signedInWith>[0], panel: (id: string) => PersonSafety = highDose) {
  const network = signedInWith(roles);
  const person = network.client.registry.addPerson(network.healthDepartment, { givenName: 'Jordan', familyName: 'Rivera' });
  network.client.safety.panels.set(person.id, panel(person.id));
  return { ...network, person };
}

describe('SafetyPanel on the person page', () => {
  it('shows the total, the chart with the 50 and 90 lines and a table alternative, and each alert with its code, citation and explanation', async () => {
    const { client, person } = aPersonWithPanel(['clinician']);
    const { user } = renderApp(client, `/people/${person.id}`);
    const panel = await findPanel();
    expect((await within(panel).findByText(/Total today:/)).textContent).toBe('Total today: 90 MME/day');

    const chart = within(panel).getByRole('img', { name: /Total MME per day, last 30 days/ });
    expect(chart.textContent).toContain('50 MME/day');
    expect(chart.textContent).toContain('90 MME/day');
    expect(chart.querySelector('desc')!.textContent).toContain('the highest total was 90 MME/day');

    await user.click(within(panel).getByText('Show the figures as a table'));
    const table = within(panel).getByRole('table', { name: 'Total MME per day' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'FromToMME/day',
      'Feb 3, 2026Feb 12, 2026No opioid pain medication',
      'Feb 13, 2026Feb 22, 2026' + '45',
      'Feb 23, 2026Mar 4, 2026' + '90',
    ]);

    const alerts = within(panel).getByRole('list', { name: 'Active alerts' });
    const items = within(alerts).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('MME_AT_LEAST_90');
    expect(items[0]!.textContent).toContain('Critical');
    expect(items[0]!.textContent).toContain('CDC 2022 opioid prescribing guideline, Recommendations 4 and 5');
    expect(items[0]!.textContent).toContain('Reassess benefits and risks.');
    expect(items[1]!.textContent).toContain('Recommendation 8');

    const dispensings = within(panel).getByRole('table', { name: 'Dispensings in the last 12 months' });
    expect(dispensings.textContent).toContain('Dr. Avery Stone');
  });

  it('records that naloxone was offered, then shows the kit and drops the naloxone alert', async () => {
    const { client, person } = aPersonWithPanel(['care_navigator']);
    const { user } = renderApp(client, `/people/${person.id}`);
    const panel = await findPanel();
    expect(await within(panel).findByText('No naloxone kit on record.')).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Naloxone offered and kit given' }));
    expect(await within(panel).findByText('Naloxone offered and a kit given: recorded on the timeline.')).toBeTruthy();
    expect(client.safety.naloxoneOffered).toEqual([{ personId: person.id, kits: 1 }]);
    expect(await within(panel).findByText('Last naloxone kit on record: Mar 4, 2026.')).toBeTruthy();
    expect(within(within(panel).getByRole('list', { name: 'Active alerts' })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('links to a referral for treatment with medications for OUD', async () => {
    const { client, person } = aPersonWithPanel(['clinician']);
    renderApp(client, `/people/${person.id}`);
    const link = await screen.findByRole('link', { name: 'Refer to treatment with medications for OUD' }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe(`/referrals/new?personId=${person.id}`);
  });

  it('plans a taper from the current regimen and shows the schedule with the MME at each step', async () => {
    const { client, person } = aPersonWithPanel(['clinician']);
    client.safety.taperPlan = {
      ingredient: 'oxycodone',
      factor: 1.5,
      interval: 'month',
      percent: 10,
      strengthsMg: [5, 10],
      steps: [
        {
          step: 0,
          startDate: '2026-03-04',
          dailyMg: 60,
          mmePerDay: 90,
          percentOfOriginal: 100,
          doses: [15, 15, 15, 15],
          tablets: [{ strengthMg: 5, count: 12 }],
        },
        {
          step: 1,
          startDate: '2026-04-01',
          dailyMg: 55,
          mmePerDay: 82.5,
          percentOfOriginal: 91.7,
          doses: [15, 15, 15, 10],
          tablets: [{ strengthMg: 5, count: 11 }],
        },
      ],
    };
    const { user } = renderApp(client, `/people/${person.id}`);
    await user.click(await screen.findByRole('button', { name: 'Plan a taper' }, { timeout: 5000 }));
    const dialog = screen.getByRole('dialog', { name: 'Plan a taper' });
    expect((within(dialog).getByLabelText('Current total dose (mg a day)') as HTMLInputElement).value).toBe('60');
    expect((within(dialog).getByLabelText('Doses a day') as HTMLInputElement).value).toBe('4');
    await user.click(within(dialog).getByRole('button', { name: 'Show the schedule' }));
    const schedule = await within(dialog).findByRole('table', { name: /Taper schedule: oxycodone, 10% every 4 weeks/ });
    expect(within(schedule).getAllByRole('row')[2]!.textContent).toContain('82.5');
    expect(client.safety.taperRequests).toEqual([
      { ingredient: 'oxycodone', currentDailyMg: 60, dosesPerDay: 4, percent: 10, interval: 'month' },
    ]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Plan a taper' })).toBeNull();
  });

  it('shows the planner’s field errors', async () => {
    const { client, person } = aPersonWithPanel(['clinician']);
    const { user } = renderApp(client, `/people/${person.id}`);
    await user.click(await screen.findByRole('button', { name: 'Plan a taper' }, { timeout: 5000 }));
    const dialog = screen.getByRole('dialog', { name: 'Plan a taper' });
    await user.clear(within(dialog).getByLabelText('Current total dose (mg a day)'));
    await user.click(within(dialog).getByRole('button', { name: 'Show the schedule' }));
    expect(await within(dialog).findByText(/currentDailyMg/)).toBeTruthy();
    expect(client.safety.taperRequests).toEqual([]);
  });

  it('says medication records are restricted and computes nothing', async () => {
    const { client, person } = aPersonWithPanel(['clinician'], (id) =>
      aPersonSafety(id, {
        status: 'restricted',
        restricted: [{ kind: 'medications', count: 2, reason: 'NO_RELATIONSHIP', message: 'Restricted — consent needed.' }],
      }),
    );
    renderApp(client, `/people/${person.id}`);
    const panel = await findPanel();
    expect(await within(panel).findByText('Medication records are restricted')).toBeTruthy();
    expect(panel.textContent).toContain('Medications, including medications for OUD · 2 entries — Restricted — consent needed.');
    expect(within(panel).queryByRole('img')).toBeNull();
    expect(within(panel).queryByRole('button', { name: 'Naloxone offered and kit given' })).toBeNull();
  });

  it('names a drug whose MME cannot be computed', async () => {
    const { client, person } = aPersonWithPanel(['clinician'], (id) =>
      aPersonSafety(id, {
        computableMmePerDay: 30,
        notComputable: [{ orderId: 'e2', drug: 'levorphanol tartrate 2 MG Oral Tablet', reason: 'no-conversion-factor' }],
      }),
    );
    renderApp(client, `/people/${person.id}`);
    const panel = await findPanel();
    expect((await within(panel).findByText(/Total today cannot be computed/)).parentElement!.textContent).toContain(
      'levorphanol tartrate 2 MG Oral Tablet (no CDC 2022 conversion factor)',
    );
  });

  it('shows no chart when no opioid was active in the window', async () => {
    const { client, person } = aPersonWithPanel(['care_navigator'], (id) =>
      aPersonSafety(id, {
        timeline: Array.from({ length: 90 }, (_, i) => ({
          date: new Date(Date.UTC(2025, 11, 5 + i)).toISOString().slice(0, 10),
          mmePerDay: null,
          complete: true,
        })),
      }),
    );
    renderApp(client, `/people/${person.id}`);
    const panel = await findPanel();
    expect(
      await within(panel).findByText('No opioid pain medication in the last 90 days, and no dispensing on record in the last 12 months.'),
    ).toBeTruthy();
    expect(within(panel).queryByRole('img')).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Naloxone offered and kit given' })).toBeTruthy();
  });

  it('care navigators see the panel without the taper planner; partner staff do not see it', async () => {
    const nav = aPersonWithPanel(['care_navigator']);
    const first = renderApp(nav.client, `/people/${nav.person.id}`);
    expect(await findPanel()).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Plan a taper' })).toBeNull();
    first.unmount();

    const partner = aPersonWithPanel(['partner_staff']);
    renderApp(partner.client, `/people/${partner.person.id}`);
    expect(await screen.findByRole('heading', { name: 'Jordan Rivera' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Prescribing safety' })).toBeNull();
  });
});

describe('MME chart model', () => {
  it('groups equal days into runs and describes the chart in words', () => {
    const points = timeline();
    expect(mmeRuns(points).map((r) => [r.from, r.to, r.mmePerDay])).toEqual([
      ['2026-02-03', '2026-02-12', null],
      ['2026-02-13', '2026-02-22', 45],
      ['2026-02-23', '2026-03-04', 90],
    ]);
    expect(mmeSummaryText(points)).toBe(
      'From Feb 3, 2026 to Mar 4, 2026, the highest total was 90 MME/day on Feb 23, 2026; 10 days at or above 50 and 10 at or above 90; today 90 MME/day.',
    );
    expect(mmeSummaryText([{ date: '2026-03-04', mmePerDay: null, complete: true }])).toBe(
      'From Mar 4, 2026 to Mar 4, 2026, no opioid pain medication was active.',
    );
  });

  it.each([
    [[0, 0], 100],
    [[90, 95], 110],
    [[200, 10], 220],
  ])('values %j → y axis up to %i (the 90 line always visible)', (values, yMax) => {
    expect(chartGeometry(values.map((v, i) => ({ date: `2026-03-0${i + 1}`, mmePerDay: v, complete: true }))).yMax).toBe(yMax);
  });
});
