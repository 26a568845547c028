import type { CareTeamRole, ConsentKind, ConsentStatus, ConsentType, ExpiryEvent, IdentifierKind, Purpose } from '@continuum/contracts';
import { Random, weightedPicker } from './random.ts';
import { careTrajectory, type SyntheticCareEvent, type TrajectoryOptions } from './synthetic-care-events.ts';
import { DAY_MS, addDays } from '@continuum/contracts';

/*
 * The care a demo person has received: which organization registered them, their identifiers,
 * care team, timeline entries and a realistic mix of consents (most signed, some expired, some
 * revoked, some drafts never signed, and many people with none). A pure function of (seed, index,
 * today), so a seed gives the same community whenever it runs on the same day.
 */

export interface SyntheticCare {
  registeredByKey: string;
  flags: { pregnantOrPostpartum: boolean; veteran: boolean; justiceInvolved: boolean };
  identifiers: { organizationKey: string; kind: IdentifierKind; value: string }[];
  careTeam: { organizationKey: string; role: CareTeamRole; since: string; until: string | null }[];
  /** Typed care events (synthetic-care-events.ts). */
  events: SyntheticCareEvent[];
  consents: {
    type: ConsentType;
    status: ConsentStatus;
    disclosers: { type: 'any_network_provider' } | { type: 'organizations'; organizationKeys: string[] };
    recipients: { type: 'treating_providers' } | { type: 'organizations'; organizationKeys: string[] };
    purposes: Purpose[];
    kinds: ConsentKind[];
    informationDescription: string;
    expiresOn: string | null;
    expiryEvent: ExpiryEvent | null;
    createdOn: string;
    signedOn: string | null;
    endedOn: string | null;
  }[];
}

interface EntryPoint {
  key: string;
  role: CareTeamRole;
  identifier: IdentifierKind;
  prefix: string;
}

// Where people first meet the network (weights: most through emergency departments and
// treatment programs, fewer through primary care, peers, jail re-entry and harm reduction).
const entryPoint = weightedPicker<EntryPoint>([
  [{ key: 'harbor-general-ed', role: 'emergency_department', identifier: 'mrn', prefix: 'HG' }, 16],
  [{ key: 'st-brigid-ed', role: 'emergency_department', identifier: 'mrn', prefix: 'SB' }, 8],
  [{ key: 'cedar-valley-ed', role: 'emergency_department', identifier: 'mrn', prefix: 'CV' }, 6],
  [{ key: 'tidewater-otp', role: 'opioid_treatment_program', identifier: 'mrn', prefix: 'TT' }, 10],
  [{ key: 'northshore-otp', role: 'opioid_treatment_program', identifier: 'mrn', prefix: 'NS' }, 5],
  [{ key: 'cedar-crossing-otp', role: 'opioid_treatment_program', identifier: 'mrn', prefix: 'CC' }, 4],
  [{ key: 'lighthouse-bridge-clinic', role: 'moud_prescriber', identifier: 'mrn', prefix: 'LB' }, 7],
  [{ key: 'harbor-chc', role: 'primary_care', identifier: 'mrn', prefix: 'HC' }, 9],
  [{ key: 'harbor-behavioral-health', role: 'behavioral_health', identifier: 'mrn', prefix: 'BH' }, 6],
  [{ key: 'harbor-peer-recovery', role: 'peer_support', identifier: 'other', prefix: 'PR' }, 10],
  [{ key: 'harbor-county-jail', role: 'probation_or_court', identifier: 'booking_number', prefix: 'BK' }, 5],
  [{ key: 'harbor-harm-reduction', role: 'other', identifier: 'other', prefix: 'HR' }, 4],
]);

const consentMix = weightedPicker<ConsentStatus | 'none'>([
  ['signed', 52],
  ['none', 25],
  ['expired', 9],
  ['revoked', 7],
  ['draft', 7],
]);

const day = (d: Date) => d.toISOString().slice(0, 10);
const at = (d: Date, hour: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour, 0, 0)).toISOString();

export function generateCare(seed: number, index: number, today: Date, options: TrajectoryOptions = {}): SyntheticCare {
  const rng = Random.forIndex(seed, 'care', index);
  const entry = entryPoint(rng);
  const firstContact = addDays(today, -rng.int(20, 720));
  const care: SyntheticCare = {
    registeredByKey: entry.key,
    flags: {
      pregnantOrPostpartum: rng.chance(0.04),
      veteran: rng.chance(0.07),
      justiceInvolved: entry.key === 'harbor-county-jail' || rng.chance(0.15),
    },
    identifiers: [{ organizationKey: entry.key, kind: entry.identifier, value: `${entry.prefix}-${String(100000 + index)}` }],
    careTeam: [{ organizationKey: entry.key, role: entry.role, since: day(firstContact), until: null }],
    events: [],
    consents: [],
  };
  const trajectory = careTrajectory(seed, index, entry.key, firstContact, today, options);
  care.events.push(...trajectory.events);
  const addNote = (key: string, when: Date, title: string) => {
    const occurredAt = at(when, rng.int(8, 18));
    if (occurredAt <= today.toISOString()) care.events.push({ organizationKey: key, type: 'note', data: {}, occurredAt, title });
  };

  // A navigator or peer from the lead agencies follows about half of the people.
  if (rng.chance(0.5)) {
    const navKey = rng.chance(0.7) ? 'harbor-peer-recovery' : 'public-health';
    if (navKey !== entry.key)
      care.careTeam.push({
        organizationKey: navKey,
        role: 'care_navigator',
        since: day(addDays(firstContact, rng.int(0, 10))),
        until: null,
      });
    addNote(
      navKey,
      addDays(firstContact, rng.int(1, 14)),
      rng.pick([
        'First meeting with peer navigator',
        'Navigator follow-up call; discussed treatment options',
        'Helped with transportation to intake',
      ]),
    );
  }

  // The treatment organization joins the care team while the person is in treatment.
  const moud = trajectory.moud;
  if (moud && moud.start.getTime() <= today.getTime()) {
    if (!care.careTeam.some((c) => c.organizationKey === moud.key)) {
      care.careTeam.push({ organizationKey: moud.key, role: moud.role, since: day(moud.start), until: moud.stop ? day(moud.stop) : null });
    }
    for (let k = 1; k <= rng.int(0, 2); k++)
      addNote(
        moud.key,
        new Date(moud.start.getTime() + k * 30 * DAY_MS),
        rng.pick(['Stable on current dose', 'Dose adjusted', 'Doing well at work']),
      );
  }
  if (rng.chance(0.08))
    care.careTeam.push({
      organizationKey: 'anchor-house',
      role: 'recovery_housing',
      since: day(addDays(firstContact, rng.int(10, 60))),
      until: null,
    });
  care.events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));

  const status = consentMix(rng);
  if (status !== 'none') {
    const tpo = rng.chance(0.4);
    const created = addDays(firstContact, rng.int(0, 5));
    const age = Math.floor((today.getTime() - created.getTime()) / DAY_MS);
    // Expired consents ended before today; current ones run at least another month.
    const lastsDays = status === 'expired' ? rng.int(1, Math.max(1, age - 1)) : Math.max(rng.int(180, 730), age + 30);
    const expires = addDays(created, lastsDays);
    const byEvent = tpo && status !== 'expired' && rng.chance(0.5);
    const endedOn =
      status === 'revoked'
        ? day(new Date(Math.min(today.getTime() - DAY_MS, created.getTime() + rng.int(10, 120) * DAY_MS)))
        : status === 'expired'
          ? day(new Date(Math.min(today.getTime() - DAY_MS, expires.getTime() + DAY_MS)))
          : null;
    care.consents.push({
      type: tpo ? 'tpo' : 'standard',
      status,
      disclosers: tpo
        ? { type: 'any_network_provider' }
        : { type: 'organizations', organizationKeys: [...new Set([entry.key, ...(moud ? [moud.key] : [])])] },
      recipients: tpo
        ? { type: 'treating_providers' }
        : { type: 'organizations', organizationKeys: care.careTeam.map((c) => c.organizationKey) },
      purposes: tpo ? ['treatment', 'payment', 'operations'] : ['treatment', 'care_coordination'],
      kinds: tpo
        ? ['sud_treatment', 'medications', 'referrals', 'overdose_events', 'screening', 'notes']
        : ['sud_treatment', 'medications', 'referrals', 'notes'],
      informationDescription: tpo
        ? 'My substance use treatment records, medications, referrals, screening results, overdose events and care notes'
        : 'My substance use treatment, medications, referrals and appointments, and care notes',
      expiresOn: byEvent ? null : day(expires),
      expiryEvent: byEvent ? 'end_of_treatment' : null,
      createdOn: day(created),
      signedOn: status === 'draft' ? null : day(created),
      endedOn,
    });
  }
  return care;
}
