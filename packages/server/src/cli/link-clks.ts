import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pprl } from '../modules/linkage/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';
import { parseLinkArgs } from './link-io.ts';
import { stageProgress } from './pprl-progress.ts';
import { csvField } from '../core/csv.ts';

const { ClkFileError, readClkFile, DEFAULT_DEDUPE_THRESHOLD, DEFAULT_THRESHOLD, dedupeEncodings, linkEncodings } = pprl;
type ClkFile = pprl.ClkFile;
type Blocking = pprl.Blocking;
type ScoredPairs = pprl.ScoredPairs;

export const linkClksUsage = `Usage: continuum link clks A.clks [B.clks] --out pairs.csv [--threshold T] [--blocking MODE] [--threads N]

Privacy-preserving linkage at the hub: compares the CLKs of two encoded files (from
\`continuum link encode\`, same schema and secret) by Dice similarity and writes the one-to-one matches,
best first: record_id_l,record_id_r,similarity. With one file, writes its pairs of likely duplicates.
Needs no secret and sees no names.

  --out FILE        pairs CSV to write
  --threshold T     minimum Dice similarity, 0 to 1 (default ${DEFAULT_THRESHOLD} for two files, ${DEFAULT_DEDUPE_THRESHOLD} for one)
  --blocking MODE   auto (every pair up to 10^10 pairs, then blocking keys if both files have them,
                    else MinHash LSH), none, keys, lsh (default auto)
  --threads N       comparison threads (default: the number of cores)
  -h, --help        show this help

Progress goes to stderr. Exit codes: 0 ok, 1 bad input (the message names the line and column), 2 usage error.
`;

/** `continuum link clks A.clks [B.clks] --out pairs.csv` */
export async function linkClks(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals, usage, exit } = parseLinkArgs(argv, io, {
    name: 'clks',
    usage: linkClksUsage,
    options: {
      out: { type: 'string' },
      threshold: { type: 'string' },
      blocking: { type: 'string' },
      threads: { type: 'string' },
    },
  });
  if (exit !== undefined) return exit;
  if (positionals.length < 1 || positionals.length > 2) return usage('give one or two encoded files');
  if (!values.out) return usage('--out is required');
  const threshold =
    values.threshold === undefined ? (positionals.length === 2 ? DEFAULT_THRESHOLD : DEFAULT_DEDUPE_THRESHOLD) : Number(values.threshold);
  if (values.threshold !== undefined && (!/^\d*\.?\d+$/.test(values.threshold) || !(threshold >= 0 && threshold <= 1)))
    return usage('--threshold must be a number from 0 to 1');
  const blocking = (values.blocking ?? 'auto') as Blocking;
  if (!['auto', 'none', 'keys', 'lsh'].includes(blocking)) return usage('--blocking must be auto, none, keys or lsh');
  const cores = os.availableParallelism();
  const threads = values.threads === undefined ? cores : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) return usage('--threads must be a whole number from 1 to 64');

  const fail = (message: string) => {
    io.stderr(`continuum link clks: ${message}\n`);
    return exitCodes.failure;
  };
  const progress = stageProgress(io, 'clks');
  try {
    const files: ClkFile[] = [];
    for (const f of positionals) files.push(await readClkFile(f, (n) => progress.update(`reading ${path.basename(f)}`, n, n)));
    const [a, b] = files as [ClkFile, ClkFile | undefined];
    if (b) {
      if (a.header.fingerprint !== b.header.fingerprint)
        return fail(
          `${positionals[0]} and ${positionals[1]} were encoded with different schemas (${a.header.schema}, ${b.header.schema}); encode both with the same schema`,
        );
      if (a.header.keyCheck !== b.header.keyCheck)
        return fail(
          `${positionals[0]} and ${positionals[1]} were encoded with different secrets; every party must use the network's secret`,
        );
      if (blocking === 'keys' && (a.blockingKeys.every((k) => k.length === 0) || b.blockingKeys.every((k) => k.length === 0)))
        return fail('--blocking keys: the files carry no blocking keys (the schema has no "blocking" section)');
    }
    const options = {
      threshold,
      blocking,
      threads,
      onProgress: (stage: string, done: number, total: number) => progress.update(stage, done, total),
    };
    let pairs: ScoredPairs;
    let compared: number;
    if (b) {
      const result = await linkEncodings(a, b, options);
      pairs = result.matches;
      compared = result.stats.compared;
    } else {
      const result = await dedupeEncodings(a, options);
      pairs = result.pairs;
      compared = result.stats.compared;
    }
    progress.stop();
    const right = b ?? a;
    let text = 'record_id_l,record_id_r,similarity\n';
    for (let k = 0; k < pairs.l.length; k++)
      text += `${csvField(a.ids[pairs.l[k]!]!)},${csvField(right.ids[pairs.r[k]!]!)},${pairs.similarity[k]!.toFixed(4)}\n`;
    const tmp = path.join(path.dirname(values.out), `.${path.basename(values.out)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, values.out);
    io.stdout(
      `Compared ${compared.toLocaleString('en-US')} pairs; ${pairs.l.length} ${b ? 'one-to-one matches' : 'pairs'} at Dice ≥ ${threshold} written to ${values.out}.\n`,
    );
    return exitCodes.ok;
  } catch (error) {
    progress.stop();
    if (error instanceof ClkFileError) return fail(error.message);
    throw error;
  }
}
