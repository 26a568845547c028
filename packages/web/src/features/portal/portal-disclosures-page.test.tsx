import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aPortalDisclosure } from './fake-api.ts';
import { aSignedInPerson, renderPortal } from './portal-test-support.tsx';

const findEntries = async () => within(await screen.findByRole('main')).findAllByRole('listitem');

describe('portal: who saw my record', () => {
  it('lists each disclosure in plain words (when, who, from whom, what, why) and marks emergency access', async () => {
    const api = aSignedInPerson();
    api.disclosureList = [
      aPortalDisclosure(),
      aPortalDisclosure({
        occurredAt: '2026-03-02T04:10:00.000Z',
        organizationName: 'Harbor General Hospital Emergency Department',
        fromOrganizationName: null,
        purpose: 'treatment',
        kinds: ['sud_treatment', 'medications'],
        emergency: true,
      }),
    ];
    renderPortal(api, '/portal/who-saw-my-record');
    expect(await screen.findByRole('heading', { name: 'Who saw my record' })).toBeTruthy();
    const [first, second] = await findEntries();
    const f = within(first!);
    expect(f.getByText('September 14, 2026')).toBeTruthy();
    expect(f.getByText('Harbor General Hospital')).toBeTruthy();
    expect(f.getByText('Harbor Treatment Center')).toBeTruthy();
    expect(f.getByText('Treatment')).toBeTruthy();
    expect(f.queryByText(/In an emergency/)).toBeNull();
    expect(within(second!).getByText(/In an emergency/)).toBeTruthy();
  });

  it('offers the list as a CSV file in the language shown', async () => {
    renderPortal(aSignedInPerson(), '/portal/who-saw-my-record');
    const link = await screen.findByRole('link', { name: 'Download this list (CSV file)' });
    expect(link.getAttribute('href')).toBe('/api/portal/disclosures.csv?lang=en');
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('says when no group looked at the record, and reads in Spanish', async () => {
    renderPortal(aSignedInPerson('es'), '/portal/who-saw-my-record');
    expect(await screen.findByText('Ningún grupo miró su expediente en este tiempo.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Descargar esta lista (archivo CSV)' }).getAttribute('href')).toBe(
      '/api/portal/disclosures.csv?lang=es',
    );
  });
});
