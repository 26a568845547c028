import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReferralListQuery, ReferralTransition } from '@continuum/contracts';
import { aPersonSummary } from './fake-api.ts';
import { aReferralWorld, renderWithReferrals } from './referral-test-support.tsx';
import { addHours } from '@continuum/contracts';

const inHours = (hours: number) => addHours(Date.now(), hours).toISOString();

function anInbox() {
  const world = aReferralWorld(['clinician']);
  const { api } = world;
  let n = 0;
  const person = (given: string) => ({ ...aPersonSummary(`00000000-0000-4000-b000-00000000000${++n}`), givenName: given });
  api.addReferral({ person: person('Later'), status: 'received', nextDeadlineAt: inHours(50), updatedAt: inHours(-1) });
  api.addReferral({ person: person('Closed'), status: 'completed', nextDeadlineAt: null, updatedAt: inHours(-2) });
  api.addReferral({
    person: person('Overdue'),
    status: 'requested',
    nextDeadlineAt: inHours(-3),
    overdue: 'acknowledgment',
    urgency: 'urgent',
  });
  api.addReferral({ person: person('Soon'), status: 'scheduled', nextDeadlineAt: inHours(5), appointmentAt: inHours(-19) });
  return world;
}

const rowNames = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('rowheader').textContent);

describe('Referral inbox', () => {
  it('lists referrals by deadline, overdue first, each saying when it is due', async () => {
    const world = anInbox();
    renderWithReferrals(world, '/referrals/inbox?status=all');
    await screen.findByRole('heading', { level: 1, name: 'Referral inbox' }, { timeout: 5000 });
    await screen.findByRole('link', { name: 'Overdue Rivera' });

    expect(rowNames()).toEqual(['Overdue Rivera', 'Soon Rivera', 'Later Rivera', 'Closed Rivera']);
    const overdueRow = screen.getByRole('link', { name: 'Overdue Rivera' }).closest('tr')!;
    expect(within(overdueRow).getByText('Not acknowledged in time')).toBeTruthy();
    expect(within(overdueRow).getByText('Overdue by 3 hours')).toBeTruthy();
    expect(within(overdueRow).getByText('Urgent')).toBeTruthy();
    expect(within(screen.getByRole('link', { name: 'Soon Rivera' }).closest('tr')!).getByText('Due in 5 hours')).toBeTruthy();
    expect(within(screen.getByRole('link', { name: 'Later Rivera' }).closest('tr')!).getByText('Due in 2 days')).toBeTruthy();
    expect(within(screen.getByRole('link', { name: 'Closed Rivera' }).closest('tr')!).getByText('No deadline')).toBeTruthy();
  });

  it('filters by status (open by default), urgency, pathway and overdue', async () => {
    const world = anInbox();
    const pathway = world.api.addPathway({ name: 'ED to buprenorphine clinic' });
    const { user } = renderWithReferrals(world, '/referrals/inbox');
    await screen.findByRole('link', { name: 'Overdue Rivera' }, { timeout: 5000 });
    // Open referrals by default.
    expect(rowNames()).not.toContain('Closed Rivera');

    await user.click(screen.getByLabelText('Overdue only'));
    await screen.findByText('Not acknowledged in time');
    expect(rowNames()).toEqual(['Overdue Rivera']);
    await user.selectOptions(screen.getByLabelText('Urgency'), 'urgent');
    await user.selectOptions(screen.getByLabelText('Pathway'), pathway.id);
    await user.selectOptions(screen.getByLabelText('Status'), 'requested');

    const queries = world.api.calls.filter((call) => call.method === 'listReferrals').map((call) => call.args[0] as ReferralListQuery);
    expect(queries[0]).toMatchObject({ box: 'inbox', status: 'open', sort: 'deadline' });
    expect(queries.at(-1)).toEqual({
      box: 'inbox',
      sort: 'deadline',
      limit: 25,
      offset: 0,
      status: 'requested',
      urgency: 'urgent',
      pathwayId: pathway.id,
      overdue: 'true',
    });
  });

  it('offers only the actions the referral allows now, and acknowledges in place', async () => {
    const world = anInbox();
    const { user } = renderWithReferrals(world, '/referrals/inbox');
    await user.click(await screen.findByRole('button', { name: 'Actions for the referral of Overdue Rivera' }, { timeout: 5000 }));

    const actions = await screen.findByRole('group', { name: 'Actions' });
    expect(
      within(actions)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Acknowledge', 'Accept', 'Decline', 'Cancel']);
    await user.click(within(actions).getByRole('button', { name: 'Acknowledge' }));
    const form = screen.getByRole('form', { name: 'Acknowledge' });
    await user.click(within(form).getByRole('button', { name: 'Acknowledge' }));

    await screen.findByText('Referral for Overdue Rivera: Acknowledged.');
    const sent = world.api.calls.find((call) => call.method === 'transition')!.args[1] as ReferralTransition;
    expect(sent).toEqual({ event: 'receive' });
    const row = screen.getByRole('link', { name: 'Overdue Rivera' }).closest('tr')!;
    expect(await within(row).findByText('Acknowledged')).toBeTruthy();
  });

  it('asks for the appointment time to schedule, and a listed reason to close as not successful', async () => {
    const world = aReferralWorld(['clinician']);
    const accepted = world.api.addReferral({ status: 'accepted', nextDeadlineAt: inHours(20) });
    const { user } = renderWithReferrals(world, `/referrals/${accepted.id}`);
    const actions = await screen.findByRole('group', { name: 'Actions' }, { timeout: 5000 });
    expect(
      within(actions)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Cancel', 'Schedule', 'Mark attended', 'Complete', 'Close as not successful', 'Put on hold']);

    await user.click(within(actions).getByRole('button', { name: 'Schedule' }));
    const schedule = screen.getByRole('form', { name: 'Schedule' });
    await user.click(within(schedule).getByRole('button', { name: 'Schedule' }));
    expect(within(schedule).getByText('Appointment time: Give the appointment date and time.')).toBeTruthy();
    expect(world.api.calls.some((call) => call.method === 'transition')).toBe(false);
    await user.type(within(schedule).getByLabelText('Appointment time'), '2026-03-06T09:15');
    await user.click(within(schedule).getByRole('button', { name: 'Schedule' }));
    await screen.findByText('Saved: Scheduled.');
    expect(world.api.calls.find((call) => call.method === 'transition')!.args[1]).toEqual({
      event: 'schedule',
      appointmentAt: new Date('2026-03-06T09:15').toISOString(),
    });

    const next = screen.getByRole('group', { name: 'Actions' });
    expect(
      within(next)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Cancel', 'Schedule', 'Mark attended', 'Close as not successful', 'Put on hold']);
    await user.click(within(next).getByRole('button', { name: 'Close as not successful' }));
    const fail = screen.getByRole('form', { name: 'Close as not successful' });
    const reasons = within(fail).getByLabelText('Reason') as HTMLSelectElement;
    expect([...reasons.options].map((o) => o.textContent)).toEqual([
      'Choose…',
      'Did not attend (no-show)',
      'Lost contact',
      'The person declined',
      'Not eligible',
      'No capacity',
    ]);
    await user.selectOptions(reasons, 'no_show');
    await user.click(within(fail).getByRole('button', { name: 'Close as not successful' }));
    await screen.findByText('Saved: Not successful.');
    const history = screen.getByRole('list', { name: 'Referral history' });
    expect(within(history).getByText('Reason: Did not attend (no-show)')).toBeTruthy();
    expect(screen.getByText('No actions are open to you on this referral.')).toBeTruthy();
  });

  it('completes with an outcome, and the sender sees only Cancel while it is open', async () => {
    const world = aReferralWorld(['clinician']);
    const attended = world.api.addReferral({ status: 'in_progress' });
    const sent = world.api.addReferral({ status: 'scheduled', side: 'sender', senderOrganizationId: world.healthDepartment.id });
    const { user } = renderWithReferrals(world, `/referrals/${attended.id}`);
    const actions = await screen.findByRole('group', { name: 'Actions' }, { timeout: 5000 });
    await user.click(within(actions).getByRole('button', { name: 'Complete' }));
    const form = screen.getByRole('form', { name: 'Complete' });
    await user.type(within(form).getByLabelText('Outcome'), 'Started buprenorphine; next visit booked.');
    await user.click(within(form).getByRole('button', { name: 'Complete' }));
    await screen.findByText('Saved: Completed.');
    expect(screen.getByText('Outcome: Started buprenorphine; next visit booked.')).toBeTruthy();

    await user.click(screen.getByRole('link', { name: 'My referrals' }));
    await user.click(await screen.findByRole('link', { name: 'Jordan Rivera' }));
    await screen.findByRole('heading', { level: 1, name: 'Referral for Jordan Rivera' });
    expect(
      within(screen.getByRole('group', { name: 'Actions' }))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Cancel']);
    expect(sent.side).toBe('sender');
  });

  it('keeps the sender’s list live: it refetches when the window regains focus', async () => {
    const world = aReferralWorld(['care_navigator']);
    const sent = world.api.addReferral({ side: 'sender', status: 'scheduled', nextDeadlineAt: inHours(30) });
    renderWithReferrals(world, '/referrals/sent?status=all');
    const row = (await screen.findByRole('link', { name: 'Jordan Rivera' })).closest('tr')!;
    expect(within(row).getByText('Scheduled')).toBeTruthy();

    // The receiver completes it meanwhile.
    world.api.referrals = world.api.referrals.map((r) =>
      r.id === sent.id ? { ...r, status: 'completed', nextDeadlineAt: null, updatedAt: inHours(0) } : r,
    );
    act(() => {
      fireEvent.focus(window);
    });
    await within(screen.getByRole('table')).findByText('Completed');
    const updated = screen.getByRole('link', { name: 'Jordan Rivera' }).closest('tr')!;
    expect(within(updated).getByText('Completed')).toBeTruthy();
    expect(within(updated).getByText('No deadline')).toBeTruthy();
  });

  it('asks for the sender’s latest changes first once closed referrals are included, and for one person when the address names them', async () => {
    const world = aReferralWorld(['care_navigator']);
    world.api.addReferral({ side: 'sender', status: 'completed', nextDeadlineAt: null });
    renderWithReferrals(world, `/referrals/sent?status=all&personId=${world.person.id}`);
    await waitFor(() => expect(world.api.calls.some((call) => call.method === 'listReferrals')).toBe(true));
    const query = world.api.calls.filter((call) => call.method === 'listReferrals').at(-1)!.args[0] as ReferralListQuery;
    expect(query).toMatchObject({ box: 'sent', sort: 'updated', personId: world.person.id });
    expect(query.status).toBeUndefined();
  });
});
