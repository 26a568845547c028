import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type Compilable } from 'kysely';
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
  type Timeline,
  HOUR_MS,
  DAY_MS,
  addDays,
  utcDay,
} from '@continuum/contracts';
import { buildApp } from '../packages/server/src/app.ts';
import { manualClock, systemClock, type Clock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase, type Db, type DbOrTrx } from '../packages/server/src/db/database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { seedDemoCommunity } from '../packages/server/src/demo/demo-seed.ts';
import type { AccessContext } from '../packages/server/src/core/access-context.ts';
import { decideAccess } from '../packages/server/src/modules/registry/access-decision.ts';
import { actorFacts, loadPersonFacts, resolvePerson, type ReadContext } from '../packages/server/src/modules/registry/access-facts.ts';
import {
  consentScopeSummaries,
  openPerson,
  readTimeline,
  recordDisclosures,
  type Permitted,
} from '../packages/server/src/modules/registry/chokepoint.ts';
import { createConsent, expireDueConsents, revokeConsent, signConsent } from '../packages/server/src/modules/registry/consents.ts';
import { addCareTeamMember, addTimelineEvent, readContext, registerPerson } from '../packages/server/src/modules/registry/people.ts';
import { createTestOrganization, createTestUser } from '../packages/server/src/test-support/factories.ts';
import type { BenchContext } from './lib/context.ts';
import { runHttpLoad } from './lib/http-load.ts';
import { closedLoop, fixed, markdownTable, type Summary } from './lib/stats.ts';
import {
  Cleanups,
  engineFacts,
  pgliteTarget,
  postgresTarget,
  signIn,
  sleep,
  type EngineName,
  type Skipped,
  type Target,
} from './lib/targets.ts';

export const summary =
  "A person's 200-entry timeline read through the consent chokepoint (over HTTP and in process) vs a raw query of the same rows, on PGlite and PostgreSQL";

const usage = `Usage: npm run bench -- person-read [options]

  --duration N      seconds measured per cell (default 10)
  --warmup N        seconds of warm-up before each cell, not measured (default 2)
  --concurrency C   concurrent readers in the main cells (default 16)
  --engine E        pglite, postgres or both (default both)
  --pglite-storage  disk (a temp data directory, as deployed; default) or memory
  --people N        demo people seeded around the person read (default 5000)
  --no-breakdown    skip the cost breakdown cells (one reader each)
  --json            human-readable report on stderr, a JSON document on stdout

PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@localhost:5432/postgres,
else postgres://continuum_ci:continuum_ci@localhost:5432/postgres (the role .ci/run creates).
The URL must allow CREATE DATABASE: each run creates continuum_bench_<random> and drops it after.
If no server is reachable, PostgreSQL is skipped (the reason is printed) and the run goes on.`;

const ENTRIES = 200;
const PG_POOL_SIZE = 10; // openDatabase's default, the one main.ts runs with

/** The three measured modes at the main concurrency, and the cost breakdown cells at one reader. */
type Mode = 'http' | 'chokepoint' | 'raw' | 'raw_trx' | 'facts' | 'no_disclosure';
const modeLabel: Record<Mode, string> = {
  http: `HTTP: GET /api/people/:id/timeline?limit=${ENTRIES} as a partner clinician whose access comes from a signed consent`,
  chokepoint: `chokepoint in process: readTimeline(trx, …, ${ENTRIES}) in a transaction, as the route runs it`,
  raw: `raw query: the same ${ENTRIES} rows (person_events ⋈ organizations, newest first) through Kysely, autocommit; no decision, no disclosure`,
  raw_trx: 'the raw query inside a transaction (begin, select, commit)',
  facts: 'openPerson in a transaction: resolve the person and merges, load the access facts (5 queries), decide on the demographics',
  no_disclosure:
    'openPerson + the rows + the decision for every entry + the consent scopes, in a transaction; everything readTimeline does but the disclosure insert',
};
const modeShort: Record<Mode, string> = {
  http: 'HTTP',
  chokepoint: 'chokepoint',
  raw: 'raw query',
  raw_trx: 'raw query in a transaction',
  facts: 'facts only',
  no_disclosure: 'chokepoint without the disclosure',
};

interface Cell extends Summary {
  mode: Mode;
  concurrency: number;
  /** p50 ÷ the raw query's p50 at the same concurrency (null on the raw row itself). */
  p50Ratio: number | null;
  p99Ratio: number | null;
  /** The raw query's ops/s ÷ this mode's ops/s at the same concurrency. */
  throughputRatio: number | null;
  /** Reads whose disclosure rows landed in this cell's window (checked against ops). */
  disclosingReads: number;
  disclosureRows: number;
  statusCounts?: Record<string, number>;
}

interface EngineResult {
  engine: EngineName;
  storage: string;
  serverVersion: string;
  settings: Record<string, string>;
  poolSize: number | null;
  data: DataFacts;
  cells: Cell[];
  breakdown: Cell[];
  /** The JSON body of one timeline response. */
  responseBytes: number;
  /** Each statement of a timeline read on its own, one at a time, and the decision alone. */
  statements: StatementCost[];
  /** The disclosure table's size on disk (table, indexes, TOAST) at the end, and per chokepoint read. */
  disclosureLog: { bytes: number; rows: number; bytesPerRead: number };
  checks: { chokepointReads: number; disclosureRows: number; rowsPerRead: number; recordsPerRead: number };
}

interface DataFacts {
  seedSeconds: number;
  setupSeconds: number;
  people: number;
  personEvents: number;
  consents: number;
  careTeamMembers: number;
  organizations: number;
  personEventsBySource: { organization: string; type: OrganizationType; events: number; part2: number }[];
  personEventsByKind: Record<string, number>;
  personConsents: { type: string; status: string; coversReader: boolean }[];
  careTeam: string[];
}

interface Options {
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  engines: EngineName[];
  pgliteStorage: 'disk' | 'memory';
  people: number;
  breakdown: boolean;
  json: boolean;
}

/** A failed correctness check: the run stops and says why. */
class BenchFailure extends Error {}
/** Thrown to roll a measured transaction back. */
class RolledBack extends Error {}

function parseOptions(args: string[]): Options | { error: string } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        duration: { type: 'string' },
        warmup: { type: 'string' },
        concurrency: { type: 'string' },
        engine: { type: 'string' },
        'pglite-storage': { type: 'string' },
        people: { type: 'string' },
        'no-breakdown': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return 'help';
  const seconds = Number(values.duration ?? '10');
  const warmupSeconds = Number(values.warmup ?? '2');
  const concurrency = Number(values.concurrency ?? '16');
  const people = Number(values.people ?? '5000');
  const engine = values.engine ?? 'both';
  if (!Number.isFinite(seconds) || seconds <= 0) return { error: '--duration must be a positive number of seconds' };
  if (!Number.isFinite(warmupSeconds) || warmupSeconds < 0) return { error: '--warmup must be zero or more seconds' };
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000)
    return { error: '--concurrency must be an integer from 1 to 1000' };
  if (!Number.isInteger(people) || people < 0 || people > 1_000_000) return { error: '--people must be an integer from 0 to 1000000' };
  if (!['pglite', 'postgres', 'both'].includes(engine)) return { error: '--engine must be pglite, postgres or both' };
  const pgliteStorage = values['pglite-storage'] ?? 'disk';
  if (pgliteStorage !== 'disk' && pgliteStorage !== 'memory') return { error: '--pglite-storage must be disk or memory' };
  return {
    seconds,
    warmupSeconds,
    concurrency,
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine as EngineName],
    pgliteStorage,
    people,
    breakdown: !(values['no-breakdown'] ?? false),
    json: values.json ?? false,
  };
}

// ── The person read ──────────────────────────────────────────────────────────

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

interface Scenario {
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
async function buildScenario(db: Db): Promise<Scenario> {
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
  for (const s of sources) {
    await addCareTeamMember(
      db,
      past,
      ctx('otp', past),
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

/** The raw query: the rows readTimeline selects, with nothing decided and nothing written. */
function rawRows(db: DbOrTrx, personId: string) {
  return db
    .selectFrom('person_events as e')
    .innerJoin('organizations as o', 'o.id', 'e.organization_id')
    .select([
      'e.id',
      'e.kind',
      'e.type',
      'e.sensitivity',
      'e.occurred_at',
      'e.title',
      'e.detail',
      'e.organization_id',
      'o.name as organization_name',
    ])
    .where('e.person_id', 'in', [personId])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id')
    .limit(ENTRIES)
    .execute();
}

/** readTimeline's work without its disclosure insert: open the person, select the rows, decide on each, summarize the consents. */
async function timelineWithoutDisclosure(trx: DbOrTrx, ctx: ReadContext, personId: string): Promise<number> {
  const { facts } = await openPerson(trx, ctx, personId);
  const rows = await rawRows(trx, personId);
  const actor = actorFacts(ctx.access);
  const consentIds = new Set<string>();
  let permitted = 0;
  for (const r of rows) {
    const decision = decideAccess({
      actor,
      purpose: ctx.purpose,
      record: { kind: r.kind, sensitivity: r.sensitivity, sourceOrganizationId: r.organization_id },
      person: facts,
      now: ctx.now,
    });
    if (!decision.permit) continue;
    permitted++;
    if (r.sensitivity === 'part2' && decision.consentId) consentIds.add(decision.consentId);
  }
  if (consentIds.size > 0) await consentScopeSummaries(trx, [...consentIds]);
  return permitted;
}

async function describeData(db: Db, scenario: Scenario, seedSeconds: number, setupSeconds: number): Promise<DataFacts> {
  const count = async (table: 'people' | 'person_events' | 'consents' | 'care_team_members' | 'organizations') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const bySource = await db
    .selectFrom('person_events as e')
    .innerJoin('organizations as o', 'o.id', 'e.organization_id')
    .select((eb) => [
      'o.name',
      'o.type',
      eb.fn.countAll<string>().as('n'),
      eb.fn.count<string>(eb.case().when('e.sensitivity', '=', 'part2').then(1).end()).as('part2'),
    ])
    .where('e.person_id', '=', scenario.personId)
    .groupBy(['o.name', 'o.type'])
    .orderBy('o.name')
    .execute();
  const byKind = await db
    .selectFrom('person_events')
    .select((eb) => ['kind', eb.fn.countAll<string>().as('n')])
    .where('person_id', '=', scenario.personId)
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  const consents = await db
    .selectFrom('consents')
    .select(['id', 'type', 'status'])
    .where('person_id', '=', scenario.personId)
    .orderBy('created_at')
    .execute();
  const careTeam = await db
    .selectFrom('care_team_members as c')
    .innerJoin('organizations as o', 'o.id', 'c.organization_id')
    .select(['o.name', 'c.role'])
    .where('c.person_id', '=', scenario.personId)
    .orderBy('o.name')
    .execute();
  return {
    seedSeconds,
    setupSeconds,
    people: await count('people'),
    personEvents: await count('person_events'),
    consents: await count('consents'),
    careTeamMembers: await count('care_team_members'),
    organizations: await count('organizations'),
    personEventsBySource: bySource.map((r) => ({ organization: r.name, type: r.type, events: Number(r.n), part2: Number(r.part2) })),
    personEventsByKind: Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)])),
    personConsents: consents.map((c) => ({ type: c.type, status: c.status, coversReader: c.id === scenario.signedConsentId })),
    careTeam: careTeam.map((c) => `${c.name} (${c.role})`),
  };
}

interface StatementCost extends Summary {
  statement: string;
  /** The scan nodes of the statement's plan (null for what is not one query). */
  plan: string | null;
}

/** The scan nodes of a query's plan, costs left out: which index (or none) answers it. */
async function scanNodes(db: Db, query: Compilable): Promise<string> {
  const compiled = query.compile();
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
  return result.rows
    .map((r) =>
      r['QUERY PLAN']
        .replace(/\(cost=[^)]*\)/, '')
        .replace(/^[\s>-]+/, '')
        .trim(),
    )
    .filter((line) => /Scan/.test(line))
    .join('; ');
}

// ── One engine ───────────────────────────────────────────────────────────────

async function runEngine(target: Target, options: Options, log: (line: string) => void, cleanups: Cleanups): Promise<EngineResult> {
  const config = loadConfig({
    NODE_ENV: 'test',
    CONTINUUM_JOBS: 'off',
    CONTINUUM_DEMO_SEED: 'off',
    LOG_LEVEL: 'silent',
    CONTINUUM_SECRET: randomBytes(20).toString('hex'),
    CONTINUUM_LOGIN_RATE_PER_MINUTE: '10000',
    CONTINUUM_WEB_DIR: '/nonexistent',
    ...target.env,
  });
  const opened = await openDatabase(target.database ?? config.database, { poolSize: PG_POOL_SIZE });
  cleanups.push(() => opened.close());
  const { db } = opened;
  await migrateToLatest(db);
  const facts = await engineFacts(db, target.engine);
  log(`\n## ${target.engine}: ${facts.version.split(',')[0] ?? facts.version}`);
  log(`storage: ${target.storage}`);
  if (target.engine === 'postgres') {
    log(
      `pool: ${PG_POOL_SIZE} connections (openDatabase's default); ${Object.entries(facts.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
  } else {
    log('pool: PGlite has a single connection; concurrent transactions queue for it');
  }

  // The demo community first (it seeds only an empty database), then the person read.
  let t0 = performance.now();
  await seedDemoCommunity(db, systemClock, { seed: 42, people: options.people });
  const seedSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const scenario = await buildScenario(db);
  const setupSeconds = (performance.now() - t0) / 1000;
  await sql`analyze`.execute(db);
  const data = await describeData(db, scenario, seedSeconds, setupSeconds);
  log(
    `data: demo community of ${options.people} people seeded in ${fixed(seedSeconds, 1)} s; the person read set up in ${fixed(setupSeconds, 1)} s; ` +
      `${data.people} people, ${data.personEvents} timeline entries, ${data.consents} consents, ${data.careTeamMembers} care-team links, ${data.organizations} organizations in all`,
  );
  log(`  the person: ${data.personEventsBySource.map((s) => `${s.organization} ${s.events} (${s.part2} Part 2)`).join(', ')}`);
  log(
    `  kinds: ${Object.entries(data.personEventsByKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  log(
    `  consents: ${data.personConsents.map((c) => `${c.type} ${c.status}${c.coversReader ? ' (covers the reader)' : ''}`).join(', ')}; care team: ${data.careTeam.join(', ')}`,
  );

  const clock = systemClock;
  const app = await buildApp({ config, db, engine: opened.engine, clock }, { logger: false });
  let appClosed = false;
  const closeApp = async () => {
    if (appClosed) return;
    appClosed = true;
    await app.close();
  };
  cleanups.push(closeApp);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { cookie } = await signIn(baseUrl, scenario.reader.email);
  const timelineUrl = `${baseUrl}/api/people/${scenario.personId}/timeline?limit=${ENTRIES}`;
  const session = await db.selectFrom('sessions').select('id').where('user_id', '=', scenario.reader.userId).executeTakeFirstOrThrow();
  const { reader } = scenario;
  // The access context the route builds for the signed-in reader, one request id per read as there.
  const readerContext = (): ReadContext =>
    readContext(
      {
        actor: { type: 'user', userId: reader.userId, sessionId: session.id },
        organizationId: reader.organizationId,
        roles: reader.roles,
        requestId: randomUUID(),
      },
      clock,
    );

  // What every read must show: all 200 entries, by the signed consent, nothing restricted.
  const assertFull = (timeline: Timeline, where: string) => {
    if (timeline.entries.length !== ENTRIES || timeline.restricted.length > 0 || timeline.entries.some((e) => e.basis !== 'consent')) {
      throw new BenchFailure(
        `${where}: ${timeline.entries.length} entries (expected ${ENTRIES}), restricted ${JSON.stringify(timeline.restricted.map((r) => [r.kind, r.count, r.reason]))}`,
      );
    }
  };
  const probe = await fetch(timelineUrl, { headers: { cookie } });
  if (probe.status !== 200) throw new BenchFailure(`the probe read answered ${probe.status}, not 200: ${await probe.text()}`);
  const probeBody = await probe.text();
  assertFull(JSON.parse(probeBody) as Timeline, 'the probe read over HTTP');
  const responseBytes = Buffer.byteLength(probeBody);
  log(`  one response: ${fixed(responseBytes / 1024, 1)} KiB of JSON (${ENTRIES} entries, the 42 CFR 2.32 notice, the consent scope)`);
  if ((await timelineWithoutDisclosure(db, readerContext(), scenario.personId)) !== ENTRIES)
    throw new BenchFailure('the breakdown replica of the decision permits fewer than all entries');
  const sourcesInTimeline = data.personEventsBySource.length;

  /** Disclosure rows in [from, to): per request, the rows and the records they account for. */
  const disclosuresBetween = async (from: Date, to: Date) => {
    const rows = await db
      .selectFrom('disclosures')
      .select((eb) => [
        'request_id',
        eb.fn.countAll<string>().as('n'),
        eb.fn.sum<string>('record_count').as('records'),
        eb.fn.count<string>(eb.case().when('consent_id', '=', scenario.signedConsentId).then(1).end()).as('by_signed_consent'),
      ])
      .where('occurred_at', '>=', from)
      .where('occurred_at', '<', to)
      .where('person_id', '=', scenario.personId)
      .where('recipient_user_id', '=', reader.userId)
      .groupBy('request_id')
      .execute();
    return rows.map((r) => ({
      requestId: r.request_id,
      rows: Number(r.n),
      records: Number(r.records),
      bySignedConsent: Number(r.by_signed_consent),
    }));
  };

  /**
   * Every read in the window committed exactly one disclosure row per source organization, by the
   * signed consent, together accounting for all 200 entries; and there are as many such reads as
   * acknowledged reads (HTTP: up to `slack` more, requests in flight when the load stopped).
   */
  async function checkDisclosures(label: string, from: Date, to: Date, acknowledged: number, expectDisclosing: boolean, slack: number) {
    const reads = await disclosuresBetween(from, to);
    const rows = reads.reduce((n, r) => n + r.rows, 0);
    if (!expectDisclosing) {
      if (reads.length > 0) throw new BenchFailure(`${label}: wrote ${rows} disclosure rows but discloses nothing`);
      return { disclosingReads: 0, disclosureRows: 0 };
    }
    const bad = reads.filter(
      (r) => r.requestId === null || r.rows !== sourcesInTimeline || r.records !== ENTRIES || r.bySignedConsent !== r.rows,
    );
    if (bad.length > 0) {
      const b = bad[0]!;
      throw new BenchFailure(
        `${label}: ${bad.length} reads with a wrong disclosure (e.g. ${b.rows} rows for ${b.records} records, ${b.bySignedConsent} by the signed consent)`,
      );
    }
    if (reads.length < acknowledged || reads.length > acknowledged + slack) {
      throw new BenchFailure(`${label}: ${acknowledged} reads acknowledged but ${reads.length} reads disclosed`);
    }
    return { disclosingReads: reads.length, disclosureRows: rows };
  }

  const windowStart = () => new Date(clock.now().getTime());

  /**
   * Waits until the reads the load generator left in flight when it stopped have committed (no new
   * disclosure row for a second), so each cell's window holds its own reads and no straggler's.
   */
  async function quiesce() {
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('disclosures')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const deadline = Date.now() + 60_000;
    let last = await count();
    let stableSince = Date.now();
    while (Date.now() - stableSince < 1000) {
      if (Date.now() > deadline) throw new BenchFailure('reads were still committing a minute after the load generator stopped');
      await sleep(200);
      const now = await count();
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
    }
  }

  async function httpCell(concurrency: number) {
    const load = (seconds: number) =>
      runHttpLoad({ url: timelineUrl, method: 'GET', headers: { cookie }, connections: concurrency, seconds });
    if (options.warmupSeconds > 0) await load(options.warmupSeconds);
    await quiesce();
    const from = windowStart();
    const result = await load(options.seconds);
    await quiesce();
    const to = windowStart();
    const statuses =
      Object.entries(result.statusCounts)
        .map(([s, n]) => `${s}×${n}`)
        .join(', ') || 'none';
    if (result.errors > 0 || result.timeouts > 0 || result.ops === 0 || Object.keys(result.statusCounts).some((s) => s !== '200')) {
      throw new BenchFailure(
        `HTTP at concurrency ${concurrency}: ${result.errors} errors, ${result.timeouts} timeouts, statuses ${statuses} (expected only 200)`,
      );
    }
    const { statusCounts, non2xx: _n, errors: _e, timeouts: _t, ...summary } = result;
    return { summary, statusCounts, ...(await checkDisclosures(`HTTP c${concurrency}`, from, to, result.ops, true, concurrency)) };
  }

  async function inProcessCell(mode: Exclude<Mode, 'http'>, concurrency: number) {
    const op: () => Promise<unknown> = {
      chokepoint: async () => {
        const ctx = readerContext();
        const timeline = await db.transaction().execute((trx) => readTimeline(trx, ctx, scenario.personId, ENTRIES));
        if (timeline.entries.length !== ENTRIES) assertFull(timeline, 'an in-process read');
      },
      raw: async () => {
        const rows = await rawRows(db, scenario.personId);
        if (rows.length !== ENTRIES) throw new BenchFailure(`the raw query returned ${rows.length} rows`);
      },
      raw_trx: () => db.transaction().execute((trx) => rawRows(trx, scenario.personId)),
      facts: () => db.transaction().execute((trx) => openPerson(trx, readerContext(), scenario.personId)),
      no_disclosure: () => db.transaction().execute((trx) => timelineWithoutDisclosure(trx, readerContext(), scenario.personId)),
    }[mode];
    if (options.warmupSeconds > 0) await closedLoop(concurrency, options.warmupSeconds, op);
    await sleep(300);
    const from = windowStart();
    const summary = await closedLoop(concurrency, options.seconds, op);
    await sleep(50);
    const to = windowStart();
    return { summary, ...(await checkDisclosures(`${modeShort[mode]} c${concurrency}`, from, to, summary.ops, mode === 'chokepoint', 0)) };
  }

  const logCell = (cell: Cell) =>
    log(
      `  ${modeShort[cell.mode].padEnd(34)} c=${String(cell.concurrency).padEnd(3)} ${String(cell.ops).padStart(6)} reads in ${fixed(cell.seconds, 1)} s  ` +
        `${fixed(cell.opsPerSecond, 0).padStart(5)} reads/s  p50 ${fixed(cell.p50Ms, 2)} ms  p99 ${fixed(cell.p99Ms, 2)} ms` +
        (cell.p50Ratio === null ? '' : `  p50 ${fixed(cell.p50Ratio, 1)}× raw`),
    );

  async function measure(modes: Mode[], concurrency: number): Promise<Cell[]> {
    const cells: Cell[] = [];
    // The raw query first, so every other row can be put against it as it is printed.
    for (const mode of ['raw' as const, ...modes.filter((m) => m !== 'raw')]) {
      if (!modes.includes(mode)) continue;
      const measured = mode === 'http' ? await httpCell(concurrency) : await inProcessCell(mode, concurrency);
      const raw = cells.find((c) => c.mode === 'raw');
      const s = measured.summary;
      const statusCounts = 'statusCounts' in measured ? (measured.statusCounts as Record<string, number>) : undefined;
      const cell: Cell = {
        mode,
        concurrency,
        ...s,
        p50Ratio: raw && mode !== 'raw' ? s.p50Ms / raw.p50Ms : null,
        p99Ratio: raw && mode !== 'raw' ? s.p99Ms / raw.p99Ms : null,
        throughputRatio: raw && mode !== 'raw' ? raw.opsPerSecond / s.opsPerSecond : null,
        disclosingReads: measured.disclosingReads,
        disclosureRows: measured.disclosureRows,
        ...(statusCounts ? { statusCounts } : {}),
      };
      cells.push(cell);
      logCell(cell);
    }
    return cells;
  }

  log(`main cells, ${options.concurrency} concurrent readers:`);
  const cells = await measure(['raw', 'chokepoint', 'http'], options.concurrency);
  let breakdown: Cell[] = [];
  if (options.breakdown) {
    log('breakdown, one reader at a time:');
    breakdown = await measure(['raw', 'raw_trx', 'facts', 'no_disclosure', 'chokepoint', 'http'], 1);
  }
  await closeApp();

  // What each statement of a timeline read costs on its own, one at a time, and the decision alone.
  const statementSeconds = Math.min(options.seconds, 3);
  const statements: StatementCost[] = [];
  const id = scenario.personId;
  const ids = [id];
  const resolved = (await resolvePerson(db, id))!;
  const personFacts = (await loadPersonFacts(db, [resolved])).get(resolved.row.id)!;
  const timelineRows = await rawRows(db, id);
  const decideAll = (ctx: ReadContext): Permitted[] => {
    const actor = actorFacts(ctx.access);
    const permitted: Permitted[] = [];
    for (const r of timelineRows) {
      const record = { kind: r.kind, sensitivity: r.sensitivity, sourceOrganizationId: r.organization_id };
      const decision = decideAccess({ actor, purpose: ctx.purpose, record, person: personFacts, now: ctx.now });
      if (decision.permit) permitted.push({ personId: id, record, ref: { type: 'person_event', id: r.id }, decision });
    }
    return permitted;
  };
  if (decideAll(readerContext()).length !== ENTRIES) throw new BenchFailure('the decision permits fewer than all entries');
  const queries: { statement: string; query: Compilable & { execute(): Promise<unknown> } }[] = [
    { statement: 'the person by id (resolvePeople)', query: db.selectFrom('people').selectAll().where('id', 'in', ids) },
    {
      statement: 'records merged into the person (resolvePeople)',
      query: db.selectFrom('people').select(['id', 'merged_into_id']).where('merged_into_id', 'in', ids),
    },
    {
      statement: 'identifiers (loadPersonFacts)',
      query: db.selectFrom('person_identifiers').select(['person_id', 'organization_id']).where('person_id', 'in', ids),
    },
    {
      statement: 'care team (loadPersonFacts)',
      query: db
        .selectFrom('care_team_members')
        .select(['person_id', 'organization_id', 'user_id', 'since', 'until'])
        .where('person_id', 'in', ids),
    },
    {
      statement: 'consents (loadPersonFacts)',
      query: db
        .selectFrom('consents')
        .select(['id', 'person_id', 'type', 'status', 'disclosers', 'recipients', 'purposes', 'kinds', 'expires_on'])
        .where('person_id', 'in', ids)
        .where('status', '!=', 'draft'),
    },
    {
      statement: 'break-glass grants (loadPersonFacts)',
      query: db
        .selectFrom('break_glass_grants')
        .select(['id', 'person_id', 'user_id', 'started_at', 'expires_at'])
        .where('person_id', 'in', ids),
    },
    {
      statement: "merged records' registrars (loadPersonFacts)",
      query: db
        .selectFrom('people')
        .select(['id', 'registered_by_organization_id'])
        .where('id', 'in', ids)
        .where('merged_into_id', 'is not', null),
    },
    {
      statement: `the ${ENTRIES} timeline rows`,
      query: db
        .selectFrom('person_events as e')
        .innerJoin('organizations as o', 'o.id', 'e.organization_id')
        .select([
          'e.id',
          'e.kind',
          'e.type',
          'e.sensitivity',
          'e.occurred_at',
          'e.title',
          'e.detail',
          'e.organization_id',
          'o.name as organization_name',
        ])
        .where('e.person_id', 'in', ids)
        .orderBy('e.occurred_at', 'desc')
        .orderBy('e.id')
        .limit(ENTRIES),
    },
    {
      statement: 'the consent scopes (consentScopeSummaries)',
      query: db
        .selectFrom('consents')
        .select(['id', 'type', 'purposes', 'kinds', 'expires_on', 'expiry_event', 'signed_at'])
        .where('id', 'in', [scenario.signedConsentId]),
    },
  ];
  const timeStatement = async (statement: string, op: () => Promise<unknown>, plan: string | null) => {
    await closedLoop(1, Math.min(0.5, statementSeconds), op);
    const cost: StatementCost = { statement, plan, ...(await closedLoop(1, statementSeconds, op)) };
    statements.push(cost);
    log(`  ${statement.padEnd(58)} p50 ${fixed(cost.p50Ms, 3)} ms  p99 ${fixed(cost.p99Ms, 3)} ms${plan ? `  [${plan}]` : ''}`);
    return cost;
  };
  if (options.breakdown) {
    log(`statements of a timeline read, each on its own, one at a time (${statementSeconds} s each):`);
    await timeStatement('begin + commit, nothing in between', () => db.transaction().execute(async () => {}), null);
    for (const q of queries) await timeStatement(q.statement, () => q.query.execute(), await scanNodes(db, q.query));
    await timeStatement(`the decision for ${ENTRIES} entries (decideAccess, no database)`, async () => decideAll(readerContext()), null);
    // The rows readTimeline inserts for one read (decided once: the decision is timed above).
    const decided = decideAll(readerContext());
    // The same insert readTimeline makes, in a transaction of its own; tagged so the checks below tell these rows from reads.
    const statementContext = (): ReadContext => {
      const ctx = readerContext();
      return { ...ctx, access: { ...ctx.access, requestId: `statement-${randomUUID()}` } };
    };
    await timeStatement(
      `the disclosure insert (${sourcesInTimeline} rows, ${ENTRIES} record refs) + commit`,
      () => db.transaction().execute((trx) => recordDisclosures(trx, statementContext(), decided)),
      null,
    );
    // The same insert rolled back: what the insert costs without its durable commit.
    await timeStatement(
      'the same insert, rolled back (no commit, nothing written)',
      () =>
        db
          .transaction()
          .execute(async (trx) => {
            await recordDisclosures(trx, statementContext(), decided);
            throw new RolledBack();
          })
          .catch((error: unknown) => {
            if (!(error instanceof RolledBack)) throw error;
          }),
      null,
    );
  }

  const disclosureSize = await (async () => {
    const row = (
      await sql<{
        bytes: string;
        n: string;
      }>`select pg_total_relation_size('disclosures')::bigint as bytes, (select count(*) from disclosures) as n`.execute(db)
    ).rows[0]!;
    return { bytes: Number(row.bytes), rows: Number(row.n) };
  })();

  // Over the whole run: one disclosure row per source organization for every chokepoint read.
  const totals = await db
    .selectFrom('disclosures')
    .select((eb) => [
      eb.fn.countAll<string>().as('rows'),
      eb.fn.count<string>('request_id').distinct().as('reads'),
      eb.fn.sum<string>('record_count').as('records'),
    ])
    .where('person_id', '=', scenario.personId)
    .where('recipient_user_id', '=', reader.userId)
    .where('request_id', 'not like', 'statement-%')
    .executeTakeFirstOrThrow();
  const chokepointReads = Number(totals.reads);
  const disclosureRows = Number(totals.rows);
  if (disclosureRows !== chokepointReads * sourcesInTimeline || Number(totals.records) !== chokepointReads * ENTRIES) {
    throw new BenchFailure(
      `disclosures: ${disclosureRows} rows for ${chokepointReads} reads, ${totals.records} records (expected ${sourcesInTimeline} rows and ${ENTRIES} records per read)`,
    );
  }
  log(
    `  checks: every HTTP response 200 and every read showed all ${ENTRIES} entries; ${chokepointReads} chokepoint reads (warm-ups and probe included) wrote ` +
      `${disclosureRows} disclosure rows, ${sourcesInTimeline} per read (one per source organization) accounting for ${ENTRIES} records each`,
  );

  return {
    engine: target.engine,
    storage: target.storage,
    serverVersion: facts.version,
    settings: facts.settings,
    poolSize: target.engine === 'postgres' ? PG_POOL_SIZE : null,
    data,
    cells,
    breakdown,
    responseBytes,
    statements,
    disclosureLog: { ...disclosureSize, bytesPerRead: (disclosureSize.bytes / disclosureSize.rows) * sourcesInTimeline },
    checks: { chokepointReads, disclosureRows, rowsPerRead: sourcesInTimeline, recordsPerRead: ENTRIES },
  };
}

function cellTable(cells: Cell[]): string {
  const rows = cells.map((c) => [
    modeShort[c.mode],
    String(c.concurrency),
    String(c.ops),
    fixed(c.opsPerSecond, 0),
    fixed(c.p50Ms, 2),
    fixed(c.p99Ms, 2),
    c.p50Ratio === null ? '—' : `${fixed(c.p50Ratio, 1)}×`,
    c.p99Ratio === null ? '—' : `${fixed(c.p99Ratio, 1)}×`,
    c.throughputRatio === null ? '—' : `${fixed(c.throughputRatio, 1)}×`,
  ]);
  return markdownTable(
    ['Mode', 'Readers', 'Reads', 'Reads/s', 'p50 ms', 'p99 ms', 'p50 ÷ raw', 'p99 ÷ raw', 'raw reads/s ÷ reads/s'],
    rows,
    [false, true, true, true, true, true, true, true, true],
  );
}

export async function run(args: string[], context: BenchContext): Promise<number> {
  const parsed = parseOptions(args);
  if (parsed === 'help') {
    context.log(usage);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`person-read: ${parsed.error}\n\n${usage}\n`);
    return 2;
  }
  const options = parsed;
  const { log } = context;
  const cleanups = new Cleanups();
  const onSignal = () => {
    process.stderr.write('\ninterrupted: cleaning up\n');
    void cleanups.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  log(`\n# person-read: ${summary}`);
  log(`date: ${new Date().toISOString()}`);
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;
  log(`load average (1 min) at start: ${fixed(loadAtStart, 2)} on ${context.machine.cores} cores`);
  log(
    `cells: ${options.concurrency} concurrent readers × ${options.seconds} s each, after ${options.warmupSeconds} s warm-up${options.breakdown ? '; then the breakdown at one reader' : ''}`,
  );
  log('load: autocannon 8 in a worker thread of this process for HTTP; async loops awaiting back to back in process for the others');
  log('server: buildApp in-process on 127.0.0.1, logger off, jobs off, session cookie, same Kysely handle as the in-process modes');
  log('modes:');
  for (const mode of ['http', 'chokepoint', 'raw'] as const) log(`  ${modeShort[mode]}: ${modeLabel[mode]}`);
  if (options.breakdown) for (const mode of ['raw_trx', 'facts', 'no_disclosure'] as const) log(`  ${modeShort[mode]}: ${modeLabel[mode]}`);
  log(
    "ratios: p50 ÷ the raw query's p50, p99 ÷ its p99, and the raw query's reads/s ÷ the mode's, at the same concurrency (1.0× = the chokepoint costs nothing)",
  );

  const results: EngineResult[] = [];
  const skipped: Skipped[] = [];
  let failure: string | null = null;
  try {
    for (const engine of options.engines) {
      const mark = cleanups.mark;
      const target = engine === 'pglite' ? pgliteTarget(options.pgliteStorage, cleanups) : await postgresTarget(cleanups);
      if ('reason' in target) {
        skipped.push(target);
        log(`\n## postgres: skipped, ${target.reason}`);
        continue;
      }
      try {
        results.push(await runEngine(target, options, log, cleanups));
      } finally {
        // Close this engine's app and database (and drop/remove it) before the next engine runs.
        await cleanups.run(mark, log);
      }
    }
  } catch (error) {
    if (!(error instanceof BenchFailure)) throw error;
    failure = error.message;
  } finally {
    await cleanups.run();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  if (failure) {
    process.stderr.write(`\nperson-read FAILED: ${failure}\n`);
    return 1;
  }

  const loadAtEnd = os.loadavg()[0] ?? Number.NaN;
  log(`\nload average (1 min) at end: ${fixed(loadAtEnd, 2)}`);
  log('\n## Results');
  for (const result of results) {
    log(`\n### ${result.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${result.serverVersion.split(',')[0] ?? ''})\n`);
    log(cellTable(result.cells));
    if (result.breakdown.length > 0) {
      log('\nBreakdown, one reader at a time:\n');
      log(cellTable(result.breakdown));
      const p50 = (mode: Mode) => result.breakdown.find((c) => c.mode === mode)?.p50Ms ?? Number.NaN;
      log(
        `\nAt the median, one reader: the transaction adds ${fixed(p50('raw_trx') - p50('raw'), 2)} ms to the raw query; ` +
          `the chokepoint without its disclosure ${fixed(p50('no_disclosure') - p50('raw'), 2)} ms; the disclosure insert and its commit ${fixed(p50('chokepoint') - p50('no_disclosure'), 2)} ms more; ` +
          `HTTP (session authentication, serialization, loopback) ${fixed(p50('http') - p50('chokepoint'), 2)} ms more.`,
      );
    }
    if (result.statements.length > 0) {
      log('\nStatements of one timeline read, each on its own, one at a time:\n');
      log(
        markdownTable(
          ['Statement', 'p50 ms', 'p99 ms', 'Plan (scan nodes)'],
          result.statements.map((st) => [st.statement, fixed(st.p50Ms, 3), fixed(st.p99Ms, 3), st.plan ?? '—']),
          [false, true, true, false],
        ),
      );
    }
    log(
      `\nDisclosure log: ${result.disclosureLog.rows} rows, ${fixed(result.disclosureLog.bytes / 1024 ** 2, 1)} MiB with its indexes, ` +
        `about ${fixed(result.disclosureLog.bytesPerRead / 1024, 1)} KiB per timeline read.`,
    );
  }
  for (const s of skipped) log(`\n${s.engine}: skipped (${s.reason})`);

  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'person-read',
          date: new Date().toISOString(),
          machine: context.machine,
          options: {
            seconds: options.seconds,
            warmupSeconds: options.warmupSeconds,
            concurrency: options.concurrency,
            pgliteStorage: options.pgliteStorage,
            people: options.people,
            breakdown: options.breakdown,
          },
          loadAverage1m: { start: loadAtStart, end: loadAtEnd },
          ratios: "p50 ÷ the raw query's p50, p99 ÷ its p99, raw reads/s ÷ the mode's reads/s, at the same concurrency",
          engines: results,
          skipped,
        },
        null,
        2,
      )}\n`,
    );
  }
  return 0;
}
