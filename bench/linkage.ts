// Longer than 300 lines: accuracy, the end-to-end scale runs and the DuckDB comparison print one report from one run.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  blockPairs,
  buildComparisons,
  clusterAccuracy,
  defaultNicknames,
  encodeRecords,
  febrlEntity,
  jaroWinkler,
  linkRecords,
  normalizePeople,
  pairAccuracy,
  readRecordFile,
  syntheticCsv,
  syntheticPeople,
  type Accuracy,
  type LinkRecord,
} from '../packages/server/src/modules/linkage/index.ts';
import { comparePairs, patternCodec } from '../packages/server/src/modules/linkage/patterns.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, markdownTable } from './lib/stats.ts';

export const summary =
  'record linkage: precision/recall/F1 on FEBRL 1–4 and fake_1000; end-to-end dedupe of 100k and 1M synthetic people (pairs/s, EM time, peak RSS); comparison throughput against DuckDB on the same blocked pairs';

const usage = `Usage: npm run bench -- linkage [--sizes 100000,1000000] [--duckdb-size N] [--skip-accuracy] [--json]

  --sizes LIST      synthetic record counts deduplicated end to end, each in its own process (default 100000,1000000)
  --threads N       threads for comparisons and u sampling in the dedupe runs (default 1, as the CLI; 2 adds a worker thread)
  --duckdb-size N   synthetic records whose blocked pairs are compared by the engine and by DuckDB (default 100000)
  --skip-accuracy   leave out FEBRL and fake_1000
  --json            print the results as JSON on stdout

Synthetic people: seeded (seed 1), 0.7 people per record, from the copied SSA and Census name tables
with corruptions (modules/linkage/synthetic.ts). The 1,000,000 run uses several GB and both cores.`;

const here = path.dirname(fileURLToPath(import.meta.url));
const data = path.join(here, '..', 'packages', 'server', 'src', 'modules', 'linkage', 'data');
const exec = promisify(execFile);

const f4 = (x: number) => fixed(x, 4);
const int = (x: number) => Math.round(x).toLocaleString('en-US');

interface AccuracyRow {
  data: string;
  records: number;
  pairs: number;
  completeness: number;
  pairwise: Accuracy;
  clusters: Accuracy;
  seconds: number;
}

async function accuracyRuns(): Promise<AccuracyRow[]> {
  const rows: AccuracyRow[] = [];
  const sets: [string, string[]][] = [
    ['FEBRL1', ['dataset1.csv']],
    ['FEBRL2', ['dataset2.csv']],
    ['FEBRL3', ['dataset3.csv']],
    ['FEBRL4 (4a↔4b)', ['dataset4a.csv', 'dataset4b.csv']],
  ];
  for (const [name, files] of sets) {
    const records = (await Promise.all(files.map((f) => readRecordFile(path.join(data, 'febrl', f))))).flat();
    const entity = records.map((r) => febrlEntity(r.id));
    const sources = files.length > 1 ? Int32Array.from(records, (r) => files.indexOf(r.source)) : undefined;
    rows.push(await score(name, records, entity, sources));
  }
  const fake = path.join(data, 'splink', 'fake_1000.csv');
  const records = await readRecordFile(fake);
  const truth = new Map(
    fs
      .readFileSync(fake, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => [l.slice(0, l.indexOf(',')), l.slice(l.lastIndexOf(',') + 1)] as [string, string]),
  );
  rows.push(
    await score(
      'fake_1000',
      records,
      records.map((r) => truth.get(r.id)!),
    ),
  );
  return rows;
}

async function score(name: string, records: LinkRecord[], entity: string[], sources?: Int32Array): Promise<AccuracyRow> {
  const t = performance.now();
  const result = await linkRecords(records, { mode: sources ? 'link' : 'dedupe' });
  const seconds = (performance.now() - t) / 1000;
  return {
    data: name,
    records: records.length,
    pairs: result.pairs.count,
    completeness: pairAccuracy(result.pairs, entity, 0, sources).recall,
    pairwise: pairAccuracy(result.pairs, entity, result.threshold, sources),
    clusters: clusterAccuracy(result.clusters.clusterOf, entity, sources),
    seconds,
  };
}

interface ScaleRow {
  records: number;
  pairs: number;
  clusters: number;
  seconds: number;
  cpuSeconds: number;
  stages: Record<string, number>;
  engine: Record<string, number>;
  maxRssBytes: number;
  threads: number;
  patterns: number;
  uPairs: number;
  accuracy: { pairs: Accuracy; blocked: Accuracy; clusters: Accuracy };
  loadBefore: number[];
  loadAfter: number[];
}

async function scaleRun(records: number, threads: number, dir: string, log: (s: string) => void): Promise<ScaleRow> {
  const t = performance.now();
  const people = syntheticPeople({ people: Math.round(records * 0.7), records, seed: 1 });
  const file = path.join(dir, `synthetic-${records}.csv`);
  fs.writeFileSync(file, syntheticCsv(people));
  fs.writeFileSync(path.join(dir, `truth-${records}.csv`), people.map((p) => `${p.id},${p.person}`).join('\n'));
  log(`  generated ${int(records)} records in ${fixed((performance.now() - t) / 1000, 1)} s; deduplicating in a child process…`);
  const loadBefore = os.loadavg();
  const child = path.join(here, 'lib', 'linkage-child.ts');
  const { stdout } = await exec(
    process.execPath,
    ['--import', 'tsx', child, file, path.join(dir, `clusters-${records}.csv`), path.join(dir, `truth-${records}.csv`), String(threads)],
    {
      maxBuffer: 1 << 26,
    },
  );
  return { ...(JSON.parse(stdout) as Omit<ScaleRow, 'loadBefore' | 'loadAfter'>), loadBefore, loadAfter: os.loadavg() };
}

interface DuckRow {
  records: number;
  pairs: number;
  engineVectorSeconds: number;
  engineJwSeconds: number;
  duckJwSeconds: number;
  duckVectorSeconds: number;
  duckThreads: number;
}

/** The same blocked pairs: the engine's full comparison vector and its JW on both names, against DuckDB's. */
async function duckRun(records: number): Promise<DuckRow> {
  const people = syntheticPeople({ people: Math.round(records * 0.7), records, seed: 2 });
  const recs = normalizePeople(people.map(({ person: _p, ...r }) => r));
  const e = encodeRecords(recs, defaultNicknames());
  const blocked = blockPairs(e);
  const n = blocked.count;

  const comparisons = buildComparisons(e);
  const codec = patternCodec(comparisons);
  let t = performance.now();
  comparePairs(comparisons, codec, blocked, 0, n, new Float64Array(n), new Uint16Array(n));
  const engineVectorSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  let sink = 0;
  for (let k = 0; k < n; k++) {
    const a = recs[blocked.left[k]!]!;
    const b = recs[blocked.right[k]!]!;
    sink += jaroWinkler(a.given, b.given) + jaroWinkler(a.family, b.family);
  }
  const engineJwSeconds = (performance.now() - t) / 1000;
  if (sink < 0) throw new Error('unreachable');

  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run(
    'create table r (i integer, given varchar, family varchar, dob varchar, ssn varchar, zip varchar, city varchar, street varchar)',
  );
  const ra = await db.createAppender('r');
  recs.forEach((x, i) => {
    ra.appendInteger(i);
    for (const v of [x.given, x.family, x.birthDate, x.ssn, x.zip, x.city, x.street]) {
      if (v === '') ra.appendNull();
      else ra.appendVarchar(v);
    }
    ra.endRow();
  });
  ra.closeSync();
  await db.run('create table p (l integer, r integer)');
  const pa = await db.createAppender('p');
  for (let k = 0; k < n; k++) {
    pa.appendInteger(blocked.left[k]!);
    pa.appendInteger(blocked.right[k]!);
    pa.endRow();
  }
  pa.closeSync();
  const threads = Number((await db.runAndReadAll("select current_setting('threads') as t")).getRowObjects()[0]!.t);
  // Materialize the joined pairs first so the timed queries measure the comparisons, not the join.
  await db.run(
    'create table j as select a.given gl, b.given gr, a.family fl, b.family fr, a.dob dl, b.dob dr, a.ssn sl, b.ssn sr, a.zip zl, b.zip zr, a.city cl, b.city cr, a.street tl, b.street tr from p join r a on a.i = p.l join r b on b.i = p.r',
  );
  t = performance.now();
  await db.runAndReadAll('select sum(jaro_winkler_similarity(gl, gr) + jaro_winkler_similarity(fl, fr)) from j');
  const duckJwSeconds = (performance.now() - t) / 1000;
  // A Splink-style comparison vector (null / exact / JW bands / Damerau-Levenshtein ≤ 1), counted by pattern as EM needs.
  const name = (l: string, r: string) =>
    `case when ${l} is null or ${r} is null then 0 when ${l} = ${r} then 1 when damerau_levenshtein(${l}, ${r}) <= 1 then 2 when jaro_winkler_similarity(${l}, ${r}) >= 0.92 then 3 when jaro_winkler_similarity(${l}, ${r}) >= 0.88 then 4 when jaro_winkler_similarity(${l}, ${r}) >= 0.7 then 5 else 6 end`;
  const digits = (l: string, r: string) =>
    `case when ${l} is null or ${r} is null then 0 when ${l} = ${r} then 1 when damerau_levenshtein(${l}, ${r}) <= 1 then 2 else 3 end`;
  const text = (l: string, r: string) =>
    `case when ${l} is null or ${r} is null then 0 when ${l} = ${r} then 1 when jaro_winkler_similarity(${l}, ${r}) >= 0.88 then 2 else 3 end`;
  t = performance.now();
  await db.runAndReadAll(
    `select g, f, d, s, z, c, a, count(*) from (select ${name('gl', 'gr')} g, ${name('fl', 'fr')} f, ${digits('dl', 'dr')} d, ${digits('sl', 'sr')} s, ${digits('zl', 'zr')} z, ${text('cl', 'cr')} c, ${text('tl', 'tr')} a from j) group by all`,
  );
  const duckVectorSeconds = (performance.now() - t) / 1000;
  db.closeSync();
  instance.closeSync();
  return { records, pairs: n, engineVectorSeconds, engineJwSeconds, duckJwSeconds, duckVectorSeconds, duckThreads: threads };
}

export async function run(args: string[], { log }: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        sizes: { type: 'string' },
        threads: { type: 'string' },
        'duckdb-size': { type: 'string' },
        'skip-accuracy': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    log(usage);
    return 0;
  }
  const sizes = (values.sizes ?? '100000,1000000').split(',').filter(Boolean).map(Number);
  const duckSize = Number(values['duckdb-size'] ?? 100000);
  const threads = Number(values.threads ?? 1);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1000) || ![1, 2].includes(threads) || !Number.isInteger(duckSize) || duckSize < 1000) {
    process.stderr.write(`sizes must be whole numbers of at least 1000\n\n${usage}\n`);
    return 2;
  }
  log(
    `Load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const result: Record<string, unknown> = {};

  if (!values['skip-accuracy']) {
    log('\nAccuracy (unsupervised; pairs at match probability ≥ 0.5; completeness = true pairs among compared pairs)');
    const rows = await accuracyRuns();
    result.accuracy = rows;
    log(
      markdownTable(
        ['data', 'records', 'pairs compared', 'completeness', 'precision', 'recall', 'F1', 'cluster F1', 'time s'],
        rows.map((r) => [
          r.data,
          int(r.records),
          int(r.pairs),
          f4(r.completeness),
          f4(r.pairwise.precision),
          f4(r.pairwise.recall),
          f4(r.pairwise.f1),
          f4(r.clusters.f1),
          fixed(r.seconds, 1),
        ]),
        [false, true, true, true, true, true, true, true, true],
      ),
    );
  }

  log(`\nComparison throughput on the same blocked pairs (${int(duckSize)} synthetic records)`);
  const duck = await duckRun(duckSize);
  result.duckdb = duck;
  const rate = (s: number) => `${fixed(duck.pairs / s / 1e6, 2)} M pairs/s`;
  log(
    markdownTable(
      ['work', 'engine (TS, 1 thread)', `DuckDB (${duck.duckThreads} threads)`, 'engine / DuckDB'],
      [
        [
          'JW on given and family name',
          rate(duck.engineJwSeconds),
          rate(duck.duckJwSeconds),
          `${fixed(duck.duckJwSeconds / duck.engineJwSeconds, 2)}×`,
        ],
        [
          'comparison vector (engine: 11 comparisons; DuckDB: 7, Splink-style CASE)',
          rate(duck.engineVectorSeconds),
          rate(duck.duckVectorSeconds),
          `${fixed(duck.duckVectorSeconds / duck.engineVectorSeconds, 2)}×`,
        ],
      ],
      [false, true, true, true],
    ),
  );
  log(`(${int(duck.pairs)} pairs; ratio > 1 means the engine is faster)`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-bench-'));
  const scale: ScaleRow[] = [];
  try {
    for (const records of sizes) {
      log(`\nEnd-to-end dedupe of ${int(records)} synthetic records`);
      const row = await scaleRun(records, threads, dir, log);
      scale.push(row);
      const compareS = (row.engine.compare ?? 0) / 1000;
      log(
        `  ${fixed(row.seconds, 1)} s end to end, ${fixed(row.cpuSeconds, 1)} s of CPU (read ${fixed((row.stages.read ?? 0) / 1000, 1)} s, write ${fixed((row.stages.write ?? 0) / 1000, 1)} s); ` +
          `${int(row.pairs)} pairs compared (${fixed(row.pairs / records, 1)} per record) at ${fixed(row.pairs / compareS / 1e6, 2)} M pairs/s; ` +
          `EM ${int(row.engine.train ?? 0)} ms over ${int(row.patterns)} patterns; u from ${int(row.uPairs)} random pairs in ${fixed((row.engine.u ?? 0) / 1000, 1)} s; ` +
          `peak RSS ${fixed(row.maxRssBytes / 1024 ** 3, 2)} GiB; ${row.threads} thread(s)`,
      );
      log(
        `  stages ms: ${Object.entries(row.engine)
          .map(([k, v]) => `${k} ${int(v)}`)
          .join(', ')}`,
      );
      log(
        `  accuracy: pairs P ${f4(row.accuracy.pairs.precision)} R ${f4(row.accuracy.pairs.recall)} F1 ${f4(row.accuracy.pairs.f1)}; clusters F1 ${f4(row.accuracy.clusters.f1)}; completeness ${f4(row.accuracy.blocked.recall)}`,
      );
      log(
        `  load average before ${row.loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${row.loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  result.scale = scale;
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
