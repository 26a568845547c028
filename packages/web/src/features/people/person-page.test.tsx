import { part2Notice } from '@continuum/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

/** A person registered by the treatment program, with the signed-in health department on the care team. */
function aPersonSharedWithUs(roles: Parameters<typeof signedInWith>[0]) {
  const network = signedInWith(roles);
  const { client, healthDepartment, treatmentCenter } = network;
  const person = client.registry.addPerson(treatmentCenter, { givenName: 'Jordan', familyName: 'Rivera' });
  client.registry.linkCareTeam(person, treatmentCenter, 'opioid_treatment_program');
  client.registry.linkCareTeam(person, healthDepartment, 'case_manager');
  return { ...network, person };
}

describe('PersonPage timeline', () => {
  it('shows what is shared under consent with the redisclosure notice and the consent, and restricted markers for the rest', async () => {
    const { client, healthDepartment, treatmentCenter, person } = aPersonSharedWithUs(['care_navigator']);
    client.registry.addEvent(person, treatmentCenter, { kind: 'notes', title: 'Started buprenorphine, doing well' });
    client.registry.addEvent(person, treatmentCenter, { kind: 'screening', title: 'Screening result' });
    client.registry.addEvent(person, treatmentCenter, { kind: 'screening', title: 'Second screening result' });
    client.registry.addSignedConsent(person, healthDepartment, { kinds: ['notes'] });
    renderApp(client, `/people/${person.id}`);

    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    const entries = await within(timeline).findByRole('list', { name: 'Timeline entries' });
    expect(within(entries).getByText('Started buprenorphine, doing well')).toBeTruthy();
    expect(within(entries).getByText('Part 2')).toBeTruthy();
    expect(within(timeline).queryByText('Screening result')).toBeNull();

    const restricted = within(timeline).getByRole('list', { name: 'Restricted information' });
    const marker = within(restricted).getByRole('listitem');
    expect(marker.textContent).toContain('Restricted — consent needed');
    expect(marker.textContent).toContain('Screening results · 2 entries');
    expect(marker.textContent).toContain('The consent does not cover this kind of information.');

    expect(within(timeline).getByText(part2Notice.en.full)).toBeTruthy();
    expect(within(timeline).getByText('Protected by 42 CFR Part 2 — do not share further')).toBeTruthy();
    expect(within(timeline).getByRole('link', { name: /Care notes for treatment/ })).toBeTruthy();
  });

  it('shows no redisclosure notice when nothing from Part 2 is shown', async () => {
    const { client, healthDepartment, person } = aPersonSharedWithUs(['care_navigator']);
    client.registry.addEvent(person, healthDepartment, { kind: 'referrals', title: 'Referred to housing', sensitivity: 'normal' });
    renderApp(client, `/people/${person.id}`);
    expect(await screen.findByText('Referred to housing')).toBeTruthy();
    expect(screen.queryByText(/42 CFR part 2\)/)).toBeNull();
  });

  it('after a revocation shows the entry as restricted, naming the revocation, instead of hiding it', async () => {
    const { client, healthDepartment, treatmentCenter, person } = aPersonSharedWithUs(['partner_staff']);
    client.registry.addEvent(person, treatmentCenter, { kind: 'notes', title: 'Care plan note' });
    client.registry.addSignedConsent(person, healthDepartment, { status: 'revoked', revokedAt: '2026-03-03T10:00:00.000Z' });
    renderApp(client, `/people/${person.id}`);

    const restricted = await screen.findByRole('list', { name: 'Restricted information' });
    expect(restricted.textContent).toContain('Care notes · 1 entry');
    expect(restricted.textContent).toContain('The person revoked the consent that shared this.');
    expect(screen.queryByText('Care plan note')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Emergency access' })).toBeNull();
  });

  it('reads the timeline for the chosen purpose: a consent for treatment does not cover payment', async () => {
    const { client, healthDepartment, treatmentCenter, person } = aPersonSharedWithUs(['care_navigator']);
    client.registry.addEvent(person, treatmentCenter, { kind: 'notes', title: 'Care plan note' });
    client.registry.addSignedConsent(person, healthDepartment, { kinds: ['notes'], purposes: ['treatment'] });
    const { user } = renderApp(client, `/people/${person.id}`);
    expect(await screen.findByText('Care plan note')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Purpose of this view'), 'Payment');
    const restricted = await screen.findByRole('list', { name: 'Restricted information' });
    expect(restricted.textContent).toContain('Care notes · 1 entry');
    expect(restricted.textContent).toContain('The consent does not cover this purpose.');
    expect(screen.queryByText('Care plan note')).toBeNull();
  });

  it('adds a note to the timeline', async () => {
    const { client, person } = aPersonSharedWithUs(['care_navigator']);
    const { user } = renderApp(client, `/people/${person.id}`);
    await user.click(await screen.findByRole('button', { name: 'Add an entry' }));
    await user.type(screen.getByLabelText('Title'), 'Met at the recovery center');
    await user.type(screen.getByRole('textbox', { name: /^Details/ }), 'Wants help finding housing.');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));

    expect(await screen.findByText('Added to the timeline.')).toBeTruthy();
    expect(await screen.findByText('Met at the recovery center')).toBeTruthy();
    expect(client.registry.events.at(-1)).toMatchObject({ kind: 'notes', type: 'note', detail: 'Wants help finding housing.' });
  });
});

describe('PersonPage access', () => {
  it('answers "not found" for a person the organization may not see, as for one who does not exist', async () => {
    const { client, treatmentCenter } = signedInWith(['clinician']);
    const hidden = client.registry.addPerson(treatmentCenter);
    const first = renderApp(client, `/people/${hidden.id}`);
    const hiddenText = (await screen.findByRole('heading', { level: 1, name: 'Person not found' })).parentElement?.parentElement
      ?.textContent;
    expect(screen.queryByText(hidden.familyName)).toBeNull();
    first.unmount();

    renderApp(client, '/people/10000000-0000-4000-8000-999999999999');
    const missingText = (await screen.findByRole('heading', { level: 1, name: 'Person not found' })).parentElement?.parentElement
      ?.textContent;
    expect(missingText).toBe(hiddenText);
  });

  it('lets a clinician open restricted Part 2 information in an emergency after stating a reason and confirming', async () => {
    const { client, treatmentCenter, person } = aPersonSharedWithUs(['clinician']);
    client.registry.addEvent(person, treatmentCenter, { kind: 'medications', title: 'Methadone 80 mg daily' });
    const { user } = renderApp(client, `/people/${person.id}`);

    expect(await screen.findByText('Restricted — consent needed', { exact: false })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Emergency access' }));
    await user.type(screen.getByLabelText('Reason for emergency access'), 'Too short');
    await user.click(screen.getByRole('button', { name: 'Start emergency access' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Reason for emergency access:/ })).toBeTruthy();
    expect(within(summary).getByRole('link', { name: /^Confirmation:/ })).toBeTruthy();
    expect(client.registry.breakGlass).toHaveLength(0);

    await user.type(screen.getByLabelText('Reason for emergency access'), ' — unresponsive in the ED, suspected overdose');
    await user.click(screen.getByLabelText(/I confirm this is a medical emergency/));
    await user.click(screen.getByRole('button', { name: 'Start emergency access' }));

    expect(await screen.findByText(/^Emergency access until /)).toBeTruthy();
    expect(await screen.findByText('Methadone 80 mg daily')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Restricted information' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Emergency access' })).toBeNull();
    expect(client.registry.breakGlass[0]?.reason).toBe('Too short — unresponsive in the ED, suspected overdose');
  });

  it('lets a clinician with no relationship reach a person by emergency access from the not-found page', async () => {
    const { client, treatmentCenter } = signedInWith(['clinician']);
    const hidden = client.registry.addPerson(treatmentCenter, { givenName: 'Casey', familyName: 'Moreno' });
    client.registry.addEvent(hidden, treatmentCenter, { kind: 'medications', title: 'Buprenorphine 16 mg daily' });
    const { user } = renderApp(client, `/people/${hidden.id}`);

    await screen.findByRole('heading', { level: 1, name: 'Person not found' });
    await user.click(screen.getByRole('button', { name: 'Emergency access' }));
    await user.type(screen.getByLabelText('Reason for emergency access'), 'Brought in by EMS after an overdose, unresponsive');
    await user.click(screen.getByLabelText(/I confirm this is a medical emergency/));
    await user.click(screen.getByRole('button', { name: 'Start emergency access' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Casey Moreno' })).toBeTruthy();
    expect(screen.getByText(/^Emergency access until /)).toBeTruthy();
    expect(await screen.findByText('Buprenorphine 16 mg daily')).toBeTruthy();
  });

  it('does not offer emergency access to roles other than clinicians', async () => {
    const { client, treatmentCenter, person } = aPersonSharedWithUs(['care_navigator']);
    client.registry.addEvent(person, treatmentCenter, { kind: 'medications', title: 'Methadone 80 mg daily' });
    renderApp(client, `/people/${person.id}`);
    expect(await screen.findByRole('list', { name: 'Restricted information' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Emergency access' })).toBeNull();
  });
});

describe('PersonPage care team and identifiers', () => {
  it('adds a partner organization found by name to the care team, and ends a link', async () => {
    const { client, person } = aPersonSharedWithUs(['care_navigator']);
    const housing = client.addOrganization({ name: 'Anchor House Recovery Residences', type: 'recovery_housing' });
    const { user } = renderApp(client, `/people/${person.id}`);

    await user.click(await screen.findByRole('button', { name: 'Add to care team' }));
    await user.type(screen.getByLabelText('Find an organization by name'), 'Anchor');
    await user.click(screen.getByRole('button', { name: 'Find' }));
    expect(await screen.findByText('1 found; choose one below.')).toBeTruthy();
    expect((screen.getByLabelText('Organization to link') as HTMLSelectElement).value).toBe(housing.id);
    await user.selectOptions(screen.getByLabelText('Role in the person’s care'), 'Recovery housing');
    await user.click(within(screen.getByRole('form', { name: 'Add to care team' })).getByRole('button', { name: 'Add to care team' }));

    expect(
      await screen.findByText(/^Added to the care team\. The link gives no access until the person signs a consent naming/),
    ).toBeTruthy();
    const row = (await screen.findByRole('rowheader', { name: housing.name })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Recovery housing')).toBeTruthy();
    expect(within(row).getByText('Pending — no access until consent, referral or approval')).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: `End care-team link with ${housing.name}` }));
    await user.click(within(screen.getByRole('group', { name: 'Confirm' })).getByRole('button', { name: 'End link' }));
    expect(await screen.findByText(`${housing.name} is no longer on the care team.`)).toBeTruthy();
    expect(client.registry.people[0]?.careTeam.at(-1)?.active).toBe(false);
  });

  it('lets a privacy officer of the adding organization approve a pending link', async () => {
    const { client, person, healthDepartment } = aPersonSharedWithUs(['privacy_officer']);
    const housing = client.addOrganization({ name: 'Anchor House Recovery Residences', type: 'recovery_housing' });
    const member = client.registry.linkCareTeam(person, housing, 'recovery_housing');
    Object.assign(member, { pending: true, addedByOrganizationId: healthDepartment.id });
    const { user } = renderApp(client, `/people/${person.id}`);

    const row = (await screen.findByRole('rowheader', { name: housing.name })).closest('tr') as HTMLElement;
    expect(within(row).queryByRole('button', { name: /^End care-team link/ })).toBeNull();
    await user.click(within(row).getByRole('button', { name: `Approve care-team link with ${housing.name}` }));
    await user.click(within(screen.getByRole('group', { name: 'Confirm' })).getByRole('button', { name: 'Approve link' }));
    expect(await screen.findByText(`The link with ${housing.name} is approved.`)).toBeTruthy();
    expect(member.pending).toBe(false);
  });

  it('asks for the role before linking', async () => {
    const { client, person } = aPersonSharedWithUs(['clinician']);
    const { user } = renderApp(client, `/people/${person.id}`);
    await user.click(await screen.findByRole('button', { name: 'Add to care team' }));
    await user.click(within(screen.getByRole('form', { name: 'Add to care team' })).getByRole('button', { name: 'Add to care team' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Role in the person’s care: Choose the role.' })).toBeTruthy();
    expect(person.careTeam).toHaveLength(2);
  });

  it('adds the organization’s own identifier', async () => {
    const { client, person } = aPersonSharedWithUs(['partner_staff']);
    const { user } = renderApp(client, `/people/${person.id}`);
    await user.click(await screen.findByRole('button', { name: 'Add identifier' }));
    await user.selectOptions(screen.getByLabelText('Identifier type'), 'Medicaid ID');
    await user.type(screen.getByLabelText('Identifier'), 'OR-4455');
    await user.click(screen.getByRole('button', { name: 'Save identifier' }));
    expect(await screen.findByText('OR-4455')).toBeTruthy();
    expect(screen.getByText('Medicaid ID · Riverside County Health Department')).toBeTruthy();
  });
});

describe('PersonPage details', () => {
  it('edits the name and contact details, keeping the previous name, and clears an emptied field', async () => {
    const { client, person } = aPersonSharedWithUs(['care_navigator']);
    person.phone = '541-555-0100';
    const { user } = renderApp(client, `/people/${person.id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit details' }));
    const form = screen.getByRole('form', { name: 'Edit details' });
    await user.clear(within(form).getByLabelText('Last name'));
    await user.type(within(form).getByLabelText('Last name'), 'Rivera-Lopez');
    await user.clear(within(form).getByLabelText(/^Phone/));
    await user.click(within(form).getByLabelText('Pregnant or postpartum'));
    await user.click(within(form).getByRole('button', { name: 'Save details' }));

    expect(await screen.findByText('Details saved.')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Jordan Rivera-Lopez' })).toBeTruthy();
    const details = screen.getByRole('region', { name: 'Details' });
    expect(within(details).getByText('Jordan Rivera')).toBeTruthy();
    expect(within(details).getByText('Pregnant or postpartum')).toBeTruthy();
    expect(person.phone).toBeNull();
  });

  it('shows the server’s field errors beside the fields and changes nothing', async () => {
    const { client, person } = aPersonSharedWithUs(['clinician']);
    const { user } = renderApp(client, `/people/${person.id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit details' }));
    await user.type(screen.getByLabelText(/^Email/), 'not an email');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Email:/ })).toBeTruthy();
    expect(screen.getByLabelText(/^Email/).getAttribute('aria-invalid')).toBe('true');
    expect(person.email).toBeNull();
  });
});

describe('PersonPage duplicate records', () => {
  it('lets a privacy officer merge a duplicate into the record, then undo the merge', async () => {
    const { client, healthDepartment } = signedInWith(['privacy_officer']);
    const survivor = client.registry.addPerson(healthDepartment, { givenName: 'Jordan', familyName: 'Rivera', birthDate: '1990-05-14' });
    const duplicate = client.registry.addPerson(healthDepartment, { givenName: 'Jordan', familyName: 'Rivera', birthDate: '1990-04-15' });
    client.registry.addEvent(duplicate, healthDepartment, { title: 'Note on the duplicate record', sensitivity: 'normal' });
    const { user } = renderApp(client, `/people/${survivor.id}`);

    const panel = await screen.findByRole('region', { name: 'Duplicate records' });
    await user.click(within(panel).getByRole('button', { name: 'Find' }));
    expect(await within(panel).findByRole('option', { name: 'Jordan Rivera, born Apr 15, 1990, Harbor City' })).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Merge into this record' }));
    expect(within(await screen.findByRole('alert')).getByRole('link', { name: /^Why these are the same person:/ })).toBeTruthy();
    expect(client.registry.merges).toHaveLength(0);

    await user.type(within(panel).getByLabelText('Why these are the same person'), 'Same person; date of birth typed wrongly at intake.');
    await user.click(within(panel).getByRole('button', { name: 'Merge into this record' }));
    expect(await screen.findByText('Jordan Rivera was merged into this record.')).toBeTruthy();
    expect(await screen.findByText('Note on the duplicate record')).toBeTruthy();

    await user.click(await screen.findByRole('button', { name: 'Undo merge' }));
    await user.type(screen.getByLabelText('Why the merge is undone'), 'Different people after all.');
    await user.click(within(screen.getByRole('form', { name: 'Undo merge' })).getByRole('button', { name: 'Undo merge' }));
    expect(await screen.findByText('The merge was undone; the records are separate again.')).toBeTruthy();
    expect(client.registry.people.map((item) => item.id)).toContain(duplicate.id);
  });

  it('is not offered to other roles', async () => {
    const { client, person } = aPersonSharedWithUs(['clinician']);
    renderApp(client, `/people/${person.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Jordan Rivera' });
    expect(screen.queryByRole('region', { name: 'Duplicate records' })).toBeNull();
  });
});
