import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

function withInbox() {
  const setup = signedInWith(['care_navigator']);
  const { client, person } = setup;
  client.addNotification(person, {
    kind: 'referral.received',
    title: 'New referral received',
    link: '/people',
    createdAt: '2026-11-20T10:00:00.000Z',
  });
  client.addNotification(person, { title: 'Emergency access to review', createdAt: '2026-11-21T10:00:00.000Z' });
  client.addNotification(person, { title: 'Listing verified', createdAt: '2026-11-19T10:00:00.000Z', readAt: '2026-11-19T11:00:00.000Z' });
  const other = client.addPerson({
    email: 'x@example.org',
    displayName: 'Someone Else',
    memberships: [[setup.healthDepartment, ['clinician']]],
  });
  client.addNotification(other, { title: 'Not for Dana' });
  return setup;
}

describe('Inbox', () => {
  it('shows the unread count in the header and lists my notifications, newest first', async () => {
    const { client } = withInbox();
    renderApp(client, '/inbox');
    const header = await screen.findByRole('banner', {}, { timeout: 5000 });
    expect((await within(header).findByRole('link', { name: /Inbox\s*2 unread/ })).getAttribute('href')).toBe('/inbox');
    const list = await screen.findByRole('list', { name: 'Notifications' }, { timeout: 5000 });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Emergency access to review',
      'New referral received',
      'Listing verified',
    ]);
    expect(screen.queryByText('Not for Dana')).toBeNull();
    expect(within(items[1]!).getByRole('link', { name: 'Open' }).getAttribute('href')).toBe('/people');
  });

  it('marks one read, then all read, and filters to unread', async () => {
    const { client } = withInbox();
    const { user } = renderApp(client, '/inbox');
    await screen.findByRole('list', { name: 'Notifications' }, { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'Mark read: Emergency access to review' }));
    expect(await screen.findByText('1 unread')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    await screen.findByText('1 unread');
    const list = await screen.findByRole('list', { name: 'Notifications' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('New referral received')]);
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByText('No notifications unread.')).toBeTruthy();
    expect(client.notifications.filter((n) => n.readAt === null).map((n) => n.title)).toEqual(['Not for Dana']);
  });

  it('shows the development mailbox, or says it is not there', async () => {
    const { client, person } = signedInWith(['clinician']);
    client.devMail!.push({
      id: 'm1',
      userId: person.id,
      to: 'dana.lee@example.org',
      subject: 'Continuum: New referral received',
      text: 'Sign in to Continuum to see the details.',
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    renderApp(client, '/inbox/mailbox');
    expect(await screen.findByRole('heading', { level: 2, name: 'Continuum: New referral received' })).toBeTruthy();

    const noSmtp = signedInWith(['clinician']);
    noSmtp.client.devMail = null;
    renderApp(noSmtp.client, '/inbox/mailbox');
    expect(await screen.findByText(/exists only without SMTP/)).toBeTruthy();
  });
});
