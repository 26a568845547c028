import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FakeActor } from '../../test-support/fake-registry-support.ts';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

describe('DisclosuresPage', () => {
  it('lists who received which records under which consent, with dates, and offers print and CSV', async () => {
    const { client, treatmentCenter } = signedInWith(['privacy_officer']);
    const person = client.registry.addPerson(treatmentCenter, { givenName: 'Jordan', familyName: 'Rivera' });
    const housing = client.addOrganization({ name: 'Anchor House Recovery Residences', type: 'recovery_housing' });
    client.registry.addEvent(person, treatmentCenter, { kind: 'notes', title: 'Care note' });
    const consent = client.registry.addSignedConsent(person, housing);
    const partner: FakeActor = { userId: 'u-partner', userName: 'Pat Partner', organizationId: housing.id, roles: ['partner_staff'] };
    client.registry.getTimeline(partner, person.id);
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { user } = renderApp(client, `/people/${person.id}/disclosures`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Accounting of disclosures: Jordan Rivera' })).toBeTruthy();
    expect(screen.getByText('From Mar 4, 2023 to Mar 4, 2026')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Disclosures (1)' });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByText('Anchor House Recovery Residences (Pat Partner)')).toBeTruthy();
    expect(within(row).getByText('Care notes · 1 record · Web app')).toBeTruthy();
    expect(within(row).getByText('Treatment')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Shared with consent' }).getAttribute('href')).toBe(`/consents/${consent.id}`);

    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(`/api/people/${person.id}/disclosures.csv`);
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();

    await user.type(screen.getByLabelText(/^To/), '2025-01-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('No disclosures recorded in this period.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      `/api/people/${person.id}/disclosures.csv?to=2025-01-01`,
    );
  });

  it('names the date that is out of order', async () => {
    const { client, healthDepartment } = signedInWith(['privacy_officer']);
    const person = client.registry.addPerson(healthDepartment);
    renderApp(client, `/people/${person.id}/disclosures?from=2026-03-01&to=2025-03-01`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('From: Must be on or before "to".');
    expect(screen.getByLabelText(/^From/).getAttribute('aria-invalid')).toBe('true');
  });

  it('is offered from the person page to privacy officers only', async () => {
    const officer = signedInWith(['privacy_officer']);
    const person = officer.client.registry.addPerson(officer.healthDepartment);
    const first = renderApp(officer.client, `/people/${person.id}`);
    expect(await screen.findByRole('link', { name: 'Accounting of disclosures' })).toBeTruthy();
    first.unmount();

    const navigator = signedInWith(['care_navigator']);
    const other = navigator.client.registry.addPerson(navigator.healthDepartment);
    renderApp(navigator.client, `/people/${other.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Jordan Rivera' });
    expect(screen.queryByRole('link', { name: 'Accounting of disclosures' })).toBeNull();
  });
});

describe('BreakGlassReviewPage', () => {
  it('lists open emergency accesses with their reason and closes a review with an outcome and note', async () => {
    const { client, healthDepartment, treatmentCenter } = signedInWith(['privacy_officer']);
    const person = client.registry.addPerson(healthDepartment, { givenName: 'Jordan', familyName: 'Rivera' });
    const clinician: FakeActor = { userId: 'u-clin', userName: 'Dr. Ana Ruiz', organizationId: treatmentCenter.id, roles: ['clinician'] };
    client.registry.startBreakGlass(clinician, person.id, { reason: 'Unresponsive in the ED, suspected overdose' });
    const { user } = renderApp(client, '/');

    await user.click(within(await screen.findByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Privacy review' }));
    const item = (await screen.findByRole('heading', { name: 'Dr. Ana Ruiz · Harbor Treatment Center' })).closest('li') as HTMLElement;
    expect(within(item).getByText('Unresponsive in the ED, suspected overdose')).toBeTruthy();
    expect(within(item).getByRole('link', { name: 'Jordan Rivera' })).toBeTruthy();

    await user.click(within(item).getByRole('button', { name: 'Close review' }));
    expect(within(await screen.findByRole('alert')).getByRole('link', { name: /^Review note:/ })).toBeTruthy();
    await user.selectOptions(within(item).getByLabelText('Outcome'), 'Appropriate: a medical emergency');
    await user.type(within(item).getByLabelText(/^Review note/), 'Checked the ED record: overdose, treated.');
    await user.click(within(item).getByRole('button', { name: 'Close review' }));

    expect(await screen.findByText('Review of Dr. Ana Ruiz’s emergency access closed.')).toBeTruthy();
    expect(await screen.findByText('Nothing to review.')).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'Closed' }));
    expect(await screen.findByText(/Checked the ED record: overdose, treated\. — Dana Lee/)).toBeTruthy();
    expect(client.registry.breakGlass[0]).toMatchObject({ reviewStatus: 'closed', reviewOutcome: 'appropriate' });
  });

  it('is not available to clinicians', async () => {
    const { client } = signedInWith(['clinician']);
    renderApp(client, '/privacy/break-glass');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your roles' })).toBeTruthy();
  });
});
