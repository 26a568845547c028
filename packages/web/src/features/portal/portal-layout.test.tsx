import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { FakePortalApi } from './fake-api.ts';
import { aSignedInPerson, renderPortal } from './portal-test-support.tsx';

function expectHelpNow(language: 'en' | 'es' = 'en') {
  const words =
    language === 'en'
      ? { title: 'Help now', find: 'Find care near you', naloxone: 'Get naloxone (it can stop an overdose)' }
      : { title: 'Ayuda ahora', find: 'Buscar atención cerca de usted', naloxone: 'Conseguir naloxona (puede detener una sobredosis)' };
  const help = within(screen.getByRole('complementary', { name: words.title }));
  expect(help.getByRole('link', { name: '988' }).getAttribute('href')).toBe('tel:988');
  expect(help.getByRole('link', { name: '911' }).getAttribute('href')).toBe('tel:911');
  expect(help.getByRole('link', { name: words.find }).getAttribute('href')).toBe(`/find?lang=${language}`);
  expect(help.getByRole('link', { name: words.naloxone }).getAttribute('href')).toBe(`/find?harmReduction=NALOXONE&lang=${language}`);
}

describe('portal frame', () => {
  it.each(['/portal', '/portal/consents', '/portal/who-saw-my-record'])(
    'shows the crisis lines, locator and naloxone on %s',
    async (path) => {
      renderPortal(aSignedInPerson(), path);
      await screen.findByRole('navigation', { name: 'My page' });
      expectHelpNow();
      expect(screen.getByRole('button', { name: 'I need help today' })).toBeTruthy();
    },
  );

  it('shows the crisis lines before sign-in too, without the help-today button (it needs to know who asks)', async () => {
    renderPortal(new FakePortalApi(), '/portal/sign-in');
    await screen.findByRole('heading', { name: 'Sign in to your page' });
    expectHelpNow();
    expect(screen.queryByRole('button', { name: 'I need help today' })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'My page' })).toBeNull();
  });

  it('"I need help today" asks the care team once and says what happens next', async () => {
    const api = aSignedInPerson();
    const { user } = renderPortal(api, '/portal');
    await user.click(await screen.findByRole('button', { name: 'I need help today' }));
    expect(await screen.findByText('We told your care team. Someone will reach out to you today.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'I need help today' }));
    expect(await screen.findByText('Your care team already has your request. Someone will reach out to you today.')).toBeTruthy();
    expect(api.calls.filter((c) => c === 'askForHelp')).toHaveLength(2);
  });

  it('points to 988 when the help request cannot be sent', async () => {
    const api = aSignedInPerson();
    api.failNext.set('askForHelp', new ApiError('NETWORK_ERROR', 'Cannot reach the server.'));
    const { user } = renderPortal(api, '/portal');
    await user.click(await screen.findByRole('button', { name: 'I need help today' }));
    expect(await screen.findByText('We could not send your request. Please call or text 988.')).toBeTruthy();
  });

  it('switches every word to Spanish and back, and sets the page language', async () => {
    const { user } = renderPortal(aSignedInPerson(), '/portal');
    await screen.findByRole('heading', { name: 'Hello, Sam' });
    expect(document.documentElement.lang).toBe('en');
    await user.click(screen.getByRole('button', { name: 'Ver en español' }));
    expect(await screen.findByRole('heading', { name: 'Hola, Sam' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
    expectHelpNow('es');
    expect(within(screen.getByRole('navigation', { name: 'Mi página' })).getByRole('link', { name: 'Mis permisos' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Necesito ayuda hoy' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'View in English' }));
    expect(await screen.findByRole('heading', { name: 'Hello, Sam' })).toBeTruthy();
  });

  it('opens in the language of the person’s account', async () => {
    renderPortal(aSignedInPerson('es'), '/portal');
    expect(await screen.findByRole('heading', { name: 'Hola, Sam' })).toBeTruthy();
  });

  it.each([
    ['Sign out', 'logout'],
    ['Sign out on all my devices', 'logoutEverywhere'],
  ])('"%s" ends the session and returns to sign-in', async (button, call) => {
    const api = aSignedInPerson();
    const { user, currentPath } = renderPortal(api, '/portal/consents');
    await user.click(await screen.findByRole('button', { name: button }));
    expect(await screen.findByRole('heading', { name: 'Sign in to your page' })).toBeTruthy();
    expect(api.calls).toContain(call);
    expect(currentPath()).toBe('/portal/sign-in');
    expect(await api.getSession()).toBeNull();
  });

  it('links home to the consents and the disclosures pages', async () => {
    const { user, currentPath } = renderPortal(aSignedInPerson(), '/portal');
    const main = within(await screen.findByRole('main'));
    await user.click(await main.findByRole('link', { name: 'Who saw my record' }));
    expect(currentPath()).toBe('/portal/who-saw-my-record');
    await user.click(screen.getByRole('link', { name: 'Home' }));
    await user.click(within(screen.getByRole('main')).getByRole('link', { name: 'My consents' }));
    expect(currentPath()).toBe('/portal/consents');
  });
});
