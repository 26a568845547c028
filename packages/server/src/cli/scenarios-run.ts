import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scenarioRunInputSchema } from '@continuum/contracts';
import { systemAccess } from '../core/access-context.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { computeStoredRun, createScenarioRun, readScenarioRun, scenarioRunCsv } from '../modules/scenarios/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';

export const scenariosRunUsage = `Usage: continuum scenarios run <scenario.json> --out <folder> [--json]

Runs what-if scenarios against the community's own data (docs/scenarios.md): the model is calibrated
to the stored OUD estimate, MOUD starts and retention and the monthly overdoses, then every scenario
is compared with today over a seeded Monte Carlo ensemble. The file holds what the API takes:
{ "name", "scenarios": [{ "name", "levers": { … } }] (1–4), "years" (1–10), "draws", "seed",
"capacity", "costs" }. The run is stored and audited like one started on the web. Writes to --out:
run.json (everything), projections.csv (monthly medians and 90% intervals), tornado.csv and
summary.txt (the plain-language summary with its caveats).
`;

const csv = (v: string | number) => (typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : `"${v.replaceAll('"', '""')}"`);

/** \`continuum scenarios run\`: one stored scenario run, computed here, its results written as files. */
export async function scenariosRun(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${scenariosRunUsage}`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !values.out) {
    io.stderr(`give one scenario file and --out\n\n${scenariosRunUsage}`);
    return exitCodes.usage;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(positionals[0]!, 'utf8'));
  } catch {
    io.stderr('The scenario file could not be read as JSON.\n');
    return exitCodes.failure;
  }
  const input = scenarioRunInputSchema.safeParse(raw);
  if (!input.success) {
    for (const issue of input.error.issues) io.stderr(`${issue.path.join('.') || '(file)'}: ${issue.message}\n`);
    return exitCodes.failure;
  }
  const access = systemAccess('continuum scenarios run');
  const { db, close } = await io.openDb();
  try {
    await migrateToLatest(db);
    const run = await createScenarioRun(db, io.clock, access, input.data);
    let shown = -1;
    await computeStoredRun(db, io.clock, run.id, {
      thread: false,
      onProgress: (done, total) => {
        const percent = Math.floor((100 * done) / total);
        if (percent >= shown + 10 || done === total) {
          shown = percent;
          io.stderr(`${percent}% (${done}/${total})\n`);
        }
      },
    });
    const detail = await readScenarioRun(db, access, run.id);
    if (detail.status !== 'done') {
      io.stderr(`The run failed: ${detail.error ?? 'unknown reason'}\n`);
      return exitCodes.failure;
    }
    const out = values.out;
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'run.json'), `${JSON.stringify(detail, null, 2)}\n`);
    fs.writeFileSync(path.join(out, 'projections.csv'), await scenarioRunCsv(db, access, run.id));
    const tornado = ['scenario,parameter,label,low,high,deaths_averted_at_low,deaths_averted_at_high,swing'];
    for (const t of detail.tornado ?? [])
      for (const b of t.bars)
        tornado.push(
          [csv(t.scenario), b.parameter, csv(b.label), b.low, b.high, b.atLow, b.atHigh, b.swing]
            .map((v) => (typeof v === 'number' ? csv(v) : v))
            .join(','),
        );
    fs.writeFileSync(path.join(out, 'tornado.csv'), `${tornado.join('\n')}\n`);
    fs.writeFileSync(path.join(out, 'summary.txt'), `${(detail.summary ?? []).join('\n\n')}\n`);
    if (values.json)
      io.stdout(`${JSON.stringify({ id: run.id, out, files: ['run.json', 'projections.csv', 'tornado.csv', 'summary.txt'] })}\n`);
    else
      io.stdout(
        `Scenario run ${run.id} written to ${out}\n${(detail.summary ?? []).slice(2, 3 + detail.input.scenarios.length).join('\n')}\n`,
      );
    return exitCodes.ok;
  } finally {
    await close();
  }
}
