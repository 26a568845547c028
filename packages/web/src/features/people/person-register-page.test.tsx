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

  it('opened from an EHR launch, starts from the EHR patient and saves nothing until the user registers them', async () => {
    const { client } = signedInWith(['clinician']);
    client.registry.ehrLaunchPatients.set('launch-1', {
      source: 'Bayside EHR',
      givenName: 'Tobi',
      familyName: 'Okafor',
      birthDate: '1979-11-03',
      sex: 'male',
      identifier: { kind: 'mrn', value: 'EHR-MRN-9' },
      phone: '(555) 201-3344',
      address: { line1: '12 Harbor St', city: 'Bayside', postalCode: '94000' },
    });
    const { user } = renderApp(client, '/people/new?from=ehr-launch&launch=launch-1');

    expect(await screen.findByText(/The form starts from the details Bayside EHR sent/)).toBeTruthy();
    expect((screen.getByLabelText('First name') as HTMLInputElement).value).toBe('Tobi');
    expect((screen.getByLabelText('Last name') as HTMLInputElement).value).toBe('Okafor');
    expect((screen.getByLabelText('Date of birth') as HTMLInputElement).value).toBe('1979-11-03');
    expect((screen.getByLabelText('Sex') as HTMLSelectElement).value).toBe('male');
    expect((screen.getByLabelText('Identifier type') as HTMLSelectElement).value).toBe('mrn');
    expect((screen.getByLabelText(/Your organization’s identifier/) as HTMLInputElement).value).toBe('EHR-MRN-9');
    expect((screen.getByLabelText(/^Phone/) as HTMLInputElement).value).toBe('(555) 201-3344');
    expect((screen.getByLabelText(/^ZIP code/) as HTMLInputElement).value).toBe('94000');
    expect(client.registry.people).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Check for existing records' }));
    await user.click(await screen.findByRole('button', { name: 'Register this person' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Tobi Okafor' })).toBeTruthy();
    expect(client.registry.people).toHaveLength(1);
    expect(client.registry.people[0]?.identifiers).toContainEqual(expect.objectContaining({ kind: 'mrn', value: 'EHR-MRN-9' }));
  });

  it('says so when the EHR details are gone, and leaves the form empty', async () => {
    const { client } = signedInWith(['clinician']);
    renderApp(client, '/people/new?from=ehr-launch&launch=expired');
    expect(await screen.findByText(/The details from the EHR are no longer available/)).toBeTruthy();
    expect((screen.getByLabelText('First name') as HTMLInputElement).value).toBe('');
  });
});
