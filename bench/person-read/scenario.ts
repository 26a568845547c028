import {
  addCareTeamMemberSchema,
  addTimelineEventSchema,
  createConsentSchema,
  registerPersonSchema,
  signConsentSchema,
  type AddTimelineEvent,
  type ConsentKind,
  type OrganizationType,
  type Role,
  addDays,
  DAY_MS,
  HOUR_MS,
  utcDay,
} from '@continuum/contracts';
import { manualClock, systemClock, type Clock } from '../../packages/server/src/clock.ts';
import type { Db } from '../../packages/server/src/db/database.ts';
import type { AccessContext } from '../../packages/server/src/core/access-context.ts';
import { createConsent, expireDueConsents, revokeConsent, signConsent } from '../../packages/server/src/modules/registry/consents.ts';
import { addCareTeamMember } from '../../packages/server/src/modules/registry/care-team.ts';
import { addTimelineEvent, readContext, registerPerson } from '../../packages/server/src/modules/registry/people.ts';
import { createTestOrganization, createTestUser } from '../../packages/server/src/test-support/factories.ts';
import { ENTRIES } from './model.ts';

/*
 * The person whose timeline is read: four organizations' records, a care team, consents, and the
 * reader whose access comes from one signed consent. Built through the registry's own functions.
 */

/** The organizations whose records make up the timeline, and how many entries each contributes. */
const sources = [
  {
    key: 'otp',
    name: 'Tidewater Treatment',
    type: 'opioid_treatment_program',
    role: 'care_navigator',
    events: 70,
    careTeamRole: 'opioid_treatment_program',
  },
  { key: 'primary', name: 'Harbor Family Medicine', type: 'primary_care', role: 'clinician', events: 60, careTeamRole: 'primary_care' },
  { key: 'housing', name: 'Anchor House', type: 'recovery_housing', role: 'partner_staff', events: 40, careTeamRole: 'case_manager' },
  {
    key: 'bh',
    name: 'Bayside Behavioral Health',
    type: 'behavioral_health',
    role: 'clinician',
    events: 30,
    careTeamRole: 'behavioral_health',
  },
] as const satisfies readonly { key: string; name: string; type: OrganizationType; role: Role; events: number; careTeamRole: string }[];
type SourceKey = (typeof sources)[number]['key'];

/** What each source writes, in turn (kind, type, title, requested sensitivity). Part 2 programs' entries are part2 whatever is asked. */
const entryPatterns: Record<
  SourceKey,
  { kind: ConsentKind; type: AddTimelineEvent['type']; title: string; sensitivity?: 'normal' | 'part2' }[]
> = {
  otp: [
    { kind: 'sud_treatment', type: 'moud_start', title: 'Methadone dose adjusted' },
    { kind: 'medications', type: 'medication', title: 'Take-home doses: 6 days' },
    { kind: 'screening', type: 'screening', title: 'Urine drug test: positive for methadone, negative for fentanyl' },
    { kind: 'notes', type: 'note', title: 'Care coordination note' },
    { kind: 'referrals', type: 'appointment', title: 'Referred for hepatitis C treatment' },
  ],
  primary: [
    { kind: 'screening', type: 'screening', title: 'TAPS screening: positive for opioids' },
    { kind: 'medications', type: 'medication', title: 'Naloxone kit prescribed' },
    { kind: 'referrals', type: 'appointment', title: 'Referral to the opioid treatment program' },
    { kind: 'notes', type: 'note', title: 'Annual physical; blood pressure controlled' },
    { kind: 'overdose_events', type: 'overdose', title: 'Overdose reversed with naloxone; linked to care' },
    { kind: 'sud_treatment', type: 'diagnosis', title: 'Opioid use disorder, moderate, in early remission' },
  ],
  housing: [
    { kind: 'notes', type: 'note', title: 'House meeting attended' },
    { kind: 'referrals', type: 'appointment', title: 'Referral to employment services' },
    { kind: 'notes', type: 'note', title: 'Peer recovery coaching check-in', sensitivity: 'part2' },
  ],
  bh: [
    { kind: 'notes', type: 'note', title: 'Therapy session attended' },
    { kind: 'screening', type: 'screening', title: 'PHQ-9 score 8, mild' },
    { kind: 'sud_treatment', type: 'appointment', title: 'Intensive outpatient program: week completed' },
  ],
};

export interface Scenario {
  personId: string;
  reader: { userId: string; email: string; organizationId: string; roles: Role[] };
  signedConsentId: string;
  sourceIds: Record<SourceKey, string>;
}

const userAccess = (userId: string, organizationId: string, roles: Role[], requestId: string | null = null): AccessContext => ({
  actor: { type: 'user', userId, sessionId: 'bench-setup' },
  organizationId,
  roles,
  requestId,
});

/**
 * One person known to four organizations, built through the registry's own functions: registered
 * by the treatment program, a care team of all four, 200 timeline entries written by their staff
 * over two years, and four consents (one signed naming the reader's emergency department, one
 * revoked, one expired, one signed for another recipient). The reader's organization is not on
 * the care team, so its access comes from the signed consent alone and every entry runs the whole
 * consent evaluation.
 */
export async function buildScenario(db: Db): Promise<Scenario> {
  const realNow = Date.now();
  const past = manualClock(addDays(realNow, -730));
  const at = (daysAgo: number) => past.set(addDays(realNow, -daysAgo));
  const day = (daysFromNow: number) => utcDay(addDays(realNow, daysFromNow));

  const sourceIds = {} as Record<SourceKey, string>;
  const staff = {} as Record<SourceKey, AccessContext>;
  for (const s of sources) {
    const org = await createTestOrganization(db, past, { name: s.name, type: s.type });
    const user = await createTestUser(db, past, { organizationId: org.id, roles: [s.role], displayName: `${s.name} staff` });
    sourceIds[s.key] = org.id;
    staff[s.key] = userAccess(user.id, org.id, [s.role]);
  }
  const ed = await createTestOrganization(db, past, { name: 'Harbor General Emergency Department', type: 'emergency_department' });
  const reader = await createTestUser(db, past, {
    organizationId: ed.id,
    roles: ['clinician'],
    displayName: 'Emergency department clinician',
  });
  const ctx = (key: SourceKey, clock: Clock) => readContext(staff[key], clock);

  at(730);
  const { id: personId } = await registerPerson(
    db,
    past,
    ctx('otp', past),
    registerPersonSchema.parse({
      givenName: 'Marisol',
      familyName: 'Quintero-Vance',
      birthDate: '1987-09-03',
      sex: 'female',
      phone: '541-555-0142',
      address: { line1: '48 Cannery Row', postalCode: '97101' },
      identifier: { kind: 'mrn', value: 'TT-204817' },
      confirmNoDuplicate: true,
    }),
  );
  // Linked as a feed would link them (a confirmed relationship), not pending another organization's approval.
  const linking = readContext(
    { actor: { type: 'system', reason: 'benchmark fixture' }, organizationId: staff.otp.organizationId, roles: [], requestId: null },
    past,
  );
  for (const s of sources) {
    await addCareTeamMember(
      db,
      past,
      linking,
      personId,
      addCareTeamMemberSchema.parse({ organizationId: sourceIds[s.key], role: s.careTeamRole, since: day(-729) }),
    );
  }

  // 200 entries over two years, the sources interleaved as a person's care is.
  const order: SourceKey[] = [];
  const left = Object.fromEntries(sources.map((s) => [s.key, s.events])) as Record<SourceKey, number>;
  while (order.length < ENTRIES) {
    for (const s of sources) {
      if (left[s.key] > 0) {
        order.push(s.key);
        left[s.key]--;
      }
    }
  }
  const turn = Object.fromEntries(sources.map((s) => [s.key, 0])) as Record<SourceKey, number>;
  for (const [i, key] of order.entries()) {
    const patterns = entryPatterns[key];
    const p = patterns[turn[key]++ % patterns.length]!;
    const occurredAt = new Date(realNow - (i * 3.6 + 1) * DAY_MS - (i % 7) * HOUR_MS).toISOString();
    await addTimelineEvent(
      db,
      systemClock,
      ctx(key, systemClock),
      personId,
      addTimelineEventSchema.parse({
        kind: p.kind,
        type: p.type,
        title: p.title,
        occurredAt,
        ...(p.sensitivity ? { sensitivity: p.sensitivity } : {}),
      }),
    );
  }

  const sign = (clock: Clock, consentId: string) =>
    signConsent(
      db,
      clock,
      ctx('otp', clock),
      consentId,
      signConsentSchema.parse({ signerName: 'Marisol Quintero-Vance', signatureMethod: 'attested', acknowledged: true }),
    );
  const allSources = sources.map((s) => sourceIds[s.key]);
  const allKinds: ConsentKind[] = ['sud_treatment', 'medications', 'referrals', 'overdose_events', 'screening', 'notes'];

  // Expired: a TPO consent to treating providers, signed two years ago, valid for one.
  at(700);
  const expired = await createConsent(
    db,
    past,
    ctx('otp', past),
    personId,
    createConsentSchema.parse({
      type: 'tpo',
      disclosers: { type: 'any_network_provider' },
      recipients: { type: 'treating_providers' },
      purposes: ['treatment', 'payment', 'operations'],
      kinds: allKinds,
      informationDescription: 'My treatment records for treatment, payment and health care operations',
      expiresOn: day(-335),
    }),
  );
  await sign(past, expired.id);
  // Revoked: the emergency department, medications only, revoked in writing.
  at(400);
  const revoked = await createConsent(
    db,
    past,
    ctx('otp', past),
    personId,
    createConsentSchema.parse({
      type: 'standard',
      disclosers: { type: 'organizations', organizationIds: [sourceIds.otp] },
      recipients: { type: 'organizations', organizationIds: [ed.id] },
      purposes: ['treatment'],
      kinds: ['medications', 'sud_treatment'],
      informationDescription: 'My medications and my methadone dosing',
      expiresOn: day(365),
    }),
  );
  await sign(past, revoked.id);
  at(300);
  await revokeConsent(db, past, ctx('otp', past), revoked.id, { method: 'written', note: null });
  // Signed, another recipient: the recovery residence sees the treatment program's notes and referrals.
  at(200);
  const housingConsent = await createConsent(
    db,
    past,
    ctx('otp', past),
    personId,
    createConsentSchema.parse({
      type: 'standard',
      disclosers: { type: 'organizations', organizationIds: [sourceIds.otp] },
      recipients: { type: 'organizations', organizationIds: [sourceIds.housing] },
      purposes: ['care_coordination'],
      kinds: ['notes', 'referrals'],
      informationDescription: 'Care coordination notes and referrals for my recovery residence',
      expiresOn: day(165),
    }),
  );
  await sign(past, housingConsent.id);
  // Signed, covering the reader: every source, every kind but counseling notes, to the emergency department.
  at(90);
  const signed = await createConsent(
    db,
    past,
    ctx('otp', past),
    personId,
    createConsentSchema.parse({
      type: 'standard',
      disclosers: { type: 'organizations', organizationIds: allSources },
      recipients: { type: 'organizations', organizationIds: [ed.id] },
      purposes: ['treatment', 'care_coordination'],
      kinds: allKinds,
      informationDescription: 'My substance use treatment, medications, screenings, referrals, overdoses and notes from my care team',
      expiresOn: day(275),
    }),
  );
  await sign(past, signed.id);
  await expireDueConsents(db, systemClock);

  return {
    personId,
    reader: { userId: reader.id, email: reader.email, organizationId: ed.id, roles: ['clinician'] },
    signedConsentId: signed.id,
    sourceIds,
  };
}
