import { LinkageInputError, MapSyntaxError, parseColumnMap, readRecordFile } from '../modules/linkage/index.ts';
import { exitCodes } from './cli-io.ts';
import type { CliContext } from './dispatch.ts';
import { parseLinkArgs, progressReporter, runLinkage, summaryLine } from './link-io.ts';

export const linkDedupeUsage = `Usage: continuum link dedupe FILE --out clusters.csv [--pairs pairs.csv] [--map col=field,…] [--id COLUMN]

Finds the records of one file (CSV or NDJSON) that belong to the same person: probabilistic linkage
(Fellegi–Sunter, trained on the file itself), then clusters. See docs/linkage.md.

Output: clusters.csv with record_id,cluster_id,review (review 1: the cluster was split because two of
its records conflict on strong identifiers; a person should look). --pairs writes every compared pair
as record_id_l,record_id_r,match_probability.

Options:
  --out FILE        clusters CSV (required)
  --pairs FILE      scored pairs CSV
  --map SPEC        column mapping, e.g. fn=given_name,ln=family_name,born=birth_date (common names are recognized)
  --id COLUMN       the record id column (default record_id, or rec_id / unique_id / id when present)
  --progress MODE   auto (a bar on a terminal, else a line per stage), bar, lines, none
`;

/** `continuum link dedupe`: one file in, clusters out. */
export async function linkDedupe(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals, usage, exit } = parseLinkArgs(argv, ctx, {
    name: 'dedupe',
    usage: linkDedupeUsage,
    options: {
      out: { type: 'string' },
      pairs: { type: 'string' },
      map: { type: 'string' },
      id: { type: 'string' },
      progress: { type: 'string' },
    },
  });
  if (exit !== undefined) return exit;
  if (positionals.length !== 1) return usage('give exactly one input file');
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
    progress.stage('read');
    const records = await readRecordFile(positionals[0]!, { ...(values.id ? { idColumn: values.id } : {}), ...(map ? { map } : {}) });
    const result = await runLinkage(
      records,
      records.map((r) => r.id),
      { mode: 'dedupe', out: values.out, pairs: values.pairs, progress },
    );
    ctx.stdout(summaryLine(result, (performance.now() - started) / 1000));
    return exitCodes.ok;
  } catch (error) {
    progress.stop();
    if (error instanceof LinkageInputError) {
      ctx.stderr(`continuum link dedupe: ${error.message}\n`);
      return exitCodes.failure;
    }
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'EISDIR')) {
      ctx.stderr(`continuum link dedupe: ${error.message}\n`);
      return exitCodes.failure;
    }
    throw error;
  }
}
