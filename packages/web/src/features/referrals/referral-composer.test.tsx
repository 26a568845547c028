import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateReferral, HandoffInput } from '@continuum/contracts';
import { aReferralWorld, renderWithReferrals } from './referral-test-support.tsx';

// jsdom has no canvas: the consent page's signature pad gets a stand-in 2D context.
beforeEach(() => {
  const context = { beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}, fillRect() {} } as unknown as CanvasRenderingContext2D;
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => context) as unknown as HTMLCanvasElement['getContext']);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function aWorldWithTwoServices() {
  const world = aReferralWorld(['clinician']);
  const { api } = world;
  const bup = api.addPathway();
  const anchor = world.client.addOrganization({ name: 'Anchor House', type: 'recovery_housing' });
  const housing = api.addPathway({
    name: 'ED to recovery housing',
    receiverOrganizationId: anchor.id,
    receiverOrganizationName: anchor.name,
    services: [{ id: '00000000-0000-4000-a000-000000000001', name: 'Recovery residence', kind: 'recovery_housing' }],
    inclusionCriteria: [],
    exclusionCriteria: [],
    requiredFields: [],
    requiredDocuments: [],
    warmHandoffExpected: false,
  });
  api.consentedOrganizations.add(bup.receiverOrganizationId);
  api.addSuggestion(housing, {
    score: 54,
    parts: { pathwayFit: 0.5, capacity: 0.2, distance: 0.6, eligibility: 1, payment: 0.5 },
    capacity: { status: 'waitlist', available: 0, stale: true },
  });
  api.addSuggestion(bup);
  return { ...world, bup, housing };
}

const composerPath = (personId: string) => `/referrals/new?personId=${personId}`;

describe('Starting a referral', () => {
  it('starts from “Refer” on the person page', async () => {
    const world = aWorldWithTwoServices();
    const { user } = renderWithReferrals(world, `/people/${world.person.id}`);
    await user.click(await screen.findByRole('link', { name: 'Refer' }));
    await screen.findByRole('heading', { level: 1, name: 'Refer Jordan Rivera: choose a service' });
    expect(world.api.calls.find((call) => call.method === 'suggest')!.args[0]).toMatchObject({ personId: world.person.id });
  });

  it('offers no “Refer” to roles that do not send referrals', async () => {
    const world = aReferralWorld(['privacy_officer']);
    renderWithReferrals(world, `/people/${world.person.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Jordan Rivera' });
    expect(screen.queryByRole('link', { name: 'Refer' })).toBeNull();
  });
});

describe('Referral composer, step 1: choose a service', () => {
  it('ranks the suggestions best first and shows the parts of each score and the consent status', async () => {
    const world = aWorldWithTwoServices();
    renderWithReferrals(world, composerPath(world.person.id));

    await screen.findByRole('heading', { level: 1, name: 'Refer Jordan Rivera: choose a service' }, { timeout: 5000 });
    const list = await screen.findByRole('list', { name: 'Suggested services' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards.map((card) => within(card).getByRole('heading').textContent)).toEqual([
      '1. Buprenorphine clinic — Tidewater Treatment',
      '2. Recovery residence — Anchor House',
    ]);

    const first = within(cards[0]!);
    expect(first.getByLabelText('Score 86 of 100')).toBeTruthy();
    const parts = first.getByRole('table', { name: 'Why this rank' });
    expect(
      within(parts)
        .getAllByRole('row')
        .map((row) => row.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(['Pathway fit 100%', 'Capacity 80%', 'Distance 90%', 'Eligibility 100%', 'Payment 100%']);
    expect(first.getByText('Consent on file')).toBeTruthy();
    const second = within(cards[1]!);
    expect(second.getByText('Waitlist (0 open) · not confirmed recently')).toBeTruthy();
    expect(second.getByText('Consent needed')).toBeTruthy();
  });

  it('asks for suggestions again with what the person needs and how they pay', async () => {
    const world = aWorldWithTwoServices();
    const { user } = renderWithReferrals(world, composerPath(world.person.id));
    await screen.findByRole('list', { name: 'Suggested services' });

    await user.click(screen.getByLabelText('Buprenorphine'));
    await user.selectOptions(screen.getByLabelText(/How the person pays/), 'MD');

    const calls = world.api.calls.filter((call) => call.method === 'suggest').map((call) => call.args[0]);
    expect(calls.at(-1)).toEqual({ personId: world.person.id, codes: 'BU', payment: 'MD', limit: 20 });
  });
});

describe('Referral composer, step 2: what the pathway requires', () => {
  it('enforces the criteria, required answers, required documents and reason before anything is sent', async () => {
    const world = aWorldWithTwoServices();
    const { user } = renderWithReferrals(world, composerPath(world.person.id));
    await user.click(await screen.findByRole('button', { name: /^Refer to Buprenorphine clinic at Tidewater Treatment,/ }));
    await screen.findByRole('heading', { level: 1, name: 'Refer Jordan Rivera: details' });

    await user.click(await screen.findByRole('button', { name: 'Send referral' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Criteria: Confirm every criterion of the pathway.',
      'Last opioid use: Required by the pathway.',
      'ED discharge summary: Attach this document; the pathway requires it.',
      'Reason for the referral: Say why the person is referred.',
      'Handoff time: Give the time of the handoff.',
    ]);
    expect(world.api.calls.some((call) => call.method === 'createReferral')).toBe(false);
  });

  it('sends the referral with the answers and confirmed criteria, then attaches the document and records the warm handoff', async () => {
    const world = aWorldWithTwoServices();
    const { user } = renderWithReferrals(world, composerPath(world.person.id));
    await user.click(await screen.findByRole('button', { name: /^Refer to Buprenorphine clinic at Tidewater Treatment,/ }));

    await user.click(await screen.findByLabelText('Applies: Opioid use disorder, moderate or severe'));
    await user.click(screen.getByLabelText('Does not apply: No acute medical condition needing admission'));
    await user.type(screen.getByLabelText('Last opioid use'), '2026-03-01');
    await user.selectOptions(screen.getByLabelText('Urgency'), 'urgent');
    await user.type(screen.getByLabelText('Reason for the referral'), 'Started buprenorphine in the ED; continue within 72 hours.');
    const discharge = new File(['%PDF-1.4 discharge summary'], 'discharge.pdf', { type: 'application/pdf' });
    await user.upload(screen.getByLabelText('ED discharge summary (required)'), discharge);
    expect(screen.getByText('discharge.pdf · 26 bytes · ready to attach')).toBeTruthy();
    expect((screen.getByLabelText('Record a warm handoff with this referral') as HTMLInputElement).checked).toBe(true);
    await user.selectOptions(screen.getByLabelText('How'), 'escorted');
    await user.type(screen.getByLabelText('Handoff time'), '2026-03-04T10:30');
    expect((screen.getByLabelText('Staff handing off') as HTMLInputElement).value).toBe('Dana Lee');
    expect((screen.getByLabelText('Staff receiving') as HTMLInputElement).value).toBe('Intake desk');

    await user.click(screen.getByRole('button', { name: 'Send referral' }));

    await screen.findByRole('heading', { level: 1, name: 'Referral for Jordan Rivera' });
    expect(screen.getByText('Referral sent. The receiving organization has been notified.')).toBeTruthy();
    const sent = world.api.calls.find((call) => call.method === 'createReferral')!.args[0] as CreateReferral;
    expect(sent).toMatchObject({
      personId: world.person.id,
      pathwayId: world.bup.id,
      serviceId: world.bup.services[0]!.id,
      urgency: 'urgent',
      purpose: 'treatment',
      reason: 'Started buprenorphine in the ED; continue within 72 hours.',
      answers: { last_use: '2026-03-01' },
      criteriaConfirmed: ['oud', 'no_acute'],
    });
    const upload = world.api.calls.find((call) => call.method === 'uploadAttachment')!;
    expect(upload.args.slice(1)).toEqual(['discharge.pdf', 'discharge']);
    const handoff = world.api.calls.find((call) => call.method === 'recordHandoff')!.args[1] as HandoffInput;
    expect(handoff).toMatchObject({ mode: 'escorted', senderStaffName: 'Dana Lee', receiverStaffName: 'Intake desk' });
    expect(handoff.at).toBe(new Date('2026-03-04T10:30').toISOString());
    const attachments = screen.getByRole('list', { name: 'Attached files' });
    expect(within(attachments).getByRole('link', { name: 'discharge.pdf' })).toBeTruthy();
  });

  it('says at once when a file is too large or of a type that cannot be attached', async () => {
    const world = aWorldWithTwoServices();
    const { user } = renderWithReferrals(world, composerPath(world.person.id));
    await user.click(await screen.findByRole('button', { name: /^Refer to Buprenorphine clinic at Tidewater Treatment,/ }));
    const field = await screen.findByLabelText('Other attachments (optional)');

    const big = new File(['x'], 'scan.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    await user.upload(field, big);
    expect(screen.getByText('scan.pdf is 11.0 MB; the limit is 10.0 MB.')).toBeTruthy();

    const program = new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' });
    await user.upload(field, program);
    expect(screen.getByText('tool.exe is not a PDF, PNG, JPEG or plain-text file.')).toBeTruthy();
  });

  it('suggests person-first words while the reason is typed, without blocking it', async () => {
    const world = aWorldWithTwoServices();
    const { user } = renderWithReferrals(world, composerPath(world.person.id));
    await user.click(await screen.findByRole('button', { name: /^Refer to Buprenorphine clinic at Tidewater Treatment,/ }));
    await user.type(await screen.findByLabelText('Reason for the referral'), 'Heroin addict, urine came back dirty.');

    const hints = document.getElementById('referral-reason-language')!;
    expect(hints.textContent).toContain(
      'Instead of “Heroin addict”, consider “person with a substance use disorder” or “person with OUD”.',
    );
    expect(hints.textContent).toContain('Instead of “urine came back dirty”, consider “tested positive” or “positive test”.');
    expect((screen.getByLabelText('Reason for the referral') as HTMLTextAreaElement).value).toBe('Heroin addict, urine came back dirty.');
  });
});

describe('Referral composer: consent before send', () => {
  it('explains in plain words that consent is needed, sends nothing, and leads to consent capture prefilled for the receiver', async () => {
    const world = aWorldWithTwoServices();
    const { user } = renderWithReferrals(world, composerPath(world.person.id));
    await user.click(await screen.findByRole('button', { name: /^Refer to Recovery residence at Anchor House,/ }, { timeout: 5000 }));

    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('The person’s consent is needed first')).toBeTruthy();
    expect(notice.textContent).toContain('No signed, current consent does that yet, so nothing has been sent.');
    expect(screen.queryByRole('button', { name: 'Send referral' })).toBeNull();

    await user.click(within(notice).getByRole('button', { name: 'Record the person’s consent' }));
    await screen.findByRole('heading', { level: 1, name: 'New consent' });
    expect(screen.getByText('This consent is for a referral. Once it is signed, you go back to the referral to send it.')).toBeTruthy();
    const recipients = screen.getByRole('group', { name: 'Organizations that may receive the information' });
    expect((within(recipients).getByLabelText('Anchor House') as HTMLInputElement).checked).toBe(true);
    const kinds = screen.getByRole('group', { name: 'What information' });
    expect((within(kinds).getByLabelText('Referrals and appointments') as HTMLInputElement).checked).toBe(true);
    const purposes = screen.getByRole('group', { name: 'Why it may be shared' });
    expect((within(purposes).getByLabelText('Treatment') as HTMLInputElement).checked).toBe(true);
    expect(world.api.calls.some((call) => call.method === 'createReferral')).toBe(false);
  });

  it('once the consent is signed, leads back to step 2 of the same referral', async () => {
    const world = aWorldWithTwoServices();
    const { user } = renderWithReferrals(world, composerPath(world.person.id));
    await user.click(await screen.findByRole('button', { name: /^Refer to Recovery residence at Anchor House,/ }, { timeout: 5000 }));
    await user.click(await screen.findByRole('button', { name: 'Record the person’s consent' }));
    await screen.findByRole('heading', { level: 1, name: 'New consent' });
    await user.type(screen.getByLabelText('The information, in the person’s words'), 'My housing referral.');
    await user.type(screen.getByLabelText('End date'), '2027-03-04');
    await user.click(screen.getByRole('button', { name: 'Save draft and continue to signing' }));
    await screen.findByRole('heading', { level: 1, name: 'Consent of Jordan Rivera' });
    expect(screen.queryByRole('link', { name: 'Continue the referral' })).toBeNull();
    await user.type(screen.getByLabelText('Name of the person signing'), 'Jordan Rivera');
    await user.selectOptions(screen.getByLabelText('How the person signs'), 'attested');
    await user.click(screen.getByLabelText(/The person read this form/));
    await user.click(screen.getByRole('button', { name: 'Sign consent' }));
    await screen.findByText('Consent signed. Print a copy for the person.');
    world.api.consentedOrganizations.add(world.housing.receiverOrganizationId);
    world.api.suggestions = world.api.suggestions.map((s) => (s.pathwayId === world.housing.id ? { ...s, consentCovers: true } : s));
    await user.click(screen.getByRole('link', { name: 'Continue the referral' }));
    await screen.findByRole('heading', { level: 1, name: 'Refer Jordan Rivera: details' });
    expect(await screen.findByRole('button', { name: 'Send referral' })).toBeTruthy();
    expect(screen.getByText(/Recovery residence/, { selector: 'strong' })).toBeTruthy();
  });

  it('shows the same explanation when the server refuses to send for want of consent', async () => {
    const world = aWorldWithTwoServices();
    // The suggestion said consent was on file, but by sending time it no longer covers the receiver.
    world.api.consentedOrganizations.clear();
    const { user } = renderWithReferrals(world, composerPath(world.person.id));
    await user.click(await screen.findByRole('button', { name: /^Refer to Buprenorphine clinic at Tidewater Treatment,/ }));
    await user.click(await screen.findByLabelText('Applies: Opioid use disorder, moderate or severe'));
    await user.click(screen.getByLabelText('Does not apply: No acute medical condition needing admission'));
    await user.type(screen.getByLabelText('Last opioid use'), '2026-03-01');
    await user.type(screen.getByLabelText('Reason for the referral'), 'Continue buprenorphine.');
    await user.upload(screen.getByLabelText('ED discharge summary (required)'), new File(['text'], 'summary.txt', { type: 'text/plain' }));
    await user.click(screen.getByLabelText('Record a warm handoff with this referral'));

    await user.click(screen.getByRole('button', { name: 'Send referral' }));

    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('The person’s consent is needed first')).toBeTruthy();
    expect(world.api.referrals).toHaveLength(0);
    await user.click(within(notice).getByRole('button', { name: 'Record the person’s consent' }));
    await screen.findByRole('heading', { level: 1, name: 'New consent' });
  });
});
