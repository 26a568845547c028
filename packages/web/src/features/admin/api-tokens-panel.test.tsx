import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

describe('ApiTokensPanel', () => {
  it('shows a new token secret once, then lets it be revoked', async () => {
    const { client, treatmentCenter } = signedInWith(['network_admin']);
    const { user } = renderApp(client, `/admin/organizations/${treatmentCenter.id}/api-tokens`);

    await user.click(await screen.findByRole('button', { name: 'New API token' }));
    await user.type(screen.getByLabelText('Token name'), 'EHR referral interface');
    await user.click(screen.getByLabelText('Partner staff'));
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const secret = (await screen.findByLabelText('Secret')) as HTMLInputElement;
    expect(secret.value).toBe('ctm_abc1_fake-secret-for-tests');
    expect(screen.getByText('Copy this secret now. It will not be shown again.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'I have stored the secret' }));
    expect(screen.queryByLabelText('Secret')).toBeNull();

    await user.click(await screen.findByRole('button', { name: 'Revoke EHR referral interface' }));
    await user.click(within(screen.getByRole('group', { name: 'Confirm' })).getByRole('button', { name: 'Revoke' }));
    const row = (await screen.findByRole('rowheader', { name: 'EHR referral interface' })).closest('tr') as HTMLElement;
    expect(await within(row).findByText('Revoked')).toBeTruthy();
  });

  it('asks for a role before creating a token', async () => {
    const { client, treatmentCenter } = signedInWith(['network_admin']);
    const { user } = renderApp(client, `/admin/organizations/${treatmentCenter.id}/api-tokens`);
    await user.click(await screen.findByRole('button', { name: 'New API token' }));
    await user.type(screen.getByLabelText('Token name'), 'Pharmacy feed');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(within(await screen.findByRole('alert')).getByText('Roles: Choose at least one role.')).toBeTruthy();
    expect(client.tokens).toEqual([]);
  });
});
