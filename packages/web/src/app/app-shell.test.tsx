import type { Role } from '@continuum/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCareNetwork, renderApp, signedInWith } from '../test-support/render-app.tsx';
import { navSections } from './nav-config.ts';

async function navLinkNames(): Promise<string[]> {
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('AppShell navigation', () => {
  it.each<[Role[], string[]]>([
    [
      ['network_admin'],
      [
        'Home',
        'Directory',
        'Referrals',
        'Prescribing safety',
        'Overdose response',
        'Analytics',
        'Needs and gaps',
        'Scenarios',
        'Person index review',
        'Network',
        'Agreements',
        'Training',
        'Partner scorecards',
        'Feeds',
        'Administration',
        'Organizations',
        'Users',
        'Import records',
        'Audit log',
      ],
    ],
    [
      ['org_admin'],
      [
        'Home',
        'Directory',
        'Referrals',
        'Worklist',
        'Prescribing safety',
        'Analytics',
        'Network',
        'Agreements',
        'Training',
        'Partner scorecards',
        'Feeds',
        'Administration',
        'Organizations',
        'Users',
        'Import records',
      ],
    ],
    [
      ['privacy_officer'],
      [
        'Home',
        'People',
        'Record linkage',
        'Person index review',
        'Network',
        'Agreements',
        'Training',
        'Partner scorecards',
        'Privacy review',
        'Audit log',
      ],
    ],
    [
      ['clinician'],
      [
        'Home',
        'Directory',
        'People',
        'Referrals',
        'Worklist',
        'Prescribing safety',
        'Overdose response',
        'Analytics',
        'Network',
        'Agreements',
        'Training',
        'Partner scorecards',
      ],
    ],
    [
      ['care_navigator', 'analyst'],
      [
        'Home',
        'Directory',
        'People',
        'Referrals',
        'Worklist',
        'Prescribing safety',
        'Overdose response',
        'Analytics',
        'Needs and gaps',
        'Scenarios',
        'Record linkage',
        'Network',
        'Agreements',
        'Training',
        'Partner scorecards',
      ],
    ],
    [
      ['analyst'],
      [
        'Home',
        'Directory',
        'Prescribing safety',
        'Overdose response',
        'Analytics',
        'Needs and gaps',
        'Scenarios',
        'Record linkage',
        'Network',
        'Agreements',
        'Training',
        'Partner scorecards',
      ],
    ],
  ])('shows %j the sections %j', async (roles, expected) => {
    const { client } = signedInWith(roles);
    renderApp(client);
    expect(await navLinkNames()).toEqual(expected);
  });

  it('keeps capabilities that are not built yet out of the menu', async () => {
    const { client } = signedInWith(['network_admin', 'clinician', 'care_navigator', 'analyst']);
    renderApp(client);
    const names = await navLinkNames();
    for (const planned of navSections.filter((section) => !section.available)) {
      expect(names).not.toContain(planned.label);
    }
    expect(names.filter((name) => name === 'Analytics')).toHaveLength(1);
  });

  it.each<Role[]>([['org_admin'], ['network_admin']])('takes %s from Administration to the care-event import page', async (role) => {
    const { client } = signedInWith([role]);
    const { user } = renderApp(client);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Import records' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Import care events' })).toBeTruthy();
    expect(screen.queryByText('Your role does not import records.')).toBeNull();
  });

  it('refuses a section the roles do not include, even by its address', async () => {
    const { client } = signedInWith(['clinician']);
    renderApp(client, '/admin/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your roles' })).toBeTruthy();
  });

  it('shows the person, the active organization and the roles on the home page', async () => {
    const { client } = signedInWith(['org_admin', 'privacy_officer']);
    renderApp(client);
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Dana' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'You are working in Riverside County Health Department' })).toBeTruthy();
    expect(screen.getByText('Organization administrator')).toBeTruthy();
    expect(screen.getByText('Privacy officer')).toBeTruthy();
  });
});

describe('Organization switcher', () => {
  it('is not shown to a person with one membership', async () => {
    const { client } = signedInWith(['clinician']);
    renderApp(client);
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByLabelText('Organization')).toBeNull();
    expect(screen.getByRole('banner').textContent).toContain('Riverside County Health Department');
  });

  it('is shown with more than one membership, and switching changes the roles and the menu', async () => {
    const { client, healthDepartment, treatmentCenter } = aCareNetwork();
    const person = client.addPerson({
      email: 'sam.okafor@example.org',
      displayName: 'Sam Okafor',
      memberships: [
        [treatmentCenter, ['clinician']],
        [healthDepartment, ['privacy_officer']],
      ],
    });
    client.signInAs(person);
    const { user } = renderApp(client);

    const switcher = await screen.findByLabelText('Organization');
    expect(
      within(switcher)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Harbor Treatment Center', 'Riverside County Health Department']);
    expect(await navLinkNames()).toEqual([
      'Home',
      'Directory',
      'People',
      'Referrals',
      'Worklist',
      'Prescribing safety',
      'Overdose response',
      'Analytics',
      'Network',
      'Agreements',
      'Training',
      'Partner scorecards',
    ]);

    await user.selectOptions(switcher, 'Riverside County Health Department');
    expect(await screen.findByRole('heading', { name: 'You are working in Riverside County Health Department' })).toBeTruthy();
    expect(await navLinkNames()).toEqual([
      'Home',
      'People',
      'Record linkage',
      'Person index review',
      'Network',
      'Agreements',
      'Training',
      'Partner scorecards',
      'Privacy review',
      'Audit log',
    ]);
  });
});

describe('Signing out and session end', () => {
  it('signs out to the login page', async () => {
    const { client } = signedInWith(['network_admin']);
    const { user } = renderApp(client);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByText('You have signed out.')).toBeTruthy();
  });

  it('returns to the login page with an explanation when the server ends the session', async () => {
    const { client } = signedInWith(['network_admin']);
    renderApp(client);
    await screen.findByRole('navigation', { name: 'Main' });
    client.expireSession();
    expect(await screen.findByText('Your session has ended. Sign in again to continue.')).toBeTruthy();
  });
});
