import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

describe('PeopleSearchPage', () => {
  it('finds people the organization may see and never reveals anyone else', async () => {
    const { client, healthDepartment, treatmentCenter } = signedInWith(['care_navigator']);
    client.registry.addPerson(healthDepartment, { givenName: 'Jordan', familyName: 'Rivera' });
    client.registry.addPerson(treatmentCenter, { givenName: 'Jordan', familyName: 'Riverton' });
    const { user } = renderApp(client, '/people');

    await user.type(await screen.findByLabelText('Name or identifier'), 'Jordan');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByRole('link', { name: 'Jordan Rivera' })).toBeTruthy();
    expect(screen.queryByText(/Riverton/)).toBeNull();
    expect(screen.getByRole('table', { name: 'People found (1)' })).toBeTruthy();
  });

  it('says nobody matches in the same words whether the person exists elsewhere or not at all', async () => {
    const { client, treatmentCenter } = signedInWith(['clinician']);
    client.registry.addPerson(treatmentCenter, { givenName: 'Casey', familyName: 'Moreno' });
    const { user } = renderApp(client, '/people?q=Casey');
    const hiddenAnswer = (await screen.findByText(/Nobody you may see matches/)).textContent;

    await user.clear(screen.getByLabelText('Name or identifier'));
    await user.type(screen.getByLabelText('Name or identifier'), 'Nobody-at-all');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect((await screen.findByText(/Nobody you may see matches/)).textContent).toBe(hiddenAnswer);
  });

  it('offers registration to registering roles only', async () => {
    const registering = signedInWith(['partner_staff']);
    const first = renderApp(registering.client, '/people');
    expect(await screen.findByRole('link', { name: 'Register a person' })).toBeTruthy();
    first.unmount();

    const { client } = signedInWith(['privacy_officer']);
    renderApp(client, '/people');
    await screen.findByRole('heading', { level: 1, name: 'People' });
    expect(screen.queryByRole('link', { name: 'Register a person' })).toBeNull();
  });
});
