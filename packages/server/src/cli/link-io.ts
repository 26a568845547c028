import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { linkRecords, type LinkMode, type LinkRecord, type LinkResult, type LinkStage } from '../modules/linkage/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';
import { parseArgs } from 'node:util';
import { csvField } from '../core/csv.ts';

/** Shared by `link dedupe` and `link files`: progress on stderr, all-or-nothing CSV output. */

const STAGES: (LinkStage | 'read' | 'write')[] = ['read', 'encode', 'block', 'compare', 'u', 'train', 'score', 'cluster', 'write'];
const STAGE_LABEL: Record<string, string> = {
  read: 'reading',
  encode: 'encoding',
  block: 'blocking',
  compare: 'comparing',
  u: 'estimating u',
  train: 'training (EM)',
  score: 'scoring',
  cluster: 'clustering',
  write: 'writing',
};

export interface Progress {
  stage(stage: (typeof STAGES)[number], done?: number, total?: number): void;
  stop(): void;
}

/** A bar when stderr is a terminal (or --progress bar), else one line per stage; none with --progress none. */
export function progressReporter(mode: string, io: CliIo): Progress {
  if (mode === 'none') return { stage: () => {}, stop: () => {} };
  if (mode === 'bar' || (mode === 'auto' && process.stderr.isTTY === true)) {
    const bar = new cliProgress.SingleBar(
      { format: 'linking |{bar}| {percentage}% | {step}', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(STAGES.length * 100, 0, { step: 'reading' });
    return {
      stage: (stage, done = 0, total = 1) => {
        const base = STAGES.indexOf(stage) * 100;
        bar.update(base + Math.floor((100 * done) / Math.max(total, 1)), { step: STAGE_LABEL[stage] });
      },
      stop: () => bar.stop(),
    };
  }
  let last = '';
  return {
    stage: (stage) => {
      if (stage === last) return;
      last = stage;
      io.stderr(`linking: ${STAGE_LABEL[stage]}\n`);
    },
    stop: () => {},
  };
}

/** Writes lines to a temporary file beside the target and renames it into place: nothing appears on failure. */
export async function writeAtomically(file: string, header: string, lines: (write: (line: string) => void) => void): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const chunks: string[] = [`${header}\n`];
  let size = 0;
  const out = fs.openSync(tmp, 'w');
  try {
    lines((line) => {
      chunks.push(line);
      size += line.length;
      if (size > 1 << 20) {
        fs.writeSync(out, chunks.join(''));
        chunks.length = 0;
        size = 0;
      }
    });
    fs.writeSync(out, chunks.join(''));
    fs.closeSync(out);
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.closeSync(out);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** Runs the engine and writes clusters (record_id,cluster_id,review) and, if asked, pairs (record_id_l,record_id_r,match_probability). */
export async function runLinkage(
  records: readonly LinkRecord[],
  ids: readonly string[],
  options: { mode: LinkMode; out: string; pairs?: string | undefined; progress: Progress; threads?: number },
): Promise<LinkResult> {
  const { progress } = options;
  const result = await linkRecords(records, {
    mode: options.mode,
    ...(options.threads ? { threads: options.threads } : {}),
    onProgress: (stage, done, total) => progress.stage(stage, done, total),
  });
  progress.stage('write');
  const { clusterOf, review } = result.clusters;
  await writeAtomically(options.out, 'record_id,cluster_id,review', (write) => {
    for (let i = 0; i < ids.length; i++) write(`${csvField(ids[i]!)},${clusterOf[i]},${review[i]}\n`);
  });
  if (options.pairs) {
    const p = result.pairs;
    await writeAtomically(options.pairs, 'record_id_l,record_id_r,match_probability', (write) => {
      for (let k = 0; k < p.count; k++)
        write(`${csvField(ids[p.left[k]!]!)},${csvField(ids[p.right[k]!]!)},${p.probability[k]!.toPrecision(6)}\n`);
    });
  }
  progress.stage('write', 1, 1);
  progress.stop();
  return result;
}

/** One line for a person (or a script) to read: counts, never identifiers. */
export function summaryLine(result: LinkResult, seconds: number): string {
  const split = result.clusters.splitComponents;
  return (
    `${result.n} records, ${result.pairs.count} pairs compared, ${result.clusters.clusters} clusters` +
    `${split > 0 ? ` (${split} split for review)` : ''}, λ ${result.model.lambda.toExponential(3)}, ${seconds.toFixed(1)} s\n`
  );
}

type LinkOptionSpec = Record<string, { type: 'string' } | { type: 'boolean'; short?: string }>;
type LinkValues<O extends LinkOptionSpec> = {
  [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string;
} & { help?: boolean };

/**
 * The argument handling every `continuum link` command shares: parseArgs with positionals, `-h/--help`
 * printing the usage (exit 0), and `usage(message)`, which prints the message and the usage to stderr and
 * answers the usage exit code. An unknown option or a missing value is refused that way; `exit` is set when the
 * command should stop with it.
 */
export function parseLinkArgs<const O extends LinkOptionSpec>(
  argv: string[],
  io: CliIo,
  command: { name: string; usage: string; options: O },
): { values: LinkValues<O>; positionals: string[]; usage: (message: string) => number; exit?: number } {
  const usage = (message: string) => {
    io.stderr(`continuum link ${command.name}: ${message}\n\n${command.usage}`);
    return exitCodes.usage;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return {
      values: {} as LinkValues<O>,
      positionals: [],
      usage,
      exit: usage(error instanceof Error ? error.message : 'invalid arguments'),
    };
  }
  const values = parsed.values as LinkValues<O>;
  if (values.help) {
    io.stdout(command.usage);
    return { values, positionals: parsed.positionals, usage, exit: exitCodes.ok };
  }
  return { values, positionals: parsed.positionals, usage };
}
