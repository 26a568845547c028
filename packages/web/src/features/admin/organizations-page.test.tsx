import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

const rowNames = () => screen.queryAllByRole('rowheader').map((cell) => cell.textContent);

describe('OrganizationsPage', () => {
  it('lists organizations and filters them by name and by type', async () => {
    const { client } = signedInWith(['network_admin']);
    client.addOrganization({ name: 'Harbor Drug', type: 'pharmacy' });
    const { user } = renderApp(client, '/admin/organizations');
    await screen.findByRole('rowheader', { name: 'Harbor Drug' });
    expect(rowNames()).toEqual(['Riverside County Health Department', 'Harbor Treatment Center', 'Harbor Drug']);

    await user.type(screen.getByLabelText('Search by name'), 'harbor');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(rowNames()).toEqual(['Harbor Treatment Center', 'Harbor Drug']));

    await user.selectOptions(screen.getByLabelText('Type'), 'Pharmacy');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(rowNames()).toEqual(['Harbor Drug']));
    expect((screen.getByLabelText('Search by name') as HTMLInputElement).value).toBe('harbor');
  });

  it('offers "New organization" only to network administrators', async () => {
    const { client } = signedInWith(['org_admin']);
    renderApp(client, '/admin/organizations');
    await screen.findByRole('rowheader', { name: 'Riverside County Health Department' });
    expect(rowNames()).toEqual(['Riverside County Health Department']);
    expect(screen.queryByRole('link', { name: 'New organization' })).toBeNull();
  });
});
