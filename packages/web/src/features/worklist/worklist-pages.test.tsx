import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';
import { addHours } from '@continuum/contracts';

// The page words due times against the browser clock, so the fake server's clock is the same one.
const NOW = new Date();
const hours = (n: number) => addHours(NOW, n).toISOString();

function withWorklist() {
  const setup = signedInWith(['care_navigator']);
  const { client, healthDepartment, treatmentCenter, person } = setup;
  const me = { id: person.id, name: person.displayName };
  const colleague = { id: '00000000-0000-4000-9999-000000000001', name: 'Sam Ortiz' };
  client.worklist.now = () => NOW;
  const soon = client.worklist.addTask(healthDepartment.id, {
    kind: 'custody_release_no_moud',
    dueAt: hours(5.5),
    person: {
      id: '00000000-0000-4000-9999-000000000010',
      givenName: 'Rowan',
      familyName: 'Hale',
      birthDate: '1991-03-04',
      sex: 'male',
      town: 'Port Harbor',
      postalCode: '97101',
    },
    reason: 'Released from custody 72 hours ago with no MOUD contact since.',
    assignableUsers: [me, colleague],
  });
  const overdue = client.worklist.addTask(healthDepartment.id, {
    kind: 'post_overdose',
    dueAt: hours(-3),
    assignee: me,
    assignableUsers: [me, colleague],
  });
  const restricted = client.worklist.addTask(healthDepartment.id, {
    kind: 'moud_gap',
    dueAt: hours(50),
    restricted: true,
    person: null,
    reason: null,
    contact: null,
  });
  client.worklist.addTask(treatmentCenter.id, { kind: 'no_show', dueAt: hours(1) });
  return { ...setup, soon, overdue, restricted, me, colleague };
}

describe('Worklist page', () => {
  it("shows the team's tasks with overdue first, due times in words, and restricted tasks without the person", async () => {
    const { client } = withWorklist();
    renderApp(client, '/worklist');
    await screen.findByRole('link', { name: 'Rowan Hale' }, { timeout: 5000 });
    const table = screen.getByRole('table', { name: 'Outreach tasks' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual([
      'Avery Rivers',
      'Rowan Hale',
      'Restricted — consent needed',
    ]);
    expect(rows[0]!.textContent).toContain('Overdue');
    expect(rows[0]!.textContent).toContain('overdue by 3 hours');
    expect(rows[1]!.textContent).toContain('due in 5 hours');
    expect(rows[2]!.textContent).toContain('Gap in medication for OUD');
    expect(screen.getByText(/One task is about a person or a record your organization may not see/)).toBeTruthy();
    // The treatment center's task is not on this team's list.
    expect(within(table).queryByText('Missed appointment')).toBeNull();
  });

  it('switches to my tasks and filters by kind and overdue', async () => {
    const { client } = withWorklist();
    const { user } = renderApp(client, '/worklist');
    await screen.findByRole('table', { name: 'Outreach tasks' }, { timeout: 5000 });
    await user.click(screen.getByRole('link', { name: 'My tasks' }));
    await screen.findByText('1 task');
    expect(screen.getByRole('link', { name: 'My tasks' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Avery Rivers' })).toBeTruthy();

    await user.click(screen.getByRole('link', { name: "My team's tasks" }));
    await screen.findByText('3 tasks');
    await user.selectOptions(screen.getByLabelText('Kind'), 'Released from custody, no MOUD contact');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByText('1 task');
    expect(screen.getByRole('link', { name: 'Rowan Hale' })).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Kind'), 'All kinds');
    await user.click(screen.getByLabelText('Overdue only'));
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByText('1 task');
    expect(screen.getByRole('link', { name: 'Avery Rivers' })).toBeTruthy();
  });

  it('is in the navigation for care navigators, and not for partner staff', async () => {
    const { client } = withWorklist();
    renderApp(client, '/');
    const nav = await screen.findByRole('navigation', { name: /main/i }, { timeout: 5000 });
    expect(within(nav).getByRole('link', { name: 'Worklist' }).getAttribute('href')).toBe('/worklist');

    const partner = signedInWith(['partner_staff']);
    renderApp(partner.client, '/worklist');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your roles' }, { timeout: 5000 })).toBeTruthy();
  });
});

describe('Task page', () => {
  it('shows the person with contact details, why, and the attempts; logs an attempt with language suggestions as you type', async () => {
    const { client, soon } = withWorklist();
    const { user } = renderApp(client, `/worklist/${soon.id}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Released from custody, no MOUD contact' }, { timeout: 5000 }),
    ).toBeTruthy();
    const person = screen.getByRole('region', { name: 'Person' });
    expect(within(person).getByRole('link', { name: 'Rowan Hale' }).getAttribute('href')).toBe(`/people/${soon.person!.id}`);
    expect(within(person).getByRole('link', { name: '555-0100' }).getAttribute('href')).toBe('tel:555-0100');
    expect(screen.getByRole('region', { name: 'Why' }).textContent).toContain('Released from custody 72 hours ago');
    expect(screen.getByText('No contact attempts yet.')).toBeTruthy();

    const attempt = screen.getByRole('region', { name: 'Log a contact attempt' });
    await user.selectOptions(within(attempt).getByLabelText('How'), 'Text message');
    await user.selectOptions(within(attempt).getByLabelText('Result'), 'Left a message');
    await user.type(within(attempt).getByLabelText(/Note/), 'Texted; friend says he is an addict and relapsed');
    const suggestions = await within(attempt).findByText(/Person-first language suggestions/);
    const list = suggestions.parentElement!;
    expect(list.textContent).toContain('Instead of “addict”, consider “person with a substance use disorder”');
    expect(list.textContent).toContain('Instead of “relapsed”, consider “returned to use”');
    await user.click(within(attempt).getByRole('button', { name: 'Log attempt' }));

    expect(await screen.findByText(/Contact attempt logged\. The note has 2 person-first language suggestions/)).toBeTruthy();
    const log = await screen.findByRole('list', { name: 'Contact attempts' });
    expect(within(log).getByText('Text message: left a message')).toBeTruthy();
    expect(within(log).getByText('Texted; friend says he is an addict and relapsed')).toBeTruthy();
    expect(client.worklist.tasks.find((t) => t.id === soon.id)!.attempts).toHaveLength(1);
  });

  it('offers the nearest treatment and harm-reduction services on post-overdose outreach from an overdose record only', async () => {
    const { client, overdue, soon } = withWorklist();
    const eventId = '00000000-0000-4000-9999-0000000000e1';
    overdue.signal = { ...overdue.signal, source: { type: 'overdose_event', id: eventId } };
    renderApp(client, `/worklist/${overdue.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Post-overdose outreach' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Nearby treatment and harm-reduction services' })).toBeTruthy();

    renderApp(client, `/worklist/${soon.id}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Released from custody, no MOUD contact' }, { timeout: 5000 }),
    ).toBeTruthy();
    expect(screen.getAllByRole('region', { name: 'Nearby treatment and harm-reduction services' })).toHaveLength(1);
  });

  it('assigns to a colleague, snoozes with a reason (refusing a missing reason), and completes with an outcome', async () => {
    const { client, soon, colleague } = withWorklist();
    const { user } = renderApp(client, `/worklist/${soon.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Released from custody, no MOUD contact' }, { timeout: 5000 });

    const assign = screen.getByRole('region', { name: 'Assign' });
    await user.selectOptions(within(assign).getByLabelText('Assign to'), 'Sam Ortiz');
    await user.click(within(assign).getByRole('button', { name: 'Save assignment' }));
    expect(await screen.findByText('Assignment saved.')).toBeTruthy();
    expect(client.worklist.tasks.find((t) => t.id === soon.id)!.assignee).toEqual(colleague);

    const snooze = screen.getByRole('region', { name: 'Snooze' });
    await user.click(within(snooze).getByRole('button', { name: 'Snooze' }));
    expect(await within(snooze).findByText(/Reason: Say why the task waits/)).toBeTruthy();
    expect(client.worklist.tasks.find((t) => t.id === soon.id)!.status).toBe('open');
    await user.type(within(snooze).getByLabelText('Reason'), 'Asked to be called after the court hearing');
    await user.click(within(snooze).getByRole('button', { name: 'Snooze' }));
    expect(await screen.findByText('Task set aside.')).toBeTruthy();
    expect(client.worklist.tasks.find((t) => t.id === soon.id)).toMatchObject({
      status: 'snoozed',
      snoozeReason: 'Asked to be called after the court hearing',
    });

    const complete = screen.getByRole('region', { name: 'Complete' });
    await user.click(within(complete).getByRole('button', { name: 'Complete task' }));
    expect(await within(complete).findByText(/Outcome:/)).toBeTruthy();
    await user.selectOptions(within(complete).getByLabelText('Outcome'), 'Back in care');
    await user.type(within(complete).getByLabelText(/Note/), 'Started buprenorphine at the clinic');
    await user.click(within(complete).getByRole('button', { name: 'Complete task' }));
    expect(await screen.findByText('Task completed.')).toBeTruthy();
    expect(screen.getByText(/Outcome:/).textContent).toContain('Back in care — Started buprenorphine at the clinic');
    expect(screen.queryByRole('region', { name: 'Complete' })).toBeNull();
  });

  it('shows a restricted task without the person, and says so when a task is not found', async () => {
    const { client, restricted } = withWorklist();
    renderApp(client, `/worklist/${restricted.id}`);
    expect(
      await screen.findByText('Restricted — consent needed', { selector: '.alert-title, strong, h2, p, div' }, { timeout: 5000 }),
    ).toBeTruthy();
    expect(screen.getByText('Not shown: consent needed.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Log a contact attempt' })).toBeNull();

    const other = withWorklist();
    renderApp(other.client, '/worklist/00000000-0000-4000-9999-00000000dead');
    expect(await screen.findByRole('heading', { level: 1, name: 'Task not found' }, { timeout: 5000 })).toBeTruthy();
  });
});

describe("A person's outreach tasks", () => {
  it('the person page links to the worklist filtered to that person, which shows only their tasks', async () => {
    const { client, healthDepartment, treatmentCenter } = withWorklist();
    const person = client.registry.addPerson(treatmentCenter, { givenName: 'Jordan', familyName: 'Rivera' });
    client.registry.linkCareTeam(person, healthDepartment, 'care_navigator');
    client.worklist.addTask(healthDepartment.id, {
      kind: 'moud_gap',
      person: {
        id: person.id,
        givenName: 'Jordan',
        familyName: 'Rivera',
        birthDate: '1990-01-01',
        sex: 'unknown',
        town: null,
        postalCode: null,
      },
    });
    const { user } = renderApp(client, `/people/${person.id}`);
    const link = await screen.findByRole('link', { name: 'Outreach tasks' }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe(`/worklist?personId=${person.id}&status=active`);
    await user.click(link);
    await screen.findByText("Showing one person's tasks.", { exact: false });
    await screen.findByText('1 task');
    expect(screen.getByRole('link', { name: 'Jordan Rivera' })).toBeTruthy();
  });

  it('makes a task by hand for that person, with language suggestions, and opens it', async () => {
    const { client, healthDepartment, treatmentCenter } = withWorklist();
    const person = client.registry.addPerson(treatmentCenter, { givenName: 'Jordan', familyName: 'Rivera' });
    client.registry.linkCareTeam(person, healthDepartment, 'care_navigator');
    client.worklist.people.set(person.id, {
      id: person.id,
      givenName: 'Jordan',
      familyName: 'Rivera',
      birthDate: '1990-01-01',
      sex: 'unknown',
      town: null,
      postalCode: null,
    });
    const { user } = renderApp(client, `/worklist?personId=${person.id}&status=active`);
    const form = await screen.findByRole('region', { name: 'New outreach task' }, { timeout: 5000 });
    await user.click(within(form).getByRole('button', { name: 'Create task' }));
    expect(await within(form).findByText(/What for: Say what the outreach is for/)).toBeTruthy();
    await user.type(within(form).getByLabelText('What for'), 'Offer a ride; he is a junkie according to the shelter');
    expect(await within(form).findByText(/Instead of “junkie”, consider “person who uses drugs”/)).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Create task' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Outreach' }, { timeout: 5000 })).toBeTruthy();
    const created = client.worklist.tasks.find((t) => t.kind === 'manual')!;
    expect(created).toMatchObject({
      person: { id: person.id },
      reason: 'Offer a ride; he is a junkie according to the shelter',
      assignee: { name: 'Dana Lee' },
    });
  });
});
