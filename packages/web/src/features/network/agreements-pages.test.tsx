import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '@continuum/contracts';
import { renderNetwork } from './test-helpers.tsx';

const HD = '00000000-0000-4000-8000-0000000000a1';
const OTP = '00000000-0000-4000-8000-0000000000a2';
const LAB = '00000000-0000-4000-8000-0000000000a3';

const qsoa: Partial<Agreement> & { title: string } = {
  title: 'Tidewater OTP and Coastal Lab QSOA',
  kind: 'qsoa',
  parties: [
    { organizationId: OTP, organizationName: 'Tidewater OTP', role: 'part2_program' },
    { organizationId: LAB, organizationName: 'Coastal Lab', role: 'service_organization' },
  ],
  dataKinds: ['medications', 'screening'],
  purposes: ['treatment'],
  endsOn: '2027-06-30',
  daysToEnd: 205,
};
const endingSoon: Partial<Agreement> & { title: string } = {
  title: 'Emergency department referral agreement',
  kind: 'referral',
  state: 'ending_soon',
  parties: [
    { organizationId: HD, organizationName: 'Riverside County Health Department', role: 'party' },
    { organizationId: OTP, organizationName: 'Tidewater OTP', role: 'party' },
  ],
  effectiveOn: '2025-12-01',
  endsOn: '2026-12-28',
  daysToEnd: 21,
};

describe('the Network section: agreements', () => {
  it('is in the main navigation for members, and lists the register with the renewals due highlighted', async () => {
    const { user } = renderNetwork(['clinician'], '/', (api) => {
      api.addAgreement(qsoa);
      api.addAgreement(endingSoon);
    });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Network' }));
    await screen.findByRole('heading', { level: 1, name: 'Agreements' });
    screen.getByText('The agreements your organization is party to.');
    const due = await screen.findByRole('list', { name: 'Renewals due' });
    expect(within(due).getByRole('link', { name: 'Emergency department referral agreement' })).toBeTruthy();
    expect(due.textContent).toContain('ends in 21 days');
    const table = screen.getByRole('table', { name: 'Agreements, ending soonest first' });
    const row = within(table).getByRole('link', { name: 'Emergency department referral agreement' }).closest('tr')!;
    expect(row.className).toContain('network-row-due');
    expect(within(row).getByText('Ends in 21 days')).toBeTruthy();
    // Members read; only network administrators register.
    expect(screen.queryByRole('link', { name: 'Register an agreement' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe('/api/network/agreements/export.csv');
  });

  it('filters by kind and status through the URL, and the CSV link follows the filter', async () => {
    const { user } = renderNetwork(['network_admin'], '/network/agreements', (api) => {
      api.addAgreement(qsoa);
      api.addAgreement(endingSoon);
    });
    const table = await screen.findByRole('table', { name: 'Agreements, ending soonest first' });
    await within(table).findByRole('link', { name: qsoa.title });
    await user.selectOptions(screen.getByLabelText('Kind'), 'qsoa');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('link', { name: 'Download CSV' }).then((l) => expect(l.getAttribute('href')).toContain('kind=qsoa'));
    await expect.poll(() => within(table).queryByRole('link', { name: endingSoon.title })).toBeNull();
    expect(within(table).getByRole('link', { name: qsoa.title })).toBeTruthy();
    // The renewal panel still looks at the whole register.
    expect(screen.getByRole('list', { name: 'Renewals due' })).toBeTruthy();
  });

  it('explains in plain words what a QSOA lets the service organization see', async () => {
    renderNetwork(['privacy_officer'], '/network/agreements/00000000-0000-4000-8000-000000000100', (api) => {
      api.addAgreement(qsoa);
    });
    const panel = await screen.findByRole('region', { name: 'What this agreement lets the service organization see' });
    expect(panel.textContent).toContain(
      'Coastal Lab may see Tidewater OTP’s substance use disorder treatment records of these kinds: Medications, including medications for OUD; Screening results, only for',
    );
    expect(panel.textContent).toContain('only for these purposes: Treatment');
    expect(panel.textContent).toContain('never covers counseling notes');
    expect(panel.textContent).toContain('Access stops on the agreement’s end day');
  });

  it('lets a network administrator extend an agreement ending soon, after which the renewal warning is gone', async () => {
    const { api, user } = renderNetwork(['network_admin'], '/network/agreements/00000000-0000-4000-8000-000000000100', (fake) => {
      fake.addAgreement(endingSoon);
    });
    await screen.findByRole('heading', { level: 1, name: endingSoon.title });
    screen.getByText('Renewal due soon');
    const endsOn = screen.getByLabelText('New end date');
    expect((endsOn as HTMLInputElement).value).toBe('2027-12-28');
    await user.click(screen.getByRole('button', { name: 'Extend agreement' }));
    await screen.findByText('Renewed: the agreement now ends on Dec 28, 2027.');
    expect(api.updates).toHaveLength(1);
    // The whole agreement goes back with only the end date changed.
    expect(api.updates[0]!.body).toMatchObject({
      kind: 'referral',
      title: endingSoon.title,
      endsOn: '2027-12-28',
      effectiveOn: '2025-12-01',
    });
    await expect.poll(() => screen.queryByText('Renewal due soon')).toBeNull();
  });

  it('names the field when the server refuses a renewal', async () => {
    const { user } = renderNetwork(['network_admin'], '/network/agreements/00000000-0000-4000-8000-000000000100', (fake) => {
      fake.addAgreement(endingSoon);
    });
    const endsOn = await screen.findByLabelText('New end date');
    await user.clear(endsOn);
    await user.click(screen.getByRole('button', { name: 'Extend agreement' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^New end date:/ })).toBeTruthy();
    expect(endsOn.getAttribute('aria-invalid')).toBe('true');
  });

  it('terminates only after asking again', async () => {
    const { api, user } = renderNetwork(['network_admin'], '/network/agreements/00000000-0000-4000-8000-000000000100', (fake) => {
      fake.addAgreement(endingSoon);
    });
    await user.click(await screen.findByRole('button', { name: 'Terminate agreement' }));
    expect(api.terminations).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, terminate' }));
    await screen.findByText(/^Terminated: the agreement stops on/);
    expect(api.terminations).toHaveLength(1);
    await screen.findByText('Terminated');
  });

  it('registers an agreement, naming the missing fields first', async () => {
    const { api, user } = renderNetwork(['network_admin'], '/network/agreements/new');
    await screen.findByRole('heading', { level: 1, name: 'Register an agreement' });
    await screen.findAllByRole('option', { name: 'Harbor Treatment Center' });
    await user.click(screen.getByRole('button', { name: 'Register agreement' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Title:/ })).toBeTruthy();
    expect(within(summary).getByRole('link', { name: /^Parties:/ })).toBeTruthy();
    expect(api.agreements).toHaveLength(0);

    await user.type(screen.getByLabelText('Title'), 'Naloxone distribution MOU');
    await user.selectOptions(screen.getByLabelText('Party 1: organization'), 'Riverside County Health Department');
    await user.selectOptions(screen.getByLabelText('Party 2: organization'), 'Harbor Treatment Center');
    await user.click(screen.getByRole('button', { name: 'Add a champion' }));
    await user.type(screen.getByLabelText('Champion 1: name'), 'Ana Ruiz');
    await user.click(screen.getByRole('button', { name: 'Register agreement' }));
    await screen.findByRole('heading', { level: 1, name: 'Naloxone distribution MOU' });
    expect(api.agreements).toHaveLength(1);
    expect(api.agreements[0]!.champions).toEqual([{ name: 'Ana Ruiz', title: null, organizationId: null, email: null, signedOn: null }]);
  });

  it('does not offer registering to members', async () => {
    renderNetwork(['clinician'], '/network/agreements/new');
    await screen.findByText('Only network administrators register and change agreements.');
  });
});
