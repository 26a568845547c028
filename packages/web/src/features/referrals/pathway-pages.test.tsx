import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { PathwayInput } from '@continuum/contracts';
import { aReferralWorld, renderWithReferrals } from './referral-test-support.tsx';
import { ReferralEntryDetail } from './referral-timeline-entry.tsx';

describe('Pathway pages', () => {
  it('lists pathways with receiver, referrers and response times; administrators see only the pathways tab', async () => {
    const world = aReferralWorld(['org_admin']);
    world.api.addPathway();
    renderWithReferrals(world, '/referrals');
    await screen.findByRole('heading', { level: 1, name: 'Referral pathways' }, { timeout: 5000 });
    const row = (await screen.findByRole('link', { name: 'ED to buprenorphine clinic' })).closest('tr')!;
    expect(within(row).getByText('Emergency department')).toBeTruthy();
    expect(within(row).getByText('Acknowledge in 24 h; first contact in 3 d; warm handoff')).toBeTruthy();
    const tabs = screen.getByRole('navigation', { name: 'Referrals' });
    expect(
      within(tabs)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Pathways']);
    expect(screen.getByRole('link', { name: 'New pathway' })).toBeTruthy();
  });

  it('saves a new version that keeps the keys of unchanged criteria and shows it with its versions', async () => {
    const world = aReferralWorld(['org_admin']);
    const pathway = world.api.addPathway({ canEdit: true });
    const { user } = renderWithReferrals(world, `/referrals/pathways/${pathway.id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit as a new version' }, { timeout: 5000 }));

    const ack = screen.getByLabelText('Hours to acknowledge');
    await user.clear(ack);
    await user.type(ack, '8');
    await user.type(screen.getByLabelText(/^Inclusion criteria/), '\nLives in Harbor County');
    await user.click(screen.getByRole('button', { name: 'Add required information' }));
    const row = screen.getByRole('group', { name: 'Required information 2' });
    await user.type(within(row).getByLabelText('Label'), 'Insurance');
    await user.selectOptions(within(row).getByLabelText('Type'), 'choice');
    await user.type(within(row).getByLabelText('Choices (comma-separated)'), 'Medicaid, Medicare, None');
    await user.click(screen.getByRole('button', { name: 'Save new version' }));

    await screen.findByText('Version 2 saved.');
    const [, body] = world.api.calls.find((call) => call.method === 'savePathwayVersion')!.args as [string, PathwayInput];
    expect(body.ackHours).toBe(8);
    expect(body.inclusionCriteria).toEqual([
      { key: 'oud', text: 'Opioid use disorder, moderate or severe' },
      { key: 'lives_in_harbor_county', text: 'Lives in Harbor County' },
    ]);
    expect(body.requiredFields).toEqual([
      { key: 'last_use', label: 'Last opioid use', type: 'date' },
      { key: 'insurance', label: 'Insurance', type: 'choice', options: ['Medicaid', 'Medicare', 'None'] },
    ]);
    expect(body.requiredDocuments).toEqual([{ key: 'discharge', label: 'ED discharge summary' }]);
    // The saved version loads after the confirmation; wait for it rather than race it.
    expect(await screen.findByText('8 hours')).toBeTruthy();
    expect(await screen.findByText('Version 2 (shown)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Version 1' })).toBeTruthy();
  });

  it('creates a pathway to a receiver’s directory services, checking what is required first', async () => {
    const world = aReferralWorld(['network_admin']);
    const clinic = world.client.addOrganization({ name: 'Lighthouse Bridge Clinic', type: 'office_based_moud' });
    const listing = world.client.directory.addOrganization({ name: 'Lighthouse Bridge Clinic', memberOrganizationId: clinic.id });
    const service = world.client.directory.addService(listing, { name: 'Same-day buprenorphine' });
    const { user } = renderWithReferrals(world, '/referrals/pathways/new');
    await screen.findByRole('heading', { level: 1, name: 'New pathway' });

    await user.click(screen.getByRole('button', { name: 'Create pathway' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Name: Give the pathway a name.',
      'Receiving organization: Choose the receiving organization.',
      'Services: Choose at least one service.',
      'Contact at the receiver: Name the contact at the receiver.',
    ]);
    expect(world.api.calls.some((call) => call.method === 'createPathway')).toBe(false);

    await user.type(screen.getByLabelText('Name'), 'ED to same-day buprenorphine');
    await user.type(screen.getByLabelText('Find an organization by name'), 'Lighthouse');
    await user.click(screen.getByRole('button', { name: 'Find' }));
    await user.click(await screen.findByLabelText('Same-day buprenorphine'));
    await user.click(screen.getByLabelText('Emergency department'));
    await user.type(screen.getByLabelText(/^Exclusion criteria/), 'Needs hospital admission');
    await user.type(screen.getByLabelText(/^Documents a referral must carry/), 'ED discharge summary');
    await user.click(screen.getByLabelText('A warm handoff is expected'));
    await user.type(screen.getByLabelText('Name or desk'), 'Intake desk');
    await user.click(screen.getByRole('button', { name: 'Create pathway' }));

    await screen.findByText('Pathway created.');
    const body = world.api.calls.find((call) => call.method === 'createPathway')!.args[0] as PathwayInput;
    expect(body).toMatchObject({
      name: 'ED to same-day buprenorphine',
      receiverOrganizationId: clinic.id,
      serviceIds: [service.id],
      referrerOrganizationTypes: ['emergency_department'],
      inclusionCriteria: [],
      exclusionCriteria: [{ key: 'needs_hospital_admission', text: 'Needs hospital admission' }],
      requiredDocuments: [{ key: 'ed_discharge_summary', label: 'ED discharge summary' }],
      ackHours: 24,
      firstContactDays: 3,
      warmHandoffExpected: true,
      receiverContact: { name: 'Intake desk', phone: null, email: null },
    });
  });

  it('does not offer editing to those who may not edit', async () => {
    const world = aReferralWorld(['clinician']);
    const pathway = world.api.addPathway({ canEdit: false });
    renderWithReferrals(world, `/referrals/pathways/${pathway.id}`);
    await screen.findByRole('heading', { level: 1, name: pathway.name }, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: 'Edit as a new version' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New pathway' })).toBeNull();
  });
});

describe('Referral entries on the person timeline', () => {
  const referralId = '00000000-0000-4000-8000-00000000abcd';
  const renderEntry = (entry: Parameters<typeof ReferralEntryDetail>[0]['entry']) =>
    render(
      <MemoryRouter>
        <ReferralEntryDetail entry={entry} />
      </MemoryRouter>,
    );

  it('shows the status, the service and its kind, with a link to the referral', () => {
    renderEntry({ type: 'referral', data: { referralId, status: 'completed', service: 'Buprenorphine clinic', serviceKind: 'moud' } });
    expect(screen.getByText('Completed')).toBeTruthy();
    expect(screen.getByText('Buprenorphine clinic')).toBeTruthy();
    expect(screen.getByText('· Medication for OUD')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the referral' }).getAttribute('href')).toBe(`/referrals/${referralId}`);
  });

  it('says whether the person attended an appointment a referral led to', () => {
    renderEntry({ type: 'appointment_missed', data: { referralId, serviceKind: 'moud' } });
    expect(screen.getByText('Did not attend')).toBeTruthy();
  });

  it('adds nothing to other entries', () => {
    const { container } = renderEntry({ type: 'note', data: {} });
    expect(container.textContent).toBe('');
  });
});
