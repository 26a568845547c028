import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consent, PersonDetail, Timeline } from '@continuum/contracts';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { verifyAuditChain } from '../audit/audit.ts';
import { readPersonDetail } from './chokepoint.ts';
import { readContext } from './people.ts';
import { HOUR_MS } from '@continuum/contracts';

let t: TestApp;
let otp: { id: string };
let ed: { id: string };
let housing: { id: string };
let navigator: SignedIn & { userId: string };
let clinician: SignedIn & { userId: string };
let partner: SignedIn & { userId: string };
let analyst: SignedIn & { userId: string };
let otpPrivacy: SignedIn & { userId: string };
let edPrivacy: SignedIn & { userId: string };
let personId: string;

const emails = new Map<string, string>();
async function user(orgId: string, roles: Parameters<typeof createTestUser>[2]['roles']) {
  const u = await createTestUser(t.db, t.clock, { organizationId: orgId, roles, displayName: `Staff ${roles.join('+')}` });
  emails.set(u.id, u.email);
  return { ...(await signIn(t.app, u.email)), userId: u.id };
}
/** Sessions expire when the clock jumps hours ahead: sign everyone in again. */
async function signInAgain() {
  const again = async (who: SignedIn & { userId: string }) => ({ ...(await signIn(t.app, emails.get(who.userId)!)), userId: who.userId });
  navigator = await again(navigator);
  clinician = await again(clinician);
  otpPrivacy = await again(otpPrivacy);
  edPrivacy = await again(edPrivacy);
}

const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const post = (who: SignedIn, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });

const registration = {
  givenName: 'Rosa',
  familyName: 'Delgado',
  birthDate: '1990-04-12',
  sex: 'female',
  phone: '541-555-0199',
  address: { line1: '12 Pier Rd', postalCode: '97101' },
  identifier: { kind: 'mrn', value: 'OTP-1001' },
};

beforeAll(async () => {
  t = await buildTestApp();
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  housing = await createTestOrganization(t.db, t.clock, { name: 'Anchor House', type: 'recovery_housing' });
  navigator = await user(otp.id, ['care_navigator']);
  clinician = await user(ed.id, ['clinician']);
  partner = await user(housing.id, ['partner_staff']);
  analyst = await user(otp.id, ['analyst']);
  otpPrivacy = await user(otp.id, ['privacy_officer']);
  edPrivacy = await user(ed.id, ['privacy_officer']);
});
afterAll(async () => t?.close());

describe('registration and the duplicate check', () => {
  it('registers a new person', async () => {
    const check = await post(navigator, '/api/people/duplicate-check', {
      givenName: 'Rosa',
      familyName: 'Delgado',
      birthDate: '1990-04-12',
    });
    expect(check.statusCode).toBe(200);
    expect(check.json().candidates).toEqual([]);
    const created = await post(navigator, '/api/people', registration);
    expect(created.statusCode).toBe(201);
    personId = created.json().id;
    const detail = (await get(navigator, `/api/people/${personId}`)).json() as PersonDetail;
    expect(detail).toMatchObject({
      givenName: 'Rosa',
      familyName: 'Delgado',
      birthDate: '1990-04-12',
      access: { basis: 'own_organization' },
    });
    expect(detail.identifiers).toEqual([expect.objectContaining({ kind: 'mrn', value: 'OTP-1001' })]);
    expect(detail.addresses[0]).toMatchObject({ line1: '12 Pier Rd', current: true });
  });

  it('shows likely duplicates (sound-alike name, transposed date) and refuses to register without confirmation', async () => {
    const check = await post(navigator, '/api/people/duplicate-check', {
      givenName: 'Roza',
      familyName: 'Delgadoh',
      birthDate: '1990-12-04',
    });
    expect(check.json().candidates).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ id: personId }),
        reasons: expect.arrayContaining(['birth_date_transposed']),
      }),
    ]);
    const refused = await post(navigator, '/api/people', { ...registration, givenName: 'Roza', identifier: null });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('POSSIBLE_DUPLICATE');
    expect(refused.json().error.message).not.toContain('Delgado');
  });

  it('never shows a candidate the caller may not see', async () => {
    const check = await post(clinician, '/api/people/duplicate-check', {
      givenName: 'Rosa',
      familyName: 'Delgado',
      birthDate: '1990-04-12',
    });
    expect(check.json().candidates).toEqual([]);
  });

  it('answers bad input with 400 naming the field and stores nothing', async () => {
    const before = await t.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await post(navigator, '/api/people', { ...registration, birthDate: '1990-13-45', confirmNoDuplicate: true });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details.fields)).toContain('birthDate');
    const after = await t.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('consent governs what partners see', () => {
  let consent: Consent;

  it('hides the person from an organization with no relationship, exactly like a person who does not exist', async () => {
    const seen = await get(clinician, `/api/people/${personId}`);
    const missing = await get(clinician, '/api/people/00000000-0000-4000-8000-000000000000');
    expect(seen.statusCode).toBe(404);
    expect(seen.json().error.code).toBe(missing.json().error.code);
    expect(seen.json().error.message).toBe(missing.json().error.message);
    const search = await get(clinician, '/api/people?q=Delgado');
    expect(search.json()).toEqual({ items: [], hasMore: false });
  });

  it('shows a care-team partner the person, with Part 2 entries restricted — consent needed', async () => {
    const added = await post(navigator, `/api/people/${personId}/care-team`, { organizationId: ed.id, role: 'emergency_department' });
    expect(added.statusCode).toBe(201);
    // Another organization's link counts once the adding organization's privacy officer approves it (care-team.int.test.ts).
    expect((await get(clinician, `/api/people/${personId}`)).statusCode).toBe(404);
    expect((await post(otpPrivacy, `/api/people/${personId}/care-team/${added.json().id}/approve`, {})).statusCode).toBe(200);
    const note = await post(navigator, `/api/people/${personId}/events`, {
      kind: 'notes',
      type: 'note',
      title: 'Started buprenorphine; doing well',
    });
    expect(note.statusCode).toBe(201);
    expect((await get(clinician, `/api/people/${personId}`)).statusCode).toBe(200);
    const search = await get(clinician, '/api/people?q=delg');
    expect(search.json().items.map((p: { id: string }) => p.id)).toEqual([personId]);
    expect((await get(clinician, '/api/people?q=delg&offset=1')).json()).toEqual({ items: [], hasMore: false });
    const timeline = (await get(clinician, `/api/people/${personId}/timeline`)).json() as Timeline;
    expect(timeline.entries).toEqual([]);
    expect(timeline.restricted).toEqual([{ kind: 'notes', count: 1, reason: 'NO_CONSENT', message: 'Restricted — consent needed.' }]);
    expect(timeline.redisclosureNotice).toBeNull();
  });

  it('captures a consent: draft, then signed, and the partner sees the note with the 2.32 notice', async () => {
    const draft = await post(navigator, `/api/people/${personId}/consents`, {
      type: 'standard',
      disclosers: { type: 'organizations', organizationIds: [otp.id] },
      recipients: { type: 'organizations', organizationIds: [ed.id] },
      purposes: ['treatment'],
      kinds: ['notes', 'sud_treatment'],
      informationDescription: 'My treatment notes and my substance use treatment record',
      expiresOn: '2027-01-31',
      language: 'es',
    });
    expect(draft.statusCode).toBe(201);
    consent = draft.json();
    expect(consent.status).toBe('draft');
    const stillRestricted = (await get(clinician, `/api/people/${personId}/timeline`)).json() as Timeline;
    expect(stillRestricted.entries).toEqual([]);

    const signed = await post(navigator, `/api/consents/${consent.id}/sign`, {
      signerName: 'Rosa Delgado',
      signatureMethod: 'attested',
      acknowledged: true,
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signerName: 'Rosa Delgado' });
    expect(signed.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['draft', 'signed']);

    const before = await t.db
      .selectFrom('disclosures')
      .selectAll()
      .where('person_id', '=', personId)
      .where('basis', '=', 'consent')
      .execute();
    const timeline = (await get(clinician, `/api/people/${personId}/timeline`)).json() as Timeline;
    expect(timeline.entries).toEqual([
      expect.objectContaining({
        title: 'Started buprenorphine; doing well',
        sensitivity: 'part2',
        basis: 'consent',
        sourceOrganizationName: 'Tidewater Treatment',
      }),
    ]);
    expect(timeline.restricted).toEqual([]);
    expect(timeline.redisclosureNotice).toContain('42 CFR part 2');
    expect(timeline.consentScopes).toEqual([expect.objectContaining({ consentId: consent.id })]);
    const after = await t.db
      .selectFrom('disclosures')
      .selectAll()
      .where('person_id', '=', personId)
      .where('basis', '=', 'consent')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      consent_id: consent.id,
      recipient_organization_id: ed.id,
      source_organization_id: otp.id,
      kinds: ['notes'],
      record_count: 1,
      purpose: 'treatment',
      recipient_user_id: clinician.userId,
    });
  });

  it('refuses to sign twice, and to revoke a draft', async () => {
    const again = await post(navigator, `/api/consents/${consent.id}/sign`, {
      signerName: 'Rosa Delgado',
      signatureMethod: 'attested',
      acknowledged: true,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONSENT_STATE_INVALID');
  });

  it('a purpose the consent does not cover stays restricted', async () => {
    const timeline = (await get(clinician, `/api/people/${personId}/timeline?purpose=payment`)).json() as Timeline;
    expect(timeline.restricted).toEqual([expect.objectContaining({ kind: 'notes', reason: 'WRONG_PURPOSE' })]);
  });

  it('an organization the consent does not name sees nothing, and a partner never learns the person exists', async () => {
    expect((await get(partner, `/api/people/${personId}`)).statusCode).toBe(404);
  });

  it('revocation takes effect at the next read', async () => {
    const revoked = await post(navigator, `/api/consents/${consent.id}/revoke`, { method: 'written', note: 'Asked in person' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    const timeline = (await get(clinician, `/api/people/${personId}/timeline`)).json() as Timeline;
    expect(timeline.entries).toEqual([]);
    expect(timeline.restricted).toEqual([
      expect.objectContaining({
        kind: 'notes',
        reason: 'CONSENT_REVOKED',
        message: expect.stringContaining('Restricted — consent needed'),
      }),
    ]);
  });

  it('analysts see no person-level data', async () => {
    expect((await get(analyst, `/api/people/${personId}`)).statusCode).toBe(404);
    expect((await get(analyst, '/api/people?q=Delgado')).json().items).toEqual([]);
  });
});

describe('break-glass (42 CFR 2.51)', () => {
  it('gives a clinician time-limited access, recorded, with a review for the privacy officer', async () => {
    const tooShort = await post(clinician, `/api/people/${personId}/break-glass`, { reason: 'urgent' });
    expect(tooShort.statusCode).toBe(400);
    const started = await post(clinician, `/api/people/${personId}/break-glass`, {
      reason: 'Unresponsive after overdose; need MOUD history',
    });
    expect(started.statusCode).toBe(201);
    const timeline = (await get(clinician, `/api/people/${personId}/timeline`)).json() as Timeline;
    expect(timeline.entries).toEqual([expect.objectContaining({ basis: 'break_glass' })]);
    expect(timeline.redisclosureNotice).not.toBeNull();

    const inbox = (await get(edPrivacy, '/api/notifications')).json();
    expect(inbox.items).toEqual([expect.objectContaining({ kind: 'break-glass.review', link: '/privacy/break-glass' })]);
    expect(JSON.stringify(inbox)).not.toContain('Delgado');
    const reviews = await get(edPrivacy, '/api/break-glass?status=open');
    expect(reviews.json().items).toEqual([
      expect.objectContaining({ id: started.json().id, reason: 'Unresponsive after overdose; need MOUD history', recordsViewed: 1 }),
    ]);
    expect((await get(otpPrivacy, '/api/break-glass?status=open')).json().items).toEqual([]);
    expect((await get(clinician, '/api/break-glass')).statusCode).toBe(403);

    t.clock.advance(4 * HOUR_MS + 1000);
    await signInAgain();
    const expired = (await get(clinician, `/api/people/${personId}/timeline`)).json() as Timeline;
    expect(expired.entries).toEqual([]);

    const closed = await post(edPrivacy, `/api/break-glass/${started.json().id}/review`, {
      outcome: 'appropriate',
      note: 'Documented emergency',
    });
    expect(closed.statusCode).toBe(200);
    expect((await get(edPrivacy, '/api/break-glass?status=closed')).json().items[0]).toMatchObject({
      reviewStatus: 'closed',
      reviewOutcome: 'appropriate',
    });
    expect(
      (await post(edPrivacy, `/api/break-glass/${started.json().id}/review`, { outcome: 'appropriate', note: 'again' })).statusCode,
    ).toBe(409);
  });

  it('is for clinicians only', async () => {
    const refused = await post(navigator, `/api/people/${personId}/break-glass`, { reason: 'Unresponsive after overdose; need history' });
    expect(refused.statusCode).toBe(403);
  });
});

describe('accounting of disclosures', () => {
  it('lists every disclosure for the privacy officer, as JSON and CSV', async () => {
    const list = await get(otpPrivacy, `/api/people/${personId}/disclosures`);
    expect(list.statusCode).toBe(200);
    const bases = list.json().items.map((d: { basis: string }) => d.basis);
    expect(bases).toEqual(expect.arrayContaining(['care_team', 'consent', 'break_glass']));
    expect(list.json().items.every((d: { recipientOrganizationName: string }) => d.recipientOrganizationName === 'Harbor General ED')).toBe(
      true,
    );
    const csv = await get(otpPrivacy, `/api/people/${personId}/disclosures.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe(
      'date,recipient_organization,recipient_staff,source_organization,information,records,purpose,basis,consent_id,emergency_access_id,channel',
    );
    expect(csv.body).toContain('Harbor General ED');
    expect((await get(navigator, `/api/people/${personId}/disclosures`)).statusCode).toBe(403);
  });

  it('writes the disclosure in the same transaction as the read', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('disclosures')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const access = {
      actor: { type: 'user' as const, userId: clinician.userId, sessionId: 'x' },
      organizationId: ed.id,
      roles: ['clinician' as const],
      requestId: null,
    };
    await expect(
      t.db.transaction().execute(async (trx) => {
        const detail = await readPersonDetail(trx, readContext(access, t.clock), personId);
        expect(detail.access.basis).toBe('care_team');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count()).toBe(before);
    await t.db.transaction().execute((trx) => readPersonDetail(trx, readContext(access, t.clock), personId));
    expect(await count()).toBe(before + 1);
  });
});

describe('merge and unmerge', () => {
  it('merges two records of one person and undoes it exactly', async () => {
    const second = await post(navigator, '/api/people', {
      givenName: 'Rosie',
      familyName: 'Delgado',
      birthDate: '1990-04-12',
      sex: 'female',
      confirmNoDuplicate: true,
      identifier: { kind: 'other', value: 'X-2' },
    });
    expect(second.statusCode).toBe(201);
    const secondId = second.json().id;
    await post(navigator, `/api/people/${secondId}/events`, { kind: 'screening', type: 'screening', title: 'TAPS positive for opioids' });
    expect(
      (await post(navigator, '/api/people/merge', { survivorId: personId, mergedId: secondId, reason: 'Same person' })).statusCode,
    ).toBe(403);
    const merged = await post(otpPrivacy, '/api/people/merge', {
      survivorId: personId,
      mergedId: secondId,
      reason: 'Same person, confirmed by phone',
    });
    expect(merged.statusCode).toBe(200);
    const detail = (await get(navigator, `/api/people/${secondId}`)).json() as PersonDetail;
    expect(detail.id).toBe(personId);
    expect(detail.mergedFrom).toEqual([expect.objectContaining({ personId: secondId })]);
    const timeline = (await get(navigator, `/api/people/${personId}/timeline`)).json() as Timeline;
    expect(timeline.entries.map((e) => e.title)).toContain('TAPS positive for opioids');
    // A search finds the survivor, never the merged record.
    expect((await get(navigator, '/api/people?q=Rosie')).json().items.map((p: { id: string }) => p.id)).toEqual([personId]);

    const undone = await post(otpPrivacy, `/api/people/merges/${merged.json().mergeId}/unmerge`, { reason: 'Different people after all' });
    expect(undone.statusCode).toBe(200);
    expect(((await get(navigator, `/api/people/${secondId}`)).json() as PersonDetail).id).toBe(secondId);
    const after = (await get(navigator, `/api/people/${personId}/timeline`)).json() as Timeline;
    expect(after.entries.map((e) => e.title)).not.toContain('TAPS positive for opioids');
    expect((await post(otpPrivacy, `/api/people/merges/${merged.json().mergeId}/unmerge`, { reason: 'again' })).statusCode).toBe(409);
  });
});

describe('audit', () => {
  it('audits every change without personal data, and the chain verifies', async () => {
    const events = await t.db.selectFrom('audit_events').select(['action', 'details']).execute();
    const actions = new Set(events.map((e) => e.action));
    for (const a of [
      'person.register',
      'person.care-team.add',
      'person.event.add',
      'consent.create',
      'consent.sign',
      'consent.revoke',
      'break-glass.start',
      'break-glass.review',
      'person.merge',
      'person.unmerge',
    ]) {
      expect(actions).toContain(a);
    }
    const text = JSON.stringify(events);
    for (const secret of ['Delgado', 'Rosa', '1990-04-12', '555-0199', 'OTP-1001', 'Pier Rd', 'overdose'])
      expect(text).not.toContain(secret);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
