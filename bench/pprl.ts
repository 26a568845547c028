// Longer than 300 lines: encoding, Dice throughput, FEBRL accuracy and the synthetic scale run print one report from one run.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { normalizePeople, readRecordFile, type LinkRecord } from '../packages/server/src/modules/linkage/records.ts';
import { syntheticPeople } from '../packages/server/src/modules/linkage/synthetic.ts';
import { CLK_BYTES, instantiateKernel, sharedMemory } from '../packages/server/src/modules/linkage/pprl/dice-kernel.ts';
import { comparePairwise, type ClkSet } from '../packages/server/src/modules/linkage/pprl/dice.ts';
import { createEncoder } from '../packages/server/src/modules/linkage/pprl/encode.ts';
import { dedupeEncodings, linkEncodings, type Blocking } from '../packages/server/src/modules/linkage/pprl/link.ts';
import { andPopcountWords, popcount } from '../packages/server/src/modules/linkage/pprl/popcount.ts';
import { encodeRecords } from '../packages/server/src/modules/linkage/pprl/records.ts';
import { parseLinkageSchema, shippedSchema, type LinkageSchema } from '../packages/server/src/modules/linkage/pprl/schema.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, markdownTable } from './lib/stats.ts';

export const summary =
  'privacy-preserving linkage: CLK encode rate, Dice comparisons per second (WebAssembly kernel, 1 and 2 threads, vs plain JS), FEBRL4 precision/recall/F1 and FEBRL3 dedupe in PPRL mode, memory';

const usage = `Usage: npm run bench -- pprl [--size N] [--repeat N] [--scale N] [--json]

  --size N     random CLKs per side for the Dice throughput runs (default 10000: N × N comparisons)
  --repeat N   timed repetitions; the median is reported (default 3)
  --scale N    also deduplicate N synthetic registry-shaped records (the linkage module's generator,
               about 2.5 records per person) in PPRL mode with the default schema, every pair and with
               MinHash LSH (default 0: skipped)
  --json       print the results as JSON on stdout (the report goes to stderr)

Encode rate: FEBRL4 (10,000 records) with each shipped schema, a fresh encoder per run (its token
cache starts empty). Dice: random 1,024-bit filters with about half the bits set (as real CLKs),
threshold 0.7 (anonlink's benchmark threshold; few pairs pass, so the figure is the comparison
itself). Accuracy: FEBRL4 4a vs 4b (5,000 true links) with the greedy one-to-one solve, and FEBRL3
deduplication scored on clusters (pairwise).`;

const febrl = (name: string) => fileURLToPath(new URL(`../packages/server/src/modules/linkage/data/febrl/${name}`, import.meta.url));
const entity = (id: string) => id.split('-')[1]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const cpuSeconds = (c0: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1e6;
};

/** n random CLKs: random bytes, so about half the bits are set (as in real CLKs). */
function randomClks(n: number): ClkSet {
  const filters = new Uint8Array(randomBytes(n * CLK_BYTES));
  return { ids: Array.from({ length: n }, (_, i) => `r${i}`), filters };
}

function f1(tp: number, predicted: number, truth: number) {
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = tp / truth;
  return {
    tp,
    fp: predicted - tp,
    fn: truth - tp,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

export async function run(args: string[], { machine, log }: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        size: { type: 'string' },
        repeat: { type: 'string' },
        scale: { type: 'string' },
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
  const size = Number(values.size ?? 10_000);
  const repeat = Number(values.repeat ?? 3);
  const scale = Number(values.scale ?? 0);
  if (!Number.isInteger(size) || size < 100 || !Number.isInteger(repeat) || repeat < 1 || !Number.isInteger(scale) || scale < 0) {
    log(`--size must be a whole number ≥ 100, --repeat ≥ 1 and --scale ≥ 0\n\n${usage}`);
    return 2;
  }
  const loadAtStart = os.loadavg();
  log(`Load average at start (1/5/15 min): ${loadAtStart.map((x) => x.toFixed(2)).join(' / ')}`);
  const secret = randomBytes(32);

  // --- encode rate ---------------------------------------------------------------------------
  const a = await readRecordFile(febrl('dataset4a.csv'));
  const b = await readRecordFile(febrl('dataset4b.csv'));
  const both: LinkRecord[] = [...a, ...b];
  const encodeRows: string[][] = [];
  const encodeRates: Record<string, number> = {};
  for (const which of ['febrl', 'default'] as const) {
    const samples: number[] = [];
    let pop = { mean: 0, sd: 0 };
    for (let r = 0; r < repeat; r++) {
      const encoder = createEncoder(shippedSchema(which), secret);
      const t0 = process.hrtime.bigint();
      const e = encodeRecords(both, encoder);
      samples.push(both.length / seconds(t0));
      const counts = Array.from({ length: e.ids.length }, (_, i) => popcount(e.filters.subarray(i * CLK_BYTES, (i + 1) * CLK_BYTES)));
      const mean = counts.reduce((s, x) => s + x, 0) / counts.length;
      pop = { mean, sd: Math.sqrt(counts.reduce((s, x) => s + (x - mean) ** 2, 0) / counts.length) };
    }
    encodeRates[which] = median(samples);
    encodeRows.push([which, String(both.length), fixed(median(samples), 0), `${fixed(pop.mean, 0)} ± ${fixed(pop.sd, 0)}`]);
  }
  log('\nCLK encoding (FEBRL4 4a + 4b, one thread, fresh encoder each run):');
  log(markdownTable(['schema', 'records', 'records/s', 'bits set (mean ± sd)'], encodeRows, [false, true, true, true]));

  // --- Dice throughput ---------------------------------------------------------------------------
  const left = randomClks(size);
  const right = randomClks(size);
  const comparisons = size * size;
  const diceRows: string[][] = [];
  const dice: Record<string, number> = {};

  // Plain JS (SWAR over Uint32Array words) on a slice, for the ratio.
  {
    const n = Math.min(size, 2000);
    const wa = new Uint32Array(left.filters.buffer, left.filters.byteOffset, (n * CLK_BYTES) / 4);
    const wb = new Uint32Array(right.filters.buffer, right.filters.byteOffset, (n * CLK_BYTES) / 4);
    const words = CLK_BYTES / 4;
    const pa = Array.from({ length: n }, (_, i) => popcount(left.filters.subarray(i * CLK_BYTES, (i + 1) * CLK_BYTES)));
    const pb = Array.from({ length: n }, (_, i) => popcount(right.filters.subarray(i * CLK_BYTES, (i + 1) * CLK_BYTES)));
    const samples: number[] = [];
    let kept = 0;
    for (let r = 0; r < repeat; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) if (2 * andPopcountWords(wa, i * words, wb, j * words, words) >= 0.7 * (pa[i]! + pb[j]!)) kept++;
      samples.push((n * n) / seconds(t0));
    }
    dice.jsSwar = median(samples);
    diceRows.push([
      `plain JS, SWAR popcount on Uint32Array words, 1 thread (${kept} kept)`,
      `${n} × ${n}`,
      fixed(dice.jsSwar / 1e6, 1),
      '',
    ]);
  }
  // The kernel alone (rows scanned on this thread, no result collection).
  {
    const aBase = 0;
    const bBase = size * CLK_BYTES;
    const aPops = 2 * size * CLK_BYTES;
    const bPops = aPops + size * 4;
    const out = bPops + size * 4;
    const memory = sharedMemory(out + size * 8);
    const kernel = instantiateKernel(memory);
    new Uint8Array(memory.buffer).set(left.filters, aBase);
    new Uint8Array(memory.buffer).set(right.filters, bBase);
    kernel.popcounts(aBase, size, aPops);
    kernel.popcounts(bBase, size, bPops);
    const i32 = new Int32Array(memory.buffer);
    const samples: number[] = [];
    const perCpu: number[] = [];
    for (let r = 0; r < repeat; r++) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      for (let i = 0; i < size; i++) kernel.scan(aBase + i * CLK_BYTES, i32[aPops / 4 + i]!, bBase, bPops, size, 0.7, out);
      samples.push(comparisons / seconds(t0));
      perCpu.push(comparisons / cpuSeconds(c0));
    }
    dice.kernel1 = median(samples);
    dice.kernel1PerCpuSecond = median(perCpu);
    diceRows.push([
      'WebAssembly kernel (i64.popcnt), 1 thread, kernel only',
      `${size} × ${size}`,
      fixed(dice.kernel1 / 1e6, 1),
      fixed(dice.kernel1PerCpuSecond / 1e6, 1),
    ]);
  }
  for (const threads of [1, 2]) {
    const total: number[] = [];
    const scan: number[] = [];
    const perCpu: number[] = [];
    for (let r = 0; r < repeat; r++) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const result = await comparePairwise(left, right, { threshold: 0.7, threads, minPairsPerThread: 0 });
      total.push(comparisons / seconds(t0));
      perCpu.push(comparisons / cpuSeconds(c0));
      scan.push(comparisons / result.scanSeconds);
    }
    dice[`endToEnd${threads}PerCpuSecond`] = median(perCpu);
    dice[`scan${threads}`] = median(scan);
    dice[`endToEnd${threads}`] = median(total);
    const label = threads > 1 ? `${threads} worker threads over one shared memory` : '1 thread';
    diceRows.push([`comparePairwise, ${label}: scan (slowest thread)`, `${size} × ${size}`, fixed(median(scan) / 1e6, 1), '']);
    diceRows.push([
      `comparePairwise, ${label}: end to end (copy, popcounts${threads > 1 ? ', thread start-up' : ''}, results)`,
      `${size} × ${size}`,
      fixed(median(total) / 1e6, 1),
      fixed(median(perCpu) / 1e6, 1),
    ]);
  }
  const rssAfterDiceMb = process.resourceUsage().maxRSS / 1024;
  log(`\nDice similarity of 1,024-bit CLKs (threshold 0.7; median of ${repeat}):`);
  log(markdownTable(['implementation', 'pairs', 'M comparisons/s (wall)', 'M per CPU-second'], diceRows, [false, true, true, true]));
  log(
    'M per CPU-second: comparisons over the CPU time of the whole process (every thread), a figure a busy machine moves less than wall time; on an idle machine the wall-time rate of n threads approaches n × the 1-thread figure.',
  );

  // --- accuracy --------------------------------------------------------------------------------
  const accuracyRows: string[][] = [];
  const accuracy: Record<string, unknown>[] = [];
  for (const which of ['febrl', 'default'] as const) {
    const encoder = createEncoder(shippedSchema(which), secret);
    const ea = encodeRecords(a, encoder);
    const eb = encodeRecords(b, encoder);
    const thresholds = which === 'febrl' ? [0.65, 0.7, 0.75, 0.8] : [0.6, 0.65, 0.7, 0.75];
    for (const blocking of ['none', 'lsh'] as Blocking[])
      for (const threshold of blocking === 'none' ? thresholds : [which === 'febrl' ? 0.7 : 0.6]) {
        const t0 = process.hrtime.bigint();
        const { matches, stats } = await linkEncodings(ea, eb, { threshold, blocking, threads: 2 });
        const elapsed = seconds(t0);
        let tp = 0;
        for (let k = 0; k < matches.l.length; k++) if (entity(ea.ids[matches.l[k]!]!) === entity(eb.ids[matches.r[k]!]!)) tp++;
        const s = f1(tp, matches.l.length, 5000);
        accuracy.push({ data: 'FEBRL4', schema: which, blocking, threshold, compared: stats.compared, seconds: elapsed, ...s });
        accuracyRows.push([
          'FEBRL4',
          which,
          blocking,
          String(threshold),
          stats.compared.toLocaleString('en-US'),
          String(s.tp),
          String(s.fp),
          String(s.fn),
          fixed(s.precision, 4),
          fixed(s.recall, 4),
          fixed(s.f1, 4),
          fixed(elapsed, 2),
        ]);
      }
  }
  {
    const records = await readRecordFile(febrl('dataset3.csv'));
    const e = encodeRecords(records, createEncoder(shippedSchema('febrl'), secret));
    for (const threshold of [0.7, 0.75, 0.8]) {
      const t0 = process.hrtime.bigint();
      const { clusters, stats } = await dedupeEncodings(e, { threshold, threads: 2 });
      const elapsed = seconds(t0);
      const members = new Map<number, number[]>();
      clusters.clusterOf.forEach((c, i) => members.set(c, [...(members.get(c) ?? []), i]));
      let tp = 0;
      let predicted = 0;
      for (const m of members.values())
        for (let x = 0; x < m.length; x++)
          for (let y = x + 1; y < m.length; y++) {
            predicted++;
            if (entity(e.ids[m[x]!]!) === entity(e.ids[m[y]!]!)) tp++;
          }
      const s = f1(tp, predicted, 6538);
      accuracy.push({
        data: 'FEBRL3 dedupe (clusters)',
        schema: 'febrl',
        blocking: stats.blocking,
        threshold,
        compared: stats.compared,
        seconds: elapsed,
        ...s,
      });
      accuracyRows.push([
        'FEBRL3 dedupe (clusters)',
        'febrl',
        stats.blocking,
        String(threshold),
        stats.compared.toLocaleString('en-US'),
        String(s.tp),
        String(s.fp),
        String(s.fn),
        fixed(s.precision, 4),
        fixed(s.recall, 4),
        fixed(s.f1, 4),
        fixed(elapsed, 2),
      ]);
    }
  }
  log('\nAccuracy in PPRL mode (pairs compared; TP/FP/FN pairwise; s = blocking + comparing + solving on 2 threads):');
  log(
    markdownTable(['data', 'schema', 'blocking', 'Dice ≥', 'compared', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1', 's'], accuracyRows, [
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]),
  );

  // --- hardening variants: what each costs in accuracy on FEBRL4 ------------------------------------
  const febrlSchema = shippedSchema('febrl');
  const variants: Array<[string, LinkageSchema]> = [
    ['plain (randomHash, field keys)', febrlSchema],
    ['doubleHash', parseLinkageSchema({ ...febrlSchema, clk: { ...febrlSchema.clk, hash: 'doubleHash' } })],
    ['XOR-folded (2,048 → 1,024 bits)', parseLinkageSchema({ ...febrlSchema, clk: { ...febrlSchema.clk, xorFold: true } })],
    ['balanced (512 bits + complement, permuted)', parseLinkageSchema({ ...febrlSchema, clk: { ...febrlSchema.clk, balanced: true } })],
    [
      'names salted with the birth year',
      parseLinkageSchema({
        ...febrlSchema,
        fields: febrlSchema.fields.map((f) =>
          f.name === 'given_name' || f.name === 'family_name' ? { ...f, saltWith: { field: 'birth_date', slice: [0, 4] } } : f,
        ),
      }),
    ],
  ];
  const hardeningRows: string[][] = [];
  const hardening: Record<string, unknown>[] = [];
  for (const [name, schema] of variants) {
    const encoder = createEncoder(schema, secret);
    const ea = encodeRecords(a, encoder);
    const eb = encodeRecords(b, encoder);
    let best = { threshold: 0, f1: 0, precision: 0, recall: 0 };
    const at: Record<string, number> = {};
    for (const threshold of [0.6, 0.65, 0.7, 0.75, 0.8]) {
      const { matches } = await linkEncodings(ea, eb, { threshold, threads: 2 });
      let tp = 0;
      for (let k = 0; k < matches.l.length; k++) if (entity(ea.ids[matches.l[k]!]!) === entity(eb.ids[matches.r[k]!]!)) tp++;
      const s = f1(tp, matches.l.length, 5000);
      at[String(threshold)] = s.f1;
      if (s.f1 > best.f1) best = { threshold, f1: s.f1, precision: s.precision, recall: s.recall };
    }
    hardening.push({ variant: name, ...best, f1At: at });
    hardeningRows.push([
      name,
      String(best.threshold),
      fixed(best.precision, 4),
      fixed(best.recall, 4),
      fixed(best.f1, 4),
      fixed(at['0.7']!, 4),
      fixed(at['0.8']!, 4),
    ]);
  }
  log('\nHardening options on FEBRL4 (FEBRL schema; the best F1 over Dice thresholds 0.6–0.8):');
  log(
    markdownTable(['variant', 'best Dice ≥', 'precision', 'recall', 'F1', 'F1 at 0.7', 'F1 at 0.8'], hardeningRows, [
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]),
  );

  // --- synthetic scale ---------------------------------------------------------------------------
  const scaleRows: string[][] = [];
  const scaleResults: Record<string, unknown>[] = [];
  if (scale > 0) {
    const people = syntheticPeople({ people: Math.round(scale / 2.5), records: scale, seed: 20261207 });
    const truth = new Map(people.map((p) => [p.id, p.person]));
    const sizes = new Map<string, number>();
    for (const p of people) sizes.set(p.person, (sizes.get(p.person) ?? 0) + 1);
    let truePairs = 0;
    for (const g of sizes.values()) truePairs += (g * (g - 1)) / 2;
    const t0 = process.hrtime.bigint();
    const e = encodeRecords(normalizePeople(people), createEncoder(shippedSchema('default'), secret));
    const encodeSeconds = seconds(t0);
    for (const blocking of ['none', 'lsh'] as Blocking[]) {
      const t1 = process.hrtime.bigint();
      const { clusters, stats } = await dedupeEncodings(e, { threshold: 0.8, blocking, threads: 2 });
      const elapsed = seconds(t1);
      const members = new Map<number, number[]>();
      clusters.clusterOf.forEach((c, i) => {
        const m = members.get(c);
        if (m) m.push(i);
        else members.set(c, [i]);
      });
      let tp = 0;
      let predicted = 0;
      for (const m of members.values())
        for (let x = 0; x < m.length; x++)
          for (let y = x + 1; y < m.length; y++) {
            predicted++;
            if (truth.get(e.ids[m[x]!]!) === truth.get(e.ids[m[y]!]!)) tp++;
          }
      const s = f1(tp, predicted, truePairs);
      scaleResults.push({ records: scale, blocking, compared: stats.compared, encodeSeconds, seconds: elapsed, truePairs, ...s });
      scaleRows.push([
        scale.toLocaleString('en-US'),
        blocking,
        stats.compared.toLocaleString('en-US'),
        fixed(elapsed, 1),
        fixed(stats.compared / elapsed / 1e6, 0),
        fixed(s.precision, 4),
        fixed(s.recall, 4),
        fixed(s.f1, 4),
      ]);
    }
    log(
      `\nSynthetic registry-shaped records, deduplicated in PPRL mode (default schema, Dice ≥ 0.8, clusters scored pairwise; ${truePairs.toLocaleString('en-US')} true pairs; encoding took ${fixed(encodeSeconds, 1)} s):`,
    );
    log(
      markdownTable(['records', 'blocking', 'pairs compared', 's (2 threads)', 'M pairs/s', 'precision', 'recall', 'F1'], scaleRows, [
        true,
        false,
        true,
        true,
        true,
        true,
        true,
        true,
      ]),
    );
  }

  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const loadAtEnd = os.loadavg();
  log(
    `\nPeak RSS: ${fixed(rssAfterDiceMb, 0)} MB after the encode and Dice runs, ${fixed(peakRssMb, 0)} MB at the end. Load average at end (1/5/15 min): ${loadAtEnd.map((x) => x.toFixed(2)).join(' / ')}`,
  );
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ machine, loadAtStart, loadAtEnd, size, repeat, encodeRates, dice, accuracy, hardening, scale: scaleResults, rssAfterDiceMb, peakRssMb })}\n`,
    );
  return 0;
}
