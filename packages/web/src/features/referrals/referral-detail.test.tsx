import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HandoffInput } from '@continuum/contracts';
import { aReferralWorld, renderWithReferrals } from './referral-test-support.tsx';

function aSentReferral() {
  const world = aReferralWorld(['clinician']);
  const pathway = world.api.addPathway();
  const referral = world.api.addReferral({
    side: 'sender',
    status: 'received',
    pathwayId: pathway.id,
    pathwayName: pathway.name,
    answers: { last_use: '2026-03-01' },
    criteriaConfirmed: ['oud', 'no_acute'],
    missingDocuments: pathway.requiredDocuments,
    warmHandoffExpected: true,
  });
  return { ...world, pathway, referral };
}

describe('Referral detail', () => {
  it('names the answers and criteria by the pathway version the referral was sent on', async () => {
    const world = aSentReferral();
    renderWithReferrals(world, `/referrals/${world.referral.id}`);
    const sent = await screen.findByRole('region', { name: 'What was sent' });
    await within(sent).findByText('Last opioid use');
    expect(within(sent).getByText('2026-03-01')).toBeTruthy();
    expect(within(sent).getByText('✓ Applies: Opioid use disorder, moderate or severe')).toBeTruthy();
    expect(within(sent).getByText('✓ Does not apply: No acute medical condition needing admission')).toBeTruthy();
    expect(world.api.calls.find((call) => call.method === 'getPathway')!.args).toEqual([world.pathway.id, 1]);
  });

  it('lists missing documents, refuses a file over the limit, and attaches one as the required document', async () => {
    const world = aSentReferral();
    const { user } = renderWithReferrals(world, `/referrals/${world.referral.id}`);
    const missing = await screen.findByText('Documents the pathway requires are missing');
    expect(missing.closest('.alert')!.textContent).toContain('ED discharge summary');

    const big = new File(['x'], 'scan.png', { type: 'image/png' });
    Object.defineProperty(big, 'size', { value: 12 * 1024 * 1024 });
    await user.upload(screen.getByLabelText('File to attach'), big);
    expect(screen.getByText('scan.png is 12.0 MB; the limit is 10.0 MB.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Attach' }));
    expect(world.api.calls.some((call) => call.method === 'uploadAttachment')).toBe(false);

    await user.upload(screen.getByLabelText('File to attach'), new File(['%PDF-1.4'], 'discharge.pdf', { type: 'application/pdf' }));
    await user.selectOptions(screen.getByLabelText('It is'), 'discharge');
    await user.click(screen.getByRole('button', { name: 'Attach' }));
    await screen.findByText('discharge.pdf attached.');
    expect(world.api.calls.find((call) => call.method === 'uploadAttachment')!.args).toEqual([
      world.referral.id,
      'discharge.pdf',
      'discharge',
    ]);
    const files = await screen.findByRole('list', { name: 'Attached files' });
    expect(files.textContent).toContain('ED discharge summary');
    expect(screen.queryByText('Documents the pathway requires are missing')).toBeNull();
  });

  it('records the warm handoff with the mode, the time and the staff on both sides', async () => {
    const world = aSentReferral();
    const { user } = renderWithReferrals(world, `/referrals/${world.referral.id}`);
    const handoff = await screen.findByRole('region', { name: 'Warm handoff' });
    expect(within(handoff).getByText('The pathway expects a warm handoff; none is recorded yet.')).toBeTruthy();
    await user.click(within(handoff).getByRole('button', { name: 'Record handoff' }));
    const form = screen.getByRole('form', { name: 'Record the warm handoff' });
    await user.click(within(form).getByRole('button', { name: 'Save handoff' }));
    expect(within(form).getByText('When: Give the date and time.')).toBeTruthy();
    await user.selectOptions(within(form).getByLabelText('How'), 'video');
    await user.type(within(form).getByLabelText('When'), '2026-03-04T11:00');
    await user.type(within(form).getByLabelText('Staff receiving'), 'Oli OTP');
    await user.click(within(form).getByRole('button', { name: 'Save handoff' }));

    await screen.findByText('Warm handoff saved.');
    const body = world.api.calls.find((call) => call.method === 'recordHandoff')!.args[1] as HandoffInput;
    expect(body).toEqual({
      mode: 'video',
      at: new Date('2026-03-04T11:00').toISOString(),
      senderStaffName: 'Dana Lee',
      receiverStaffName: 'Oli OTP',
      note: null,
    });
    const shown = screen.getByRole('region', { name: 'Warm handoff' });
    expect(within(shown).getByText('Video')).toBeTruthy();
    expect(within(shown).getByText('Oli OTP')).toBeTruthy();
  });

  it('says a referral the organization may not see is not found', async () => {
    const world = aReferralWorld(['clinician']);
    renderWithReferrals(world, '/referrals/00000000-0000-4000-8000-0000000000ff');
    await screen.findByRole('heading', { level: 1, name: 'Referral not found' });
    expect(screen.getByText('This referral does not exist, or it is not shared with your organization.')).toBeTruthy();
  });
});
