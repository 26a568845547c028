import { parseArgs } from 'node:util';
import { earsSeries } from '../packages/server/src/modules/overdose/ears.ts';
import { thresholdSpikes, type TimedEvent } from '../packages/server/src/modules/overdose/threshold.ts';
import { Random } from '../packages/server/src/modules/demo/random.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, markdownTable } from './lib/stats.ts';

export const summary = 'Overdose spike detectors (EARS C1/C2/C3, rolling 24-hour threshold) over 3,000 areas × 3 years of daily counts: one new day and the whole history';

const usage = `Usage: npm run bench -- spikes [--areas N] [--days N] [--repeat N] [--json]

  --areas N    areas (default 3000)
  --days N     days of history (default 1095, three years)
  --repeat N   timed repetitions of each measurement; the median is reported (default 5)

The event-to-alert latency (an overdose recorded → its alert available) needs the overdose module's
service and is not measured here yet.`;

const DAY = 86_400_000;

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
    ({ values } = parseArgs({ args, options: { areas: { type: 'string' }, days: { type: 'string' }, repeat: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } }));
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
  if (![areas, days, repeat].every((n) => Number.isInteger(n) && n > 0) || days < 12) {
    log(`--areas, --repeat must be positive whole numbers and --days at least 12\n\n${usage}`);
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
  const mismatch = series.filter((counts) => JSON.stringify(earsSeries(counts).at(-1)) !== JSON.stringify(earsSeries(counts.slice(-12)).at(-1))).length;

  // The rolling 24-hour threshold over every event of the last 30 days (events spread over each day).
  const start = Date.UTC(2026, 0, 1);
  const events: TimedEvent[] = [];
  for (let a = 0; a < areas; a++) {
    const counts = series[a]!;
    for (let d = days - 30; d < days; d++) for (let k = 0; k < counts[d]!; k++) events.push({ area: `A${a}`, at: start + d * DAY + rng.int(0, DAY - 1) });
  }
  let spikes = 0;
  const thresholdMs = time(repeat, () => {
    spikes = thresholdSpikes(events, () => 5, start + days * DAY).length;
  });

  const rows = [
    ['EARS C1/C2/C3, whole history', `${areas} × ${days} days`, fixed(historyMs, 1), fixed((areas * days) / (historyMs / 1000) / 1e6, 2), String(alarms)],
    ['EARS C1/C2/C3, one new day', `${areas} areas`, fixed(newDayMs, 2), fixed(areas / (newDayMs / 1000) / 1e6, 2), String(todayAlarms)],
    ['threshold > 5 in a rolling 24 h, last 30 days', `${events.length} events`, fixed(thresholdMs, 1), fixed(events.length / (thresholdMs / 1000) / 1e6, 2), String(spikes)],
  ];
  log(`Generated ${areas} areas × ${days} days (${total.toLocaleString('en-US')} overdoses) in ${fixed(generateMs, 0)} ms; median of ${repeat} runs each.`);
  log(markdownTable(['detector', 'input', 'ms', 'million per second', 'alarms / spikes'], rows, [false, false, true, true, true]));
  log(`Last day from the whole history vs the 12-day window: ${mismatch} area(s) differ.`);
  if (values.json) process.stdout.write(`${JSON.stringify({ machine, areas, days, total, generateMs, historyMs, newDayMs, thresholdMs, alarms, todayAlarms, spikes, mismatch })}\n`);
  return mismatch === 0 ? 0 : 1;
}
