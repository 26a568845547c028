import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

describe('UsersPage', () => {
  it('unlocks a locked account and disables an account after asking again', async () => {
    const { client, treatmentCenter } = signedInWith(['network_admin']);
    const locked = client.addPerson({
      email: 'ari.brooks@example.org',
      displayName: 'Ari Brooks',
      memberships: [[treatmentCenter, ['clinician']]],
    });
    locked.lockedUntil = '2999-01-01T00:00:00.000Z';
    client.addPerson({ email: 'lee.park@example.org', displayName: 'Lee Park', memberships: [[treatmentCenter, ['partner_staff']]] });
    const { user } = renderApp(client, '/admin/users');

    const ariRow = (await screen.findByRole('rowheader', { name: 'Ari Brooks' })).closest('tr') as HTMLElement;
    expect(within(ariRow).getByText(/Locked until/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unlock Lee Park' })).toBeNull();
    await user.click(within(ariRow).getByRole('button', { name: 'Unlock Ari Brooks' }));
    expect(await screen.findByText('Ari Brooks can sign in again.')).toBeTruthy();
    expect(locked.lockedUntil).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Disable Lee Park' }));
    await user.click(within(screen.getByRole('group', { name: 'Confirm' })).getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Lee Park was disabled.')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Enable Lee Park' })).toBeTruthy();
  });

  it('creates a user with an organization, roles and an initial password', async () => {
    const { client, treatmentCenter } = signedInWith(['network_admin']);
    const { user } = renderApp(client, '/admin/users/new');
    await user.type(await screen.findByLabelText('Full name'), 'Noor Haddad');
    await user.type(screen.getByLabelText('Email address'), 'noor.haddad@example.org');
    await user.type(screen.getByLabelText('Initial password'), 'tide-pool-lighthouse-7');
    await user.selectOptions(screen.getByLabelText('Organization'), treatmentCenter.name);
    await user.click(screen.getByLabelText('Clinician'));
    await user.click(screen.getByRole('button', { name: 'Create user' }));

    expect(await screen.findByText('Account created for Noor Haddad.')).toBeTruthy();
    expect(await screen.findByRole('rowheader', { name: 'Noor Haddad' })).toBeTruthy();
  });

  it('does not offer network administration to an organization administrator', async () => {
    const { client } = signedInWith(['org_admin']);
    renderApp(client, '/admin/users/new');
    const roles = await screen.findByRole('group', { name: 'Roles' });
    expect(within(roles).queryByLabelText('Network administrator')).toBeNull();
    expect(within(roles).getByLabelText('Organization administrator')).toBeTruthy();
  });

  it('keeps what someone typed in the search box when the organization list arrives later', async () => {
    const { client } = signedInWith(['network_admin']);
    let release: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (release = resolve));
    const listOrganizations = client.listOrganizations.bind(client);
    client.listOrganizations = async (params) => {
      await arrived;
      return listOrganizations(params);
    };
    const { user } = renderApp(client, '/admin/users');
    const search = (await screen.findByLabelText('Search by name or email')) as HTMLInputElement;
    await user.type(search, 'riley');
    release();
    expect(await screen.findByRole('option', { name: 'Riverside County Health Department' })).toBeTruthy();
    expect((screen.getByLabelText('Search by name or email') as HTMLInputElement).value).toBe('riley');
  });
});
