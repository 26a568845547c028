import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { CSRF_HEADER, type ReferralEvent, addDays } from '@continuum/contracts';
import { buildApp } from '../packages/server/src/app.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase, type Db } from '../packages/server/src/db/database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { createFixtureService } from '../packages/server/src/modules/directory/directory.fixtures.ts';
import { systemAccess } from '../packages/server/src/core/access-context.ts';
import { insertPathway } from '../packages/server/src/modules/referrals/pathways.ts';
import { createTestOrganization, createTestPerson, createTestUser } from '../packages/server/src/test-support/factories.ts';
import type { BenchContext } from './lib/context.ts';
import { closedLoop, fixed, markdownTable, type Summary } from './lib/stats.ts';
import { Cleanups, engineFacts, pgliteTarget, postgresTarget, signIn, type EngineName, type Target } from './lib/targets.ts';

export const summary =
  'referrals over HTTP: send and move through the loop at concurrency 32; the receiver inbox and one navigator’s worklist with 100,000 open referrals; PGlite and PostgreSQL';

const usage = `Usage: npm run bench -- referrals [options]

  --duration N      seconds measured per write cell (default 10)
  --concurrency C   concurrent clients for the write cells (default 32)
  --open N          open referrals (and worklist tasks) in the network for the read cells (default 100000)
  --read-seconds N  seconds per read cell (default 5)
  --engine E        pglite, postgres or both (default both)
  --json            human-readable report on stderr, a JSON document on stdout

The load generator is an in-process closed loop (fetch over loopback, keep-alive), so it shares
the event loop and the machine's cores with the server: figures are a floor for a separate client.
PostgreSQL as for the other benchmarks (BENCH_DATABASE_URL, DATABASE_URL or the defaults); skipped
with the reason when no server is reachable.`;

const PEOPLE = 64;

/**
 * Lets the event loop run after a long synchronous stretch (PGlite seeding), so keep-alive sockets
 * the server closed meanwhile are noticed before the next request would reuse one.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const NEXT: Partial<Record<ReferralEvent, ReferralEvent>> = {
  receive: 'accept',
  accept: 'schedule',
  schedule: 'attend',
  attend: 'complete',
};

interface Cells {
  create: Summary;
  transition: Summary;
  inbox: Summary;
  worklist: { team: Summary; mine: Summary } | null;
}

interface EngineResult {
  engine: EngineName;
  version: string;
  cells: Cells;
  checks: {
    referralsCreated: number;
    transitionsApplied: number;
    referralsInNetwork: number;
    inboxFirstPage: number;
    inboxTotal: number;
    inboxIndex: string | null;
  };
}

async function setup(db: Db) {
  const clock = systemClock;
  const ed = await createTestOrganization(db, clock, { name: 'Bench Emergency Department', type: 'emergency_department' });
  const otp = await createTestOrganization(db, clock, { name: 'Bench Treatment Program', type: 'opioid_treatment_program' });
  const sender = await createTestUser(db, clock, { organizationId: ed.id, roles: ['clinician'], displayName: 'Bench Sender' });
  const receiver = await createTestUser(db, clock, { organizationId: otp.id, roles: ['clinician'], displayName: 'Bench Receiver' });
  const { service, location } = await createFixtureService(db, clock, {
    name: 'Bench buprenorphine clinic',
    at: { latitude: 45.5, longitude: -122.6 },
    codes: ['BU', 'OP'],
    memberOrganizationId: otp.id,
  });
  const pathwayId = await db.transaction().execute((trx) =>
    insertPathway(trx, clock, systemAccess('benchmark'), {
      name: 'Bench ED to OTP',
      description: null,
      referrerOrganizationTypes: ['emergency_department'],
      referrerOrganizationIds: [],
      receiverOrganizationId: otp.id,
      serviceIds: [service.id],
      inclusionCriteria: [{ key: 'oud', text: 'OUD' }],
      exclusionCriteria: [],
      requiredFields: [{ key: 'last_use', label: 'Last use', type: 'date' }],
      requiredDocuments: [],
      ackHours: 24,
      firstContactDays: 3,
      warmHandoffExpected: false,
      receiverContact: { name: 'Intake' },
      activeFrom: '2000-01-01',
      activeUntil: null,
    }),
  );
  const people: string[] = [];
  for (let i = 0; i < PEOPLE; i++) people.push((await createTestPerson(db, clock, ed.id, { givenName: `Bench${i}` })).id);
  return { ed, otp, sender, receiver, service, location, pathwayId, people };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Signed consents naming the receiver, one per person, over the API (as a clinic would capture them). */
async function captureConsents(baseUrl: string, s: Setup, headers: Record<string, string>) {
  for (const personId of s.people) {
    const post = async (url: string, body: unknown) => {
      const r = await fetch(`${baseUrl}${url}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (r.status >= 300) throw new Error(`${url}: ${r.status} ${await r.text()}`);
      return (await r.json()) as { id: string };
    };
    const consent = await post(`/api/people/${personId}/consents`, {
      type: 'standard',
      disclosers: { type: 'organizations', organizationIds: [s.ed.id] },
      recipients: { type: 'organizations', organizationIds: [s.otp.id] },
      purposes: ['treatment'],
      kinds: ['referrals'],
      informationDescription: 'My referral for treatment',
      expiresOn: '2099-12-31',
    });
    await post(`/api/consents/${consent.id}/sign`, { signerName: 'Bench Person', signatureMethod: 'attested', acknowledged: true });
  }
}

/** `open` open referrals spread over 40 receiving organizations (the bench program is one), set-based. */
async function seedOpenReferrals(db: Db, s: Setup, open: number): Promise<void> {
  const receivers = [s.otp.id];
  for (let i = 1; i < 40; i++)
    receivers.push((await createTestOrganization(db, systemClock, { name: `Bench Receiver ${i}`, type: 'behavioral_health' })).id);
  const people = s.people;
  for (let from = 0; from < open; from += 25_000) {
    const to = Math.min(open, from + 25_000);
    await sql`
      insert into referrals (person_id, pathway_id, pathway_version, service_id, service_kind, sender_organization_id, receiver_organization_id, reason, urgency, purpose,
        consent_id, sensitivity, status, ack_due_at, first_contact_due_at, appointment_at, next_deadline_at, created_at, updated_at)
      select (${people}::uuid[])[1 + g % ${people.length}], ${s.pathwayId}, 1, ${s.service.id}, 'moud', ${s.ed.id},
        (${receivers}::uuid[])[1 + g % 40], 'Bench referral', 'routine', 'treatment', null, 'normal',
        (array['requested','received','accepted','scheduled'])[1 + (g / 40) % 4],
        now() - interval '30 days' + (g % 2880) * interval '30 minutes', now() + (g % 200) * interval '1 hour',
        case when (g / 40) % 4 = 3 then now() + (g % 100) * interval '1 hour' else null end,
        case (g / 40) % 4 when 0 then now() - interval '30 days' + (g % 2880) * interval '30 minutes'
          when 3 then now() + (g % 100) * interval '1 hour' + interval '24 hours'
          else now() + (g % 200) * interval '1 hour' end,
        now() - interval '31 days', now() - interval '31 days'
      from generate_series(${from + 1}::int, ${to}::int) g`.execute(db);
  }
  await sql`analyze referrals`.execute(db);
}

async function runEngine(
  target: Target,
  options: { seconds: number; concurrency: number; open: number; readSeconds: number },
  log: (line: string) => void,
  cleanups: Cleanups,
): Promise<EngineResult> {
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
  const opened = await openDatabase(target.database ?? config.database);
  cleanups.push(() => opened.close());
  const { db } = opened;
  await migrateToLatest(db);
  const facts = await engineFacts(db, target.engine);
  log(`\n## ${target.engine}: ${facts.version.split(',')[0] ?? facts.version}`);
  log(`storage: ${target.storage}`);
  const s = await setup(db);
  const app = await buildApp({ config, db, engine: opened.engine, clock: systemClock }, { logger: false });
  cleanups.push(() => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const auth = async (email: string) => {
    const { cookie, csrf } = await signIn(baseUrl, email);
    return { cookie, [CSRF_HEADER]: csrf };
  };
  // The network holds `open` open referrals before anything is measured (writes and reads alike).
  log(`seeding ${options.open.toLocaleString('en-US')} open referrals over 40 receivers…`);
  const t0 = performance.now();
  await seedOpenReferrals(db, s, options.open);
  log(`  seeded in ${fixed((performance.now() - t0) / 1000, 1)} s`);
  // The inbox's page query (as listReferrals builds it for status=open, sort=deadline): it should walk the deadline index.
  const plan = await sql<{
    'QUERY PLAN': string;
  }>`explain select r.* from referrals r where r.receiver_organization_id = ${s.otp.id} and r.closed_at is null
    order by r.next_deadline_at asc nulls last, r.id limit 25`.execute(db);
  const planText = plan.rows.map((r) => r['QUERY PLAN']).join(' / ');
  const inboxIndex = /referrals_inbox_deadline_idx/.exec(planText)?.[0] ?? null;
  log(`  inbox plan: ${inboxIndex ? `index ${inboxIndex}` : 'NO DEADLINE INDEX'} — ${planText.replace(/\s+/g, ' ').slice(0, 300)}`);
  await settle();
  const senderHeaders = await auth(s.sender.email);
  const receiverHeaders = await auth(s.receiver.email);
  await captureConsents(baseUrl, s, senderHeaders);

  // Send: POST /api/referrals (consent check, pathway rules, insert, history, audit, care event, notification).
  let n = 0;
  const created: string[] = [];
  const create = closedLoop(options.concurrency, options.seconds, async () => {
    const personId = s.people[n++ % s.people.length]!;
    const r = await fetch(`${baseUrl}/api/referrals`, {
      method: 'POST',
      headers: { ...senderHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({
        personId,
        pathwayId: s.pathwayId,
        serviceId: s.service.id,
        locationId: s.location.id,
        reason: 'Benchmark referral',
        answers: { last_use: '2026-01-01' },
        criteriaConfirmed: ['oud'],
      }),
    });
    if (r.status !== 201) throw new Error(`send answered ${r.status}: ${await r.text()}`);
    created.push(((await r.json()) as { id: string }).id);
  });
  const createSummary = await create;

  // Transitions: each referral through receive → accept → schedule → attend → complete, round robin.
  const queue: { id: string; event: ReferralEvent }[] = created.map((id) => ({ id, event: 'receive' }));
  let applied = 0;
  const appointmentAt = addDays(Date.now(), 2).toISOString();
  const transitionSummary = await closedLoop(options.concurrency, options.seconds, async () => {
    const next = queue.shift();
    if (!next) throw new Error('ran out of referrals to move: lengthen the send cell or shorten this one');
    const body: Record<string, string> = { event: next.event };
    if (next.event === 'schedule') body.appointmentAt = appointmentAt;
    if (next.event === 'complete') body.outcome = 'Started treatment';
    const r = await fetch(`${baseUrl}/api/referrals/${next.id}/transitions`, {
      method: 'POST',
      headers: { ...receiverHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (r.status !== 200) throw new Error(`transition answered ${r.status}: ${await r.text()}`);
    await r.arrayBuffer();
    applied++;
    const after = NEXT[next.event];
    if (after) queue.push({ id: next.id, event: after });
  });

  const inboxUrl = `${baseUrl}/api/referrals?box=inbox&status=open&sort=deadline&limit=25`;
  const first = await fetch(inboxUrl, { headers: receiverHeaders });
  const firstPage = (await first.json()) as { items: unknown[]; total: number };
  const inbox = await closedLoop(1, options.readSeconds, async () => {
    const r = await fetch(inboxUrl, { headers: receiverHeaders });
    if (r.status !== 200) throw new Error(`inbox answered ${r.status}`);
    await r.arrayBuffer();
  });

  let worklist: Cells['worklist'] = null;
  try {
    const w = await import('./lib/worklist-query.ts');
    const wsetup = await w.seedWorklistTasks(db, systemClock, { tasks: options.open });
    await settle();
    const figures = await w.measureWorklistQuery(db, systemClock, baseUrl, wsetup, { seconds: options.readSeconds, concurrency: 1 });
    worklist = figures.http;
  } catch (error) {
    log(`worklist cell skipped: ${error instanceof Error ? error.message : String(error)}`);
  }

  const total = Number(
    (
      await db
        .selectFrom('referrals')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const cells: Cells = { create: createSummary, transition: transitionSummary, inbox, worklist };
  const row = (label: string, c: Summary) => [label, fixed(c.opsPerSecond, 0), fixed(c.p50Ms, 1), fixed(c.p99Ms, 1), String(c.ops)];
  log(
    markdownTable(
      ['cell', 'req/s', 'p50 ms', 'p99 ms', 'requests'],
      [
        row(`send (POST /api/referrals), c${options.concurrency}`, cells.create),
        row(`transition (POST …/transitions), c${options.concurrency}`, cells.transition),
        row(`receiver inbox, open, by deadline (${options.open.toLocaleString('en-US')} open), c1`, cells.inbox),
        ...(worklist
          ? [
              row('navigator worklist, team (GET /api/worklist/tasks), c1', worklist.team),
              row('navigator worklist, mine, c1', worklist.mine),
            ]
          : []),
      ],
      [false, true, true, true, true],
    ),
  );
  return {
    engine: target.engine,
    version: facts.version,
    cells,
    checks: {
      referralsCreated: created.length,
      transitionsApplied: applied,
      referralsInNetwork: total,
      inboxFirstPage: firstPage.items.length,
      inboxTotal: firstPage.total,
      inboxIndex,
    },
  };
}

export async function run(args: string[], context: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        duration: { type: 'string' },
        concurrency: { type: 'string' },
        open: { type: 'string' },
        'read-seconds': { type: 'string' },
        engine: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const seconds = Number(values.duration ?? '10');
  const concurrency = Number(values.concurrency ?? '32');
  const open = Number(values.open ?? '100000');
  const readSeconds = Number(values['read-seconds'] ?? '5');
  const engine = values.engine ?? 'both';
  const bad = (m: string) => {
    process.stderr.write(`${m}\n\n${usage}\n`);
    return 2;
  };
  if (!Number.isFinite(seconds) || seconds <= 0) return bad('--duration must be a positive number of seconds');
  if (!Number.isFinite(readSeconds) || readSeconds <= 0) return bad('--read-seconds must be a positive number of seconds');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) return bad('--concurrency must be an integer from 1 to 256');
  if (!Number.isInteger(open) || open < 1 || open > 10_000_000) return bad('--open must be an integer from 1 to 10000000');
  if (!['pglite', 'postgres', 'both'].includes(engine)) return bad('--engine must be pglite, postgres or both');
  const engines: EngineName[] = engine === 'both' ? ['pglite', 'postgres'] : [engine as EngineName];
  context.log(
    `referrals benchmark: ${seconds} s per write cell at concurrency ${concurrency}; reads with ${open} open referrals, ${readSeconds} s each`,
  );
  const results: EngineResult[] = [];
  const skipped: { engine: EngineName; reason: string }[] = [];
  for (const name of engines) {
    const cleanups = new Cleanups();
    try {
      const target = name === 'pglite' ? pgliteTarget('disk', cleanups) : await postgresTarget(cleanups);
      if ('reason' in target) {
        context.log(`\n## postgres: skipped — ${target.reason}`);
        skipped.push(target);
        continue;
      }
      results.push(await runEngine(target, { seconds, concurrency, open, readSeconds }, context.log, cleanups));
    } finally {
      await cleanups.run();
    }
  }
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ benchmark: 'referrals', machine: context.machine, options: { seconds, concurrency, open, readSeconds }, results, skipped }, null, 2)}\n`,
    );
  // Every send and transition answered as expected (the loops throw otherwise); the inbox returned a page.
  return results.every((r) => r.checks.referralsCreated > 0 && r.checks.transitionsApplied > 0 && r.checks.inboxFirstPage > 0) ? 0 : 1;
}
