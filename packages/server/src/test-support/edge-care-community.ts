import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { createTestOrganization } from './factories.ts';
import { recordSensitivity } from '../modules/registry/index.ts';
import { careEventKind, DAY_MS, epochDay, type CareEventType, type OrganizationType } from '@continuum/contracts';

/*
 * A seeded community of edge cases for the engine comparison: events clustered so supply stacks,
 * overlaps and leaves gaps; MOUD stops; several events on one day (and at one instant, so the id
 * decides the order) at different organizations; events with no data; fatal reports of an earlier
 * non-fatal overdose; referrals with and without ids; birthdays on 29 February and inside the
 * months counted; records merged into others, in chains of two.
 */

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedEdgeCommunity(db: Db, clock: Clock, seed: number, people: number): Promise<void> {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const maybe = <T>(p: number, v: T): T | undefined => (random() < p ? v : undefined);
  const orgTypes: OrganizationType[] = ['emergency_department', 'hospital', 'opioid_treatment_program', 'primary_care'];
  const orgs = await Promise.all(orgTypes.map((type) => createTestOrganization(db, clock, { type })));
  const today = epochDay(clock.now());
  const codes = ['F11.20', 'F11.21', 'F10.10', 'F17.210', 'F12.90', 'F14.20', 'Z00.00'];
  const meds = ['buprenorphine', 'methadone', 'naltrexone'];
  const forms = ['sublingual', 'oral', 'extended_release_injection', 'implant', undefined];
  const dataOf = (type: CareEventType, pool: string[]): Record<string, unknown> => {
    if (random() < 0.05) return {};
    switch (type) {
      case 'screening':
        return { result: pick(['positive', 'negative']) };
      case 'diagnosis':
        return { code: pick(codes), ...(random() < 0.15 ? { remission: 'early' } : {}) };
      case 'encounter':
        return {
          setting: pick(['emergency_department', 'emergency_department', 'inpatient', 'residential', 'outpatient', 'telehealth']),
          ...(random() < 0.8 ? { principalDiagnosis: pick(codes) } : {}),
          ...(random() < 0.4 ? { diagnoses: [pick(codes), pick(codes)] } : {}),
        };
      case 'referral':
        return { status: 'sent', ...(random() < 0.8 ? { referralId: pick(pool) } : {}), serviceKind: pick(['moud', 'moud', 'counseling']) };
      case 'appointment_attended':
        return {
          ...(random() < 0.5 ? { referralId: pick(pool) } : {}),
          ...(random() < 0.5 ? { serviceKind: pick(['moud', 'housing']) } : {}),
        };
      case 'moud_dispense':
      case 'moud_administration':
      case 'moud_start':
      case 'moud_dose_change':
        return {
          medication: pick(meds),
          formulation: pick(forms),
          ...(random() < 0.85 || type === 'moud_dispense' ? { daysSupply: pick([1, 7, 7, 14, 28, 30]) } : {}),
        };
      case 'moud_stop':
        return { medication: pick(meds), reason: 'taper_completed' };
      case 'overdose':
        return { fatal: random() < 0.2, naloxoneDoses: pick([0, 0, 1, 2]), ...(random() < 0.7 ? { overdoseEventId: pick(pool) } : {}) };
      case 'naloxone':
        return { mode: pick(['administered', 'kit_given']), ...(random() < 0.5 ? { kits: pick([1, 2, 5]) } : {}) };
      case 'recovery_milestone':
        return { milestone: pick(['peer_support', 'remission_documented', 'employment']) };
      default:
        return {};
    }
  };
  const types: CareEventType[] = [
    ...(['screening', 'diagnosis', 'diagnosis', 'encounter', 'encounter', 'encounter', 'referral', 'referral'] as const),
    ...(['appointment_attended', 'moud_dispense', 'moud_dispense', 'moud_dispense', 'moud_administration', 'moud_start'] as const),
    ...(['moud_dose_change', 'moud_stop', 'custody_release', 'overdose', 'overdose', 'naloxone', 'recovery_milestone'] as const),
    ...(['counseling_note', 'note'] as const),
  ];
  const ids: string[] = [];
  const now = clock.now();
  for (let i = 0; i < people; i++) {
    const year = 1950 + Math.floor(random() * 62);
    const birth =
      random() < 0.05
        ? '2004-02-29'
        : `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const person = await db
      .insertInto('people')
      .values({
        given_name: 'Edge',
        family_name: `Case${i}`,
        birth_date: birth,
        sex: pick(['female', 'male', 'unknown'] as const),
        race: maybe(0.7, pick(['white', 'black-or-african-american', 'asian'])) ?? null,
        ethnicity: maybe(0.6, 'not-hispanic-or-latino') ?? null,
        area_id: null,
        pregnant_or_postpartum: random() < 0.1,
        veteran: random() < 0.1,
        justice_involved: random() < 0.2,
        unhoused: random() < 0.1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(person.id);
    if (random() < 0.3)
      await db
        .insertInto('person_identifiers')
        .values({ person_id: person.id, organization_id: orgs[0]!.id, kind: 'medicaid_id', value: `M${i}`, created_at: now })
        .execute();
    const pool = [randomUUID(), randomUUID()];
    const rows = [];
    const clusters = 1 + Math.floor(random() * 3);
    for (let c = 0; c < clusters; c++) {
      const base = today - Math.floor(random() * 800);
      const n = 2 + Math.floor(random() * 18);
      let day = base;
      for (let k = 0; k < n; k++) {
        day += pick([0, 0, 1, 3, 7, 7, 9, 14, 30, 40]);
        if (day >= today) break;
        const type = pick(types);
        const org = pick(orgs);
        const kind = careEventKind(type);
        const second = random() < 0.3 ? 43_200 : Math.floor(random() * 86_400);
        rows.push({
          person_id: person.id,
          organization_id: org.id,
          kind,
          type,
          sensitivity: recordSensitivity(org.type, kind, undefined),
          occurred_at: new Date(day * DAY_MS + second * 1000),
          title: type,
          data: JSON.stringify(dataOf(type, pool)),
          created_at: now,
        });
      }
    }
    if (rows.length > 0) await db.insertInto('person_events').values(rows).execute();
  }
  // Merged records: some into a survivor, some into a record that is itself merged (a chain of two).
  for (let i = 0; i + 2 < ids.length; i += 17) {
    await db
      .updateTable('people')
      .set({ merged_into_id: ids[i + 1]! })
      .where('id', '=', ids[i]!)
      .execute();
    if (i % 2 === 0)
      await db
        .updateTable('people')
        .set({ merged_into_id: ids[i + 2]! })
        .where('id', '=', ids[i + 1]!)
        .execute();
  }
}
