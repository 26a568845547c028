import type { OrganizationType } from '@continuum/contracts';
import type { Clock } from '../clock.ts';
import { systemAccess } from '../core/access-context.ts';
import type { Db } from '../db/database.ts';
import { indexPeople } from '../modules/person-index/index.ts';
import { phoneticKey } from '../modules/registry/index.ts';

/**
 * A handful of people registered twice, at two organizations, with the small differences real
 * registrations have (a nickname, a birth date typed with two digits swapped, a dropped family-name
 * part), so the person index's review queue is not empty on a fresh `npm start`; one pair agrees on
 * everything including the phone and is linked automatically. Made-up people (is_demo).
 */
const PAIRS: { first: Person; second: Person }[] = [
  {
    first: { given: 'Marcus', family: 'Okafor', birthDate: '1979-11-02', sex: 'male', org: 'emergency_department' },
    second: { given: 'Mark', family: 'Okafor', birthDate: '1979-11-20', sex: 'male', org: 'opioid_treatment_program' },
  },
  {
    first: { given: 'Jacqueline', family: 'Brandt', birthDate: '1984-03-09', sex: 'female', org: 'emergency_department' },
    second: { given: 'Jackie', family: 'Brandt', birthDate: '1984-03-19', sex: 'female', org: 'primary_care' },
  },
  {
    first: { given: 'Nathaniel', family: 'Oyelaran', birthDate: '1991-06-27', sex: 'male', org: 'primary_care' },
    second: { given: 'Nate', family: 'Oyelaran', birthDate: '1991-06-17', sex: 'male', org: 'opioid_treatment_program' },
  },
  {
    first: {
      given: 'Teresa',
      family: 'Lindqvist',
      birthDate: '1975-05-21',
      sex: 'female',
      org: 'emergency_department',
      phone: '5415550187',
    },
    second: { given: 'Teresa', family: 'Lindqvist', birthDate: '1975-05-21', sex: 'female', org: 'primary_care', phone: '5415550187' },
  },
];

interface Person {
  given: string;
  family: string;
  birthDate: string;
  sex: 'female' | 'male';
  org: OrganizationType;
  phone?: string;
}

/** Registers the pairs at the demo's organizations of those types and indexes them. Returns the outcomes. */
export async function seedDemoPersonIndex(db: Db, clock: Clock): Promise<{ people: number; reviews: number; linked: number }> {
  const orgs = await db.selectFrom('organizations').select(['id', 'type']).where('active', '=', true).orderBy('name').execute();
  const orgOf = (type: OrganizationType) => orgs.find((o) => o.type === type)?.id ?? null;
  const now = clock.now();
  const ids: string[] = [];
  for (const pair of PAIRS) {
    for (const p of [pair.first, pair.second]) {
      const org = orgOf(p.org);
      if (!org) continue;
      const row = await db
        .insertInto('people')
        .values({
          given_name: p.given,
          family_name: p.family,
          birth_date: p.birthDate,
          sex: p.sex,
          gender_identity: null,
          race: null,
          ethnicity: null,
          language: 'en',
          phone: p.phone ?? null,
          address1: null,
          area_id: null,
          registered_by_organization_id: org,
          given_phonetic: phoneticKey(p.given),
          family_phonetic: phoneticKey(p.family),
          is_demo: true,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
  }
  const outcomes = await indexPeople(db, clock, systemAccess('demo seed: person index'), ids);
  return {
    people: ids.length,
    reviews: outcomes.reduce((s, o) => s + o.reviews, 0),
    linked: outcomes.filter((o) => o.linked !== null).length,
  };
}
