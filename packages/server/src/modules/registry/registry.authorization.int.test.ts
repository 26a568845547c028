import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '@continuum/contracts';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';

/*
 * The authorization matrix: every person-level endpoint × every role × every consent state. The
 * expected outcome comes from the rules as written in docs/privacy.md (an oracle below), not from
 * the code under test: person-level reads for clinicians, navigators, partner staff and privacy
 * officers of an organization on the care team; Part 2 entries only under a signed, unexpired,
 * unrevoked consent; the accounting for privacy officers; emergency access for clinicians.
 */

const consentStates = ['none', 'draft', 'signed', 'revoked', 'past_expiry'] as const;
// Family names that neither start alike nor sound alike, so each search finds one person.
const familyNames = ['Ashford', 'Brennan', 'Castillo', 'Dunmore', 'Ellsworth'];
type ConsentState = (typeof consentStates)[number];

const READ_ROLES: Role[] = ['clinician', 'care_navigator', 'partner_staff', 'privacy_officer'];
const oracle = {
  seesPerson: (role: Role) => READ_ROLES.includes(role),
  seesPart2Note: (role: Role, state: ConsentState) => READ_ROLES.includes(role) && state === 'signed',
  readsAccounting: (role: Role) => role === 'privacy_officer',
  addsEvents: (role: Role) => ['clinician', 'care_navigator', 'partner_staff'].includes(role),
  writesConsents: (role: Role) => ['clinician', 'care_navigator', 'privacy_officer'].includes(role),
  breaksGlass: (role: Role) => role === 'clinician',
};

let t: TestApp;
const people = new Map<ConsentState, string>();
const callers = new Map<Role, SignedIn>();

beforeAll(async () => {
  t = await buildTestApp();
  const otp = await createTestOrganization(t.db, t.clock, { type: 'opioid_treatment_program' });
  const ed = await createTestOrganization(t.db, t.clock, { type: 'emergency_department' });
  const navUser = await createTestUser(t.db, t.clock, { organizationId: otp.id, roles: ['care_navigator'] });
  const nav = await signIn(t.app, navUser.email);
  // The program's privacy officer approves the ED's care-team link (another organization's link is pending until then).
  const privacyUser = await createTestUser(t.db, t.clock, { organizationId: otp.id, roles: ['privacy_officer'] });
  const privacy = await signIn(t.app, privacyUser.email);
  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: nav.headers, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  for (const [i, state] of consentStates.entries()) {
    const { id } = await post('/api/people', {
      givenName: 'Matrix',
      familyName: familyNames[i],
      birthDate: `1980-01-0${i + 1}`,
      sex: 'unknown',
      confirmNoDuplicate: true,
    });
    people.set(state, id);
    const link = await post(`/api/people/${id}/care-team`, { organizationId: ed.id, role: 'emergency_department' });
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/people/${id}/care-team/${link.id}/approve`,
      headers: privacy.headers,
    });
    if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
    await post(`/api/people/${id}/events`, { kind: 'sud_treatment', type: 'moud_start', title: 'Methadone dose 60 mg' });
    if (state === 'none') continue;
    const consent = await post(`/api/people/${id}/consents`, {
      type: 'standard',
      disclosers: { type: 'any_network_provider' },
      recipients: { type: 'treating_providers' },
      purposes: ['treatment'],
      kinds: ['sud_treatment'],
      informationDescription: 'My methadone treatment record',
      expiresOn: '2026-12-31',
    });
    if (state === 'draft') continue;
    await post(`/api/consents/${consent.id}/sign`, { signerName: 'Matrix Person', signatureMethod: 'attested', acknowledged: true });
    if (state === 'revoked') await post(`/api/consents/${consent.id}/revoke`, { method: 'written' });
    // A signed consent whose date has passed before the expiry job ran: reads must treat it as expired.
    if (state === 'past_expiry')
      await t.db.updateTable('consents').set({ expires_on: '2026-01-01' }).where('id', '=', consent.id).execute();
  }
  for (const role of roles) {
    const u = await createTestUser(t.db, t.clock, { organizationId: ed.id, roles: [role] });
    callers.set(role, await signIn(t.app, u.email));
  }
});
afterAll(async () => t?.close());

const combos = roles.flatMap((role) => consentStates.map((state) => ({ role, state })));

describe('person-level endpoints × role × consent state', () => {
  it.each(combos)('$role, consent $state', async ({ role, state }) => {
    const who = callers.get(role)!;
    const id = people.get(state)!;
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
    const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
    const sees = oracle.seesPerson(role);

    expect((await get(`/api/people/${id}`)).statusCode).toBe(sees ? 200 : 404);
    expect((await get(`/fhir/R4/Patient/${id}`)).statusCode).toBe(sees ? 200 : 404);
    expect((await get(`/api/people/${id}/consents`)).statusCode).toBe(sees ? 200 : 404);
    expect((await get(`/fhir/R4/Consent?patient=Patient/${id}`)).statusCode).toBe(sees ? 200 : 404);

    const search = (await get(`/api/people?q=${encodeURIComponent(familyNames[consentStates.indexOf(state)]!)}`)).json();
    expect(search.items.map((p: { id: string }) => p.id)).toEqual(sees ? [id] : []);
    const fhirSearch = (await get(`/fhir/R4/Patient?birthdate=1980-01-0${consentStates.indexOf(state) + 1}`)).json();
    expect(fhirSearch.total).toBe(sees ? 1 : 0);

    const timeline = await get(`/api/people/${id}/timeline`);
    expect(timeline.statusCode).toBe(sees ? 200 : 404);
    if (sees) {
      const body = timeline.json();
      const shown = oracle.seesPart2Note(role, state);
      // Notes the caller's own organization added in earlier rows stay visible; the Part 2 entry is the question.
      expect(body.entries.map((e: { title: string }) => e.title).includes('Methadone dose 60 mg')).toBe(shown);
      expect(body.restricted.map((r: { kind: string }) => r.kind)).toEqual(shown ? [] : ['sud_treatment']);
      expect(body.redisclosureNotice !== null).toBe(shown);
    }

    const accounting = await get(`/api/people/${id}/disclosures`);
    expect(accounting.statusCode).toBe(oracle.readsAccounting(role) ? 200 : 403);

    const event = await post(`/api/people/${id}/events`, { kind: 'notes', type: 'note', title: 'Called, left message' });
    expect(event.statusCode).toBe(oracle.addsEvents(role) ? 201 : 403);
    const consent = await post(`/api/people/${id}/consents`, {
      type: 'tpo',
      disclosers: { type: 'any_network_provider' },
      recipients: { type: 'treating_providers' },
      purposes: ['treatment', 'payment', 'operations'],
      kinds: ['sud_treatment'],
      informationDescription: 'My treatment records for my care',
      expiryEvent: 'end_of_treatment',
    });
    expect(consent.statusCode).toBe(oracle.writesConsents(role) ? 201 : 403);
    const glass = await post(`/api/people/${id}/break-glass`, { reason: 'Unresponsive in the emergency department' });
    expect(glass.statusCode).toBe(oracle.breaksGlass(role) ? 201 : 403);
  });
});
