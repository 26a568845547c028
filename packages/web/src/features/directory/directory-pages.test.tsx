import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { accessibleDescription } from '../../test-support/accessible-description.ts';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

/** Dana Lee holds `roles` in the health department, which owns one listing; another member owns a second. */
function aDirectory(roles: Role[]) {
  const network = signedInWith(roles);
  const { directory } = network.client;
  const ownListing = directory.addOrganization({
    name: 'Riverside Recovery Clinic',
    memberOrganizationId: network.healthDepartment.id,
    verifiedAt: '2026-02-01T12:00:00.000Z',
    verifiedByLabel: 'Sam Ortiz',
  });
  const otherListing = directory.addOrganization({
    name: 'Harbor Methadone Program',
    memberOrganizationId: network.treatmentCenter.id,
    verifiedAt: '2025-10-01T12:00:00.000Z',
  });
  const clinic = directory.addLocation(ownListing, { name: 'Front Street clinic' });
  const service = directory.addService(ownListing, { name: 'Buprenorphine walk-in', codes: ['BU', 'WALKIN'], locationIds: [clinic.id] });
  directory.updateCapacity(service.id, { unit: 'slot', status: 'accepting', available: 2, maximum: 10 });
  return { ...network, ownListing, otherListing, clinic, service };
}

const rowNames = () => screen.queryAllByRole('rowheader').map((cell) => cell.textContent);

describe('Directory management', () => {
  it('lists listings with their last verification and filters those not verified for 90 days, in the URL', async () => {
    const { client, ownListing, otherListing } = aDirectory(['care_navigator']);
    for (const listing of [ownListing, otherListing]) {
      client.directory.reminders.push({
        id: `20000000-0000-4000-8000-00000000000${client.directory.reminders.length + 1}`,
        directoryOrganizationId: listing.id,
        directoryOrganizationName: listing.name,
        lastVerifiedAt: listing.verifiedAt,
        createdAt: '2026-03-04T00:00:00.000Z',
      });
    }
    const { user } = renderApp(client, '/directory');
    await screen.findByRole('rowheader', { name: 'Riverside Recovery Clinic' }, { timeout: 5_000 });
    expect(rowNames()).toEqual(['Riverside Recovery Clinic', 'Harbor Methadone Program']);
    const ownRow = screen.getByRole('rowheader', { name: 'Riverside Recovery Clinic' }).closest('tr');
    expect(ownRow?.textContent).toMatch(/Verified .+ by Sam Ortiz/);
    // Reminders are for the listings of the person's own organization only.
    const reminders = (await screen.findByText('Listings due for verification', {}, { timeout: 5_000 })).closest('.alert') as HTMLElement;
    expect(
      within(reminders)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Riverside Recovery Clinic']);

    await user.click(screen.getByLabelText('Not verified for 90 days'));
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(rowNames()).toEqual(['Harbor Methadone Program']), { timeout: 5_000 });
    expect((screen.getByLabelText('Not verified for 90 days') as HTMLInputElement).checked).toBe(true);
  });

  it("lets the organization's staff verify their listing, showing who verified it and when", async () => {
    const { client, ownListing } = aDirectory(['clinician']);
    const { user } = renderApp(client, `/directory/organizations/${ownListing.id}`);
    await user.click(await screen.findByRole('button', { name: 'Verify listing' }));
    expect(await screen.findByText('Listing verified.')).toBeTruthy();
    const verification = screen.getByRole('region', { name: 'Verification' });
    await waitFor(() => expect(within(verification).getByText(/^Verified .+ by Dana Lee$/)).toBeTruthy());
    expect(client.directory.organizations.find((item) => item.id === ownListing.id)?.verifiedByLabel).toBe('Dana Lee');
  });

  it("shows another organization's listing read-only", async () => {
    const { client, otherListing } = aDirectory(['org_admin']);
    renderApp(client, `/directory/organizations/${otherListing.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Harbor Methadone Program' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Verify listing' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit details' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add location' })).toBeNull();
  });

  it('updates capacity in one action and keeps the history', async () => {
    const { client, service } = aDirectory(['partner_staff']);
    const { user } = renderApp(client, `/directory/services/${service.id}`);
    const form = await screen.findByRole('form', { name: 'Update capacity' });
    expect((within(form).getByLabelText('Available now') as HTMLInputElement).value).toBe('2');
    await user.selectOptions(within(form).getByLabelText('Status'), 'Waitlist');
    await user.clear(within(form).getByLabelText('Available now'));
    await user.type(within(form).getByLabelText('Available now'), '0');
    await user.type(within(form).getByLabelText(/^Expected wait/), '7');
    await user.click(within(form).getByRole('button', { name: 'Update capacity' }));

    expect(
      await screen.findByText(/^Capacity updated: Waitlist · 0 of 10 slots · about 7 days' wait · updated .+ by Dana Lee\.$/),
    ).toBeTruthy();
    const history = screen.getByRole('table', { name: 'Capacity history' });
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(3));
    expect(within(history).getAllByRole('row')[1]?.textContent).toContain('Waitlist (about 7 days)');
    expect(client.directory.history.get(service.id)?.[0]).toMatchObject({
      status: 'waitlist',
      available: 0,
      waitlistDays: 7,
      recordedByLabel: 'Dana Lee',
    });
  });

  it('names the field when capacity is not valid, and changes nothing', async () => {
    const { client, service } = aDirectory(['org_admin']);
    const { user } = renderApp(client, `/directory/services/${service.id}`);
    const form = await screen.findByRole('form', { name: 'Update capacity' });
    await user.clear(within(form).getByLabelText('Available now'));
    await user.type(within(form).getByLabelText('Available now'), '12');
    await user.click(within(form).getByRole('button', { name: 'Update capacity' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Available now: Must not exceed maximum' }).getAttribute('href')).toBe(
      '#capacity-available',
    );
    expect(accessibleDescription(within(form).getByLabelText('Available now'))).toContain('Must not exceed maximum');

    await user.clear(within(form).getByLabelText('Available now'));
    await user.type(within(form).getByLabelText('Available now'), 'a few');
    await user.click(within(form).getByRole('button', { name: 'Update capacity' }));
    await waitFor(() => expect(accessibleDescription(within(form).getByLabelText('Available now'))).toContain('Enter a whole number'));
    expect(client.directory.history.get(service.id)).toHaveLength(1);
  });

  it('adds a location, naming the fields that need attention', { timeout: 20_000 }, async () => {
    const { client, ownListing } = aDirectory(['org_admin']);
    const { user } = renderApp(client, `/directory/organizations/${ownListing.id}`);
    await user.click(await screen.findByRole('button', { name: 'Add location' }));
    const form = screen.getByRole('form', { name: 'New location' });
    await user.type(within(form).getByLabelText('Name'), 'Eastside clinic');
    await user.type(within(form).getByLabelText('Street address'), '40 Mill Rd');
    await user.type(within(form).getByLabelText('Town or city'), 'Alder Falls');
    await user.type(within(form).getByLabelText('State'), 'OR');
    await user.type(within(form).getByLabelText('ZIP code'), '9710');
    await user.click(within(form).getByRole('button', { name: 'Add location' }));
    expect(accessibleDescription(within(form).getByLabelText('Latitude'))).toContain('Enter a number');

    await user.type(within(form).getByLabelText('Latitude'), '45.52');
    await user.type(within(form).getByLabelText('Longitude'), '-122.68');
    await user.click(within(form).getByRole('button', { name: 'Add location' }));
    await waitFor(() => expect(accessibleDescription(within(form).getByLabelText('ZIP code'))).toContain('Expected a 5-digit postal code'));
    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'ZIP code: Expected a 5-digit postal code' })).toBeTruthy();

    await user.type(within(form).getByLabelText('ZIP code'), '4');
    await user.click(within(form).getByRole('button', { name: 'Add location' }));
    expect(await screen.findByText('Eastside clinic added.')).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Eastside clinic' })).toBeTruthy();
  });

  it('edits what a service offers with the shared taxonomy', { timeout: 20_000 }, async () => {
    const { client, service } = aDirectory(['org_admin']);
    const { user } = renderApp(client, `/directory/services/${service.id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit service' }));
    const form = screen.getByRole('form', { name: 'Edit service' });
    const medication = within(form).getByRole('group', { name: 'Medication' });
    expect((within(medication).getByLabelText('Buprenorphine') as HTMLInputElement).checked).toBe(true);
    await user.click(within(medication).getByLabelText('Same-day medication start'));
    await user.click(within(within(form).getByRole('group', { name: 'Payment' })).getByLabelText('Medicaid'));
    await user.click(within(within(form).getByRole('group', { name: 'Languages' })).getByLabelText('Spanish'));
    await user.type(within(form).getByLabelText(/^Website/), 'not a web address');
    await user.click(within(form).getByRole('button', { name: 'Save service' }));
    expect(within(await screen.findByRole('alert')).getByRole('link', { name: /^Website:/ })).toBeTruthy();

    await user.clear(within(form).getByLabelText(/^Website/));
    await user.click(within(form).getByRole('button', { name: 'Save service' }));
    expect(await screen.findByText('Service saved.')).toBeTruthy();
    const saved = client.directory.services.find((item) => item.id === service.id);
    expect(saved?.codes).toEqual(expect.arrayContaining(['BU', 'MOUD_SAME_DAY', 'MD', 'WALKIN']));
    expect(saved?.languages).toEqual(['es']);
  });

  it('replaces the weekly hours, naming the row and field of a mistake', async () => {
    const { client, service } = aDirectory(['org_admin']);
    const { user } = renderApp(client, `/directory/services/${service.id}`);
    const form = await screen.findByRole('form', { name: 'Weekly hours' });
    await user.click(within(form).getByRole('button', { name: 'Add hours' }));
    await user.click(within(form).getByRole('button', { name: 'Add hours' }));
    const second = within(form).getByRole('group', { name: 'Hours 2' });
    expect((within(second).getByLabelText('Day') as HTMLSelectElement).value).toBe('2');
    await user.clear(within(second).getByLabelText('Closes'));
    await user.type(within(second).getByLabelText('Closes'), '08:00');
    await user.click(within(form).getByRole('button', { name: 'Save hours' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Hours 2, closes: Must differ from opensAt' }).getAttribute('href')).toBe(
      '#schedule-1-closesAt',
    );

    await user.clear(within(second).getByLabelText('Closes'));
    await user.type(within(second).getByLabelText('Closes'), '12:00');
    await user.click(within(form).getByRole('button', { name: 'Save hours' }));
    expect(await screen.findByText('Hours saved.')).toBeTruthy();
    expect(client.directory.services.find((item) => item.id === service.id)?.schedules).toEqual([
      { locationId: null, dayOfWeek: 1, opensAt: '08:00', closesAt: '17:00' },
      { locationId: null, dayOfWeek: 2, opensAt: '08:00', closesAt: '12:00' },
    ]);
  });

  it('lets a network administrator add a listing for a member organization', async () => {
    const { client, treatmentCenter } = aDirectory(['network_admin']);
    const { user } = renderApp(client, '/directory');
    await user.click(await screen.findByRole('link', { name: 'New listing' }));
    const form = await screen.findByRole('form', { name: 'New listing' });
    await user.click(within(form).getByRole('button', { name: 'Create listing' }));
    expect(
      within(await screen.findByRole('alert'))
        .getByRole('link', { name: /^Name:/ })
        .getAttribute('href'),
    ).toBe('#listing-new-name');

    await user.type(within(form).getByLabelText('Name'), 'Harbor Treatment Center');
    await waitFor(() => expect(within(form).getAllByRole('option').length).toBeGreaterThan(1));
    await user.selectOptions(within(form).getByLabelText('Network member'), 'Harbor Treatment Center');
    await user.click(within(form).getByRole('button', { name: 'Create listing' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Harbor Treatment Center' })).toBeTruthy();
    expect(screen.getByText('Listing created.')).toBeTruthy();
    expect(client.directory.organizations.at(-1)?.memberOrganizationId).toBe(treatmentCenter.id);
  });

  it('offers a new listing only to network administrators', async () => {
    const { client } = aDirectory(['org_admin']);
    renderApp(client, '/directory/organizations/new');
    expect(await screen.findByText('Only network administrators add organizations to the directory.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'New listing' })).toBeNull();
  });
});
