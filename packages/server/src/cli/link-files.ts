import path from 'node:path';
import { LinkageInputError, MapSyntaxError, parseColumnMap, readRecordFile, type LinkRecord } from '../modules/linkage/index.ts';
import { exitCodes } from './cli-io.ts';
import type { CliContext } from './dispatch.ts';
import { parseLinkArgs, progressReporter, runLinkage, summaryLine } from './link-io.ts';

export const linkFilesUsage = `Usage: continuum link files A B … --out clusters.csv [--pairs pairs.csv] [--map col=field,…] [--id COLUMN]

Links the records of several files (CSV or NDJSON; e.g. a PDMP extract, EMS runs, jail bookings) into
persons: pairs across files and within each file are compared, then clustered. See docs/linkage.md.

Output: clusters.csv with record_id,cluster_id,review. Record ids are prefixed with their file's name
(e.g. ems.csv:1042) unless every id is unique across the files. --pairs writes every compared pair as
record_id_l,record_id_r,match_probability.

Options:
  --out FILE        clusters CSV (required)
  --pairs FILE      scored pairs CSV
  --map SPEC        column mapping applied to every file, e.g. fn=given_name,ln=family_name
  --id COLUMN       the record id column in every file (default record_id, or rec_id / unique_id / id)
  --progress MODE   auto (a bar on a terminal, else a line per stage), bar, lines, none
`;

/** Ids as written: prefixed with the file's label when any id appears in more than one file. */
export function outputIds(records: readonly LinkRecord[]): string[] {
  const seen = new Set<string>();
  let clash = false;
  for (const r of records) {
    if (seen.has(r.id)) {
      clash = true;
      break;
    }
    seen.add(r.id);
  }
  return records.map((r) => (clash ? `${r.source}:${r.id}` : r.id));
}

/** Labels for the files: base names, or the paths as given when two base names are equal. */
function labels(files: readonly string[]): string[] {
  const base = files.map((f) => path.basename(f));
  return new Set(base).size === base.length ? base : [...files];
}

/** `continuum link files`: several files in, clusters out. */
export async function linkFiles(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals, usage, exit } = parseLinkArgs(argv, ctx, {
    name: 'files',
    usage: linkFilesUsage,
    options: {
      out: { type: 'string' },
      pairs: { type: 'string' },
      map: { type: 'string' },
      id: { type: 'string' },
      progress: { type: 'string' },
    },
  });
  if (exit !== undefined) return exit;
  if (positionals.length < 2) return usage('give at least two input files');
  if (new Set(positionals).size !== positionals.length) return usage('a file is given twice');
  if (!values.out) return usage('--out is required');
  const progressMode = values.progress ?? 'auto';
  if (!['auto', 'bar', 'lines', 'none'].includes(progressMode)) return usage('--progress must be auto, bar, lines or none');
  let map;
  try {
    map = values.map ? parseColumnMap(values.map) : undefined;
  } catch (error) {
    if (error instanceof MapSyntaxError) return usage(error.message);
    throw error;
  }
  const started = performance.now();
  const progress = progressReporter(progressMode, ctx);
  try {
    const names = labels(positionals);
    const records: LinkRecord[] = [];
    for (let f = 0; f < positionals.length; f++) {
      progress.stage('read', f, positionals.length);
      const part = await readRecordFile(positionals[f]!, {
        source: names[f]!,
        ...(values.id ? { idColumn: values.id } : {}),
        ...(map ? { map } : {}),
      });
      for (const r of part) records.push(r);
    }
    const result = await runLinkage(records, outputIds(records), {
      mode: 'link_and_dedupe',
      out: values.out,
      pairs: values.pairs,
      progress,
    });
    ctx.stdout(summaryLine(result, (performance.now() - started) / 1000));
    return exitCodes.ok;
  } catch (error) {
    progress.stop();
    if (error instanceof LinkageInputError) {
      ctx.stderr(`continuum link files: ${error.message}\n`);
      return exitCodes.failure;
    }
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'EISDIR')) {
      ctx.stderr(`continuum link files: ${error.message}\n`);
      return exitCodes.failure;
    }
    throw error;
  }
}
