import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkItem, LinkQueue, Timeline } from '@continuum/contracts';
import { systemAccess } from '../../core/access-context.ts';
import { createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { recomputeNow } from '../learning/index.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { indexChangedPeople } from './person-index.ts';
import { LOWER_THRESHOLD, UPPER_THRESHOLD } from './scoring.ts';
import { PART2_LABEL } from './review.ts';

/*
 * The network person index end to end: an emergency department (A) and an opioid treatment program
 * (B, a Part 2 program) each register the same person; the index links them; the learning measures
 * follow the link; the ED still sees nothing of the OTP's records without a consent naming it; an
 * uncertain pair waits in the privacy officer's queue; the duplicate check answers across the network
 * without saying who.
 */

let t: TestApp;
let ed: { id: string };
let otp: { id: string };
type Who = Awaited<ReturnType<typeof signedInAs>>;
let edClinician: Who;
let otpClinician: Who;
let edPrivacy: Who;
let admin: Who;
let rosaEd: string;
let rosaOtp: string;
const system = systemAccess('test: person index');

const get = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const post = (who: Who, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
const rosa = { givenName: 'Rosa', familyName: 'Delgado', birthDate: '1990-04-12', sex: 'female' as const, phone: '541-555-0199' };

async function mergedInto(id: string) {
  return (await t.db.selectFrom('people').select('merged_into_id').where('id', '=', id).executeTakeFirstOrThrow()).merged_into_id;
}
async function identityOf(personId: string) {
  return (await t.db.selectFrom('source_records').select('identity_id').where('person_id', '=', personId).executeTakeFirstOrThrow())
    .identity_id;
}
async function conversion(runId: string) {
  const rows = await t.db
    .selectFrom('learning_results')
    .select(['numerator', 'denominator'])
    .where('run_id', '=', runId)
    .where('measure_id', '=', 'ed_moud_conversion_7')
    .where('scope', '=', 'network')
    .where('dimension', '=', 'all')
    .execute();
  return rows.reduce((s, r) => ({ numerator: s.numerator + r.numerator, denominator: s.denominator + r.denominator }), {
    numerator: 0,
    denominator: 0,
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-03-20T12:00:00Z'));
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  edClinician = await signedInAs(t, ['clinician'], { organizationId: ed.id });
  otpClinician = await signedInAs(t, ['clinician'], { organizationId: otp.id });
  edPrivacy = await signedInAs(t, ['privacy_officer'], { organizationId: ed.id });
  admin = await signedInAs(t, ['network_admin'], { organizationId: ed.id });
  rosaEd = (await createTestPerson(t.db, t.clock, ed.id, rosa)).id;
  rosaOtp = (await createTestPerson(t.db, t.clock, otp.id, { ...rosa, phone: null })).id;
  // The ED refers her to MOUD; the OTP starts buprenorphine three days later. Each knows only its own record.
  const r1 = await post(edClinician, '/api/care-events', {
    items: [
      {
        person: { personId: rosaEd },
        event: {
          type: 'referral',
          occurredAt: '2026-03-02T11:00:00Z',
          data: { referralId: '00000000-0000-4000-8000-000000000001', status: 'sent', serviceKind: 'moud' },
          externalId: 'ref-1',
        },
      },
    ],
  });
  expect(r1.statusCode).toBe(200);
  const r2 = await post(otpClinician, '/api/care-events', {
    items: [
      {
        person: { personId: rosaOtp },
        event: {
          type: 'moud_dispense',
          occurredAt: '2026-03-05T15:00:00Z',
          data: { medication: 'buprenorphine', formulation: 'sublingual', daysSupply: 30 },
          externalId: 'disp-1',
        },
      },
    ],
  });
  expect(r2.statusCode).toBe(200);
});

afterAll(async () => {
  await t.close();
});

describe('the network person index', () => {
  it('counts the two records as two people before the link', async () => {
    const before = await recomputeNow(t.db, t.clock, system, { from: '2026-03', to: '2026-03' });
    expect(await conversion(before.runId)).toEqual({ numerator: 0, denominator: 1 });
  });

  it('links two registrations of one person across organizations automatically, with the scores and who decided', async () => {
    const result = await indexChangedPeople(t.db, t.clock, system);
    expect(result).toMatchObject({ indexed: 2, linked: 1 });
    expect(await identityOf(rosaEd)).toBe(await identityOf(rosaOtp));
    // The registry merge follows: one record points at the other (the one indexed first survives).
    const pointers = [await mergedInto(rosaOtp), await mergedInto(rosaEd)];
    expect(pointers.filter((p) => p !== null)).toHaveLength(1);
    expect(pointers.includes(rosaEd) || pointers.includes(rosaOtp)).toBe(true);
    const link = await t.db.selectFrom('person_index_links').selectAll().executeTakeFirstOrThrow();
    expect(link).toMatchObject({ status: 'linked', decided_by: 'auto', decided_by_user_id: null });
    expect(link.probability).toBeGreaterThanOrEqual(UPPER_THRESHOLD);
    expect(link.model_version).toMatch(/^default-[0-9a-f]{8}$/);
    const fields = (link.contributions as { fields: { comparison: string; level: string }[] }).fields;
    expect(fields).toEqual(expect.arrayContaining([expect.objectContaining({ comparison: 'birthDate', level: 'exact' })]));
    const decisions = await t.db.selectFrom('person_index_decisions').select('decision').where('link_id', '=', link.id).execute();
    expect(decisions.map((d) => d.decision)).toEqual(['auto_link']);
    // Running again indexes nothing new and decides nothing twice.
    expect(await indexChangedPeople(t.db, t.clock, system)).toMatchObject({ linked: 0, reviews: 0 });
  });

  it('counts an ED referral at A and a MOUD start at B as one person’s conversion after the link', async () => {
    const after = await recomputeNow(t.db, t.clock, system, { from: '2026-03', to: '2026-03' });
    expect(await conversion(after.runId)).toEqual({ numerator: 1, denominator: 1 });
  });

  it('never widens access: the ED sees none of the OTP’s records after the link until a consent names it', async () => {
    const hidden = (await get(edClinician, `/api/people/${rosaEd}/timeline`)).json() as Timeline;
    expect(hidden.entries.map((e) => e.title)).toEqual([expect.stringMatching(/referral/i)]);
    expect(hidden.entries.some((e) => e.sourceOrganizationName === 'Tidewater Treatment')).toBe(false);
    await t.db
      .insertInto('consents')
      .values({
        person_id: rosaEd,
        person_name: 'Rosa Delgado',
        type: 'standard',
        status: 'signed',
        disclosers: JSON.stringify({ type: 'organizations', organizationIds: [otp.id] }),
        recipients: JSON.stringify({ type: 'organizations', organizationIds: [ed.id] }),
        purposes: ['treatment'],
        kinds: ['medications', 'sud_treatment'],
        information_description: 'My medications',
        language: 'en',
        expires_on: '2027-12-31',
        expiry_event: null,
        signed_at: t.clock.now(),
        created_by_organization_id: otp.id,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    const shown = (await get(edClinician, `/api/people/${rosaEd}/timeline`)).json() as Timeline;
    expect(shown.entries.some((e) => e.sourceOrganizationName === 'Tidewater Treatment' && e.basis === 'consent')).toBe(true);
  });

  let reviewId: string;
  it('puts an uncertain pair in the review queue, each side only as far as the reviewer may see it', async () => {
    // The same family name and birth date, a different given name sound and no shared contact: uncertain.
    const edMarcus = (
      await createTestPerson(t.db, t.clock, ed.id, { givenName: 'Marcus', familyName: 'Okafor', birthDate: '1979-11-02', sex: 'male' })
    ).id;
    await createTestPerson(t.db, t.clock, otp.id, { givenName: 'Mark', familyName: 'Okafor', birthDate: '1979-11-20', sex: 'male' });
    const result = await indexChangedPeople(t.db, t.clock, system);
    expect(result).toMatchObject({ linked: 0, reviews: 1 });
    const forbidden = await get(edClinician, '/api/person-index/links');
    expect(forbidden.statusCode).toBe(403);
    const queue = (await get(edPrivacy, '/api/person-index/links')).json() as LinkQueue;
    expect(queue.items).toHaveLength(1);
    const item = queue.items[0]!;
    reviewId = item.id;
    expect(item.probability).toBeGreaterThanOrEqual(LOWER_THRESHOLD);
    expect(item.probability).toBeLessThan(UPPER_THRESHOLD);
    const sides = [item.left, item.right];
    expect(sides.find((s) => s.person !== null)!.person).toMatchObject({ id: edMarcus, givenName: 'Marcus' });
    // The OTP's record: only "a record at a Part 2 program".
    expect(sides.find((s) => s.person === null)).toEqual({ person: null, label: PART2_LABEL, sourceSystem: 'continuum-registry' });
    expect(JSON.stringify(item)).not.toContain('Mark"');
    // The waterfall adds up to the weight.
    const sum = item.contributions.reduce((s, c) => s + c.weight, item.prior);
    expect(sum).toBeCloseTo(item.weight, 6);
    // A network administrator sees the pair too, but no person behind either side.
    const adminView = (await get(admin, `/api/person-index/links/${reviewId}`)).json() as LinkItem;
    expect(adminView.left.person).toBeNull();
    expect(adminView.right.person).toBeNull();
  });

  it('accepts, then unlinks exactly, with every decision audited', async () => {
    const bad = await post(edPrivacy, `/api/person-index/links/${reviewId}/decision`, { decision: 'maybe' });
    expect(bad.statusCode).toBe(400);
    const notSure = await post(edPrivacy, `/api/person-index/links/${reviewId}/decision`, { decision: 'not_sure' });
    expect(notSure.json()).toMatchObject({ status: 'not_sure', decidedBy: 'reviewer' });
    const accepted = await post(edPrivacy, `/api/person-index/links/${reviewId}/decision`, {
      decision: 'accept',
      reason: 'Same person per intake call',
    });
    expect(accepted.json()).toMatchObject({ status: 'linked' });
    const link = await t.db.selectFrom('person_index_links').selectAll().where('id', '=', reviewId).executeTakeFirstOrThrow();
    const [a, b] = await t.db
      .selectFrom('source_records')
      .select(['identity_id', 'person_id'])
      .where('id', 'in', [link.record_id, link.candidate_id])
      .execute();
    expect(a!.identity_id).toBe(b!.identity_id);
    expect(link.merge_id).not.toBeNull();
    const again = await post(edPrivacy, `/api/person-index/links/${reviewId}/decision`, { decision: 'reject' });
    expect(again.statusCode).toBe(409);

    const undone = await post(edPrivacy, `/api/person-index/links/${reviewId}/unlink`, { reason: 'Intake call was about a relative' });
    expect(undone.json()).toMatchObject({ status: 'unlinked' });
    const [c, d] = await t.db
      .selectFrom('source_records')
      .select(['identity_id', 'person_id'])
      .where('id', 'in', [link.record_id, link.candidate_id])
      .execute();
    expect(c!.identity_id).not.toBe(d!.identity_id);
    expect(await mergedInto(a!.person_id!)).toBeNull();
    expect(await mergedInto(b!.person_id!)).toBeNull();
    const decisions = await t.db
      .selectFrom('person_index_decisions')
      .select(['decision', 'decided_by'])
      .where('link_id', '=', reviewId)
      .orderBy('decided_at')
      .orderBy('decision')
      .execute();
    expect(decisions.map((x) => x.decision).sort()).toEqual(['accept', 'not_sure', 'review', 'unlink']);
    // The pair carries its history in the order it happened (the clock stood still), with the reasons.
    const history = (undone.json() as LinkItem).history;
    expect(history.map((h) => [h.decision, h.decidedBy, h.reason])).toEqual([
      ['review', 'auto', null],
      ['not_sure', 'reviewer', null],
      ['accept', 'reviewer', 'Same person per intake call'],
      ['unlink', 'reviewer', 'Intake call was about a relative'],
    ]);
    // The merge history: the undone merge is listed as unlinked, no longer as linked.
    const unlinked = (await get(edPrivacy, '/api/person-index/links?status=unlinked')).json() as LinkQueue;
    expect(unlinked.items.map((i) => i.id)).toEqual([reviewId]);
    const linked = (await get(edPrivacy, '/api/person-index/links?status=linked')).json() as LinkQueue;
    expect(linked.items.map((i) => i.id)).not.toContain(reviewId);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', reviewId).execute();
    expect(audit.map((x) => x.action).sort()).toEqual(['person-index.accept', 'person-index.not-sure', 'person-index.unlink']);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    // An unlinked pair is not proposed again.
    expect(await indexChangedPeople(t.db, t.clock, system)).toMatchObject({ linked: 0, reviews: 0 });
  });

  it('answers the duplicate check across the network without revealing who', async () => {
    // Someone only the OTP knows.
    await createTestPerson(t.db, t.clock, otp.id, {
      givenName: 'Dana',
      familyName: 'Whitfield',
      birthDate: '1985-07-30',
      sex: 'female',
      phone: '541-555-0142',
    });
    await indexChangedPeople(t.db, t.clock, system);
    const hidden = await post(edClinician, '/api/people/duplicate-check', {
      givenName: 'Dana',
      familyName: 'Whitfield',
      birthDate: '1985-07-30',
      phone: '541-555-0142',
    });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json()).toEqual({ candidates: [], possibleMatchElsewhere: true });
    // Someone the ED registered: shown as today.
    const visible = await post(edClinician, '/api/people/duplicate-check', {
      givenName: 'Marcus',
      familyName: 'Okafor',
      birthDate: '1979-11-02',
    });
    const body = visible.json() as { candidates: { person: { givenName: string } }[]; possibleMatchElsewhere: boolean };
    expect(body.candidates.map((c) => c.person.givenName)).toContain('Marcus');
    // No match anywhere: nothing.
    const none = await post(edClinician, '/api/people/duplicate-check', {
      givenName: 'Quentin',
      familyName: 'Zabriskie',
      birthDate: '1960-01-01',
    });
    expect(none.json()).toEqual({ candidates: [], possibleMatchElsewhere: false });
  });
});
