import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/api-error.ts';
import { renderApp, signedInWith } from '../../../test-support/render-app.tsx';

/** A person registered by the signed-in health department, so its staff can record touchpoints. */
function ourPerson(roles: Parameters<typeof signedInWith>[0]) {
  const network = signedInWith(roles);
  const person = network.client.registry.addPerson(network.healthDepartment, { givenName: 'Jordan', familyName: 'Rivera' });
  return { ...network, person };
}

async function openForm(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Record a touchpoint' }));
  return screen.getByRole('form', { name: 'Record a touchpoint' });
}

describe('Touchpoint forms on the person page', () => {
  it('scores a DAST-10 as it is answered and records the answers, the score and the result', async () => {
    const { client, person } = ourPerson(['clinician']);
    const { user } = renderApp(client, `/people/${person.id}`);
    const form = await openForm(user);
    expect(within(form).getByText(/Score: not complete/)).toBeTruthy();
    const yesItems = [0, 1, 3, 4];
    for (let i = 0; i < 10; i++) {
      const group = within(form).getByRole('radiogroup', { name: new RegExp(`^${i + 1}\\. `) });
      // Item 3 ("always able to stop") answered "yes" scores nothing.
      await user.click(within(group).getByLabelText(yesItems.includes(i) || i === 2 ? 'Yes' : 'No'));
    }
    expect(within(form).getByTestId('screening-score').textContent).toBe('Positive screen · Score 4 of 10 — Moderate level');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Screening recorded on the timeline.')).toBeTruthy();
    const saved = client.registry.events.find((e) => e.type === 'screening')!;
    expect(saved.data).toEqual({
      instrument: 'DAST-10',
      result: 'positive',
      score: 4,
      answers: { dast10: [true, true, true, true, true, false, false, false, false, false] },
    });
    const entries = await screen.findByRole('list', { name: 'Timeline entries' });
    expect(within(entries).getByText('DAST-10: positive (score 4)')).toBeTruthy();
  });

  it('will not save a screen with unanswered items, and says which', async () => {
    const { client, person } = ourPerson(['care_navigator']);
    const { user } = renderApp(client, `/people/${person.id}`);
    const form = await openForm(user);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getAllByText(/Answer all ten questions/).length).toBeGreaterThan(0);
    expect(client.registry.events).toHaveLength(0);
  });

  it('scores TAPS part 1 and part 2 per substance', async () => {
    const { client, person } = ourPerson(['clinician']);
    const { user } = renderApp(client, `/people/${person.id}`);
    const form = await openForm(user);
    await user.selectOptions(within(form).getByLabelText('Instrument'), 'TAPS');
    for (const name of [/tobacco product/, /4 or more drinks/, /prescription medications just for the feeling/]) {
      await user.selectOptions(within(form).getByLabelText(name), 'never');
    }
    await user.selectOptions(within(form).getByLabelText(/any drugs including marijuana/), 'weekly');
    const heroin = within(form).getByRole('group', { name: 'Heroin' });
    for (const box of within(heroin).getAllByRole('checkbox')) await user.click(box);
    expect(within(form).getByTestId('screening-score').textContent).toBe('Positive screen · Heroin: 3 (Higher risk)');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Screening recorded on the timeline.');
    const saved = client.registry.events.find((e) => e.type === 'screening')!;
    expect(saved.data).toMatchObject({ instrument: 'TAPS', result: 'positive', score: 3 });
  });

  it('asks TAPS-2 alcohol three questions, the heavy-drinking day first, and scores them 0–3', async () => {
    const { client, person } = ourPerson(['clinician']);
    const { user } = renderApp(client, `/people/${person.id}`);
    const form = await openForm(user);
    await user.selectOptions(within(form).getByLabelText('Instrument'), 'TAPS');
    for (const name of [/tobacco product/, /any drugs including marijuana/, /prescription medications just for the feeling/]) {
      await user.selectOptions(within(form).getByLabelText(name), 'never');
    }
    await user.selectOptions(within(form).getByLabelText(/4 or more drinks/), 'monthly');
    const alcohol = within(form).getByRole('group', { name: 'Alcohol' });
    const boxes = within(alcohol).getAllByRole('checkbox');
    expect(boxes).toHaveLength(3);
    expect(within(alcohol).getByLabelText(/4 or more drinks \(women\) \/ 5 or more drinks \(men\)/)).toBe(boxes[0]);
    await user.click(boxes[0]!);
    expect(within(form).getByTestId('screening-score').textContent).toContain('Alcohol: 1 (Problem use)');
    await user.click(boxes[1]!);
    expect(within(form).getByTestId('screening-score').textContent).toContain('Alcohol: 2 (Higher risk)');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Screening recorded on the timeline.');
    const saved = client.registry.events.find((e) => e.type === 'screening')!;
    expect(saved.data).toMatchObject({
      instrument: 'TAPS',
      result: 'positive',
      score: 2,
      answers: { taps2: { alcohol: [true, true, false] } },
    });
  });

  it('records a urine drug test with per-substance results and shows them on the timeline', async () => {
    const { client, person } = ourPerson(['clinician']);
    const { user } = renderApp(client, `/people/${person.id}`);
    const form = await openForm(user);
    await user.selectOptions(within(form).getByLabelText('What happened'), 'urine_drug_test');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getAllByText(/Give at least one result/).length).toBeGreaterThan(0);
    await user.selectOptions(within(form).getByLabelText('Fentanyl'), 'positive');
    await user.selectOptions(within(form).getByLabelText('Buprenorphine'), 'negative');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Urine drug test recorded on the timeline.')).toBeTruthy();
    expect(client.registry.events.at(-1)!.data).toEqual({ results: { fentanyl: 'positive', buprenorphine: 'negative' } });
    expect(await screen.findByText('Positive: Fentanyl · Negative: Buprenorphine')).toBeTruthy();
  });

  it('names the missing dose on a MOUD dose change and records it once given', async () => {
    const { client, person } = ourPerson(['clinician']);
    const { user } = renderApp(client, `/people/${person.id}`);
    const form = await openForm(user);
    await user.selectOptions(within(form).getByLabelText('What happened'), 'moud_dose_change');
    await user.selectOptions(within(form).getByLabelText('Medication'), 'methadone');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('link', { name: 'Dose (mg): Required' })).toBeTruthy();
    await user.type(within(form).getByLabelText('Dose (mg)'), '80');
    await user.type(within(form).getByLabelText(/Previous dose/), '60');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Medication for OUD dose changed recorded on the timeline.');
    expect(client.registry.events.at(-1)!.data).toEqual({ medication: 'methadone', doseMg: 80, previousDoseMg: 60 });
  });

  it('shows the server’s field errors next to the field', async () => {
    const { client, person } = ourPerson(['clinician']);
    client.failNext(
      'recordCareEvent',
      new ApiError('VALIDATION_FAILED', 'The request has invalid fields.', {
        status: 400,
        fields: [{ path: 'body.data.facility', message: 'Too long' }],
      }),
    );
    const { user } = renderApp(client, `/people/${person.id}`);
    const form = await openForm(user);
    await user.selectOptions(within(form).getByLabelText('What happened'), 'custody_release');
    await user.type(within(form).getByLabelText(/Facility/), 'County jail');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByRole('link', { name: 'Facility: Too long' })).toBeTruthy();
  });

  it('offers each role only what it records: partner staff see releases, milestones and appointments', async () => {
    const { client, person } = ourPerson(['partner_staff']);
    const { user } = renderApp(client, `/people/${person.id}`);
    const form = await openForm(user);
    const options = within(within(form).getByLabelText('What happened'))
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'));
    expect(options).toEqual(['custody_release', 'recovery_milestone', 'appointment_attended', 'appointment_missed']);
  });

  it('is not shown to roles that record no touchpoints', async () => {
    const { client, person } = ourPerson(['privacy_officer']);
    renderApp(client, `/people/${person.id}`);
    await screen.findByRole('heading', { name: 'Jordan Rivera' });
    expect(screen.queryByRole('button', { name: 'Record a touchpoint' })).toBeNull();
  });
});
