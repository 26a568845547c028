import { sql } from 'kysely';
import { systemClock } from '../../packages/server/src/clock.ts';
import type { Db } from '../../packages/server/src/db/database.ts';
import { createFixtureService } from '../../packages/server/src/modules/directory/directory.fixtures.ts';
import { systemAccess } from '../../packages/server/src/core/access-context.ts';
import { insertPathway } from '../../packages/server/src/modules/referrals/pathways.ts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../packages/server/src/test-support/factories.ts';

/*
 * The referrals benchmark's network: an emergency department sending to a treatment program over
 * one pathway, the people it refers (with consents captured over the API), and the open referrals
 * the read cells run against.
 */

/** People the send cell cycles through. */
const PEOPLE = 64;

export async function setup(db: Db) {
  const clock = systemClock;
  const ed = await createTestOrganization(db, clock, { name: 'Bench Emergency Department', type: 'emergency_department' });
  const otp = await createTestOrganization(db, clock, { name: 'Bench Treatment Program', type: 'opioid_treatment_program' });
  const sender = await createTestUser(db, clock, { organizationId: ed.id, roles: ['clinician'], displayName: 'Bench Sender' });
  const receiver = await createTestUser(db, clock, { organizationId: otp.id, roles: ['clinician'], displayName: 'Bench Receiver' });
  const { service, location } = await createFixtureService(db, clock, {
    name: 'Bench buprenorphine clinic',
    at: { latitude: 45.5, longitude: -122.6 },
    codes: ['BU', 'OP'],
    memberOrganizationId: otp.id,
  });
  const pathwayId = await db.transaction().execute((trx) =>
    insertPathway(trx, clock, systemAccess('benchmark'), {
      name: 'Bench ED to OTP',
      description: null,
      referrerOrganizationTypes: ['emergency_department'],
      referrerOrganizationIds: [],
      receiverOrganizationId: otp.id,
      serviceIds: [service.id],
      inclusionCriteria: [{ key: 'oud', text: 'OUD' }],
      exclusionCriteria: [],
      requiredFields: [{ key: 'last_use', label: 'Last use', type: 'date' }],
      requiredDocuments: [],
      ackHours: 24,
      firstContactDays: 3,
      warmHandoffExpected: false,
      receiverContact: { name: 'Intake' },
      activeFrom: '2000-01-01',
      activeUntil: null,
    }),
  );
  const people: string[] = [];
  for (let i = 0; i < PEOPLE; i++) people.push((await createTestPerson(db, clock, ed.id, { givenName: `Bench${i}` })).id);
  return { ed, otp, sender, receiver, service, location, pathwayId, people };
}

export type Setup = Awaited<ReturnType<typeof setup>>;

/** Signed consents naming the receiver, one per person, over the API (as a clinic would capture them). */
export async function captureConsents(baseUrl: string, s: Setup, headers: Record<string, string>) {
  for (const personId of s.people) {
    const post = async (url: string, body: unknown) => {
      const r = await fetch(`${baseUrl}${url}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (r.status >= 300) throw new Error(`${url}: ${r.status} ${await r.text()}`);
      return (await r.json()) as { id: string };
    };
    const consent = await post(`/api/people/${personId}/consents`, {
      type: 'standard',
      disclosers: { type: 'organizations', organizationIds: [s.ed.id] },
      recipients: { type: 'organizations', organizationIds: [s.otp.id] },
      purposes: ['treatment'],
      kinds: ['referrals'],
      informationDescription: 'My referral for treatment',
      expiresOn: '2099-12-31',
    });
    await post(`/api/consents/${consent.id}/sign`, { signerName: 'Bench Person', signatureMethod: 'attested', acknowledged: true });
  }
}

/** `open` open referrals spread over 40 receiving organizations (the bench program is one), set-based. */
export async function seedOpenReferrals(db: Db, s: Setup, open: number): Promise<void> {
  const receivers = [s.otp.id];
  for (let i = 1; i < 40; i++)
    receivers.push((await createTestOrganization(db, systemClock, { name: `Bench Receiver ${i}`, type: 'behavioral_health' })).id);
  const people = s.people;
  for (let from = 0; from < open; from += 25_000) {
    const to = Math.min(open, from + 25_000);
    await sql`
      insert into referrals (person_id, pathway_id, pathway_version, service_id, service_kind, sender_organization_id, receiver_organization_id, reason, urgency, purpose,
        consent_id, sensitivity, status, ack_due_at, first_contact_due_at, appointment_at, next_deadline_at, created_at, updated_at)
      select (${people}::uuid[])[1 + g % ${people.length}], ${s.pathwayId}, 1, ${s.service.id}, 'moud', ${s.ed.id},
        (${receivers}::uuid[])[1 + g % 40], 'Bench referral', 'routine', 'treatment', null, 'normal',
        (array['requested','received','accepted','scheduled'])[1 + (g / 40) % 4],
        now() - interval '30 days' + (g % 2880) * interval '30 minutes', now() + (g % 200) * interval '1 hour',
        case when (g / 40) % 4 = 3 then now() + (g % 100) * interval '1 hour' else null end,
        case (g / 40) % 4 when 0 then now() - interval '30 days' + (g % 2880) * interval '30 minutes'
          when 3 then now() + (g % 100) * interval '1 hour' + interval '24 hours'
          else now() + (g % 200) * interval '1 hour' end,
        now() - interval '31 days', now() - interval '31 days'
      from generate_series(${from + 1}::int, ${to}::int) g`.execute(db);
  }
  await sql`analyze referrals`.execute(db);
}
