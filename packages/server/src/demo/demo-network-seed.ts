import { addIsoDays, agreementInputSchema, type AgreementInputRaw, type Course, type CourseTopic, type Role } from '@continuum/contracts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { systemAccess } from '../core/access-context.ts';
import {
  createAgreement,
  createCourse,
  importCompletions,
  remindEndingAgreements,
  remindExpiringTraining,
  terminateAgreement,
} from '../modules/network/index.ts';
import { demoOrganizations } from './demo-care-seed.ts';
import { Random } from './random.ts';
import type { SyntheticRegion } from './synthetic-region.ts';

const ACCESS = systemAccess('demo seed: network');

/** The demo agreements' titles, so tests and journeys can find them. */
export const DEMO_AGREEMENTS = {
  qsoa: 'Tidewater OTP and Harbor Drug — medication services QSOA',
  endingSoon: 'Harbor General ED to Tidewater OTP referral agreement',
  dataSharing: 'Overdose surveillance data-sharing agreement',
  mou: 'Harbor County OUD network memorandum of understanding',
  terminated: 'Harbor City Police deflection MOU',
} as const;
/** Days from the seeding day to the end of the agreement whose renewal reminder the demo shows. */
export const DEMO_ENDING_SOON_DAYS = 21;

const courses: { topic: CourseTopic; title: string; validMonths: number | null; roles: readonly Role[]; share: number }[] = [
  { topic: 'moud_prescribing', title: 'Buprenorphine induction (MOUD) for clinicians', validMonths: 36, roles: ['clinician'], share: 0.55 },
  {
    topic: 'naloxone',
    title: 'Naloxone administration',
    validMonths: 24,
    roles: ['clinician', 'care_navigator', 'partner_staff'],
    share: 0.7,
  },
  {
    topic: 'part2_privacy',
    title: '42 CFR Part 2 privacy',
    validMonths: 12,
    roles: ['clinician', 'care_navigator', 'privacy_officer'],
    share: 0.75,
  },
  {
    topic: 'person_first_language',
    title: 'Person-first language and stigma reduction',
    validMonths: 24,
    roles: ['clinician', 'care_navigator', 'partner_staff', 'org_admin', 'network_admin'],
    share: 0.5,
  },
  {
    topic: 'peer_recovery_certification',
    title: 'Peer recovery specialist certification',
    validMonths: 24,
    roles: ['care_navigator'],
    share: 0.6,
  },
];

/**
 * The network register's demo data, through the module's own functions (audited as the demo seed):
 * a QSOA, a referral agreement ending 21 days after seeding (so its renewal reminder is in the
 * network administrators' inboxes), a data-sharing agreement ending within 60 days, an open-ended
 * network MOU, a terminated MOU and a draft; five courses and completions for the demo staff as one
 * learning-management import, some expired and some expiring within 30 days. Deterministic from the
 * seed and the seeding day.
 */
export async function seedDemoNetwork(db: Db, clock: Clock, options: { seed: number; region: SyntheticRegion }): Promise<void> {
  const orgs = await demoOrganizations(db, options.seed, options.region);
  const org = (key: string) => orgs.get(key)?.id;
  const today = clock.now().toISOString().slice(0, 10);
  const day = (offset: number) => addIsoDays(today, offset);
  const agreement = async (raw: AgreementInputRaw) => createAgreement(db, clock, ACCESS, agreementInputSchema.parse(raw));
  const [hd, ed, otp, drug, hr, police, peer] = [
    'public-health',
    'harbor-general-ed',
    'tidewater-otp',
    'harbor-drug',
    'harbor-harm-reduction',
    'harbor-city-police',
    'harbor-peer-recovery',
  ].map(org);
  if (!hd || !ed || !otp || !drug || !hr || !police || !peer) return;
  const champion = (name: string, title: string, organizationId: string) => ({ name, title, organizationId });
  const signatory = (name: string, title: string, organizationId: string, signedOn: string) => ({ name, title, organizationId, signedOn });

  await agreement({
    kind: 'qsoa',
    title: DEMO_AGREEMENTS.qsoa,
    parties: [
      { organizationId: otp, role: 'part2_program' },
      { organizationId: drug, role: 'service_organization' },
    ],
    signatories: [signatory('Priya Raman', 'Administrator', otp, day(-200)), signatory('Leon Park', 'Pharmacy manager', drug, day(-198))],
    champions: [champion('Leon Park', 'Pharmacy manager', drug)],
    dataKinds: ['demographics', 'medications'],
    purposes: ['treatment'],
    scopeNote: 'Dispensing and adherence packaging of the program’s take-home buprenorphine and methadone doses.',
    effectiveOn: day(-195),
    endsOn: day(535),
    documentRef: 'Contracts drive: QSOA-2026-014',
  });
  await agreement({
    kind: 'referral',
    title: DEMO_AGREEMENTS.endingSoon,
    parties: [
      { organizationId: ed, role: 'party' },
      { organizationId: otp, role: 'party' },
    ],
    signatories: [signatory('Dr. Alma Reyes', 'ED medical director', ed, day(-345))],
    champions: [champion('Samuel Okafor', 'ED physician champion', ed), champion('Priya Raman', 'Intake lead', otp)],
    scopeNote: 'Next-day intake at Tidewater OTP for people started on buprenorphine in the emergency department.',
    effectiveOn: day(-344),
    endsOn: day(DEMO_ENDING_SOON_DAYS),
    documentRef: 'Contracts drive: REF-2025-031',
  });
  await agreement({
    kind: 'data_sharing',
    title: DEMO_AGREEMENTS.dataSharing,
    parties: [
      { organizationId: hd, role: 'party' },
      { organizationId: ed, role: 'party' },
      { organizationId: hr, role: 'party' },
    ],
    champions: [champion('Jordan Ellis', 'Network coordinator', hd)],
    dataKinds: ['overdose_events'],
    purposes: ['operations'],
    scopeNote: 'Suspected overdoses by area for the spike alerts; no names leave the ED.',
    effectiveOn: day(-320),
    endsOn: day(48),
  });
  await agreement({
    kind: 'mou',
    title: DEMO_AGREEMENTS.mou,
    parties: [hd, ed, otp, hr, peer].map((organizationId) => ({ organizationId, role: 'party' as const })),
    signatories: [signatory('Jordan Ellis', 'Network coordinator', hd, day(-400))],
    champions: [champion('Jordan Ellis', 'Network coordinator', hd), champion('Rosa Delgado', 'Peer recovery lead', peer)],
    scopeNote: 'Shared goals, the referral pathways and the quarterly partner review.',
    effectiveOn: day(-400),
  });
  const ended = await agreement({
    kind: 'mou',
    title: DEMO_AGREEMENTS.terminated,
    parties: [
      { organizationId: police, role: 'party' },
      { organizationId: peer, role: 'party' },
    ],
    effectiveOn: day(-300),
    endsOn: day(400),
  });
  await terminateAgreement(db, clock, ACCESS, ended.id, { terminatedOn: day(-40), reason: 'The deflection program moved to the sheriff.' });
  await agreement({
    kind: 'referral',
    title: 'Peer recovery to recovery housing referral agreement (draft)',
    status: 'draft',
    parties: [
      { organizationId: peer, role: 'party' },
      { organizationId: hd, role: 'party' },
    ],
    effectiveOn: day(30),
  });

  const stored: Course[] = [];
  for (const c of courses)
    stored.push(await createCourse(db, clock, ACCESS, { topic: c.topic, title: c.title, validMonths: c.validMonths }));
  const staff = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.email', 'm.roles'])
    .where('u.is_demo', '=', true)
    .orderBy('u.email')
    .execute();
  const random = Random.fromSeed(options.seed, 'network-training');
  const lines = ['email,course,completed_on'];
  const seen = new Set<string>();
  for (const member of staff) {
    courses.forEach((c, i) => {
      const key = `${member.email}|${i}`;
      if (seen.has(key) || !c.roles.some((r) => member.roles.includes(r)) || random.next() >= c.share) return;
      seen.add(key);
      // Completed up to the validity plus two months ago: most current, some expired, a few expiring within 30 days.
      const span = (c.validMonths ?? 24) * 30 + 60;
      lines.push(`${member.email},${stored[i]!.id},${day(-Math.floor(random.next() * span))}`);
    });
  }
  // The demo clinician's naloxone training expires soon, so his "expiring" list and reminder show.
  const clinician = staff.find((s) => s.email.startsWith('clinician@'));
  if (clinician) lines.push(`${clinician.email},${stored[1]!.id},${day(-(24 * 30) + 12)}`);
  await importCompletions(db, clock, ACCESS, lines.join('\n'));
  await remindEndingAgreements(db, clock);
  await remindExpiringTraining(db, clock);
}
