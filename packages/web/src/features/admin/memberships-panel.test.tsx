import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

describe('MembershipsPanel', () => {
  it('adds a person who already has an account, edits their roles and removes them', async () => {
    const { client, treatmentCenter, healthDepartment } = signedInWith(['network_admin']);
    client.addPerson({ email: 'jo.martin@example.org', displayName: 'Jo Martin', memberships: [[healthDepartment, ['analyst']]] });
    const { user } = renderApp(client, `/admin/organizations/${treatmentCenter.id}/memberships`);

    await user.click(await screen.findByRole('button', { name: 'Add a person' }));
    const person = screen.getByLabelText('Person');
    await within(person).findByRole('option', { name: 'Jo Martin (jo.martin@example.org)' });
    await user.selectOptions(person, 'Jo Martin (jo.martin@example.org)');
    await user.click(screen.getByLabelText('Clinician'));
    await user.click(screen.getByRole('button', { name: 'Add to organization' }));
    expect(await screen.findByText('Jo Martin was added.')).toBeTruthy();

    await user.click(await screen.findByRole('button', { name: 'Edit roles of Jo Martin' }));
    await user.click(screen.getByLabelText('Care navigator / peer specialist'));
    await user.click(screen.getByRole('button', { name: 'Save roles' }));
    expect(await screen.findByText('Roles of Jo Martin saved.')).toBeTruthy();
    const row = (await screen.findByRole('rowheader', { name: 'Jo Martin' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Clinician, Care navigator / peer specialist')).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: 'Remove Jo Martin' }));
    await user.click(within(screen.getByRole('group', { name: 'Confirm' })).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText(`Jo Martin was removed from ${treatmentCenter.name}.`)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Jo Martin' })).toBeNull());
  });
});
