import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

async function fillName(user: ReturnType<typeof renderApp>['user'], given: string, family: string, birthDate: string) {
  await user.type(await screen.findByLabelText('First name'), given);
  await user.type(screen.getByLabelText('Last name'), family);
  await user.type(screen.getByLabelText('Date of birth'), birthDate);
}

describe('PersonRegisterPage', () => {
  it('shows likely duplicates with their score and reasons, and links to them', async () => {
    const { client, healthDepartment } = signedInWith(['care_navigator']);
    const existing = client.registry.addPerson(healthDepartment, { givenName: 'Jordan', familyName: 'Rivera', birthDate: '1990-05-14' });
    const { user } = renderApp(client, '/people/new');

    await fillName(user, 'Jordyn', 'Rivera', '1990-05-14');
    await user.click(screen.getByRole('button', { name: 'Check for existing records' }));

    const section = await screen.findByRole('region', { name: 'People who may be the same person' });
    expect(document.activeElement).toBe(within(section).getByRole('heading', { name: 'People who may be the same person' }));
    const row = within(section).getByRole('rowheader', { name: 'Jordan Rivera' }).closest('tr') as HTMLElement;
    expect(within(row).getByText('92%')).toBeTruthy();
    expect(within(row).getByText('Same date of birth, Similar name')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Jordan Rivera' }).getAttribute('href')).toBe(`/people/${existing.id}`);
    expect(client.registry.people).toHaveLength(1);
  });

  it('registers a new person only after the check, when the user confirms none of the candidates is them', async () => {
    const { client, healthDepartment } = signedInWith(['care_navigator']);
    client.registry.addPerson(healthDepartment, { givenName: 'Jordan', familyName: 'Rivera', birthDate: '1990-05-14' });
    const { user } = renderApp(client, '/people/new');

    await fillName(user, 'Jordan', 'Rivera', '1990-05-14');
    await user.click(screen.getByLabelText('Veteran'));
    await user.type(screen.getByLabelText(/^Previous last name/), 'Lopez');
    expect(screen.queryByRole('button', { name: /register/i })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Check for existing records' }));
    await user.click(await screen.findByRole('button', { name: 'None of these — register a new person' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Jordan Rivera' })).toBeTruthy();
    expect(screen.getByText('Jordan Rivera is registered.')).toBeTruthy();
    expect(client.registry.people).toHaveLength(2);
    expect(client.registry.people[1]?.flags.veteran).toBe(true);
    expect(client.registry.people[1]?.flags.unhoused).toBe(false);
    expect(client.registry.people[1]?.names).toContainEqual({ given: 'Jordan', family: 'Lopez', use: 'previous', until: null });
  });

  it('changing the details after a check asks for a new check', async () => {
    const { client } = signedInWith(['clinician']);
    const { user } = renderApp(client, '/people/new');
    await fillName(user, 'Avery', 'Chen', '1985-01-02');
    await user.click(screen.getByRole('button', { name: 'Check for existing records' }));
    expect(await screen.findByRole('heading', { name: 'No likely duplicates' })).toBeTruthy();
    await user.type(screen.getByLabelText('Last name'), 'g');
    expect(screen.queryByRole('button', { name: 'Register this person' })).toBeNull();
  });

  it('names the fields the server rejected in the error summary and beside the fields', async () => {
    const { client } = signedInWith(['clinician']);
    const { user } = renderApp(client, '/people/new');
    await user.type(await screen.findByLabelText('First name'), 'Avery');
    await user.click(screen.getByRole('button', { name: 'Check for existing records' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Last name:/ })).toBeTruthy();
    expect(within(summary).getByRole('link', { name: /^Date of birth:/ })).toBeTruthy();
    expect(screen.getByLabelText('Last name').getAttribute('aria-invalid')).toBe('true');
    expect(client.registry.people).toHaveLength(0);
  });
});
