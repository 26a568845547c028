import { parseArgs } from 'node:util';
import { CSRF_HEADER } from '@continuum/contracts';
import { systemClock } from '../packages/server/src/clock.ts';
import { verifyAuditChain } from '../packages/server/src/modules/audit/audit.ts';
import { writeDemoDirectory } from '../packages/server/src/demo/demo-directory-seed.ts';
import { generateOrganizations, generateRegion } from '../packages/server/src/demo/synthetic-community.ts';
import { systemAccess } from '../packages/server/src/core/access-context.ts';
import { createTestOrganization, createTestUser } from '../packages/server/src/test-support/factories.ts';
import type { BenchContext } from './lib/context.ts';
import { logLoadAverage } from './lib/engines.ts';
import { runHttpLoad, type LoadResult } from './lib/http-load.ts';
import { benchConfig, openBenchDatabase, startBenchServer } from './lib/server.ts';
import { fixed, markdownTable } from './lib/stats.ts';
import { Cleanups, pgliteTarget, signIn } from './lib/targets.ts';

/*
 * `npm run bench -- load`: the server under sustained mixed load. Three closed loops run at the same
 * time, each with `--concurrency` keep-alive connections (default 32) for `--duration` seconds
 * (default 60): a public locator search, an authenticated read (the directory list, signed in) and
 * an audited write (a new location: one insert and its audit entry). The run passes when no answer
 * is a 5xx, no request errors or times out, and afterwards /ready answers 200 and the audit chain
 * verifies. PGlite on disk, as deployed by default.
 */

export const summary =
  'mixed load: a public search, an authenticated read and an audited write at once, c=32 each for 60 s; zero 5xx and a healthy server after';

const usage = `Usage: npm run bench -- load [--duration N] [--concurrency C] [--json]`;

export async function run(args: string[], context: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: { duration: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    context.log(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    context.log(usage);
    return 0;
  }
  const seconds = Number(values.duration ?? '60');
  const connections = Number(values.concurrency ?? '32');
  const { log } = context;
  const cleanups = new Cleanups();
  try {
    logLoadAverage(log, 'start');
    const target = pgliteTarget('disk', cleanups);
    const config = benchConfig(target);
    const database = await openBenchDatabase(target, config, cleanups, log);
    const clock = systemClock;
    const region = generateRegion(7);
    await database.db.transaction().execute((trx) =>
      writeDemoDirectory(trx, clock, systemAccess('load benchmark'), {
        seed: 7,
        region,
        organizations: generateOrganizations(7, region),
        organizationIds: new Map(),
      }),
    );
    const org = await createTestOrganization(database.db, clock, { name: 'Load Benchmark Clinic' });
    const admin = await createTestUser(database.db, clock, { organizationId: org.id, roles: ['network_admin'] });
    const server = await startBenchServer(config, database, clock, cleanups);
    const session = await signIn(server.baseUrl, admin.email);
    const auth = { cookie: session.cookie, [CSRF_HEADER]: session.csrf };

    // One search first, as a running server has served one: the locator's directory is then in memory.
    const warm = await fetch(`${server.baseUrl}/api/public/locator/search?lat=44.05&lon=-123.09&radius=25&limit=20`);
    if (warm.status !== 200) throw new Error(`the warm-up search answered ${warm.status}`);
    log(`\n${connections} connections per loop, three loops at once, ${seconds} s`);
    const jobs = {
      'public search (GET /api/public/locator/search)': runHttpLoad({
        url: `${server.baseUrl}/api/public/locator/search?lat=44.05&lon=-123.09&radius=25&limit=20`,
        method: 'GET',
        headers: {},
        connections,
        seconds,
      }),
      'authenticated read (GET /api/directory/organizations)': runHttpLoad({
        url: `${server.baseUrl}/api/directory/organizations?limit=50`,
        method: 'GET',
        headers: auth,
        connections,
        seconds,
      }),
      'audited write (POST /api/admin/organizations/:id/locations)': runHttpLoad({
        url: `${server.baseUrl}/api/admin/organizations/${org.id}/locations`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Load annex', address1: '1 Main St', city: 'Eugene', region: 'OR', postalCode: '97401' }),
        connections,
        seconds,
      }),
    };
    const results = Object.fromEntries(await Promise.all(Object.entries(jobs).map(async ([k, p]) => [k, await p] as const))) as Record<
      string,
      LoadResult
    >;
    const ready = await fetch(`${server.baseUrl}/ready`);
    const chain = await verifyAuditChain(database.db);
    const fiveXx = (r: LoadResult) =>
      Object.entries(r.statusCounts)
        .filter(([s]) => s.startsWith('5'))
        .reduce((n, [, c]) => n + c, 0);
    log(
      markdownTable(
        ['loop', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'statuses', '5xx', 'errors', 'timeouts'],
        Object.entries(results).map(([name, r]) => [
          name,
          String(r.ops),
          fixed(r.opsPerSecond, 0),
          fixed(r.p50Ms, 1),
          fixed(r.p99Ms, 1),
          Object.entries(r.statusCounts)
            .map(([s, c]) => `${s}×${c}`)
            .join(' '),
          String(fiveXx(r)),
          String(r.errors),
          String(r.timeouts),
        ]),
      ),
    );
    log(
      `after: /ready ${ready.status}; audit chain ${chain.ok ? 'intact' : 'BROKEN'} (${chain.checked} entries chained, ${chain.pending} not chained yet${chain.pendingSince ? ` since ${chain.pendingSince}` : ''})`,
    );
    logLoadAverage(log, 'end');
    const failed = Object.values(results).some((r) => fiveXx(r) > 0 || r.errors > 0 || r.timeouts > 0) || ready.status !== 200 || !chain.ok;
    if (values.json) process.stdout.write(`${JSON.stringify({ machine: context.machine, results, ready: ready.status, chain })}\n`);
    log(failed ? '\nFAILED: a 5xx, an error or timeout, or an unhealthy server after the run' : '\nPASSED: zero 5xx, server healthy after');
    return failed ? 1 : 0;
  } finally {
    await cleanups.run();
  }
}
