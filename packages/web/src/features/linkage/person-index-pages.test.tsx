import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../../app/app-providers.tsx';
import { AppRoutes } from '../../app/app-routes.tsx';
import { signedInWith } from '../../test-support/render-app.tsx';
import { PersonIndexApiOverride } from './person-index-api-context.tsx';
import { FakePersonIndexApi } from './person-index-fake-api.ts';

configure({ asyncUtilTimeout: 5000 });

function renderReview(roles: Role[], path = '/') {
  const network = signedInWith(roles);
  const api = new FakePersonIndexApi();
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={[path]}>
      <PersonIndexApiOverride.Provider value={api}>
        <AppProviders client={network.client}>
          <AppRoutes />
        </AppProviders>
      </PersonIndexApiOverride.Provider>
    </MemoryRouter>,
  );
  return { api, user };
}

/** The queue once its pairs have loaded. */
async function queue() {
  const table = await screen.findByRole('table', { name: 'Pairs to review, most likely first' });
  await within(table).findAllByRole('link');
  return table;
}

describe('person index review', () => {
  it('lists the uncertain pairs from the navigation, a Part 2 record only by its label', async () => {
    const { user } = renderReview(['privacy_officer']);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(await within(nav).findByRole('link', { name: 'Person index review' }));
    const rows = within(await queue())
      .getAllByRole('row')
      .slice(1);
    // Most likely first; the linked pair is not in the queue.
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([
      'Marcus Okafor, born 1979-11-02',
      'Ana Reyes, born 1992-07-14',
    ]);
    within(rows[0]!).getByText('A record at a Part 2 program');
    within(rows[0]!).getByText('96.2%');
    within(rows[1]!).getByText('Guarded');
  });

  it('shows a pair side by side with only what the server returned, and why it scored as it did', async () => {
    const { api, user } = renderReview(['privacy_officer'], '/person-index');
    await user.click(within(await queue()).getByRole('link', { name: 'Marcus Okafor, born 1979-11-02' }));
    await screen.findByRole('heading', { name: 'Is this the same person?' });
    const first = screen.getByRole('region', { name: 'Record 1' });
    within(first).getByText('Marcus Okafor');
    within(first).getByText('97420');
    const second = screen.getByRole('region', { name: 'Record 2' });
    within(second).getByText('A record at a Part 2 program');
    // No name, birth date or town on the side the reviewer may not see.
    expect(within(second).queryByText('Name')).toBeNull();
    expect(within(second).queryByText(/19\d\d-/)).toBeNull();
    const waterfall = screen.getByRole('table', { name: /Why this score/ });
    const nickname = within(waterfall).getByText('a nickname').closest('tr')!;
    within(nickname).getByText('Given name');
    within(nickname).getByText('+3.10');
    // How common the family name is: part of its weight, said in words.
    within(within(waterfall).getByText('Family name').closest('tr')!).getByText('the same (how common the name is: +1.20)');
    within(within(waterfall).getByText('Starting point').closest('tr')!).getByText('−12.00');
    within(within(waterfall).getByRole('rowheader', { name: 'Match weight' }).closest('tr')!).getByText('+4.66');
    expect(api.links[0]!.status).toBe('review');
  });

  it('accepts a pair with a reason, then undoes the link from the merge history', async () => {
    const { api, user } = renderReview(['privacy_officer'], `/person-index/pairs/${new FakePersonIndexApi().links[0]!.id}`);
    await user.type(await screen.findByLabelText(/^Reason/), 'Same person per intake call');
    await user.click(screen.getByRole('button', { name: 'Accept: the same person' }));
    await screen.findByText('Accepted: the two records are now one person.');
    expect(api.links[0]!.status).toBe('linked');
    const history = within(screen.getByRole('region', { name: 'History' })).getByRole('list');
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/^Proposed for review, .* \(automatically\)$/),
      expect.stringMatching(/^Accepted: the same person, .* \(by a reviewer\): “Same person per intake call” merge$/),
    ]);

    await user.click(screen.getByRole('link', { name: 'Merge history' }));
    const linked = await screen.findByRole('table', { name: 'Linked: one person' });
    await within(linked).findByText('Marcus Okafor, born 1979-11-02');
    await user.click(within(linked).getByRole('link', { name: 'Marcus Okafor, born 1979-11-02' }));
    // An undo needs a reason: the server refuses an empty one and nothing changes.
    await user.click(await screen.findByRole('button', { name: 'Undo link' }));
    await screen.findByText('There is a problem');
    expect(api.links[0]!.status).toBe('linked');
    await user.type(screen.getByLabelText('Reason for undoing'), 'The intake call was about a relative');
    await user.click(screen.getByRole('button', { name: 'Undo link' }));
    await screen.findByText('The link is undone: both records read exactly as before it.');
    expect(api.links[0]!.status).toBe('unlinked');
    screen.getByText(/^Link undone, .*“The intake call was about a relative”/);

    await user.click(screen.getByRole('link', { name: 'Merge history' }));
    const undone = await screen.findByRole('table', { name: 'Links undone' });
    await within(undone).findByText('Marcus Okafor, born 1979-11-02');
    // The automatic link is still in force, labels only.
    await within(screen.getByRole('table', { name: 'Linked: one person' })).findByText('A record at Harbor Community Health');
  });

  it('rejects and marks not sure; a decided pair offers no decision', async () => {
    const { api, user } = renderReview(['network_admin'], `/person-index/pairs/${new FakePersonIndexApi().links[1]!.id}`);
    await screen.findByText('Guarded pair');
    await user.click(await screen.findByRole('button', { name: 'Not sure' }));
    await screen.findByText('Marked not sure: the pair stays in the queue.');
    expect(api.links[1]!.status).toBe('not_sure');
    await user.click(screen.getByRole('button', { name: 'Reject: different people' }));
    await screen.findByText(/^Rejected: the two records stay apart/);
    expect(api.links[1]!.status).toBe('rejected');
    expect(screen.queryByRole('button', { name: 'Accept: the same person' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo link' })).toBeNull();
  });

  it('is not offered to a clinician or an analyst', async () => {
    renderReview(['clinician', 'analyst']);
    await screen.findAllByRole('link', { name: 'Analytics' });
    expect(screen.queryByRole('link', { name: 'Person index review' })).toBeNull();
  });
});
