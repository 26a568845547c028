import type { CareEventInput } from '@continuum/contracts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { systemAccess } from '../core/access-context.ts';
import { writeCareEvents, peopleRegisteredBy } from '../modules/registry/index.ts';
import { demoOrganizations } from './demo-care-seed.ts';
import { Random } from './random.ts';
import { demoAccounts } from './synthetic-staff.ts';
import type { SyntheticRegion } from './synthetic-region.ts';
import { addDays } from '@continuum/contracts';

/*
 * Prescriptions for the prescribing-safety demo: opioid (and benzodiazepine) dispensings for up to
 * 80 people the Harbor General emergency department registered, as the ED's records of what the
 * state PDMP reported, anchored at the seeding time. Deterministic from the seed: the first person
 * climbs to 90 MME/day under the demo clinician, the second fills opioids from six prescribers at six
 * pharmacies, and the rest follow patterns — high dose (some with a naloxone kit), an opioid with a
 * benzodiazepine, moderate and low doses, a short acute supply. About two thirds of the prescriptions carry
 * the demo clinician as `prescriberUserId`, so the prescriber report has his row and the overdose
 * module can reach him.
 */

export const DEMO_SAFETY_PEOPLE = 80;
const demoClinician = demoAccounts.find((a) => a.role === 'clinician')!;

/** Named prescribers and pharmacies outside the network (fictional). */
const prescribers = [
  'Dr. Alma Reyes',
  'Dr. Victor Haines',
  'Dr. Nora Lindqvist',
  'Dr. Tomas Ferreira',
  'Dr. Grace Whitfield',
  'Dr. Owen Marsh',
];
const pharmacies = [
  'Harbor Drug — Main Street',
  'Harbor Drug — Bayview',
  'Port Alder Pharmacy',
  'Cedar Crossing Apothecary',
  'Elk Prairie Pharmacy',
  'Saltgrass Family Pharmacy',
];

// RxNorm clinical drugs from modules/safety/data (the CDC opioid table) and the CDC benzodiazepine value set.
const OXYCODONE_5 = '1049621';
const OXYCODONE_ER_60 = '1049593';
const HYDROMORPHONE_2 = '897696';
const HYDROCODONE_APAP_5 = '857002';
const TRAMADOL_50 = '835603';
const ALPRAZOLAM_1 = '197321';

export type SafetyPattern =
  'rising-to-90' | 'multiple-providers' | 'high' | 'high-with-naloxone' | 'benzodiazepine' | 'moderate' | 'low' | 'acute';

export interface PlannedFill {
  daysAgo: number;
  event: 'opioid' | 'benzodiazepine' | 'naloxone';
  rxnormCode?: string;
  drugName?: string;
  strength?: string;
  quantity: number;
  daysSupply: number;
  /** Index into `prescribers`, or 'clinician' for the demo clinician. */
  prescriber: number | 'clinician';
  pharmacy: number;
}

export interface SafetyPlan {
  pattern: SafetyPattern;
  fills: PlannedFill[];
}

const patterns: SafetyPattern[] = [
  'high',
  'high-with-naloxone',
  'benzodiazepine',
  'moderate',
  'low',
  'low',
  'acute',
  'benzodiazepine',
  'high',
];

/** The plan for the person in slot `index` (pure: the same seed and index give the same plan). */
export function safetyPlan(seed: number, index: number): SafetyPlan {
  const rng = Random.forIndex(seed, 'safety-prescriptions', index);
  if (index === 0) {
    // The showcase: monthly oxycodone 5 mg fills rising from 45 to 60 to 90 MME/day, no naloxone.
    return {
      pattern: 'rising-to-90',
      fills: [
        { daysAgo: 70, event: 'opioid', rxnormCode: OXYCODONE_5, quantity: 180, daysSupply: 30, prescriber: 'clinician', pharmacy: 0 },
        { daysAgo: 40, event: 'opioid', rxnormCode: OXYCODONE_5, quantity: 240, daysSupply: 30, prescriber: 'clinician', pharmacy: 0 },
        { daysAgo: 10, event: 'opioid', rxnormCode: OXYCODONE_5, quantity: 360, daysSupply: 30, prescriber: 'clinician', pharmacy: 0 },
      ],
    };
  }
  if (index === 1) {
    // Short hydrocodone fills from six prescribers at six pharmacies within 90 days.
    return {
      pattern: 'multiple-providers',
      fills: prescribers.map((_, i) => ({
        daysAgo: 80 - i * 13,
        event: 'opioid' as const,
        rxnormCode: HYDROCODONE_APAP_5,
        quantity: 20,
        daysSupply: 5,
        prescriber: i,
        pharmacy: i,
      })),
    };
  }
  const pattern = patterns[(index - 2) % patterns.length]!;
  const prescriber: number | 'clinician' = rng.chance(0.7) ? 'clinician' : rng.int(0, prescribers.length - 1);
  const pharmacy = rng.int(0, pharmacies.length - 1);
  const last = rng.int(2, 20);
  const monthly = (code: string, quantity: number): PlannedFill[] =>
    [last + 60, last + 30, last].map((daysAgo) => ({
      daysAgo,
      event: 'opioid' as const,
      rxnormCode: code,
      quantity,
      daysSupply: 30,
      prescriber,
      pharmacy,
    }));
  switch (pattern) {
    case 'high':
      return { pattern, fills: monthly(OXYCODONE_ER_60, 60) }; // 2 × 60 mg × 1.5 = 180 MME/day
    case 'high-with-naloxone':
      return {
        pattern,
        fills: [...monthly(OXYCODONE_5, 360), { daysAgo: last + 30, event: 'naloxone', quantity: 1, daysSupply: 1, prescriber, pharmacy }],
      }; // 90 MME/day
    case 'benzodiazepine':
      return {
        pattern,
        fills: [
          ...monthly(OXYCODONE_5, 120), // 30 MME/day
          {
            daysAgo: last,
            event: 'benzodiazepine',
            rxnormCode: ALPRAZOLAM_1,
            drugName: 'Alprazolam 1 MG Oral Tablet',
            quantity: 60,
            daysSupply: 30,
            prescriber: rng.int(0, prescribers.length - 1),
            pharmacy,
          },
        ],
      };
    case 'moderate':
      return { pattern, fills: monthly(HYDROMORPHONE_2, 180) }; // 6 × 2 mg × 5 = 60 MME/day
    case 'low':
      return { pattern, fills: rng.chance(0.5) ? monthly(TRAMADOL_50, 120) : monthly(OXYCODONE_5, 120) }; // 40 or 30 MME/day
    default:
      // A three-day acute supply: hydrocodone/acetaminophen by name and strength, as some records carry it.
      return {
        pattern,
        fills: [
          {
            daysAgo: last,
            event: 'opioid',
            drugName: 'Hydrocodone bitartrate and acetaminophen tablet',
            strength: '5 MG',
            quantity: 12,
            daysSupply: 3,
            prescriber,
            pharmacy,
          },
        ],
      };
  }
}

/** A plan's fills as care events, dated back from `now`. */
export function planEvents(plan: SafetyPlan, now: Date, clinicianUserId: string | null, slot: number): CareEventInput[] {
  return plan.fills.map((f, i) => {
    const occurredAt = addDays(now, -f.daysAgo).toISOString();
    const externalId = `demo-pdmp-${slot}-${i}`;
    if (f.event === 'naloxone') return { type: 'naloxone', occurredAt, externalId, data: { mode: 'kit_given', kits: 1 } };
    const prescriber =
      f.prescriber === 'clinician'
        ? { prescriber: `Dr. ${demoClinician.displayName}`, ...(clinicianUserId ? { prescriberUserId: clinicianUserId } : {}) }
        : { prescriber: prescribers[f.prescriber]! };
    const data = {
      ...(f.rxnormCode ? { rxnormCode: f.rxnormCode } : {}),
      ...(f.drugName ? { drugName: f.drugName } : {}),
      ...(f.strength ? { strength: f.strength } : {}),
      quantity: f.quantity,
      daysSupply: f.daysSupply,
      ...prescriber,
      pharmacy: pharmacies[f.pharmacy]!,
    };
    return f.event === 'benzodiazepine'
      ? { type: 'medication_dispense', occurredAt, externalId, data }
      : { type: 'opioid_dispense', occurredAt, externalId, data };
  });
}

/**
 * Writes the demo prescriptions (through the registry's care-event writer, audited) for up to
 * DEMO_SAFETY_PEOPLE people registered by Harbor General's emergency department.
 */
export async function seedDemoSafety(
  db: Db,
  clock: Clock,
  options: { seed: number; region: SyntheticRegion },
): Promise<{ people: number; events: number }> {
  return db.transaction().execute(async (trx) => {
    const orgs = await demoOrganizations(trx, options.seed, options.region);
    const ed = orgs.get('harbor-general-ed');
    if (!ed) return { people: 0, events: 0 };
    const clinician = await trx.selectFrom('users').select('id').where('email', '=', demoClinician.email).executeTakeFirst();
    const people = await peopleRegisteredBy(trx, ed.id, DEMO_SAFETY_PEOPLE);
    const now = clock.now();
    const items = people.flatMap((personId, slot) =>
      planEvents(safetyPlan(options.seed, slot), now, clinician?.id ?? null, slot).map((event) => ({ personId, event })),
    );
    const result = await writeCareEvents(
      trx,
      clock,
      { ...systemAccess('demo seed'), organizationId: ed.id },
      { organizationId: ed.id, source: 'pdmp' },
      items,
    );
    return { people: people.length, events: result.written };
  });
}
