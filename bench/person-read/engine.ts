import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Timeline } from '@continuum/contracts';
import { systemClock } from '../../packages/server/src/clock.ts';
import { seedDemoCommunity } from '../../packages/server/src/demo/demo-seed.ts';
import type { ReadContext } from '../../packages/server/src/modules/registry/access-facts.ts';
import { openPerson, readTimeline } from '../../packages/server/src/modules/registry/chokepoint.ts';
import { readContext } from '../../packages/server/src/modules/registry/people.ts';
import { BenchFailure } from '../lib/engines.ts';
import { runHttpLoad } from '../lib/http-load.ts';
import { benchConfig, openBenchDatabase, startBenchServer } from '../lib/server.ts';
import { closedLoop, fixed } from '../lib/stats.ts';
import { signIn, sleep, type Cleanups, type Target } from '../lib/targets.ts';
import { disclosureChecks, disclosureTotals } from './disclosures.ts';
import { ENTRIES, modeShort, PG_POOL_SIZE, type Cell, type EngineResult, type Mode, type Options } from './model.ts';
import { describeData, rawRows, timelineWithoutDisclosure } from './queries.ts';
import { buildScenario } from './scenario.ts';
import { measureStatements } from './statements.ts';

/*
 * One engine of the person-read benchmark: the demo community and the person, the server, then
 * each mode's cell (HTTP, the chokepoint in process, the raw query; the breakdown at one reader),
 * the statements of one read, and the disclosure log's checks.
 */

export async function runEngine(target: Target, options: Options, log: (line: string) => void, cleanups: Cleanups): Promise<EngineResult> {
  const config = benchConfig(target);
  const database = await openBenchDatabase(target, config, cleanups, log, { poolSize: PG_POOL_SIZE });
  const { db, facts } = database;

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
  const server = await startBenchServer(config, database, clock, cleanups);
  const { baseUrl } = server;
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

  const disclosures = disclosureChecks(db, scenario, sourcesInTimeline);

  const windowStart = () => new Date(clock.now().getTime());

  async function httpCell(concurrency: number) {
    const load = (seconds: number) =>
      runHttpLoad({ url: timelineUrl, method: 'GET', headers: { cookie }, connections: concurrency, seconds });
    if (options.warmupSeconds > 0) await load(options.warmupSeconds);
    await disclosures.quiesce();
    const from = windowStart();
    const result = await load(options.seconds);
    await disclosures.quiesce();
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
    return { summary, statusCounts, ...(await disclosures.check(`HTTP c${concurrency}`, from, to, result.ops, true, concurrency)) };
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
    return { summary, ...(await disclosures.check(`${modeShort[mode]} c${concurrency}`, from, to, summary.ops, mode === 'chokepoint', 0)) };
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
  await server.close();

  // What each statement of a timeline read costs on its own, one at a time, and the decision alone.
  const statements = await measureStatements(
    db,
    scenario,
    readerContext,
    { seconds: options.seconds, breakdown: options.breakdown },
    sourcesInTimeline,
    log,
  );

  const { disclosureSize, chokepointReads, disclosureRows } = await disclosureTotals(db, scenario, sourcesInTimeline);
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
