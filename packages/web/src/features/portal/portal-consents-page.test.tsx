import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { aPortalConsent } from './fake-api.ts';
import { aSignedInPerson, renderPortal } from './portal-test-support.tsx';

function aPersonWithConsents() {
  const api = aSignedInPerson();
  const active = aPortalConsent({ toOrganizations: ['Harbor General Hospital'], expiresOn: '2099-06-01' });
  const general = aPortalConsent({ fromOrganizations: null, toOrganizations: null, expiresOn: null, expiryEvent: 'end_of_treatment' });
  const stopped = aPortalConsent({
    toOrganizations: ['Eastside Recovery Housing'],
    status: 'revoked',
    revokedAt: '2026-10-02T10:00:00.000Z',
  });
  const ended = aPortalConsent({
    toOrganizations: ['Valley Health'],
    status: 'expired',
    expiresOn: '2026-01-31',
    expiredAt: '2026-02-01T00:00:00.000Z',
  });
  api.consentList = [active, general, stopped, ended];
  return { api, active, general, stopped, ended };
}

/** The consent cards (the page's list, not the help links around it). */
const cards = () => within(screen.getByRole('main')).getAllByRole('listitem');
const findCards = async () => within(await screen.findByRole('main')).findAllByRole('listitem');

describe('portal: my consents', () => {
  it('shows each consent in plain words: who may share, with whom, what, why and until when', async () => {
    const { api } = aPersonWithConsents();
    renderPortal(api, '/portal/consents');
    expect(await screen.findByRole('heading', { name: 'My consents' })).toBeTruthy();
    const [active, general, stopped, ended] = await findCards();
    const a = within(active!);
    expect(a.getByText('Active')).toBeTruthy();
    expect(a.getByText('Harbor Treatment Center')).toBeTruthy();
    expect(a.getByText('Harbor General Hospital')).toBeTruthy();
    expect(a.getByText('June 1, 2099')).toBeTruthy();
    expect(a.getByRole('button', { name: 'Stop sharing' })).toBeTruthy();

    const g = within(general!);
    expect(g.getByText('Any group that has your record')).toBeTruthy();
    expect(g.getByText('The groups that treat you')).toBeTruthy();
    expect(g.getByText('The end of the event named on the form')).toBeTruthy();

    expect(within(stopped!).getByText('Stopped')).toBeTruthy();
    expect(within(stopped!).getByText('You stopped this on October 2, 2026.')).toBeTruthy();
    expect(within(stopped!).queryByRole('button', { name: 'Stop sharing' })).toBeNull();
    expect(within(ended!).getByText('Ended')).toBeTruthy();
    expect(within(ended!).getByText('This ended on February 1, 2026.')).toBeTruthy();
    expect(within(ended!).queryByRole('button', { name: 'Stop sharing' })).toBeNull();
  });

  it('stops a consent only after the person confirms, and says what stopping does and does not undo', async () => {
    const { api, active } = aPersonWithConsents();
    const { user } = renderPortal(api, '/portal/consents');
    await findCards();
    await user.click(within(cards()[0]!).getByRole('button', { name: 'Stop sharing' }));
    await user.click(screen.getByRole('button', { name: 'No, keep it' }));
    expect(api.calls).not.toContain(`revokeConsent ${active.id}`);

    await user.click(within(cards()[0]!).getByRole('button', { name: 'Stop sharing' }));
    expect(screen.getByText('Stop this consent now? From now on, they cannot see this information.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Yes, stop it' }));
    expect(await screen.findByText('Done. This consent is stopped. No new information will be shared with it.')).toBeTruthy();
    expect(screen.getAllByText(/does not let them share it again without your OK/).length).toBeGreaterThan(0);
    expect(api.calls).toContain(`revokeConsent ${active.id}`);
    expect(within(cards()[0]!).getByText('Stopped')).toBeTruthy();
    expect(within(cards()[0]!).queryByRole('button', { name: 'Stop sharing' })).toBeNull();
  });

  it('says so when stopping fails, and keeps the consent shown as active', async () => {
    const { api } = aPersonWithConsents();
    api.failNext.set('revokeConsent', new ApiError('NETWORK_ERROR', 'Cannot reach the server.'));
    const { user } = renderPortal(api, '/portal/consents');
    await findCards();
    await user.click(within(cards()[0]!).getByRole('button', { name: 'Stop sharing' }));
    await user.click(screen.getByRole('button', { name: 'Yes, stop it' }));
    expect((await screen.findByRole('alert')).textContent).toBe('We could not stop it. Please try again.');
    expect(within(cards()[0]!).getByText('Active')).toBeTruthy();
  });

  it('says when the person has no consents', async () => {
    renderPortal(aSignedInPerson(), '/portal/consents');
    expect(await screen.findByText('You have no consents yet.')).toBeTruthy();
  });

  it('reads the consents in Spanish', async () => {
    const { api } = aPersonWithConsents();
    renderPortal(api, '/portal/consents?lang=es');
    expect(await screen.findByRole('heading', { name: 'Mis permisos' })).toBeTruthy();
    const first = within((await findCards())[0]!);
    expect(first.getByText('Activo')).toBeTruthy();
    expect(first.getByText('1 de junio de 2099')).toBeTruthy();
    expect(first.getByRole('button', { name: 'Dejar de compartir' })).toBeTruthy();
  });
});
