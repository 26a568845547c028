import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

/** A person the signed-in health department knows by its own booking number. */
function withPerson(roles: Parameters<typeof signedInWith>[0]) {
  const network = signedInWith(roles);
  const person = network.client.registry.addPerson(network.healthDepartment, { givenName: 'Jordan', familyName: 'Rivera' });
  person.identifiers.push({
    id: '20000000-0000-4000-8000-000000000001',
    organizationId: network.healthDepartment.id,
    organizationName: network.healthDepartment.name,
    kind: 'booking_number',
    value: 'BK-100',
  });
  return { ...network, person };
}

const header = 'identifier_kind,identifier_value,type,occurred_at,external_id,data.facility,data.milestone';
const goodRows = `${header}
booking_number,BK-100,custody_release,2026-03-01T09:00:00Z,rel-1,County Jail,
booking_number,BK-100,recovery_milestone,2026-03-02,ms-1,,peer_support`;
const badRows = `${header}
booking_number,BK-100,custody_release,2026-03-01T09:00:00Z,rel-1,County Jail,
booking_number,BK-999,custody_release,2026-03-01T09:00:00Z,rel-2,County Jail,
booking_number,BK-100,recovery_milestone,2026-03-02,ms-2,,graduated`;

describe('CareEventImportPage', () => {
  it('previews row-level errors by row and column and saves nothing; the import button stays away', async () => {
    const { client } = withPerson(['care_navigator']);
    const { user } = renderApp(client, '/people/import');
    await user.click(await screen.findByLabelText('Or paste the rows'));
    await user.paste(badRows);
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const problems = await screen.findByRole('table', { name: 'Problems by row' });
    const rows = within(problems)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows.map(([row, column]) => [row, column])).toEqual([
      ['2', 'identifier_value'],
      ['3', 'data.milestone'],
    ]);
    expect(screen.getByText('2 problems found. Nothing has been saved.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Import \d/ })).toBeNull();
    expect(client.registry.events).toHaveLength(0);
  });

  it('previews a clean file, then imports every row', async () => {
    const { client, person } = withPerson(['partner_staff']);
    const { user } = renderApp(client, '/people/import');
    await user.click(await screen.findByLabelText('Or paste the rows'));
    await user.paste(goodRows);
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const ready = await screen.findByRole('table', { name: 'Rows ready to import' });
    expect(within(ready).getByText('Release from custody')).toBeTruthy();
    expect(within(ready).getByText('Recovery milestone')).toBeTruthy();
    expect(client.registry.events).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Import 2 events' }));
    expect(await screen.findByText('2 events saved.')).toBeTruthy();
    expect(client.registry.events.map((e) => [e.personId, e.type])).toEqual([
      [person.id, 'custody_release'],
      [person.id, 'recovery_milestone'],
    ]);
  });

  it('is offered from the people page to roles that import', async () => {
    const { client } = withPerson(['care_navigator']);
    renderApp(client, '/people');
    expect(await screen.findByRole('link', { name: 'Import records' })).toBeTruthy();
  });
});
