import { readRecordFile } from '../../packages/server/src/modules/linkage/index.ts';
import { clusterAccuracy, pairAccuracy } from '../../packages/server/src/modules/linkage/evaluate.ts';
import { runLinkage, type Progress } from '../../packages/server/src/cli/link-io.ts';
import fs from 'node:fs';

/**
 * One end-to-end dedupe in its own process, as `continuum link dedupe` runs it (read the CSV, link,
 * write clusters), so its peak RSS is its own. Prints a JSON line; scores against a truth file
 * (record_id,person) when given.
 */
const [file, out, truthFile, threadArg] = process.argv.slice(2);
const stages: Record<string, number> = {};
let last = performance.now();
let current = 'read';
const progress: Progress = {
  stage: (stage) => {
    if (stage === current) return;
    const now = performance.now();
    stages[current] = (stages[current] ?? 0) + (now - last);
    last = now;
    current = stage;
  },
  stop: () => {},
};
const started = performance.now();
const records = await readRecordFile(file!);
const result = await runLinkage(
  records,
  records.map((r) => r.id),
  { mode: 'dedupe', out: out!, progress, ...(threadArg ? { threads: Number(threadArg) } : {}) },
);
stages[current] = (stages[current] ?? 0) + (performance.now() - last);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
let accuracy: unknown;
if (truthFile) {
  const truth = new Map(
    fs
      .readFileSync(truthFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(',') as [string, string]),
  );
  const entity = records.map((r) => truth.get(r.id)!);
  accuracy = {
    pairs: pairAccuracy(result.pairs, entity, result.threshold),
    blocked: pairAccuracy(result.pairs, entity, 0),
    clusters: clusterAccuracy(result.clusters.clusterOf, entity),
  };
}
process.stdout.write(
  `${JSON.stringify({
    records: result.n,
    pairs: result.pairs.count,
    clusters: result.clusters.clusters,
    split: result.clusters.splitComponents,
    threads: result.stats.threads,
    lambda: result.model.lambda,
    seconds,
    cpuSeconds,
    stages,
    engine: result.stats.timings,
    blocking: result.stats.blocking,
    patterns: result.stats.distinctPatterns,
    uPairs: result.stats.uPairs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    accuracy,
  })}\n`,
);
