// Longer than 300 lines: mostly data: the demo community's directory listings.
import type { CapacityStatusCode, CapacityUnit, DirectoryLanguage, TaxonomyCode } from '@continuum/contracts';
import { Random } from './random.ts';
import { placeInArea, type SyntheticLocation, type SyntheticOrganization } from './synthetic-organizations.ts';
import type { SyntheticArea, SyntheticRegion } from './synthetic-region.ts';

/**
 * The demo community's resource directory: a listing for each member organization that serves
 * the public, plus a few organizations that are not network members. Deliberately uneven, as real
 * directories are: buprenorphine is prescribed in five towns only, so Elk Prairie, Marlow and
 * Stillwater are more than 10 miles from any in-person prescriber; some capacity
 * has not been confirmed for days, and some listings were last verified over 90 days ago.
 */
export interface SyntheticHours {
  days: readonly number[];
  opensAt: string;
  closesAt: string;
}

export interface SyntheticService {
  name: string;
  description: string;
  codes: readonly TaxonomyCode[];
  languages: readonly DirectoryLanguage[];
  hours: readonly SyntheticHours[];
  hoursNote: string | null;
  eligibility: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  fees: string | null;
  capacity: { unit: CapacityUnit; maximum: number } | null;
}

export interface SyntheticListing {
  /** The member organization's key, or null for a non-member organization. */
  memberKey: string | null;
  name: string;
  description: string;
  phone: string;
  website: string;
  locations: readonly Omit<SyntheticLocation, 'key'>[];
  services: readonly SyntheticService[];
  /** Days since the listing was last verified; null = never. */
  verifiedDaysAgo: number | null;
}

export interface SyntheticCapacityPoint {
  hoursAgo: number;
  status: CapacityStatusCode;
  available: number;
  waitlistDays: number | null;
}

const WEEKDAYS = [1, 2, 3, 4, 5] as const;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7] as const;
const around = (days: readonly number[], opensAt: string, closesAt: string): SyntheticHours => ({ days, opensAt, closesAt });
const ALWAYS = [around(EVERY_DAY, '00:00', '23:59')];
const OFFICE = [around(WEEKDAYS, '08:00', '17:00')];

type Template = Omit<SyntheticService, 'languages' | 'hoursNote' | 'eligibility' | 'minimumAge' | 'maximumAge' | 'fees' | 'capacity'> &
  Partial<Pick<SyntheticService, 'languages' | 'hoursNote' | 'eligibility' | 'minimumAge' | 'maximumAge' | 'fees' | 'capacity'>>;

const PAY_ALL: TaxonomyCode[] = ['MD', 'MC', 'PI', 'SS'];
const service = (t: Template): SyntheticService => ({
  languages: ['en'],
  hoursNote: null,
  eligibility: null,
  minimumAge: null,
  maximumAge: null,
  fees: null,
  capacity: null,
  ...t,
});

/** Services by member organization key; organizations without an entry are not listed publicly. */
const SERVICES: Readonly<Record<string, readonly SyntheticService[]>> = {
  'public-health': [
    service({
      name: 'Free naloxone and fentanyl test strips',
      description: 'Pick up naloxone and fentanyl test strips, no questions asked, and learn how to respond to an overdose.',
      codes: ['NALOXONE', 'FTS', 'WALKIN', 'NP'],
      languages: ['en', 'es'],
      hours: OFFICE,
    }),
  ],
  'harbor-general-ed': [
    service({
      name: 'Emergency care with buprenorphine start',
      description:
        'Emergency department that starts buprenorphine, with a peer recovery coach on every shift and a next-day clinic appointment.',
      codes: ['BU', 'MOUD_SAME_DAY', 'HI', 'WALKIN', 'NALOXONE', 'PEER', 'MD', 'MC', 'PI', 'SS'],
      languages: ['en', 'es', 'vi'],
      hours: ALWAYS,
      hoursNote: 'Open 24 hours',
    }),
  ],
  'st-brigid-ed': [
    service({
      name: 'Emergency care and buprenorphine bridge',
      description: 'Emergency care with buprenorphine bridge prescriptions and take-home naloxone.',
      codes: ['BU', 'MOUD_SAME_DAY', 'HI', 'WALKIN', 'NALOXONE', ...PAY_ALL],
      hours: ALWAYS,
      hoursNote: 'Open 24 hours',
    }),
  ],
  'cedar-valley-ed': [
    service({
      name: 'Emergency care with warm handoff',
      description: 'Emergency department with buprenorphine starts and a warm handoff to local treatment programs.',
      codes: ['BU', 'HI', 'WALKIN', 'NALOXONE', ...PAY_ALL],
      languages: ['en', 'es'],
      hours: ALWAYS,
      hoursNote: 'Open 24 hours',
    }),
  ],
  'harbor-general-hospital': [
    service({
      name: 'Inpatient withdrawal management',
      description: 'Medically managed withdrawal in the hospital, with MOUD started before discharge.',
      codes: ['WM_IP', 'HI', 'BU', 'METH', 'MD', 'MC', 'PI'],
      hours: ALWAYS,
      hoursNote: 'Admissions around the clock',
      capacity: { unit: 'bed', maximum: 8 },
    }),
  ],
  'elk-prairie-hospital': [
    service({
      name: 'Hospital care and naloxone',
      description: 'Critical access hospital; emergency care and take-home naloxone. Referral to treatment in Harbor City.',
      codes: ['HI', 'NALOXONE', 'SCREEN', 'MD', 'MC', 'PI', 'ITU'],
      hours: ALWAYS,
      hoursNote: 'Open 24 hours',
    }),
  ],
  'harbor-chc': [
    service({
      name: 'Buprenorphine treatment in primary care',
      description: 'Buprenorphine and naltrexone treatment with your primary care team, regardless of ability to pay.',
      codes: ['BU', 'NU', 'MOUD_CONTINUE', 'OP', 'PRIMARY', 'MH', 'SCREEN', 'MD', 'MC', 'PI', 'SS', 'PREG', 'GL'],
      languages: ['en', 'es', 'vi', 'zh'],
      hours: [around(WEEKDAYS, '08:00', '18:00'), around([6], '09:00', '13:00')],
      fees: 'Sliding fee scale; no one is turned away for inability to pay.',
      capacity: { unit: 'appointment', maximum: 20 },
    }),
    service({
      name: 'Primary care',
      description: 'Primary care for adults and children.',
      codes: ['PRIMARY', 'SCREEN', 'MD', 'MC', 'PI', 'SS'],
      languages: ['en', 'es'],
      hours: OFFICE,
    }),
  ],
  'port-alder-family-medicine': [
    service({
      name: 'Family medicine with buprenorphine',
      description: 'Several clinicians prescribe buprenorphine and continue existing prescriptions.',
      codes: ['BU', 'MOUD_CONTINUE', 'OP', 'PRIMARY', 'MD', 'MC', 'PI', 'OLDER'],
      hours: OFFICE,
    }),
  ],
  'millbrook-family-practice': [
    service({
      name: 'Family practice',
      description: 'Primary care and screening; refers for medication treatment.',
      codes: ['PRIMARY', 'SCREEN', 'MD', 'MC', 'PI'],
      hours: OFFICE,
    }),
  ],
  'juniper-flats-rural-health': [
    service({
      name: 'Rural health clinic and telehealth',
      description: 'Primary care in person; addiction care by telehealth with a partner practice.',
      codes: ['PRIMARY', 'SCREEN', 'TELE', 'MD', 'MC', 'SS', 'ITU'],
      hours: [around([1, 2, 4], '08:30', '16:30')],
    }),
  ],
  'brightwater-clinic': [
    service({
      name: 'Primary care and mental health',
      description: 'Primary care with same-week appointments and counseling.',
      codes: ['PRIMARY', 'MH', 'SCREEN', 'MD', 'PI'],
      hours: OFFICE,
    }),
  ],
  'tidewater-otp': [
    service({
      name: 'Methadone and buprenorphine (opioid treatment program)',
      description: 'Daily dosing, counseling and walk-in intake on weekday mornings.',
      codes: ['METH', 'BU', 'OTP', 'OP', 'WALKIN', 'MOUD_SAME_DAY', 'CM', 'MD', 'MC', 'SS', 'PREG'],
      languages: ['en', 'es'],
      hours: [around([1, 2, 3, 4, 5, 6], '05:30', '13:00'), around([7], '07:00', '10:00')],
      hoursNote: 'Intake on weekdays until 10:00',
      capacity: { unit: 'slot', maximum: 12 },
    }),
  ],
  'northshore-otp': [
    service({
      name: 'Opioid treatment program',
      description: 'Methadone and buprenorphine with guest dosing for visitors.',
      codes: ['METH', 'BU', 'OTP', 'OP', 'MD', 'MC', 'PI', 'VET'],
      hours: [around([1, 2, 3, 4, 5, 6], '06:00', '12:00')],
      capacity: { unit: 'appointment', maximum: 6 },
    }),
  ],
  'cedar-crossing-otp': [
    service({
      name: 'Opioid treatment services',
      description: 'Methadone and buprenorphine; Spanish-speaking counselors.',
      codes: ['METH', 'BU', 'OTP', 'OP', 'FAM', 'MD', 'MC', 'SS'],
      languages: ['en', 'es'],
      hours: [around([1, 2, 3, 4, 5, 6], '05:45', '12:30')],
      capacity: { unit: 'slot', maximum: 8 },
    }),
  ],
  'lighthouse-bridge-clinic': [
    service({
      name: 'Same-day buprenorphine, walk in',
      description: 'Low-barrier clinic: walk in and start buprenorphine the same day, no appointment and no insurance needed.',
      codes: [
        'BU',
        'MOUD_SAME_DAY',
        'MOUD_CONTINUE',
        'OP',
        'WALKIN',
        'NALOXONE',
        'FTS',
        'PEER',
        'MD',
        'MC',
        'SS',
        'NP',
        'REENTRY',
        'YA',
        'GL',
      ],
      languages: ['en', 'es'],
      hours: [around(WEEKDAYS, '09:00', '19:00'), around([6], '10:00', '14:00')],
      capacity: { unit: 'slot', maximum: 10 },
    }),
  ],
  'fern-hollow-recovery-medicine': [
    service({
      name: 'Buprenorphine and naltrexone treatment',
      description: 'Office-based buprenorphine and extended-release naltrexone with counseling.',
      codes: ['BU', 'NU', 'OP', 'CBT', 'MOT_INT', 'MD', 'PI', 'MI'],
      hours: OFFICE,
      capacity: { unit: 'appointment', maximum: 5 },
    }),
  ],
  'kestrel-point-health': [
    service({
      name: 'Buprenorphine in person and by telehealth',
      description: 'Small rural practice offering buprenorphine in person and by video visit.',
      codes: ['BU', 'OP', 'TELE', 'PRIMARY', 'MD', 'MC', 'SS'],
      hours: [around([1, 3, 5], '08:00', '16:00')],
    }),
  ],
  'coastal-telehealth-moud': [
    service({
      name: 'Telehealth buprenorphine',
      description: 'Video visits for buprenorphine treatment anywhere in the county, with evening hours.',
      codes: ['BU', 'MOUD_CONTINUE', 'TELE', 'OP', 'MD', 'PI', 'SS'],
      languages: ['en', 'es', 'ru'],
      hours: [around([1, 2, 3, 4], '17:00', '21:00')],
      capacity: { unit: 'appointment', maximum: 15 },
    }),
  ],
  'harbor-behavioral-health': [
    service({
      name: 'Assessment and outpatient treatment',
      description: 'Substance use assessment, outpatient and intensive outpatient programs, and crisis services.',
      codes: ['SCREEN', 'OP', 'IOP', 'MH', 'CBT', 'DBT', 'MOT_INT', 'FAM', 'MD', 'MC', 'PI', 'SS', 'ADOL', 'YA'],
      languages: ['en', 'es'],
      hours: [around(WEEKDAYS, '08:00', '20:00')],
      capacity: { unit: 'slot', maximum: 24 },
    }),
    service({
      name: 'Residential treatment',
      description: 'Residential substance use treatment with MOUD continued throughout the stay.',
      codes: ['RES', 'BU', 'NU', 'MOUD_CONTINUE', 'CBT', 'CM', 'MD', 'PI'],
      hours: ALWAYS,
      hoursNote: 'Admissions on weekdays',
      capacity: { unit: 'bed', maximum: 16 },
    }),
    service({
      name: 'Outpatient withdrawal management',
      description: 'Ambulatory withdrawal management with daily check-ins and medication.',
      codes: ['WM_OP', 'BU', 'OP', 'MD', 'MC', 'PI'],
      hours: OFFICE,
      capacity: { unit: 'slot', maximum: 6 },
    }),
  ],
  'saltgrass-counseling': [
    service({
      name: 'Counseling for people in recovery and families',
      description: 'Individual, group and family counseling.',
      codes: ['OP', 'CBT', 'MOT_INT', 'FAM', 'MH', 'PI', 'SS'],
      hours: [around([2, 3, 4], '10:00', '19:00')],
    }),
  ],
  'harbor-drug': [
    service({
      name: 'Naloxone without a prescription',
      description: 'Naloxone at the counter; buprenorphine prescriptions filled.',
      codes: ['NALOXONE', 'WALKIN', 'MD', 'MC', 'PI'],
      languages: ['en', 'es'],
      hours: [around([1, 2, 3, 4, 5, 6], '09:00', '19:00')],
    }),
  ],
  'port-alder-pharmacy': [
    service({
      name: 'Naloxone and buprenorphine dispensing',
      description: 'Stocks naloxone and buprenorphine.',
      codes: ['NALOXONE', 'WALKIN', 'MD', 'MC', 'PI'],
      hours: [around([1, 2, 3, 4, 5, 6], '09:00', '18:00')],
    }),
  ],
  'cedar-crossing-apothecary': [
    service({
      name: 'Naloxone and delivery',
      description: 'Naloxone at the counter and delivery to rural addresses.',
      codes: ['NALOXONE', 'WALKIN', 'MD', 'MC', 'PI'],
      hours: [around(WEEKDAYS, '09:00', '18:00')],
    }),
  ],
  'elk-prairie-pharmacy': [
    service({
      name: 'Naloxone',
      description: 'The only pharmacy in the southern county; naloxone at the counter.',
      codes: ['NALOXONE', 'WALKIN', 'MD', 'MC', 'PI'],
      hours: [around(WEEKDAYS, '09:00', '17:30')],
    }),
  ],
  'harbor-fire-ems': [
    service({
      name: 'Naloxone at fire stations',
      description: 'Ask at any station for free naloxone.',
      codes: ['NALOXONE', 'WALKIN', 'NP'],
      hours: ALWAYS,
      hoursNote: 'Staffed around the clock',
    }),
  ],
  'harbor-county-jail': [
    service({
      name: 'Re-entry MOUD continuation',
      description: 'MOUD continued on release with a warm handoff to a community clinic.',
      codes: ['REENTRY', 'MOUD_CONTINUE', 'BU', 'METH', 'PEER', 'MD'],
      hours: OFFICE,
      eligibility: 'People leaving Harbor County Jail.',
    }),
  ],
  'harbor-peer-recovery': [
    service({
      name: 'Peer recovery support',
      description: 'Certified peer specialists who stay with you through treatment.',
      codes: ['PEER', 'WALKIN', 'NP', 'REENTRY', 'VET', 'GL'],
      languages: ['en', 'es'],
      hours: [around(WEEKDAYS, '09:00', '18:00')],
    }),
  ],
  'pathways-recovery-center': [
    service({
      name: 'Recovery community center',
      description: 'Peer support, all-recovery meetings and help finding work and housing.',
      codes: ['PEER', 'MUTUAL_AID', 'EMPLOY', 'WALKIN', 'NP', 'YA'],
      hours: [around(WEEKDAYS, '10:00', '20:00'), around([6], '10:00', '16:00')],
    }),
  ],
  'valley-recovery-coaches': [
    service({
      name: 'Recovery coaching by phone and in person',
      description: 'Peer recovery coaching, including telephone recovery support.',
      codes: ['PEER', 'TELE', 'NP', 'OLDER'],
      languages: ['en', 'es'],
      hours: OFFICE,
    }),
  ],
  'harbor-harm-reduction': [
    service({
      name: 'Syringe services and naloxone',
      description: 'Syringe services, naloxone, fentanyl test strips, drug checking, wound care and linkage to treatment.',
      codes: ['SSP', 'NALOXONE', 'FTS', 'DRUG_CHECK', 'WALKIN', 'NP', 'GL'],
      languages: ['en', 'es'],
      hours: [around([2, 4, 6], '10:00', '16:00')],
    }),
  ],
  'coastline-syringe-services': [
    service({
      name: 'Mobile syringe services',
      description: 'Mobile syringe services and naloxone along the coast.',
      codes: ['SSP', 'NALOXONE', 'FTS', 'WALKIN', 'NP'],
      hours: [around([1, 3, 5], '12:00', '17:00')],
    }),
  ],
  'anchor-house': [
    service({
      name: 'Recovery residences (MOUD welcome)',
      description: 'Certified recovery residences that welcome residents taking methadone or buprenorphine.',
      codes: ['HOUSING', 'PEER', 'MD', 'SS'],
      hours: OFFICE,
      capacity: { unit: 'bed', maximum: 18 },
    }),
  ],
  'millbrook-recovery-homes': [
    service({
      name: 'Recovery housing for women and parents',
      description: 'Recovery housing for women and for parents with children.',
      codes: ['HOUSING', 'CHILDCARE', 'PREG', 'SS'],
      hours: OFFICE,
      eligibility: 'Women, and parents with their children.',
      capacity: { unit: 'bed', maximum: 10 },
    }),
  ],
  'harbor-human-services': [
    service({
      name: 'Benefits enrollment and family services',
      description: 'Medicaid and food benefits enrollment, child and family services.',
      codes: ['FOOD', 'CHILDCARE', 'NP'],
      languages: ['en', 'es', 'vi', 'so'],
      hours: OFFICE,
    }),
  ],
  'open-door-network': [
    service({
      name: 'Food pantry and housing navigation',
      description: 'Emergency shelter, food pantry and housing navigation.',
      codes: ['FOOD', 'HOUSING', 'WALKIN', 'NP'],
      languages: ['en', 'es'],
      hours: [around(WEEKDAYS, '10:00', '16:00')],
      capacity: { unit: 'bed', maximum: 40 },
    }),
  ],
  'stillwater-interfaith': [
    service({
      name: 'Recovery meetings and naloxone training',
      description: 'Congregations hosting recovery meetings, family support and naloxone training.',
      codes: ['MUTUAL_AID', 'NALOXONE', 'NP'],
      hours: [around([2, 4], '18:30', '20:00')],
    }),
  ],
  'harbor-families-for-recovery': [
    service({
      name: 'Family support groups',
      description: 'Support and education for families and friends.',
      codes: ['FAM', 'MUTUAL_AID', 'NP'],
      hours: [around([1], '18:00', '20:00')],
    }),
  ],
  'harbor-211': [
    service({
      name: '211 information and referral',
      description: 'Around-the-clock information on health and social services.',
      codes: ['SCREEN', 'TRANSPORT', 'NP', 'TELE'],
      languages: ['en', 'es', 'vi', 'zh', 'ru', 'ar'],
      hours: ALWAYS,
      hoursNote: 'Call 211 any time',
    }),
  ],
};

interface NonMemberPlan {
  name: string;
  description: string;
  town: string;
  services: readonly SyntheticService[];
}

const NON_MEMBERS: readonly NonMemberPlan[] = [
  {
    name: 'Harbor Area Recovery Intergroup',
    description: 'Volunteer-run mutual-aid meetings across the county.',
    town: 'harbor-city',
    services: [
      service({
        name: 'Mutual-aid meetings',
        description: 'Daily open meetings; everyone welcome, including people taking MOUD.',
        codes: ['MUTUAL_AID', 'WALKIN', 'NP'],
        hours: [around(EVERY_DAY, '19:00', '20:30')],
      }),
    ],
  },
  {
    name: 'Legal Aid of Harbor County',
    description: 'Free civil legal help.',
    town: 'harbor-city',
    services: [
      service({
        name: 'Free civil legal aid',
        description: 'Help with housing, benefits, record expungement and family law.',
        codes: ['LEGAL', 'REENTRY', 'NP'],
        languages: ['en', 'es'],
        hours: OFFICE,
      }),
    ],
  },
  {
    name: 'Harbor Transit Medical Rides',
    description: 'Rides to medical and treatment appointments.',
    town: 'harbor-city',
    services: [
      service({
        name: 'Rides to treatment',
        description: 'Free rides to MOUD dosing and medical appointments for Medicaid members.',
        codes: ['TRANSPORT', 'MD', 'NP'],
        hours: [around(EVERY_DAY, '05:00', '20:00')],
      }),
    ],
  },
  {
    name: 'Little Harbor Childcare Cooperative',
    description: 'Drop-in childcare for parents at appointments.',
    town: 'port-alder',
    services: [
      service({
        name: 'Drop-in childcare',
        description: 'Childcare while parents attend treatment or recovery meetings.',
        codes: ['CHILDCARE', 'SS'],
        hours: OFFICE,
      }),
    ],
  },
  {
    name: 'Coastal Veterans Outreach',
    description: 'Outreach to veterans.',
    town: 'cedar-crossing',
    services: [
      service({
        name: 'Veterans peer support',
        description: 'Peer support and help with VA benefits for veterans.',
        codes: ['PEER', 'VET', 'MI', 'NP'],
        hours: OFFICE,
      }),
    ],
  },
  {
    name: 'Prairie Valley Youth Services',
    description: 'Services for adolescents and young adults.',
    town: 'elk-prairie',
    services: [
      service({
        name: 'Youth counseling',
        description: 'Counseling and screening for adolescents and young adults.',
        codes: ['SCREEN', 'OP', 'MOT_INT', 'ADOL', 'YA', 'MD', 'SS'],
        hours: [around([2, 4], '13:00', '18:00')],
        minimumAge: 12,
        maximumAge: 24,
      }),
    ],
  },
];

export function generateDirectory(
  seed: number,
  region: SyntheticRegion,
  organizations: readonly SyntheticOrganization[],
): SyntheticListing[] {
  const rng = Random.fromSeed(seed, 'directory');
  const verifiedDaysAgo = () => (rng.chance(0.12) ? null : rng.chance(0.15) ? rng.int(91, 200) : rng.int(1, 80));
  const listings: SyntheticListing[] = [];
  for (const org of organizations) {
    const services = SERVICES[org.key];
    if (!services) continue;
    listings.push({
      memberKey: org.key,
      name: org.name,
      description: org.description,
      phone: org.phone,
      website: org.website,
      locations: org.locations.map(({ key: _key, ...l }) => l),
      services,
      verifiedDaysAgo: verifiedDaysAgo(),
    });
  }
  const areasByTown = new Map<string, SyntheticArea[]>();
  for (const area of region.areas) areasByTown.set(area.townKey, [...(areasByTown.get(area.townKey) ?? []), area]);
  for (const [i, plan] of NON_MEMBERS.entries()) {
    const area = rng.pick(areasByTown.get(plan.town) ?? region.areas);
    listings.push({
      memberKey: null,
      name: plan.name,
      description: plan.description,
      phone: `(541) 555-01${String(50 + i).padStart(2, '0')}`,
      website: `https://www.example.org/${plan.name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      locations: [{ name: plan.name, address2: null, ...placeInArea(rng, area, region.regionCode) }],
      services: plan.services,
      verifiedDaysAgo: verifiedDaysAgo(),
    });
  }
  return listings;
}

/**
 * Capacity history for one service over the last two weeks, newest last. About a quarter of
 * services stopped confirming 30 to 120 hours ago, so the demo shows "not confirmed recently".
 */
export function generateCapacityHistory(seed: number, index: number, maximum: number): SyntheticCapacityPoint[] {
  const rng = Random.forIndex(seed, 'directory-capacity', index);
  const lastHoursAgo = rng.chance(0.25) ? rng.int(30, 120) : rng.int(0, 20);
  const points: SyntheticCapacityPoint[] = [];
  let available = rng.int(0, maximum);
  for (let hoursAgo = 14 * 24; hoursAgo > lastHoursAgo; hoursAgo -= rng.int(8, 30)) {
    available = Math.max(0, Math.min(maximum, available + rng.int(-2, 2)));
    points.push(pointFor(rng, hoursAgo, available));
  }
  points.push(pointFor(rng, lastHoursAgo, Math.max(0, Math.min(maximum, available + rng.int(-1, 2)))));
  return points;
}

function pointFor(rng: Random, hoursAgo: number, available: number): SyntheticCapacityPoint {
  if (available > 0) return { hoursAgo, status: rng.chance(0.1) ? 'assessment_required' : 'accepting', available, waitlistDays: null };
  return rng.chance(0.6)
    ? { hoursAgo, status: 'waitlist', available: 0, waitlistDays: rng.int(2, 21) }
    : { hoursAgo, status: 'not_accepting', available: 0, waitlistDays: null };
}
