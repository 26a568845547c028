import { describe, expect, it } from 'vitest';
import { organizationTypes, roles } from '@continuum/contracts';
import * as names from './demo-names.ts';
import { Random, weightedPicker } from './random.ts';
import {
  DEMO_EMAIL_DOMAIN,
  DEMO_REFERENCE_DATE,
  REGION_BOUNDS,
  demoAccounts,
  ethnicityCodes,
  genderIdentityCodes,
  generateOrganizations,
  generatePeople,
  generateRegion,
  generateStaff,
  languageCodes,
  raceCodes,
} from './synthetic-community.ts';

const SEED = 42;
const region = generateRegion(SEED);
const orgs = generateOrganizations(SEED, region);
const staff = generateStaff(SEED, orgs);
const people = [...generatePeople(SEED, 5000, region)];

function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

describe('random', () => {
  it('gives the same sequence for the same seed and stream, and another for another seed', () => {
    const draw = (seed: number, stream: string) => {
      const rng = Random.fromSeed(seed, stream);
      return Array.from({ length: 5 }, () => rng.nextUint32());
    };
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
  });

  it('pins the first outputs, so a change to the generator is noticed (it would change every demo)', () => {
    const rng = Random.fromSeed(42, 'people');
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toMatchInlineSnapshot(`
      [
        4257562020,
        1836313897,
        2176333983,
      ]
    `);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const rng = Random.fromSeed(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws weighted choices in proportion to their weights', () => {
    const pick = weightedPicker([
      ['a', 1],
      ['b', 3],
      ['zero', 0],
    ] as const);
    const rng = Random.fromSeed(9);
    const counts = { a: 0, b: 0, zero: 0 };
    for (let i = 0; i < 20_000; i++) counts[pick(rng)]++;
    expect(counts.zero).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
  });
});

describe('generateRegion', () => {
  it('is a compact county of 8-12 towns, 20-30 postal areas and 250k-400k residents', () => {
    expect(region.name).toBe('Harbor County');
    expect(region.towns.length).toBeGreaterThanOrEqual(8);
    expect(region.towns.length).toBeLessThanOrEqual(12);
    expect(region.areas.length).toBeGreaterThanOrEqual(20);
    expect(region.areas.length).toBeLessThanOrEqual(30);
    const population = region.areas.reduce((sum, a) => sum + a.population, 0);
    expect(population).toBeGreaterThan(250_000);
    expect(population).toBeLessThan(400_000);
    for (const area of region.areas) {
      expect(area.postalCode).toMatch(/^97\d{3}$/);
      expect(area.latitude).toBeGreaterThan(REGION_BOUNDS.minLatitude);
      expect(area.latitude).toBeLessThan(REGION_BOUNDS.maxLatitude);
      expect(area.longitude).toBeGreaterThan(REGION_BOUNDS.minLongitude);
      expect(area.longitude).toBeLessThan(REGION_BOUNDS.maxLongitude);
      expect(area.population).toBeGreaterThan(0);
    }
    expect(new Set(region.areas.map((a) => a.id)).size).toBe(region.areas.length);
    expect(new Set(region.areas.map((a) => a.character))).toEqual(new Set(['urban', 'suburban', 'rural']));
  });

  it('is deterministic and varies with the seed', () => {
    expect(generateRegion(SEED)).toEqual(region);
    expect(generateRegion(SEED + 1)).not.toEqual(region);
  });
});

describe('generateOrganizations', () => {
  it('has about 40 organizations covering all 20 organization types', () => {
    expect(orgs.length).toBeGreaterThanOrEqual(36);
    expect(orgs.length).toBeLessThanOrEqual(48);
    expect(new Set(orgs.map((o) => o.type))).toEqual(new Set(organizationTypes));
    expect(new Set(orgs.map((o) => o.key)).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length);
  });

  it('leans toward the places people with OUD meet the network', () => {
    const count = (type: string) => orgs.filter((o) => o.type === type).length;
    for (const type of [
      'emergency_department',
      'primary_care',
      'pharmacy',
      'opioid_treatment_program',
      'office_based_moud',
      'harm_reduction',
      'peer_recovery',
    ]) {
      expect(count(type), type).toBeGreaterThanOrEqual(2);
    }
  });

  it('has exactly one public health department, the lead organization', () => {
    const lead = orgs.filter((o) => o.isLead);
    expect(lead).toHaveLength(1);
    expect(lead[0]).toMatchObject({ type: 'public_health', name: 'Harbor County Public Health' });
    expect(orgs.filter((o) => o.type === 'public_health')).toHaveLength(1);
  });

  it('gives each organization 1-3 located sites in the region and fictional contact details', () => {
    const areaIds = new Map(region.areas.map((a) => [a.id, a]));
    for (const org of orgs) {
      expect(org.locations.length).toBeGreaterThanOrEqual(1);
      expect(org.locations.length).toBeLessThanOrEqual(3);
      expect(org.website).toMatch(/^https:\/\/www\.[a-z0-9]+\.example$/);
      expect(org.email).toMatch(/^info@[a-z0-9]+\.example$/);
      expect(org.phone).toMatch(/^\(\d{3}\) 555-01\d{2}$/);
      expect(org.description.length).toBeGreaterThan(20);
      expect(new Set(org.locations.map((l) => l.name)).size).toBe(org.locations.length);
      for (const loc of org.locations) {
        const area = areaIds.get(loc.areaId);
        expect(area).toBeDefined();
        expect(loc.postalCode).toBe(area?.postalCode);
        expect(loc.city).toBe(area?.town);
        expect(loc.region).toBe(region.regionCode);
        expect(loc.address1).toMatch(/^\d+ \S/);
        expect(Math.abs(loc.latitude - (area?.latitude ?? 0))).toBeLessThan(0.05);
        expect(Math.abs(loc.longitude - (area?.longitude ?? 0))).toBeLessThan(0.05);
      }
    }
  });

  it('is deterministic and varies with the seed', () => {
    expect(generateOrganizations(SEED, generateRegion(SEED))).toEqual(orgs);
    expect(generateOrganizations(SEED + 1, generateRegion(SEED + 1))).not.toEqual(orgs);
  });
});

describe('generateStaff', () => {
  const rolesOf = (type?: string) =>
    new Set(
      staff.flatMap((s) =>
        s.memberships.filter((m) => !type || orgs.find((o) => o.key === m.organizationKey)?.type === type).flatMap((m) => m.roles),
      ),
    );

  it('staffs every role, besides the fixed demo accounts', () => {
    const generated = staff.filter((s) => !s.isDemoAccount);
    expect(new Set(generated.flatMap((s) => s.memberships.flatMap((m) => m.roles)))).toEqual(new Set(roles));
  });

  it('gives every organization an org admin, and the network admin role only to public health', () => {
    for (const org of orgs) {
      expect(
        staff.some((s) => s.memberships.some((m) => m.organizationKey === org.key && m.roles.includes('org_admin'))),
        org.key,
      ).toBe(true);
    }
    const networkAdminOrgs = new Set(
      staff.flatMap((s) => s.memberships.filter((m) => m.roles.includes('network_admin')).map((m) => m.organizationKey)),
    );
    expect(networkAdminOrgs).toEqual(new Set(['public-health']));
    expect(rolesOf('public_health').has('analyst')).toBe(true);
    expect(rolesOf('peer_recovery').has('care_navigator')).toBe(true);
    expect(rolesOf('emergency_department').has('clinician')).toBe(true);
    expect(rolesOf('recovery_housing').has('partner_staff')).toBe(true);
    expect(rolesOf('law_enforcement').has('clinician')).toBe(false);
  });

  it('has unique emails, all at the demo domain', () => {
    expect(new Set(staff.map((s) => s.email.toLowerCase())).size).toBe(staff.length);
    for (const s of staff) expect(s.email).toMatch(/^[a-z0-9.]+@demo\.continuum\.example$/);
  });

  it('includes one fixed demo account per role, with the documented organizations', () => {
    expect(new Set(demoAccounts.map((a) => a.role))).toEqual(new Set(roles));
    const typeOf = (key: string) => orgs.find((o) => o.key === key)?.type;
    const byEmail = (local: string) => {
      const member = staff.find((s) => s.email === `${local}@${DEMO_EMAIL_DOMAIN}`);
      expect(member?.isDemoAccount, local).toBe(true);
      return member?.memberships.map((m) => [typeOf(m.organizationKey), m.roles.join()]);
    };
    expect(byEmail('admin')).toEqual([['public_health', 'network_admin']]);
    expect(byEmail('orgadmin')).toEqual([['opioid_treatment_program', 'org_admin']]);
    expect(byEmail('clinician')).toEqual([['emergency_department', 'clinician']]);
    expect(byEmail('navigator')).toEqual([
      ['peer_recovery', 'care_navigator'],
      ['public_health', 'care_navigator'],
    ]);
    expect(byEmail('partner')).toEqual([['recovery_housing', 'partner_staff']]);
    expect(byEmail('analyst')).toEqual([['public_health', 'analyst']]);
    expect(byEmail('privacy')).toEqual([
      ['public_health', 'privacy_officer'],
      ['emergency_department', 'privacy_officer'],
    ]);
  });

  it('is deterministic', () => {
    expect(generateStaff(SEED, orgs)).toEqual(staff);
    expect(generateStaff(SEED + 1, orgs)).not.toEqual(staff);
  });
});

describe('generatePeople', () => {
  it('yields valid demographics in the region', () => {
    const areas = new Map(region.areas.map((a) => [a.id, a]));
    const oneOf = (list: readonly (string | null)[], value: string | null) => list.includes(value);
    const problems = people.flatMap((p) => {
      const age = ageOn(p.birthDate, DEMO_REFERENCE_DATE);
      const checks: [string, boolean][] = [
        ['givenName', /^\p{L}/u.test(p.givenName)],
        ['familyName', /^\p{L}/u.test(p.familyName)],
        ['birthDate', /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate) && age >= 12 && age <= 90],
        ['sex', oneOf(['female', 'male', 'unknown'], p.sex)],
        ['genderIdentity', oneOf([...genderIdentityCodes, null], p.genderIdentity)],
        ['race', oneOf([...raceCodes, null], p.race)],
        ['ethnicity', oneOf([...ethnicityCodes, null], p.ethnicity)],
        ['language', oneOf(languageCodes, p.language)],
        ['phone', p.phone === null || /^\(\d{3}\) 555-01\d{2}$/.test(p.phone)],
        ['address1', p.address1 === null || /^\d+ \S/.test(p.address1)],
        ['areaId', areas.has(p.areaId)],
      ];
      return checks.filter(([, ok]) => !ok).map(([field]) => `${p.index}: ${field}`);
    });
    expect(problems).toEqual([]);
    expect(people.map((p) => p.index)).toEqual(people.map((_, i) => i));
  });

  it('has plausible distributions', () => {
    const share = (pred: (p: (typeof people)[number]) => boolean) => people.filter(pred).length / people.length;
    const ages = people.map((p) => ageOn(p.birthDate, DEMO_REFERENCE_DATE));
    expect(ages.filter((a) => a >= 20 && a <= 60).length / ages.length).toBeGreaterThan(0.7);
    expect(Math.min(...ages)).toBe(12);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(85);
    expect(share((p) => p.language === 'en')).toBeGreaterThan(0.8);
    expect(share((p) => p.language === 'es')).toBeGreaterThan(0.07);
    expect(share((p) => p.language === 'es')).toBeLessThan(0.13);
    expect(share((p) => p.ethnicity === 'hispanic-or-latino')).toBeGreaterThan(0.12);
    expect(share((p) => p.genderIdentity === 'non-binary' || p.genderIdentity?.startsWith('transgender') === true)).toBeGreaterThan(0.005);
    expect(share((p) => p.genderIdentity === 'non-binary' || p.genderIdentity?.startsWith('transgender') === true)).toBeLessThan(0.04);
    expect(new Set(people.map((p) => p.race)).size).toBe(raceCodes.length + 1);
    // Areas are chosen by population: the largest area holds more people than the smallest.
    const byArea = new Map<string, number>();
    for (const p of people) byArea.set(p.areaId, (byArea.get(p.areaId) ?? 0) + 1);
    const sorted = [...region.areas].sort((a, b) => a.population - b.population);
    expect(byArea.get(sorted.at(-1)?.id ?? '') ?? 0).toBeGreaterThan((byArea.get(sorted[0]?.id ?? '') ?? 0) * 3);
  });

  it('is deterministic, and a longer run starts with the same people (prefix stability)', () => {
    expect([...generatePeople(SEED, 5000, region)]).toEqual(people);
    expect([...generatePeople(SEED, 100, region)]).toEqual(people.slice(0, 100));
    expect([...generatePeople(SEED, 50, region, 4000)]).toEqual(people.slice(4000, 4050));
    const other = [...generatePeople(SEED + 1, 100, region)];
    expect(other).not.toEqual(people.slice(0, 100));
  });

  it('does not repeat a person exactly', () => {
    const key = (p: (typeof people)[number]) => `${p.givenName}|${p.familyName}|${p.birthDate}|${p.areaId}`;
    expect(new Set(people.map(key)).size).toBe(people.length);
  });

  it('is lazy: asking for a billion people does no work until iterated', () => {
    const it = generatePeople(SEED, 1_000_000_000, region);
    expect(it.next().value).toEqual(people[0]);
  });
});

describe('language', () => {
  // Person-first language (PRODUCT.md, HOUSE-STYLE B12): no stigmatizing words anywhere in fixtures.
  const stigmatizing = /\b(addicts?|addicted|abusers?|clean|dirty|junkies?|drug abuse|substance abuse)\b/i;

  it('uses no stigmatizing words in any generated or fixture string', () => {
    const strings: string[] = [];
    const collect = (value: unknown) => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect([region, orgs, staff, demoAccounts, people.slice(0, 1000), Object.values(names)]);
    expect(strings.length).toBeGreaterThan(1000);
    expect(strings.filter((s) => stigmatizing.test(s))).toEqual([]);
  });
});
