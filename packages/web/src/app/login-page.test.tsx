import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { accessibleDescription } from '../test-support/accessible-description.ts';
import { aCareNetwork, renderApp } from '../test-support/render-app.tsx';

function aNetworkWithAnAdministrator() {
  const network = aCareNetwork();
  network.client.addPerson({
    email: 'morgan.diaz@example.org',
    displayName: 'Morgan Diaz',
    password: 'a long and private passphrase',
    memberships: [[network.healthDepartment, ['network_admin']]],
  });
  return network;
}

async function signIn(user: ReturnType<typeof renderApp>['user'], email: string, password: string) {
  await user.type(await screen.findByLabelText('Email address'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('sends a signed-out visitor to the login page with labelled fields', async () => {
    const { client } = aNetworkWithAnAdministrator();
    renderApp(client, '/admin/organizations');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText('Email address').getAttribute('type')).toBe('email');
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('password');
  });

  it('explains wrong credentials without saying which one was wrong', async () => {
    const { client } = aNetworkWithAnAdministrator();
    const { user } = renderApp(client, '/login');
    await signIn(user, 'morgan.diaz@example.org', 'not the passphrase');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The email address or password is not correct');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });

  it('explains a locked account', async () => {
    const { client } = aNetworkWithAnAdministrator();
    client.failNext('login', new ApiError('ACCOUNT_LOCKED', 'Account locked.', { status: 423 }));
    const { user } = renderApp(client, '/login');
    await signIn(user, 'morgan.diaz@example.org', 'a long and private passphrase');
    expect((await screen.findByRole('alert')).textContent).toContain('This account is locked for now');
  });

  it('tells a rate-limited person how long to wait', async () => {
    const { client } = aNetworkWithAnAdministrator();
    client.failNext('login', new ApiError('RATE_LIMITED', 'Too many requests.', { status: 429, retryAfterSeconds: 42 }));
    const { user } = renderApp(client, '/login');
    await signIn(user, 'morgan.diaz@example.org', 'a long and private passphrase');
    expect((await screen.findByRole('alert')).textContent).toContain('Wait 42 seconds');
  });

  it('marks empty fields before asking the server', async () => {
    const { client } = aNetworkWithAnAdministrator();
    const { user } = renderApp(client, '/login');
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(accessibleDescription(screen.getByLabelText('Email address'))).toContain('Enter your email address.');
    expect(accessibleDescription(screen.getByLabelText('Password'))).toContain('Enter your password.');
  });

  it('opens the shell after a successful sign-in, and returns to the page first asked for', async () => {
    const { client } = aNetworkWithAnAdministrator();
    const { user } = renderApp(client, '/admin/organizations');
    await signIn(user, 'morgan.diaz@example.org', 'a long and private passphrase');
    expect(await screen.findByRole('heading', { level: 1, name: 'Organizations' })).toBeTruthy();
    expect(screen.getByRole('banner').textContent).toContain('Morgan Diaz');
  });
});
