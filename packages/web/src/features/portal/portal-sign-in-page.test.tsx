import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { FakePortalApi } from './fake-api.ts';
import { renderPortal } from './portal-test-support.tsx';

describe('portal sign-in', () => {
  it('sends a signed-out person to sign-in, then signs them in with the code sent to their address', async () => {
    const api = new FakePortalApi();
    const { user, currentPath } = renderPortal(api, '/portal/consents');
    expect(await screen.findByRole('heading', { name: 'Sign in to your page' })).toBeTruthy();
    expect(currentPath()).toBe('/portal/sign-in');

    await user.type(screen.getByLabelText('Email or phone number'), 'sam@example.org');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    // The same words whether or not the address has a portal.
    expect(await screen.findByText(/If we know this email or phone, we sent a code to it/)).toBeTruthy();

    await user.type(screen.getByLabelText('Code (6 numbers)'), '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Hello, Sam' })).toBeTruthy();
    expect(api.calls).toEqual(['getSession', 'requestCode sam@example.org', 'verify sam@example.org']);
  });

  it('says a wrong code did not work and lets the person start over with another address', async () => {
    const { user } = renderPortal(new FakePortalApi(), '/portal/sign-in');
    await user.type(await screen.findByLabelText('Email or phone number'), 'sam@example.org');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    await user.type(await screen.findByLabelText('Code (6 numbers)'), '654321');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That code did not work. Ask for a new code.');

    await user.click(screen.getByRole('button', { name: 'Use a different email or phone' }));
    expect(screen.getByLabelText('Email or phone number')).toBeTruthy();
  });

  it('names what is wrong in plain words when the address is not an email or phone, and when tries run out', async () => {
    const api = new FakePortalApi();
    const { user } = renderPortal(api, '/portal/sign-in');
    await user.type(await screen.findByLabelText('Email or phone number'), 'not an address');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Type an email or a phone number.');

    api.failNext.set('requestCode', new ApiError('RATE_LIMITED', 'Too many tries.', { status: 429, retryAfterSeconds: 600 }));
    await user.clear(screen.getByLabelText('Email or phone number'));
    await user.type(screen.getByLabelText('Email or phone number'), 'sam@example.org');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Too many tries. Wait a few minutes. Then try again.'));
  });

  it('tells a person whose session ended that they were signed out to keep their page safe', async () => {
    const api = new FakePortalApi().signIn();
    renderPortal(api, '/portal');
    await screen.findByRole('heading', { name: 'Hello, Sam' });
    api.expireSession();
    expect(await screen.findByText('You were signed out to keep your page safe. Please sign in again.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Sign in to your page' })).toBeTruthy();
  });

  it('sends the code request in the language the page is shown in', async () => {
    const api = new FakePortalApi();
    let asked: string | null = null;
    const original = api.requestCode.bind(api);
    api.requestCode = async (address, language) => {
      asked = language;
      return original(address, language);
    };
    const { user } = renderPortal(api, '/portal/sign-in?lang=es');
    await user.type(await screen.findByLabelText('Correo o número de teléfono'), 'sam@example.org');
    await user.click(screen.getByRole('button', { name: 'Envíenme un código' }));
    await screen.findByLabelText('Código (6 números)');
    expect(asked).toBe('es');
  });
});
