import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

describe('AccessGrantsPanel', () => {
  it('lets a second administrator approve a clinical role another administrator gave themselves, never their own', async () => {
    const { client, person, healthDepartment, treatmentCenter } = signedInWith(['network_admin']);
    const sam = client.addPerson({
      email: 'sam.ortiz@example.org',
      displayName: 'Sam Ortiz',
      memberships: [[healthDepartment, ['network_admin']]],
    });
    client.signInAs(sam);
    const membership = await client.createMembership({ userId: sam.id, organizationId: treatmentCenter.id, roles: ['clinician'] });
    expect(membership).toMatchObject({ roles: [], pendingRoles: ['clinician'] });
    client.signInAs(person);
    const { token } = await client.createApiToken(treatmentCenter.id, { name: 'EHR', roles: ['clinician'] });
    expect(token.awaitingApproval).toBe(true);

    const { user } = renderApp(client, '/admin');
    const panel = (await screen.findByRole('heading', { name: 'Access waiting for a second administrator' })).closest(
      'section',
    ) as HTMLElement;
    const own = (await within(panel).findByRole('rowheader', { name: 'API token "EHR"' })).closest('tr') as HTMLElement;
    expect(within(own).getByText('Another administrator decides')).toBeTruthy();
    expect(within(own).queryByRole('button', { name: /^Approve/ })).toBeNull();

    await user.click(within(panel).getByRole('button', { name: 'Approve: Membership of Sam Ortiz' }));
    expect(await screen.findByText('Membership of Sam Ortiz: approved.')).toBeTruthy();
    expect(client.admin.memberships.find((m) => m.id === membership.id)?.roles).toEqual(['clinician']);
  });
});
