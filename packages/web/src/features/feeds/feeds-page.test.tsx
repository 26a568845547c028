import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../../app/app-providers.tsx';
import { AppRoutes } from '../../app/app-routes.tsx';
import { signedInWith } from '../../test-support/render-app.tsx';
import { FeedsApiOverride } from './api-context.tsx';
import { FakeFeedsApi } from './fake-api.ts';

configure({ asyncUtilTimeout: 5000 });

function renderFeeds(roles: Role[], path = '/', api = new FakeFeedsApi()) {
  const network = signedInWith(roles);
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={[path]}>
      <FeedsApiOverride.Provider value={api}>
        <AppProviders client={network.client}>
          <AppRoutes />
        </AppProviders>
      </FeedsApiOverride.Provider>
    </MemoryRouter>,
  );
  return { api, user };
}

async function feedRows() {
  const table = await screen.findByRole('table', { name: 'Feeds' });
  await within(table).findByText('Harbor General ED');
  return within(table).getAllByRole('row').slice(1);
}

describe('the Feeds page', () => {
  it('is in the navigation for administrators and shows each feed’s last message, volume per day and errors', async () => {
    const { user } = renderFeeds(['network_admin']);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(await within(nav).findByRole('link', { name: 'Feeds' }));
    const [ed, jail] = await feedRows();
    within(ed!).getByText(/HL7 v2 ADT/);
    within(ed!).getByText('568 received, 2 rejected, 0 duplicates');
    expect(within(within(ed!).getByRole('list', { name: /Messages per day/ })).getAllByRole('listitem')).toHaveLength(7);
    within(ed!).getByText('11-20: 12');
    within(ed!).getByText('1');
    within(jail!).getByText('Quiet');
    expect(within(ed!).queryByText('Quiet')).toBeNull();
  });

  it('is not offered to clinicians', async () => {
    renderFeeds(['clinician']);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Feeds' })).toBeNull();
  });

  it('retries a message with a correction; it leaves the queue', async () => {
    const { api, user } = renderFeeds(['org_admin'], '/feeds');
    const queue = await screen.findByRole('table', { name: 'Error queue, newest first' });
    await within(queue).findByText(/The message could not be read: DG1-3 holds a code that is not ICD-10-CM/);
    await user.click(within(queue).getByRole('button', { name: /Work on the message/ }));
    const message = await screen.findByRole('textbox', { name: /^Message/ });
    expect((message as HTMLTextAreaElement).value).toContain('BADCODE');
    await user.clear(message);
    await user.type(message, 'MSH|corrected');
    await user.click(screen.getByRole('button', { name: 'Retry with the correction' }));
    await screen.findByText('Applied: the message is out of the queue.');
    expect(api.retries).toEqual([{ id: api.errors[0]!.id, content: 'MSH|corrected' }]);
    await within(await screen.findByRole('table', { name: 'Error queue, newest first' })).findByText(
      'Nothing is waiting: every message was applied.',
    );
  });

  it('without the message (another organization’s), retries as received, or dismisses with a reason', async () => {
    const api = new FakeFeedsApi();
    api.seesContent = false;
    const { user } = renderFeeds(['network_admin'], '/feeds', api);
    await user.click(await screen.findByRole('button', { name: /Work on the message/ }));
    await screen.findByText(/Only the sending organization's administrators see the message itself/);
    expect(screen.queryByRole('textbox', { name: /^Message/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Retry as received' }));
    expect(api.retries).toEqual([{ id: api.errors[0]!.id, content: undefined }]);
    await screen.findByText(/attempts: 2/);
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    await screen.findByRole('link', { name: /Reason for dismissing: Give a reason/ });
    await user.type(screen.getByLabelText(/^Reason for dismissing/), 'A test message');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    await screen.findByText('Dismissed: the message is out of the queue and was not applied.');
    expect(api.errors[0]!.status).toBe('dismissed');
  });
});
