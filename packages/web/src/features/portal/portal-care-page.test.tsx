import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSignedInPerson, renderPortal } from './portal-test-support.tsx';

const VISIT = '30000000-0000-4000-8000-00000000aa01';

describe('portal: my care', () => {
  it('shows visits with a calendar file, referrals in plain words, the care team and planned calls', async () => {
    const api = aSignedInPerson();
    api.careView = {
      appointments: [
        {
          id: VISIT,
          at: '2026-12-10T17:00:00.000Z',
          serviceName: 'Buprenorphine clinic',
          organizationName: 'Tidewater Treatment',
          place: 'Main St',
          phone: '555-0100',
        },
      ],
      referrals: [
        {
          id: VISIT,
          status: 'accepted',
          serviceName: 'Buprenorphine clinic',
          toOrganizationName: 'Tidewater Treatment',
          fromOrganizationName: 'Harbor General ED',
          appointmentAt: null,
          sentAt: '2026-12-01T10:00:00.000Z',
          updatedAt: '2026-12-02T10:00:00.000Z',
          closed: false,
        },
      ],
      careTeam: [
        {
          role: 'care_navigator',
          organizationName: 'Harbor General ED',
          staffName: 'Nico',
          phone: '555-0199',
          email: null,
          website: null,
          since: '2026-11-01',
        },
      ],
      outreach: [{ kind: 'no_show', plannedOn: '2026-12-12', organizationName: 'Harbor General ED' }],
    };
    renderPortal(api, '/portal/my-care');
    expect(await screen.findByRole('heading', { name: 'My care' })).toBeTruthy();
    const link = await screen.findByRole('link', { name: 'Add to my calendar' });
    expect(link.getAttribute('href')).toBe(`/api/portal/appointments/${VISIT}/calendar.ics?lang=en`);
    expect(screen.getByText(/They said yes\. They will call you to set a time\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: '555-0199' }).getAttribute('href')).toBe('tel:555-0199');
    expect(screen.getByText(/A call to set a new visit/)).toBeTruthy();
  });

  it('says when there is nothing yet, in Spanish, and is linked from the home page', async () => {
    renderPortal(aSignedInPerson('es'), '/portal/my-care');
    expect(await screen.findByText('No tiene citas.')).toBeTruthy();
    expect(screen.getByText('No hay llamadas planeadas.')).toBeTruthy();
    renderPortal(aSignedInPerson(), '/portal');
    expect((await screen.findByRole('link', { name: 'My care' })).getAttribute('href')).toBe('/portal/my-care');
  });
});
