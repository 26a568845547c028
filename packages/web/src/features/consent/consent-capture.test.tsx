import { screen, within, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

// jsdom has no canvas: stand in for the browser's 2D context and PNG encoder.
beforeEach(() => {
  const context = { beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}, fillRect() {} } as unknown as CanvasRenderingContext2D;
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => context) as unknown as HTMLCanvasElement['getContext']);
  vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue(PNG);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function aPersonWithHousingOnTheCareTeam() {
  const network = signedInWith(['care_navigator']);
  const { client, healthDepartment } = network;
  const housing = client.addOrganization({ name: 'Anchor House Recovery Residences', type: 'recovery_housing' });
  const person = client.registry.addPerson(healthDepartment, { givenName: 'Jordan', familyName: 'Rivera' });
  client.registry.linkCareTeam(person, housing, 'recovery_housing');
  return { ...network, housing, person };
}

function drawSignature() {
  const pad = screen.getByRole('img', { name: 'Signature' });
  fireEvent.pointerDown(pad, { clientX: 10, clientY: 20, pointerId: 1 });
  fireEvent.pointerMove(pad, { clientX: 60, clientY: 40, pointerId: 1 });
  fireEvent.pointerUp(pad, { clientX: 60, clientY: 40, pointerId: 1 });
}

describe('Consent capture', () => {
  it('drafts a consent naming the partner, signs it with a drawn signature, and shows every 42 CFR 2.31 element', async () => {
    const { client, housing, person } = aPersonWithHousingOnTheCareTeam();
    const { user } = renderApp(client, `/people/${person.id}`);

    await user.click(await screen.findByRole('link', { name: 'New consent' }));
    await screen.findByRole('heading', { level: 1, name: 'New consent' });
    const recipients = screen.getByRole('group', { name: 'Organizations that may receive the information' });
    await user.click(within(recipients).getByLabelText(housing.name));
    const kinds = screen.getByRole('group', { name: 'What information' });
    await user.click(within(kinds).getByLabelText('Care notes'));
    await user.click(within(kinds).getByLabelText('Referrals and appointments'));
    await user.type(screen.getByLabelText('The information, in the person’s words'), 'My care notes and my housing referral.');
    await user.type(screen.getByLabelText('End date'), '2027-03-04');
    await user.click(screen.getByRole('button', { name: 'Save draft and continue to signing' }));

    await screen.findByRole('heading', { level: 1, name: 'Consent of Jordan Rivera' });
    expect(screen.getByText('Draft saved. Read the form with the person, then sign.')).toBeTruthy();
    const document = screen.getByRole('article');
    for (const heading of [
      '1. Your name',
      '2. Who may share my information',
      '3. What information may be shared',
      '4. Who may receive my information',
      '5. Why it may be shared',
      '6. When this consent ends',
      '7. My right to revoke (cancel) this consent',
      '9. How my information may be shared again',
      '10. Signature',
    ]) {
      expect(within(document).getByRole('heading', { name: heading })).toBeTruthy();
    }
    expect(within(document).getByText('I, Jordan Rivera, agree that my information may be shared as described below.')).toBeTruthy();
    expect(within(document).getByText('Any organization in the care network that holds my records')).toBeTruthy();
    expect(within(document).getByText(housing.name)).toBeTruthy();
    expect(within(document).getByText('Care notes')).toBeTruthy();
    expect(within(document).getByText('My care notes and my housing referral.')).toBeTruthy();
    expect(within(document).getByText('Care coordination')).toBeTruthy();
    expect(within(document).getByText('This consent ends on March 4, 2027, unless I revoke it sooner.')).toBeTruthy();
    expect(within(document).getByText(/It does not undo sharing that already happened/)).toBeTruthy();
    expect(within(document).getByText(/To revoke, tell any staff member at Riverside County Health Department/)).toBeTruthy();

    await user.click(screen.getByLabelText(/The person read this form/));
    await user.click(screen.getByRole('button', { name: 'Sign consent' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Signature:/ })).toBeTruthy();
    expect(client.registry.consents[0]?.status).toBe('draft');

    drawSignature();
    expect(screen.getByText('Signature drawn.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sign consent' }));

    expect(await screen.findByText('Consent signed. Print a copy for the person.')).toBeTruthy();
    // The signed consent is read again after signing; on a busy runner the image arrives after the message.
    const signature = await screen.findByRole('img', { name: 'Signed by Jordan Rivera' });
    const signed = screen.getByRole('article');
    expect(within(signed).getByRole('img', { name: 'Signed by Jordan Rivera' })).toBe(signature);
    expect(signature.getAttribute('src')).toBe(PNG);
    expect(within(signed).getByText('Signed')).toBeTruthy();
    expect(client.registry.consents[0]).toMatchObject({
      status: 'signed',
      signatureMethod: 'drawn',
      signatureImage: PNG,
      signerName: 'Jordan Rivera',
    });
    expect(screen.queryByRole('form', { name: 'Sign consent' })).toBeNull();
  }, 20_000);

  it('prints the form through the browser', async () => {
    const { client, housing, person } = aPersonWithHousingOnTheCareTeam();
    const consent = client.registry.addSignedConsent(person, housing);
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { user } = renderApp(client, `/consents/${consent.id}`);
    await user.click(await screen.findByRole('button', { name: 'Print form' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('shows the form in Spanish when the consent is in Spanish', async () => {
    const { client, housing, person } = aPersonWithHousingOnTheCareTeam();
    const consent = client.registry.addSignedConsent(person, housing, { language: 'es', expiresOn: null, expiryEvent: 'end_of_treatment' });
    renderApp(client, `/consents/${consent.id}`);
    const document = await screen.findByRole('article');
    expect(document.getAttribute('lang')).toBe('es');
    expect(
      within(document).getByRole('heading', { name: 'Consentimiento para compartir información sobre el consumo de sustancias' }),
    ).toBeTruthy();
    expect(within(document).getByRole('heading', { name: '7. Mi derecho a revocar (cancelar) este consentimiento' })).toBeTruthy();
    expect(within(document).getByText('Notas de atención')).toBeTruthy();
    expect(within(document).getByText('Tratamiento')).toBeTruthy();
    expect(within(document).getByText(/Cuando termine mi tratamiento/)).toBeTruthy();
    expect(within(document).getByText(/Firma certificada por el personal/)).toBeTruthy();
  });

  it('a TPO consent covers treatment, payment and operations and states HIPAA redisclosure with the proceedings exception', async () => {
    const { client, person } = aPersonWithHousingOnTheCareTeam();
    const { user } = renderApp(client, `/people/${person.id}/consents/new`);
    await user.selectOptions(await screen.findByLabelText('Kind of consent'), 'Treatment, payment and health care operations (TPO)');
    const purposes = screen.getByRole('group', { name: 'Why it may be shared' });
    for (const label of ['Treatment', 'Payment', 'Health care operations'])
      expect((within(purposes).getByLabelText(label) as HTMLInputElement).checked).toBe(true);
    await user.click(within(purposes).getByLabelText('Payment'));
    expect((within(purposes).getByLabelText('Payment') as HTMLInputElement).checked).toBe(true);
    await user.selectOptions(screen.getByLabelText('Who may receive it'), 'My treating providers (general designation)');
    await user.click(
      within(screen.getByRole('group', { name: 'What information' })).getByLabelText('Medications, including medications for OUD'),
    );
    await user.type(screen.getByLabelText('The information, in the person’s words'), 'My medications for OUD.');
    await user.selectOptions(screen.getByLabelText('The consent ends'), 'When something happens');
    await user.click(screen.getByRole('button', { name: 'Save draft and continue to signing' }));

    const document = await screen.findByRole('article');
    expect(within(document).getByText(/may share my information again as HIPAA allows/)).toBeTruthy();
    expect(within(document).getByText(/in a civil, criminal, administrative or legislative proceeding against me/)).toBeTruthy();
    expect(within(document).getByText(/My treating providers: organizations in the care network/)).toBeTruthy();
    expect(client.registry.consents[0]).toMatchObject({
      type: 'tpo',
      recipients: { type: 'treating_providers' },
      expiryEvent: 'end_of_treatment',
      expiresOn: null,
    });
  }, 20_000);

  it('keeps counseling notes in a consent of their own', async () => {
    const { client, person } = aPersonWithHousingOnTheCareTeam();
    const { user } = renderApp(client, `/people/${person.id}/consents/new`);
    const kinds = () => screen.getByRole('group', { name: 'What information' });
    await screen.findByRole('heading', { level: 1, name: 'New consent' });
    expect(within(kinds()).queryByLabelText('Substance use counseling notes')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Kind of consent'), 'Counseling notes only');
    expect(
      within(kinds())
        .getAllByRole('checkbox')
        .map((box) => box.getAttribute('value')),
    ).toEqual(['counseling_notes']);
    expect((within(kinds()).getByLabelText('Substance use counseling notes') as HTMLInputElement).checked).toBe(true);
  });

  it('names the missing elements in the error summary and saves nothing', async () => {
    const { client, person } = aPersonWithHousingOnTheCareTeam();
    const { user } = renderApp(client, `/people/${person.id}/consents/new`);
    await user.click(await screen.findByRole('button', { name: 'Save draft and continue to signing' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Who may receive it:/ })).toBeTruthy();
    expect(client.registry.consents).toHaveLength(0);

    await user.click(
      within(screen.getByRole('group', { name: 'Organizations that may receive the information' })).getByLabelText(
        'Anchor House Recovery Residences',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Save draft and continue to signing' }));
    const serverSummary = await screen.findByRole('alert');
    expect(within(serverSummary).getByRole('link', { name: /^What information:/ })).toBeTruthy();
    expect(within(serverSummary).getByRole('link', { name: /^The information, in the person’s words:/ })).toBeTruthy();
    expect(within(serverSummary).getByRole('link', { name: /^When the consent ends:/ })).toBeTruthy();
    expect(client.registry.consents).toHaveLength(0);
  });

  it('revokes a signed consent with the method, and keeps the history', async () => {
    const { client, housing, person } = aPersonWithHousingOnTheCareTeam();
    const consent = client.registry.addSignedConsent(person, housing);
    const { user } = renderApp(client, `/consents/${consent.id}`);
    await user.click(await screen.findByRole('button', { name: 'Revoke consent' }));
    expect(screen.getByText(/Information already shared while it was in effect cannot be taken back/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('How the person revoked'), 'Electronically');
    await user.type(screen.getByRole('textbox', { name: /^Note/ }), 'Asked by text message');
    await user.click(within(screen.getByRole('form', { name: 'Revoke consent' })).getByRole('button', { name: 'Revoke consent' }));

    expect(await screen.findByText('Consent revoked. Nothing more is shared under it.')).toBeTruthy();
    expect(within(screen.getByRole('article')).getByText(/^Revoked on /)).toBeTruthy();
    const history = screen.getByRole('region', { name: 'History' });
    expect(history.textContent).toContain('Revoked by Dana Lee: Asked by text message');
    expect(client.registry.consents[0]).toMatchObject({ status: 'revoked', revocationMethod: 'electronic' });
    expect(screen.queryByRole('button', { name: 'Revoke consent' })).toBeNull();
  });

  it('ends a consent when its end event is recorded', async () => {
    const { client, housing, person } = aPersonWithHousingOnTheCareTeam();
    const consent = client.registry.addSignedConsent(person, housing, { expiresOn: null, expiryEvent: 'end_of_treatment' });
    const { user } = renderApp(client, `/consents/${consent.id}`);
    await user.click(await screen.findByRole('button', { name: 'Record the end event' }));
    expect(screen.getByText(/The consent ends when my treatment ends/)).toBeTruthy();
    await user.clear(screen.getByLabelText('Date it happened'));
    await user.type(screen.getByLabelText('Date it happened'), '2026-03-01');
    await user.click(screen.getByRole('button', { name: 'End the consent' }));
    expect(await screen.findByText('Consent ended. Nothing more is shared under it.')).toBeTruthy();
    expect(client.registry.consents[0]).toMatchObject({ status: 'expired', expiredAt: '2026-03-01T00:00:00.000Z' });
    // The page reloads the consent after the message: the revoke button goes once it has.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke consent' })).toBeNull());
  });

  it('edits a draft, and the form follows the language chosen', async () => {
    const { client, housing, person } = aPersonWithHousingOnTheCareTeam();
    const consent = client.registry.addSignedConsent(person, housing, {
      status: 'draft',
      signedAt: null,
      signerName: null,
      signatureMethod: null,
      signerRelationship: null,
    });
    const { user } = renderApp(client, `/consents/${consent.id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit draft' }));
    await user.selectOptions(screen.getByLabelText('Language of the form'), 'Español (Spanish)');
    expect(screen.getByRole('heading', { name: '7. Mi derecho a revocar (cancelar) este consentimiento' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Draft saved.')).toBeTruthy();
    expect(screen.getByRole('article').getAttribute('lang')).toBe('es');
    expect(within(screen.getByRole('article')).getByText('Todavía sin firmar', { exact: false })).toBeTruthy();
    expect(client.registry.consents[0]?.language).toBe('es');
  });

  it('names the organizations that may disclose when the person limits who shares', async () => {
    const { client, housing, person, healthDepartment } = aPersonWithHousingOnTheCareTeam();
    const { user } = renderApp(client, `/people/${person.id}/consents/new`);
    await user.selectOptions(await screen.findByLabelText('Who may share the information'), 'Only the organizations chosen below');
    await user.click(within(screen.getByRole('group', { name: 'Organizations that may share' })).getByLabelText(healthDepartment.name));
    await user.click(
      within(screen.getByRole('group', { name: 'Organizations that may receive the information' })).getByLabelText(housing.name),
    );
    await user.click(within(screen.getByRole('group', { name: 'What information' })).getByLabelText('Referrals and appointments'));
    await user.type(screen.getByLabelText('The information, in the person’s words'), 'My housing referral and appointments.');
    await user.type(screen.getByLabelText('End date'), '2026-09-30');
    await user.click(screen.getByRole('button', { name: 'Save draft and continue to signing' }));

    const document = await screen.findByRole('article');
    const disclosers = within(document).getByRole('heading', { name: '2. Who may share my information' }).parentElement as HTMLElement;
    expect(within(disclosers).getByRole('listitem').textContent).toBe(healthDepartment.name);
    expect(client.registry.consents[0]?.disclosers).toEqual({ type: 'organizations', organizationIds: [healthDepartment.id] });
  }, 20_000);
});
