import { screeningRuleCodes, type PrescriberReport, type ReportCell } from '@continuum/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';
import { cellText, reportCsv } from './report-csv.ts';

const cells = (values: Partial<Record<(typeof screeningRuleCodes)[number], [number | null, number | null]>>): ReportCell[] =>
  screeningRuleCodes.map((rule) => {
    const [count, rate] = values[rule] ?? [0, 0];
    return { rule, count, rate, suppressed: count === null };
  });

function aReport(overrides: Partial<PrescriberReport> = {}): PrescriberReport {
  return {
    generatedAt: '2026-03-04T12:00:00.000Z',
    from: '2025-03-05',
    to: '2026-03-04',
    scope: 'network',
    minCellSize: 11,
    rowsRead: 230,
    rejectedRows: 0,
    network: {
      peopleWithOpioids: 140,
      flaggedPeople: 30,
      rules: cells({ MME_AT_LEAST_90: [14, 0.1], OFFER_NALOXONE: [20, 0.1429], MME_AT_LEAST_50: [null, null] }),
    },
    prescribers: [
      {
        prescriberKey: 'user:1',
        label: 'Dr. Robin Ellis',
        userId: '00000000-0000-4000-8000-000000000001',
        self: false,
        people: 40,
        peopleSuppressed: false,
        rules: cells({ MME_AT_LEAST_90: [12, 0.3], OFFER_NALOXONE: [null, null] }),
      },
      {
        prescriberKey: 'name:Dr. Outside, MD',
        label: 'Dr. Outside, MD',
        userId: null,
        self: false,
        people: null,
        peopleSuppressed: true,
        rules: cells(Object.fromEntries(screeningRuleCodes.map((r) => [r, [null, null]]))),
      },
    ],
    ...overrides,
  };
}

describe('PrescriberReportPage', () => {
  it('shows the network and each prescriber, with suppressed cells as "fewer than 11", and offers the CSV', async () => {
    const { client } = signedInWith(['analyst']);
    client.safety.report = aReport();
    renderApp(client, '/prescribing-safety');
    const table = await screen.findByRole('table', { name: 'People flagged by each rule, per prescriber' }, { timeout: 5000 });
    const rows = within(table).getAllByRole('row');
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'Prescriber',
      'People with opioids',
      '50–89 MME/day MME_AT_LEAST_50',
      '90 MME/day or more MME_AT_LEAST_90',
      'With a benzodiazepine OPIOID_WITH_BENZODIAZEPINE',
      'Naloxone not dispensed OFFER_NALOXONE',
      '5 prescribers and 5 pharmacies MULTIPLE_PRESCRIBERS_AND_PHARMACIES',
      'MME not computable MME_NOT_COMPUTABLE',
    ]);
    const network = within(rows[1]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('Network');
    expect(network).toEqual(['140', 'fewer than 11', '14 (10.0%)', '0 (0.0%)', '20 (14.3%)', '0 (0.0%)', '0 (0.0%)']);
    expect(within(rows[2]!).getByRole('rowheader').textContent).toBe('Dr. Robin Ellis');
    expect(
      within(rows[2]!)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(0, 3),
    ).toEqual(['40', '0 (0.0%)', '12 (30.0%)']);
    expect(
      within(rows[3]!)
        .getAllByRole('cell')
        .every((c) => c.textContent === 'fewer than 11'),
    ).toBe(true);

    const download = screen.getByRole('link', { name: 'Download CSV' });
    expect(download.getAttribute('download')).toBe('prescriber-report-2026-03-04.csv');
    expect(decodeURIComponent(download.getAttribute('href')!.replace('data:text/csv;charset=utf-8,', ''))).toBe(
      reportCsv(client.safety.report),
    );
  });

  it('asks for the chosen period', async () => {
    const { client } = signedInWith(['network_admin']);
    client.safety.report = aReport();
    const { user } = renderApp(client, '/prescribing-safety');
    await screen.findByRole('table', { name: 'People flagged by each rule, per prescriber' }, { timeout: 5000 });
    await user.selectOptions(screen.getByLabelText('Period'), 'Last 90 days');
    await screen.findByRole('table', { name: 'People flagged by each rule, per prescriber' }, { timeout: 5000 });
    expect(client.safety.reportRequests).toEqual([365, 90]);
  });

  it('a prescriber sees their own row marked, and a message when they have none', async () => {
    const { client } = signedInWith(['clinician']);
    client.safety.report = aReport({ scope: 'self', prescribers: [{ ...aReport().prescribers[0]!, self: true }] });
    const first = renderApp(client, '/prescribing-safety');
    expect(await screen.findByRole('rowheader', { name: 'Dr. Robin Ellis (you)' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText(/Your own prescribing, beside the network/)).toBeTruthy();
    first.unmount();
    client.safety.report = aReport({ scope: 'self', prescribers: [] });
    renderApp(client, '/prescribing-safety');
    expect(
      await screen.findByText('No dispensings of opioids you prescribed are on record in this period.', {}, { timeout: 5000 }),
    ).toBeTruthy();
  });

  it('is not in the menu for care navigators, and the page is refused', async () => {
    const { client } = signedInWith(['care_navigator']);
    renderApp(client, '/prescribing-safety');
    expect(await screen.findByRole('heading', { level: 1 }, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Prescribing safety' })).toBeNull();
    expect(screen.queryByRole('table', { name: 'People flagged by each rule, per prescriber' })).toBeNull();
  });
});

describe('report CSV', () => {
  it('quotes labels with commas and writes suppressed cells empty, marked', () => {
    const csv = reportCsv(aReport()).split('\n');
    expect(csv[0]).toBe('prescriber,people_with_opioids,rule,people_flagged,rate,suppressed');
    expect(csv[1]).toBe('(network),140,MME_AT_LEAST_50,,,fewer than 11');
    expect(csv).toContain('Dr. Robin Ellis,40,MME_AT_LEAST_90,12,0.3,');
    expect(csv).toContain('"Dr. Outside, MD",,MME_AT_LEAST_90,,,fewer than 11');
    expect(csv).toHaveLength(1 + 6 * 3 + 1);
  });

  it.each([
    [{ rule: 'MME_AT_LEAST_90', count: 12, rate: 0.3, suppressed: false }, '12 (30.0%)'],
    [{ rule: 'MME_AT_LEAST_90', count: null, rate: null, suppressed: true }, 'fewer than 11'],
    [{ rule: 'MME_AT_LEAST_90', count: 0, rate: null, suppressed: false }, '0'],
  ] as const)('%j → %s', (c, text) => {
    expect(cellText(c)).toBe(text);
  });
});
