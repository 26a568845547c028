import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { verifyAuditChain } from '../modules/audit/audit.ts';
import { verifyPassword } from '../modules/identity/passwords.ts';
import {
  addDemoPeople,
  findDemoSettings,
  hasDemoData,
  isDatabaseEmpty,
  seedDemoCommunity,
  type DemoProgress,
  type DemoSummary,
} from './demo-seed.ts';
import {
  DEMO_PASSWORD,
  demoAccounts,
  generateOrganizations,
  generatePeople,
  generateRegion,
  generateStaff,
} from './synthetic-community.ts';

const SEED = 7;
const clock = manualClock();
let opened: OpenedDatabase;
let summary: DemoSummary;
const progress: DemoProgress[] = [];

const count = async (table: 'organizations' | 'locations' | 'users' | 'memberships' | 'people' | 'areas') => {
  const row = await opened.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};
const auditCount = async (action: string) => {
  const row = await opened.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .where('actor_label', '=', 'system: demo seed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

beforeAll(async () => {
  opened = await createTestDatabase();
  expect(await isDatabaseEmpty(opened.db)).toBe(true);
  expect(await hasDemoData(opened.db)).toBe(false);
  summary = await seedDemoCommunity(opened.db, clock, { seed: SEED, people: 200, batchSize: 64, onProgress: (p) => progress.push(p) });
});

afterAll(async () => {
  await opened?.close();
});

describe('seedDemoCommunity', () => {
  it('writes the generated community', async () => {
    const region = generateRegion(SEED);
    const orgs = generateOrganizations(SEED, region);
    const staff = generateStaff(SEED, orgs);
    const expected = {
      seed: SEED,
      areas: region.areas.length,
      organizations: orgs.length,
      locations: orgs.reduce((n, o) => n + o.locations.length, 0),
      users: staff.length,
      memberships: staff.reduce((n, s) => n + s.memberships.length, 0),
      people: 200,
    };
    expect(summary).toEqual(expected);
    for (const table of ['areas', 'organizations', 'locations', 'users', 'memberships', 'people'] as const) {
      expect(await count(table), table).toBe(expected[table]);
    }
    expect(await isDatabaseEmpty(opened.db)).toBe(false);
    expect(await hasDemoData(opened.db)).toBe(true);
  });

  it('gives every area a demo boundary', async () => {
    const boundaries = await opened.db.selectFrom('area_boundaries').select(['area_id', 'kind']).execute();
    expect(boundaries.map((b) => b.area_id).sort()).toEqual(
      generateRegion(SEED)
        .areas.map((a) => a.id)
        .sort(),
    );
    expect(new Set(boundaries.map((b) => b.kind))).toEqual(new Set(['demo']));
  });

  it('marks organizations, users and people as demo data', async () => {
    const notDemo = await sql<{ n: string }>`
      select (select count(*) from organizations where not is_demo)
           + (select count(*) from users where not is_demo)
           + (select count(*) from people where not is_demo) as n`.execute(opened.db);
    expect(Number(notDemo.rows[0]?.n)).toBe(0);
  });

  it('stores people exactly as generated, in their areas', async () => {
    const region = generateRegion(SEED);
    const stored = await opened.db.selectFrom('people').select(['given_name', 'family_name', 'birth_date', 'area_id', 'phone']).execute();
    const generated = [...generatePeople(SEED, 200, region)];
    const key = (p: { given: string; family: string; birth: string; area: string | null; phone: string | null }) =>
      `${p.given}|${p.family}|${p.birth}|${p.area}|${p.phone}`;
    expect(
      new Set(stored.map((r) => key({ given: r.given_name, family: r.family_name, birth: r.birth_date, area: r.area_id, phone: r.phone }))),
    ).toEqual(
      new Set(generated.map((p) => key({ given: p.givenName, family: p.familyName, birth: p.birthDate, area: p.areaId, phone: p.phone }))),
    );
  });

  it('audits every creation as the demo seed, people per batch without PHI', async () => {
    expect(await auditCount('organization.create')).toBe(summary.organizations);
    expect(await auditCount('location.create')).toBe(summary.locations);
    expect(await auditCount('user.create')).toBe(summary.users);
    expect(await auditCount('membership.create')).toBe(summary.memberships);
    expect(await auditCount('area.bulk-create')).toBe(1);
    const batches = await opened.db
      .selectFrom('audit_events')
      .select(['details', 'entity_id'])
      .where('action', '=', 'person.bulk-create')
      .orderBy('id')
      .execute();
    expect(batches.map((b) => b.details)).toEqual([{ count: 64 }, { count: 64 }, { count: 64 }, { count: 8 }]);
    expect(batches.every((b) => b.entity_id === null)).toBe(true);
    expect((await verifyAuditChain(opened.db)).ok).toBe(true);
  });

  it('reports progress through the community and the people', () => {
    expect(progress[0]?.phase).toBe('community');
    const people = progress.filter((p) => p.phase === 'people');
    expect(people.map((p) => p.done)).toEqual([0, 64, 128, 192, 200]);
    expect(people.every((p) => p.total === 200)).toBe(true);
  });

  it('records the seed and count in settings', async () => {
    expect(await findDemoSettings(opened.db)).toMatchObject({ seed: SEED, people: 200, generatedAt: clock.now().toISOString() });
  });

  it('creates the fixed demo accounts with the demo password and their memberships', async () => {
    const rows = await opened.db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
      .select(['users.email', 'users.password_hash', 'users.status', 'memberships.roles', 'organizations.type', 'organizations.name'])
      .where(
        'users.email',
        'in',
        demoAccounts.map((a) => a.email),
      )
      .execute();
    for (const account of demoAccounts) {
      const mine = rows.filter((r) => r.email === account.email);
      expect(mine.length, account.email).toBe(1 + account.additionalOrganizationKeys.length);
      expect(mine.every((r) => r.roles.length === 1 && r.roles[0] === account.role && r.status === 'active')).toBe(true);
    }
    const admin = rows.find((r) => r.email === 'admin@demo.continuum.example');
    expect(admin?.name).toBe('Harbor County Public Health');
    expect(await verifyPassword(admin?.password_hash ?? '', DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(admin?.password_hash ?? '', 'wrong-password')).toBe(false);
    expect(new Set(rows.filter((r) => r.email.startsWith('navigator@')).map((r) => r.type))).toEqual(
      new Set(['peer_recovery', 'public_health']),
    );
  });

  it('refuses to seed a database that already holds organizations, and changes nothing', async () => {
    const before = await count('organizations');
    await expect(seedDemoCommunity(opened.db, clock, { seed: SEED, people: 10 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count('organizations')).toBe(before);
    expect(await count('people')).toBe(200);
  });
});

describe('addDemoPeople', () => {
  it('appends people continuing the seed stream, so 200 + 50 equals seeding 250', async () => {
    const result = await addDemoPeople(opened.db, clock, { people: 50, startIndex: 200 });
    expect(result).toEqual({ seed: SEED, startIndex: 200, added: 50, total: 250 });
    expect(await count('people')).toBe(250);
    expect(await findDemoSettings(opened.db)).toMatchObject({ seed: SEED, people: 250 });
    const expected = [...generatePeople(SEED, 250, generateRegion(SEED))].map(
      (p) => `${p.givenName} ${p.familyName} ${p.birthDate} ${p.areaId}`,
    );
    const stored = await opened.db.selectFrom('people').select(['given_name', 'family_name', 'birth_date', 'area_id']).execute();
    expect(stored.map((r) => `${r.given_name} ${r.family_name} ${r.birth_date} ${r.area_id}`).sort()).toEqual(expected.sort());
    expect(await auditCount('person.bulk-create')).toBe(5);
  });

  it('refuses another seed or a stale start index, and changes nothing', async () => {
    await expect(addDemoPeople(opened.db, clock, { people: 5, seed: SEED + 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(addDemoPeople(opened.db, clock, { people: 5, startIndex: 200 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(addDemoPeople(opened.db, clock, { people: -1 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await count('people')).toBe(250);
  });
});

describe('batching', () => {
  it('lets other queries run between batches on the single PGlite connection', async () => {
    let seenMidway: number | null = null;
    let midway: Promise<void> | undefined;
    const result = await addDemoPeople(opened.db, clock, {
      people: 600,
      batchSize: 100,
      onProgress: (p) => {
        if (p.done === 100) {
          midway = count('people').then((n) => {
            seenMidway = n;
          });
        }
      },
    });
    await midway;
    expect(result.total).toBe(850);
    expect(seenMidway).toBeGreaterThan(250);
    expect(seenMidway).toBeLessThan(850);
  });
});
