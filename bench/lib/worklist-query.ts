import { CompiledQuery, sql } from 'kysely';
import { worklistListQuerySchema, type WorklistPage } from '@continuum/contracts';
import type { Clock } from '../../packages/server/src/clock.ts';
import type { Db } from '../../packages/server/src/db/database.ts';
import type { AccessContext } from '../../packages/server/src/core/access-context.ts';
import { listWorklist, worklistListQuery } from '../../packages/server/src/modules/worklist/worklist.ts';
import { createTestOrganization, createTestUser } from '../../packages/server/src/test-support/factories.ts';
import { closedLoop, fixed, type Summary } from './stats.ts';
import { signIn } from './targets.ts';

/*
 * The navigator worklist query at network scale: seeds open referral tasks (referral not
 * acknowledged / no-show) spread over the network's organizations, then measures one navigator's
 * worklist — their team's and their own — over HTTP and in process, and checks with EXPLAIN that
 * the query walks an index rather than the table. The referrals benchmark calls it after its own
 * cells; `npm run bench -- worklist` runs it on its own.
 */

export interface WorklistSeedOptions {
  /** Open tasks in the whole network (default 100,000). */
  tasks?: number;
  /** Organizations they are spread over (default 40, the demo community's size); the navigator's is one of them. */
  organizations?: number;
  /** People the tasks are about (default tasks ÷ 4). */
  people?: number;
  /** Share of the navigator's team's tasks assigned to the navigator (default 0.1). */
  assignedShare?: number;
}

export interface WorklistSetup {
  tasks: number;
  organizations: number;
  people: number;
  organizationId: string;
  navigator: { userId: string; email: string };
  /** Open tasks owned by the navigator's organization, and assigned to the navigator. */
  teamTasks: number;
  assignedTasks: number;
  seedSeconds: number;
}

const CHUNK = 25_000;

/**
 * Seeds the network: organizations, people registered by them, and `tasks` open referral tasks
 * owned by the person's organization, due from 30 days ago to 30 days ahead. Rows are written
 * with set-based inserts (the task writer's notifications would dominate the seed otherwise).
 */
export async function seedWorklistTasks(db: Db, clock: Clock, options: WorklistSeedOptions = {}): Promise<WorklistSetup> {
  const tasks = options.tasks ?? 100_000;
  const organizationCount = options.organizations ?? 40;
  const people = options.people ?? Math.max(1, Math.floor(tasks / 4));
  const assignedShare = options.assignedShare ?? 0.1;
  const t0 = performance.now();
  const organizations: string[] = [];
  for (let i = 0; i < organizationCount; i++) {
    organizations.push(
      (
        await createTestOrganization(db, clock, {
          name: `Bench Worklist Organization ${i + 1}`,
          type: i === 0 ? 'peer_recovery' : 'primary_care',
        })
      ).id,
    );
  }
  const organizationId = organizations[0]!;
  const navigator = await createTestUser(db, clock, { organizationId, roles: ['care_navigator'], displayName: 'Bench Navigator' });
  await createTestUser(db, clock, { organizationId, roles: ['care_navigator'], displayName: 'Bench Colleague' });
  const now = clock.now();
  const orgArray = sql`${`{${organizations.join(',')}}`}::uuid[]`;
  for (let from = 1; from <= people; from += CHUNK) {
    const to = Math.min(people, from + CHUNK - 1);
    await sql`
      insert into people (given_name, family_name, birth_date, sex, registered_by_organization_id, created_at, updated_at)
      select 'Bench', 'Worklistperson' || g, '1990-01-01', 'unknown', (${orgArray})[1 + (g % ${organizationCount})], ${now}, ${now}
      from generate_series(${from}::int, ${to}::int) g`.execute(db);
  }
  const assignEvery = Math.max(1, Math.round(1 / assignedShare));
  for (let from = 1; from <= tasks; from += CHUNK) {
    const to = Math.min(tasks, from + CHUNK - 1);
    // Task g is about person 1 + (g % people), owned by that person's registering organization.
    await sql`
      with p as (
        select id, registered_by_organization_id as org, row_number() over (order by family_name) - 1 as n
        from people where given_name = 'Bench' and family_name like 'Worklistperson%'
      )
      insert into worklist_tasks (person_id, organization_id, kind, status, reason, due_at, assignee_user_id, source_type, source_id, dedupe_key,
                                  created_at, updated_at, signal_organization_id, signal_sensitivity, signal_at)
      select p.id, p.org, case when g % 2 = 0 then 'referral_not_acknowledged' else 'no_show' end, 'open',
             'A referral needs follow-up', ${now}::timestamptz + ((g % 1440) - 720) * interval '1 hour',
             case when p.org = ${organizationId}::uuid and (g / ${organizationCount}) % ${assignEvery} = 0 then ${navigator.id}::uuid else null end,
             'referral', null, 'bench-worklist:' || g, ${now}, ${now}, p.org, 'normal', ${now}
      from generate_series(${from}::int, ${to}::int) g join p on p.n = g % ${people}`.execute(db);
  }
  await sql`analyze worklist_tasks`.execute(db);
  await sql`analyze people`.execute(db);
  const counts = await db
    .selectFrom('worklist_tasks')
    .select((eb) => [eb.fn.countAll<string>().as('team'), eb.fn.count<string>('assignee_user_id').as('assigned')])
    .where('organization_id', '=', organizationId)
    .where('status', '<>', 'done')
    .executeTakeFirstOrThrow();
  return {
    tasks,
    organizations: organizationCount,
    people,
    organizationId,
    navigator: { userId: navigator.id, email: navigator.email },
    teamTasks: Number(counts.team),
    assignedTasks: Number(counts.assigned),
    seedSeconds: (performance.now() - t0) / 1000,
  };
}

export interface WorklistPlan {
  scope: 'team' | 'mine';
  /** The plan's scan lines. */
  scans: string[];
  /** The index the plan walks, or null when it scans the table. */
  index: string | null;
}

/** EXPLAIN of the list query the API runs (first page, open tasks), for the team and for the navigator. */
export async function explainWorklistQuery(db: Db, clock: Clock, setup: WorklistSetup): Promise<WorklistPlan[]> {
  const plans: WorklistPlan[] = [];
  for (const scope of ['team', 'mine'] as const) {
    const query = worklistListQuerySchema.parse({ scope });
    const compiled = worklistListQuery(db, setup.organizationId, setup.navigator.userId, query, clock.now()).compile();
    const result = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
    const lines = result.rows.map((r) => r['QUERY PLAN']);
    const scans = lines.filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/\s+\(cost.*$/, ''));
    const onTasks = scans.find((l) => /worklist_tasks/.test(l));
    const index = onTasks && /Index/.test(onTasks) ? (/using (\w+)/.exec(onTasks)?.[1] ?? null) : null;
    plans.push({ scope, scans, index });
  }
  return plans;
}

export interface WorklistQueryFigures {
  http: { team: Summary; mine: Summary };
  inProcess: { team: Summary; mine: Summary };
  /** The list query alone (no chokepoint, no disclosure), for the cost of the access decisions. */
  rawQuery: { team: Summary; mine: Summary };
  /** Tasks on the first page of each (checks the reads return what the seed put there). */
  firstPage: { team: number; mine: number };
}

/**
 * Times the navigator's worklist (first page of 25, open tasks) over HTTP against `baseUrl` (an
 * app over the same database) and in process (`listWorklist` in a transaction, as the route runs
 * it), `concurrency` readers for `seconds` each.
 */
export async function measureWorklistQuery(
  db: Db,
  clock: Clock,
  baseUrl: string,
  setup: WorklistSetup,
  options: { seconds?: number; concurrency?: number } = {},
): Promise<WorklistQueryFigures> {
  const seconds = options.seconds ?? 5;
  const concurrency = options.concurrency ?? 1;
  const { cookie } = await signIn(baseUrl, setup.navigator.email);
  const get = async (scope: 'team' | 'mine') => {
    const response = await fetch(`${baseUrl}/api/worklist/tasks?scope=${scope}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`worklist read answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as WorklistPage;
  };
  const firstPage = { team: (await get('team')).items.length, mine: (await get('mine')).items.length };
  const session = await db.selectFrom('sessions').select('id').where('user_id', '=', setup.navigator.userId).executeTakeFirstOrThrow();
  const access: AccessContext = {
    actor: { type: 'user', userId: setup.navigator.userId, sessionId: session.id },
    organizationId: setup.organizationId,
    roles: ['care_navigator'],
    requestId: null,
  };
  const inProcess = (scope: 'team' | 'mine') =>
    db.transaction().execute((trx) => listWorklist(trx, clock, access, worklistListQuerySchema.parse({ scope })));
  const raw = (scope: 'team' | 'mine') =>
    worklistListQuery(db, setup.organizationId, setup.navigator.userId, worklistListQuerySchema.parse({ scope }), clock.now()).execute();
  return {
    firstPage,
    rawQuery: {
      team: await closedLoop(concurrency, seconds, () => raw('team')),
      mine: await closedLoop(concurrency, seconds, () => raw('mine')),
    },
    http: {
      team: await closedLoop(concurrency, seconds, () => get('team')),
      mine: await closedLoop(concurrency, seconds, () => get('mine')),
    },
    inProcess: {
      team: await closedLoop(concurrency, seconds, () => inProcess('team')),
      mine: await closedLoop(concurrency, seconds, () => inProcess('mine')),
    },
  };
}

/** Report lines for a run (plan and figures). */
export function formatWorklistReport(setup: WorklistSetup, plans: WorklistPlan[], figures: WorklistQueryFigures): string[] {
  const row = (label: string, s: Summary) =>
    `| ${label} | ${fixed(s.p50Ms, 2)} | ${fixed(s.p99Ms, 2)} | ${fixed(s.opsPerSecond, 0)} | ${s.ops} |`;
  return [
    `worklist: ${setup.tasks.toLocaleString('en-US')} open referral tasks over ${setup.organizations} organizations and ${setup.people.toLocaleString('en-US')} people, seeded in ${fixed(setup.seedSeconds, 1)} s; ` +
      `the navigator's team owns ${setup.teamTasks.toLocaleString('en-US')}, ${setup.assignedTasks.toLocaleString('en-US')} assigned to the navigator`,
    ...plans.map((p) => `  plan (${p.scope}): ${p.index ? `index ${p.index}` : 'NO INDEX'} — ${p.scans.join('; ')}`),
    `  first page: team ${figures.firstPage.team} tasks, mine ${figures.firstPage.mine}`,
    '',
    '| worklist read (first page of 25, open) | p50 ms | p99 ms | reads/s | reads |',
    '|---|---:|---:|---:|---:|',
    row('HTTP, team', figures.http.team),
    row('HTTP, mine', figures.http.mine),
    row('in process (listWorklist), team', figures.inProcess.team),
    row('in process (listWorklist), mine', figures.inProcess.mine),
    row('the list query alone (no access decisions), team', figures.rawQuery.team),
    row('the list query alone (no access decisions), mine', figures.rawQuery.mine),
  ];
}
