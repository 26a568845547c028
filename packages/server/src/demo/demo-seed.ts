// Longer than 300 lines: the demo seed's steps, their progress and the resumable stream of people, in the order they run.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db, DbOrTrx } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { systemAccess } from '../core/access-context.ts';
import { hashPassword } from '../modules/identity/index.ts';
import { demoOrganizations, insertDemoPeopleWithCare } from './demo-care-seed.ts';
import { writeDemoDirectory } from './demo-directory-seed.ts';
import { seedDemoOverdose } from './demo-overdose-seed.ts';
import { seedDemoSafety } from './demo-safety-seed.ts';
import { seedDemoReferrals } from './demo-referrals-seed.ts';
import { seedDemoWorklist } from './demo-worklist-seed.ts';
import { seedDemoLearning } from './demo-learning-seed.ts';
import { seedDemoNetwork } from './demo-network-seed.ts';
import { seedDemoPortal } from './demo-portal-seed.ts';
import { syntheticBoundaries } from './synthetic-boundaries.ts';
import { vertexCount } from '../modules/geography/index.ts';
import {
  DEMO_PASSWORD,
  createPersonGenerator,
  generateOrganizations,
  generateRegion,
  generateStaff,
  type SyntheticPerson,
  type SyntheticRegion,
} from './synthetic-community.ts';

export type DemoPhase = 'community' | 'people';

export interface DemoProgress {
  phase: DemoPhase;
  done: number;
  total: number;
}

/** The `settings` row `demo`: which seed made the demo and how many of its people are stored. */
export interface DemoSettings {
  seed: number;
  /** People written so far; also the index of the next person in the seed's stream. */
  people: number;
  generatedAt: string;
  updatedAt?: string;
}

export interface DemoSummary {
  seed: number;
  areas: number;
  organizations: number;
  locations: number;
  users: number;
  memberships: number;
  people: number;
}

export interface SeedDemoOptions {
  seed: number;
  people: number;
  /** Rows per INSERT and per transaction; default 1000. */
  batchSize?: number;
  onProgress?: (progress: DemoProgress) => void;
  /** Called as each step of the seed finishes, with how long it took. */
  onStep?: (step: string, ms: number) => void;
}

export interface AddDemoPeopleOptions {
  people: number;
  /** Defaults to the demo's seed; another seed is refused, since the stream would no longer be one. */
  seed?: number;
  /** The expected number of demo people already stored; refused if another writer got there first. */
  startIndex?: number;
  batchSize?: number;
  onProgress?: (progress: DemoProgress) => void;
}

const DEMO_ACCESS = systemAccess('demo seed');
const DEFAULT_BATCH_SIZE = 1000;
// Serializes concurrent seeders on a server database (PGlite has one connection anyway).
const DEMO_SEED_LOCK = 7061702;

/** True when no organization exists: the only state the demo community is seeded into. */
export async function isDatabaseEmpty(db: DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** True when any demo organization or user exists, or the demo settings row does (production refuses to start). */
export async function hasDemoData(db: DbOrTrx): Promise<boolean> {
  const [org, user, settings] = await Promise.all([
    db.selectFrom('organizations').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst(),
    db.selectFrom('users').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst(),
    db.selectFrom('settings').select('key').where('key', '=', 'demo').executeTakeFirst(),
  ]);
  return org !== undefined || user !== undefined || settings !== undefined;
}

export async function findDemoSettings(db: DbOrTrx): Promise<DemoSettings | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'demo').executeTakeFirst();
  return row ? (row.value as DemoSettings) : null;
}

function assertCount(name: string, n: number, min: number) {
  if (!Number.isSafeInteger(n) || n < min)
    throw new AppError('VALIDATION_FAILED', { message: `${name} must be an integer of at least ${min}.` });
}

/**
 * Seeds the synthetic Harbor County community into an empty database: areas, organizations and
 * locations, staff users and memberships (all `is_demo`), then `people` people in short batches.
 * Every creation is audited as `system: demo seed`. Throws CONFLICT if any organization exists.
 *
 * The community (everything but people) is one transaction, so a crash leaves the database empty
 * or seeded, never half-seeded. People follow in transactions of `batchSize` rows; the `demo`
 * settings row counts them as they commit, so `addDemoPeople` can resume after an interruption.
 */
export async function seedDemoCommunity(db: Db, clock: Clock, options: SeedDemoOptions): Promise<DemoSummary> {
  assertCount('seed', options.seed, 0);
  assertCount('people', options.people, 0);
  const { seed, onProgress } = options;
  const region = generateRegion(seed);
  const orgs = generateOrganizations(seed, region);
  const staff = generateStaff(seed, orgs);
  // argon2id costs ~50 ms, so the one demo password is hashed once for every account, and before
  // the transaction opens, so the single PGlite connection is not held while hashing.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const total = orgs.length + staff.length;

  const summary = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`.execute(trx);
    if (!(await isDatabaseEmpty(trx))) {
      throw new AppError('CONFLICT', {
        message: 'The database already holds organizations; the demo community is seeded only into an empty database.',
      });
    }
    const now = clock.now();
    await trx
      .insertInto('areas')
      .values(
        region.areas.map((a) => ({
          id: a.id,
          name: a.name,
          town: a.town,
          postal_code: a.postalCode,
          latitude: a.latitude,
          longitude: a.longitude,
          population: a.population,
        })),
      )
      .execute();
    await recordAudit(trx, clock, DEMO_ACCESS, { action: 'area.bulk-create', entityType: 'area', details: { count: region.areas.length } });
    const shapes = syntheticBoundaries(region.areas);
    await trx
      .insertInto('area_boundaries')
      .values(
        region.areas.map((a, i) => ({
          area_id: a.id,
          kind: 'demo' as const,
          source_id: a.id,
          geometry: JSON.stringify(shapes[i]),
          vertices: vertexCount(shapes[i]!),
          source_vertices: vertexCount(shapes[i]!),
          attributes: '{}',
          source: 'synthetic demo region',
          imported_at: now,
        })),
      )
      .execute();

    const orgIds = new Map<string, string>();
    let locations = 0;
    for (const org of orgs) {
      const { id } = await trx
        .insertInto('organizations')
        .values({
          name: org.name,
          type: org.type,
          description: org.description,
          website: org.website,
          phone: org.phone,
          email: org.email,
          is_demo: true,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(org.key, id);
      await recordAudit(trx, clock, DEMO_ACCESS, {
        action: 'organization.create',
        entityType: 'organization',
        entityId: id,
        organizationId: id,
      });
      for (const loc of org.locations) {
        const location = await trx
          .insertInto('locations')
          .values({
            organization_id: id,
            name: loc.name,
            address1: loc.address1,
            address2: loc.address2,
            city: loc.city,
            region: loc.region,
            postal_code: loc.postalCode,
            latitude: loc.latitude,
            longitude: loc.longitude,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, clock, DEMO_ACCESS, {
          action: 'location.create',
          entityType: 'location',
          entityId: location.id,
          organizationId: id,
        });
        locations++;
      }
      onProgress?.({ phase: 'community', done: orgIds.size, total });
    }

    let memberships = 0;
    for (const [i, member] of staff.entries()) {
      const user = await trx
        .insertInto('users')
        .values({
          email: member.email,
          display_name: member.displayName,
          password_hash: passwordHash,
          status: 'active',
          password_changed_at: now,
          is_demo: true,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const organizationIdOf = (key: string) => {
        const id = orgIds.get(key);
        if (!id) throw new Error(`staff membership names an unknown organization ${key}`);
        return id;
      };
      await recordAudit(trx, clock, DEMO_ACCESS, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        organizationId: organizationIdOf(member.memberships[0]?.organizationKey ?? ''),
      });
      for (const m of member.memberships) {
        const organizationId = organizationIdOf(m.organizationKey);
        const membership = await trx
          .insertInto('memberships')
          .values({ user_id: user.id, organization_id: organizationId, roles: m.roles, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, clock, DEMO_ACCESS, {
          action: 'membership.create',
          entityType: 'membership',
          entityId: membership.id,
          organizationId,
          details: { roles: m.roles },
        });
        memberships++;
      }
      onProgress?.({ phase: 'community', done: orgs.length + i + 1, total });
    }

    await writeDemoDirectory(trx, clock, DEMO_ACCESS, { seed, region, organizations: orgs, organizationIds: orgIds });

    const settings: DemoSettings = { seed, people: 0, generatedAt: now.toISOString() };
    await trx
      .insertInto('settings')
      .values({ key: 'demo', value: JSON.stringify(settings) })
      .execute();
    await recordAudit(trx, clock, DEMO_ACCESS, {
      action: 'demo.seed',
      entityType: 'settings',
      entityId: 'demo',
      details: { seed, people: options.people },
    });
    return { seed, areas: region.areas.length, organizations: orgs.length, locations, users: staff.length, memberships, people: 0 };
  });

  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    options.onStep?.(name, Math.round(performance.now() - started));
    return result;
  };
  summary.people = await step('people', () =>
    writePeople(db, clock, { region, seed, startIndex: 0, count: options.people, batchSize: options.batchSize, onProgress }),
  );
  await step('overdose', () => seedDemoOverdose(db, clock, { seed, region }));
  await step('safety', () => seedDemoSafety(db, clock, { seed, region }));
  await step('referrals', () => seedDemoReferrals(db, clock, { seed, region }));
  await step('worklist', () => seedDemoWorklist(db, clock, { seed }));
  await step('learning', () => seedDemoLearning(db, clock, { people: summary.people }));
  await step('network', () => seedDemoNetwork(db, clock, { seed, region }));
  await step('portal', () => seedDemoPortal(db, clock));
  return summary;
}

/**
 * Appends `people` more people from the demo's seed stream to a seeded database, continuing where
 * the last run stopped, so seeding 200 and adding 300 stores the same 500 people as seeding 500.
 * Throws CONFLICT when the database holds no demo, or the seed or start index disagree with it.
 */
export async function addDemoPeople(
  db: Db,
  clock: Clock,
  options: AddDemoPeopleOptions,
): Promise<{ seed: number; startIndex: number; added: number; total: number }> {
  assertCount('people', options.people, 0);
  const settings = await findDemoSettings(db);
  if (!settings) throw new AppError('CONFLICT', { message: 'This database holds no demo community to add people to.' });
  if (options.seed !== undefined && options.seed !== settings.seed) {
    throw new AppError('CONFLICT', {
      message: `The demo in this database was generated with seed ${settings.seed}; add people with that seed.`,
    });
  }
  if (options.startIndex !== undefined && options.startIndex !== settings.people) {
    throw new AppError('CONFLICT', { message: `The demo holds ${settings.people} generated people; people are appended from that index.` });
  }
  const region = await regionFromDatabase(db, settings.seed);
  const added = await writePeople(db, clock, {
    region,
    seed: settings.seed,
    startIndex: settings.people,
    count: options.people,
    batchSize: options.batchSize,
    onProgress: options.onProgress,
  });
  return { seed: settings.seed, startIndex: settings.people, added, total: settings.people + added };
}

/** The seed's region, checked against the stored areas so people land in areas that exist. */
async function regionFromDatabase(db: DbOrTrx, seed: number): Promise<SyntheticRegion> {
  const region = generateRegion(seed);
  const stored = await db.selectFrom('areas').select('id').execute();
  const ids = new Set(stored.map((r) => r.id));
  if (region.areas.some((a) => !ids.has(a.id))) {
    throw new AppError('CONFLICT', { message: 'The stored areas do not match the demo region; people cannot be added.' });
  }
  return region;
}

async function writePeople(
  db: Db,
  clock: Clock,
  job: {
    region: SyntheticRegion;
    seed: number;
    startIndex: number;
    count: number;
    batchSize: number | undefined;
    onProgress: ((p: DemoProgress) => void) | undefined;
  },
): Promise<number> {
  const batchSize = job.batchSize ?? DEFAULT_BATCH_SIZE;
  assertCount('batchSize', batchSize, 1);
  const personAt = createPersonGenerator(job.seed, job.region);
  const organizations = await demoOrganizations(db, job.seed, job.region);
  job.onProgress?.({ phase: 'people', done: 0, total: job.count });
  let done = 0;
  while (done < job.count) {
    const n = Math.min(batchSize, job.count - done);
    const now = clock.now();
    const batch = new Array<SyntheticPerson>(n);
    for (let i = 0; i < n; i++) batch[i] = personAt(job.startIndex + done + i);
    const before = job.startIndex + done;
    await db.transaction().execute(async (trx) => {
      await insertDemoPeopleWithCare(trx, batch, organizations, job.seed, now);
      await recordAudit(trx, clock, DEMO_ACCESS, { action: 'person.bulk-create', entityType: 'person', details: { count: n } });
      // Counting in the same transaction keeps the count exact across crashes; the guard on the
      // previous count refuses a concurrent appender instead of storing the same people twice.
      const updated = await trx
        .updateTable('settings')
        .set({ value: sql<string>`value || jsonb_build_object('people', ${before + n}::int, 'updatedAt', ${now.toISOString()}::text)` })
        .where('key', '=', 'demo')
        .where(sql<boolean>`(value->>'people')::int = ${before}`)
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) {
        throw new AppError('CONFLICT', { message: 'Another process added demo people at the same time; run again to continue.' });
      }
    });
    done += n;
    job.onProgress?.({ phase: 'people', done, total: job.count });
    // PGlite has one connection: give queued HTTP requests their turn between batches.
    await yieldToEventLoop();
  }
  return done;
}
