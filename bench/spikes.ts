import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { CSRF_HEADER, DAY_MS } from '@continuum/contracts';
import { buildApp } from '../packages/server/src/app.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openKeyedDatabase } from './lib/keyed-database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { createTestOrganization, createTestUser } from '../packages/server/src/test-support/factories.ts';
import { earsSeries } from '../packages/server/src/modules/overdose/ears.ts';
import { thresholdSpikes, type TimedEvent } from '../packages/server/src/modules/overdose/threshold.ts';
import { Random } from '../packages/server/src/demo/random.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, markdownTable, percentile } from './lib/stats.ts';
import { Cleanups, signIn } from './lib/targets.ts';

export const summary =
  'Overdose spike detectors (EARS C1/C2/C3, rolling 24-hour threshold) over 3,000 areas × 3 years of daily counts: one new day and the whole history; event-to-alert latency over HTTP on PGlite';

const usage = `Usage: npm run bench -- spikes [--areas N] [--days N] [--repeat N] [--json]

  --areas N    areas (default 3000)
  --days N     days of history (default 1095, three years)
  --repeat N   timed repetitions of each measurement; the median is reported (default 5)
  --latency N  overdoses timed from POST to their alert in GET /api/overdose/alerts (default 200; 0 skips)

Event-to-alert latency: the real server (in-memory PGlite, loopback HTTP, a signed-in EMS clinician).
Each timed overdose is the second in its area within 24 hours with the area's threshold at 1, so it
tips a new spike; the time runs from sending the POST until a GET of the open alerts lists it.`;

/** A Poisson draw by inversion (small means). */
function poisson(rng: Random, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.next();
  } while (p > l);
  return k - 1;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(repeat: number, f: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    f();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

export async function run(args: string[], { machine, log }: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        areas: { type: 'string' },
        days: { type: 'string' },
        repeat: { type: 'string' },
        latency: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    log(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    log(usage);
    return 0;
  }
  const areas = Number(values.areas ?? 3000);
  const days = Number(values.days ?? 1095);
  const repeat = Number(values.repeat ?? 5);
  const latencyEvents = Number(values.latency ?? 200);
  if (
    ![areas, days, repeat].every((n) => Number.isInteger(n) && n > 0) ||
    days < 12 ||
    !(Number.isInteger(latencyEvents) && latencyEvents >= 0)
  ) {
    log(`--areas, --repeat must be positive whole numbers, --days at least 12 and --latency zero or more\n\n${usage}`);
    return 2;
  }

  // Sparse, skewed areas (most see an overdose every few days, a few several a day), with a
  // weekly pattern and two injected spikes per 100 areas.
  const rng = Random.fromSeed(7, 'spikes');
  const series: number[][] = [];
  let total = 0;
  const t0 = process.hrtime.bigint();
  for (let a = 0; a < areas; a++) {
    const base = rng.chance(0.05) ? rng.float(2, 6) : rng.float(0.05, 0.8);
    const counts = new Array<number>(days);
    for (let d = 0; d < days; d++) counts[d] = poisson(rng, base * (d % 7 >= 5 ? 1.3 : 1));
    if (a % 50 === 0) for (let d = days - 3; d < days; d++) counts[d]! += 6;
    for (const c of counts) total += c;
    series.push(counts);
  }
  const generateMs = Number(process.hrtime.bigint() - t0) / 1e6;

  let alarms = 0;
  const historyMs = time(repeat, () => {
    alarms = 0;
    for (const counts of series) for (const p of earsSeries(counts)) if (p.c1Alarm || p.c2Alarm || p.c3Alarm) alarms++;
  });
  // A new day needs only the last 12 days: C3 looks at C2 on t, t−1, t−2, whose baselines start at t−11.
  let todayAlarms = 0;
  const newDayMs = time(repeat, () => {
    todayAlarms = 0;
    for (const counts of series) {
      const p = earsSeries(counts.slice(-12)).at(-1)!;
      if (p.c1Alarm || p.c2Alarm || p.c3Alarm) todayAlarms++;
    }
  });
  // The same last day from the whole history must agree with the 12-day window.
  const mismatch = series.filter(
    (counts) => JSON.stringify(earsSeries(counts).at(-1)) !== JSON.stringify(earsSeries(counts.slice(-12)).at(-1)),
  ).length;

  // The rolling 24-hour threshold over every event of the last 30 days (events spread over each day).
  const start = Date.UTC(2026, 0, 1);
  const events: TimedEvent[] = [];
  for (let a = 0; a < areas; a++) {
    const counts = series[a]!;
    for (let d = days - 30; d < days; d++)
      for (let k = 0; k < counts[d]!; k++) events.push({ area: `A${a}`, at: start + d * DAY_MS + rng.int(0, DAY_MS - 1) });
  }
  let spikes = 0;
  const thresholdMs = time(repeat, () => {
    spikes = thresholdSpikes(events, () => 5, start + days * DAY_MS).length;
  });

  const rows = [
    [
      'EARS C1/C2/C3, whole history',
      `${areas} × ${days} days`,
      fixed(historyMs, 1),
      fixed((areas * days) / (historyMs / 1000) / 1e6, 2),
      String(alarms),
    ],
    ['EARS C1/C2/C3, one new day', `${areas} areas`, fixed(newDayMs, 2), fixed(areas / (newDayMs / 1000) / 1e6, 2), String(todayAlarms)],
    [
      'threshold > 5 in a rolling 24 h, last 30 days',
      `${events.length} events`,
      fixed(thresholdMs, 1),
      fixed(events.length / (thresholdMs / 1000) / 1e6, 2),
      String(spikes),
    ],
  ];
  log(
    `Generated ${areas} areas × ${days} days (${total.toLocaleString('en-US')} overdoses) in ${fixed(generateMs, 0)} ms; median of ${repeat} runs each.`,
  );
  log(markdownTable(['detector', 'input', 'ms', 'million per second', 'alarms / spikes'], rows, [false, false, true, true, true]));
  log(`Last day from the whole history vs the 12-day window: ${mismatch} area(s) differ.`);
  const latency = latencyEvents > 0 ? await eventToAlertLatency(latencyEvents, log) : null;
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ machine, areas, days, total, generateMs, historyMs, newDayMs, thresholdMs, alarms, todayAlarms, spikes, mismatch, latency })}\n`,
    );
  return mismatch === 0 && (latency === null || latency.missed === 0) ? 0 : 1;
}

/** POST an overdose that tips a spike, then GET the open alerts until it is listed: p50/p99 over `n` events. */
async function eventToAlertLatency(
  n: number,
  log: (line: string) => void,
): Promise<{ n: number; p50: number; p99: number; max: number; postP50: number; missed: number }> {
  const cleanups = new Cleanups();
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      CONTINUUM_JOBS: 'off',
      CONTINUUM_DEMO_SEED: 'off',
      LOG_LEVEL: 'silent',
      CONTINUUM_SECRET: randomBytes(20).toString('hex'),
      CONTINUUM_LOGIN_RATE_PER_MINUTE: '10000',
      CONTINUUM_WEB_DIR: '/nonexistent',
    });
    const opened = await openKeyedDatabase({ kind: 'pglite', dataDir: null });
    cleanups.push(() => opened.close());
    const { db } = opened;
    await migrateToLatest(db);
    const clock = systemClock;
    const ems = await createTestOrganization(db, clock, { name: 'Bench EMS', type: 'ems' });
    const user = await createTestUser(db, clock, { organizationId: ems.id, roles: ['clinician'] });
    const areaIds = Array.from({ length: n }, (_, i) => `B${String(i).padStart(5, '0')}`);
    await db
      .insertInto('areas')
      .values(
        areaIds.map((id, i) => ({
          id,
          name: `Bench area ${i}`,
          town: 'Bench',
          postal_code: '00000',
          latitude: 44 + (i % 100) * 0.01,
          longitude: -123 + Math.floor(i / 100) * 0.01,
          population: 1000,
        })),
      )
      .execute();
    await db
      .insertInto('overdose_area_thresholds')
      .values(areaIds.map((area_id) => ({ area_id, threshold: 1, updated_by_user_id: null, updated_at: clock.now() })))
      .execute();
    const app = await buildApp({ config, db, engine: opened.engine, clock }, { logger: false });
    cleanups.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { cookie, csrf } = await signIn(baseUrl, user.email);
    const headers = { cookie, [CSRF_HEADER]: csrf, 'content-type': 'application/json' };
    const post = (areaId: string) =>
      fetch(`${baseUrl}/api/overdose/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ occurredAt: new Date().toISOString(), areaId, naloxoneDoses: 1, naloxoneBy: ['ems'] }),
      });
    // Prime every area with its first overdose (no alert yet), plus a few warm-up spikes.
    for (const areaId of areaIds) {
      const r = await post(areaId);
      if (r.status !== 201) throw new Error(`priming answered ${r.status}: ${await r.text()}`);
    }
    const totals: number[] = [];
    const posts: number[] = [];
    let missed = 0;
    for (const areaId of areaIds) {
      const t0 = process.hrtime.bigint();
      const r = await post(areaId);
      const body = (await r.json()) as { alertIds?: string[] };
      const t1 = process.hrtime.bigint();
      const alertId = body.alertIds?.[0];
      let found = false;
      for (let attempt = 0; attempt < 50 && alertId && !found; attempt++) {
        const list = (await (await fetch(`${baseUrl}/api/overdose/alerts?status=open&limit=20`, { headers: { cookie } })).json()) as {
          items: { id: string }[];
        };
        found = list.items.some((a) => a.id === alertId);
      }
      const t2 = process.hrtime.bigint();
      if (!found) {
        missed++;
        continue;
      }
      posts.push(Number(t1 - t0) / 1e6);
      totals.push(Number(t2 - t0) / 1e6);
    }
    totals.sort((a, b) => a - b);
    posts.sort((a, b) => a - b);
    const result = {
      n: totals.length,
      p50: percentile(totals, 50),
      p99: percentile(totals, 99),
      max: totals.at(-1) ?? 0,
      postP50: percentile(posts, 50),
      missed,
    };
    log(`\nEvent-to-alert latency (PGlite in memory, loopback HTTP, ${n} spikes, each the tipping overdose of its area):`);
    log(
      markdownTable(
        ['measure', 'p50 ms', 'p99 ms', 'max ms'],
        [
          ['POST overdose → alert listed by GET /api/overdose/alerts', fixed(result.p50, 1), fixed(result.p99, 1), fixed(result.max, 1)],
          [
            'POST overdose alone (threshold rule runs inside it)',
            fixed(result.postP50, 1),
            fixed(percentile(posts, 99), 1),
            fixed(posts.at(-1) ?? 0, 1),
          ],
        ],
        [false, true, true, true],
      ),
    );
    log(
      missed === 0
        ? 'Every timed overdose raised its alert, listed on the first GET.'
        : `${missed} overdose(s) raised no alert that the GET listed.`,
    );
    return result;
  } finally {
    await cleanups.run();
  }
}
