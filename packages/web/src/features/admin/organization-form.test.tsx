import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { accessibleDescription } from '../../test-support/accessible-description.ts';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

describe('OrganizationForm', () => {
  it('shows a VALIDATION_FAILED field error next to the field it names, and a summary at the top', async () => {
    const { client } = signedInWith(['network_admin']);
    const { user } = renderApp(client, '/admin/organizations/new');

    await user.type(await screen.findByLabelText('Name'), 'Northside Recovery Housing');
    await user.selectOptions(screen.getByLabelText('Type'), 'Recovery housing');
    await user.type(screen.getByLabelText(/^Website/), 'northside recovery');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('There is a problem')).toBeTruthy();
    const link = within(summary).getByRole('link', { name: /^Website:/ });
    expect(link.getAttribute('href')).toBe('#organization-new-website');

    const website = screen.getByLabelText(/^Website/);
    expect(website.getAttribute('aria-invalid')).toBe('true');
    expect(accessibleDescription(website)).toMatch(/Error: .+/);
    expect(client.organizations.map((organization) => organization.name)).not.toContain('Northside Recovery Housing');

    // The summary took focus once; correcting the field keeps focus in the field.
    await user.clear(website);
    await user.type(website, 'https://northside.example');
    expect(document.activeElement).toBe(website);
  });

  it('maps a server field path such as "body.name" to the Name field', async () => {
    const { client } = signedInWith(['network_admin']);
    client.failNext(
      'createOrganization',
      new ApiError('VALIDATION_FAILED', 'The request is not valid.', {
        status: 422,
        fields: [{ path: 'body.name', message: 'An organization with this name already exists.' }],
      }),
    );
    const { user } = renderApp(client, '/admin/organizations/new');
    await user.type(await screen.findByLabelText('Name'), 'Harbor Treatment Center');
    await user.selectOptions(screen.getByLabelText('Type'), 'Opioid treatment program');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));

    expect(accessibleDescription(await screen.findByLabelText('Name'))).toContain('An organization with this name already exists.');
    expect(
      within(screen.getByRole('alert')).getByRole('link', { name: 'Name: An organization with this name already exists.' }),
    ).toBeTruthy();
  });

  it('creates an organization and opens its page', async () => {
    const { client } = signedInWith(['network_admin']);
    const { user } = renderApp(client, '/admin/organizations/new');
    await user.type(await screen.findByLabelText('Name'), 'Eastside Syringe Services');
    await user.selectOptions(screen.getByLabelText('Type'), 'Harm reduction / syringe services');
    await user.click(screen.getByRole('button', { name: 'Create organization' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Eastside Syringe Services' })).toBeTruthy();
    expect(screen.getByText('Organization created.')).toBeTruthy();
  });

  it('turns an organization inactive from its details tab', async () => {
    const { client, treatmentCenter } = signedInWith(['network_admin']);
    const { user } = renderApp(client, `/admin/organizations/${treatmentCenter.id}`);
    await user.click(await screen.findByLabelText('Active'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changes saved.')).toBeTruthy();
    expect(client.organizations.find((organization) => organization.id === treatmentCenter.id)?.active).toBe(false);
  });
});
