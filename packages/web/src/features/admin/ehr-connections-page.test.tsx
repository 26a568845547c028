import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

describe('EhrConnectionsPage', () => {
  it('lists each EHR connection with its CDS client, SMART client and mapped users', async () => {
    const { client, treatmentCenter } = signedInWith(['network_admin']);
    client.admin.ehrConnections.push({
      id: '00000000-0000-4000-8000-0000000000e1',
      name: 'Harbor General EHR',
      organizationId: treatmentCenter.id,
      roles: ['clinician'],
      identifierSystem: null,
      cds: { issuer: 'https://ehr.harbor.example', jwksUrl: 'https://ehr.harbor.example/jwks', publicKeyCount: 0, tenants: null },
      smart: { fhirBaseUrl: 'https://ehr.harbor.example/fhir', clientId: 'continuum', confidential: true, scopes: 'launch openid' },
      active: true,
      userLinkCount: 3,
      createdAt: '2026-12-01T10:00:00.000Z',
    });
    const { user } = renderApp(client, '/admin');
    await user.click((await screen.findAllByRole('link', { name: 'EHR connections' }))[0]!);
    const row = (await screen.findByRole('rowheader', { name: 'Harbor General EHR' })).closest('tr') as HTMLElement;
    expect(within(row).getByText(`${treatmentCenter.name} — Clinician`)).toBeTruthy();
    expect(within(row).getByText('https://ehr.harbor.example (JWK Set URL)')).toBeTruthy();
    expect(within(row).getByText('https://ehr.harbor.example/fhir (confidential client continuum)')).toBeTruthy();
    expect(within(row).getByText('3')).toBeTruthy();
    expect(within(row).getByText('Active')).toBeTruthy();
  });

  it('is not offered to an organization administrator', async () => {
    const { client } = signedInWith(['org_admin']);
    renderApp(client, '/admin');
    expect((await screen.findAllByRole('link', { name: 'Users' })).length).toBeGreaterThan(0);
    expect(screen.queryByRole('link', { name: 'EHR connections' })).toBeNull();
  });
});
