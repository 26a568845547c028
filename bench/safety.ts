import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { drugKnowledge } from '../packages/server/src/modules/safety/drug-knowledge.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, markdownTable } from './lib/stats.ts';
import { inProcess, orderSignRequest, overHttp } from './safety/check-latency.ts';
import { timeReport } from './safety/prescriber-report.ts';
import { runScreen, writeExtract } from './safety/screening.ts';

/*
 * `npm run bench -- safety`: options, the cells in turn and the report. The point-of-care latency
 * is measured in safety/check-latency.ts, the screening in safety/screening.ts and the prescriber
 * report in safety/prescriber-report.ts.
 */

export const summary =
  'Prescribing safety: point-of-care check latency in process and over HTTP (CDS Hooks), and population screening of a generated PDMP-style extract';

const usage = `Usage: npm run bench -- safety [options]

  --duration N      seconds per latency cell (default 10)
  --connections L   HTTP concurrency levels, comma-separated (default 1,16)
  --rows N          dispensings in the generated extract (default 10000000)
  --people N        people in it (default 2000000)
  --threads N       parser threads for the screening (default 2)
  --extract FILE    screen this extract instead of generating one (e.g. one kept with --keep)
  --skip-latency    only the screening
  --skip-screening  only the latency
  --report-people N also time the prescriber report over N people's dispensing care events in the
                    database (5 a person; default 0: skipped)
  --keep            keep the generated extract and the outputs (printed path)
  --json            human-readable report on stderr, a JSON document on stdout

The reference: CDC's opioid CDS (CQL) run in Node takes about 35–78 ms per patient.`;

export async function run(args: string[], { machine, log }: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        rows: { type: 'string' },
        people: { type: 'string' },
        threads: { type: 'string' },
        extract: { type: 'string' },
        'skip-latency': { type: 'boolean' },
        'skip-screening': { type: 'boolean' },
        'report-people': { type: 'string' },
        keep: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const duration = Number(values.duration ?? 10);
  const connections = (values.connections ?? '1,16').split(',').map(Number);
  const rows = Number(values.rows ?? 10_000_000);
  const people = Number(values.people ?? 2_000_000);
  const threads = Number(values.threads ?? 2);
  const report: Record<string, unknown> = { machine, loadAverage: os.loadavg() };

  if (!values['skip-latency']) {
    const body = orderSignRequest();
    log('\n## Point-of-care check (order-sign: 3 active opioids + 1 draft, a benzodiazepine, 6 dispenses, conditions, tests)');
    const k0 = performance.now();
    drugKnowledge();
    log(`drug knowledge load: ${fixed(performance.now() - k0, 0)} ms (once per process)`);
    const inproc = inProcess(duration, body);
    log(`request: ${JSON.stringify(body).length} bytes of JSON`);
    const http = await overHttp(duration, connections, body);
    log(
      markdownTable(
        ['path', 'concurrency', 'checks/s', 'p50 ms', 'p99 ms'],
        [
          ['in process: checkSafety + toCards', '1', fixed(inproc.opsPerSecond, 0), fixed(inproc.p50Ms, 3), fixed(inproc.p99Ms, 3)],
          ...http.map((h) => [`HTTP ${h.endpoint}`, String(h.connections), fixed(h.opsPerSecond, 0), fixed(h.p50Ms, 2), fixed(h.p99Ms, 2)]),
        ],
        [false, true, true, true, true],
      ),
    );
    log(
      `CDC reference CQL in Node: 35–78 ms per patient → in process ${fixed(35 / inproc.p50Ms, 0)}–${fixed(78 / inproc.p50Ms, 0)}× faster at p50`,
    );
    report.latency = { inProcess: inproc, http };
  }

  if (!values['skip-screening']) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-bench-screen-'));
    try {
      log(
        values.extract
          ? `\n## Population screening: ${values.extract}`
          : `\n## Population screening: ${rows} dispensings for ${people} people`,
      );
      const g0 = performance.now();
      const file = values.extract ?? path.join(dir, 'dispensings.csv');
      const size = values.extract ? (await fs.promises.stat(file)).size : await writeExtract(file, people, rows);
      if (!values.extract)
        log(
          `generated ${file} (${fixed(size / 1e6, 0)} MB) in ${fixed((performance.now() - g0) / 1000, 1)} s (not part of the figures below)`,
        );
      const { wallMs, output } = await runScreen(file, path.join(dir, 'out'), threads, log);
      log(
        markdownTable(
          [
            'rows',
            'people',
            'parser threads',
            'wall time s (process)',
            'screen s (reported)',
            'rows/s',
            'CPU s (all threads)',
            'peak RSS MB',
            'flagged people',
          ],
          [
            [
              String(output.rows),
              String(output.people),
              String(threads),
              fixed(wallMs / 1000, 1),
              fixed(output.elapsedMs / 1000, 1),
              fixed(output.rowsPerSecond, 0),
              fixed(output.cpuSeconds, 1),
              String(output.peakRssMb),
              String(output.flaggedPeople),
            ],
          ],
          [true, true, true, true, true, true, true, true, true],
        ),
      );
      log(
        `flags by rule: ${Object.entries(output.byRule)
          .map(([r, n]) => `${r} ${n}`)
          .join(', ')}`,
      );
      report.screening = { threads, extractBytes: size, wallMs, ...output };
      if (values.keep) log(`kept in ${dir}`);
    } finally {
      if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const reportPeople = Number(values['report-people'] ?? 0);
  if (reportPeople > 0) {
    log(`\n## Prescriber report over the database: ${reportPeople} people, ${reportPeople * 5} dispensing care events (PGlite)`);
    const r = await timeReport(reportPeople, log);
    log(
      markdownTable(
        ['care events', 'people', 'prescribers', 'load s (not timed below)', 'report s', 'events/s', 'RSS growth MB'],
        [
          [
            String(r.events),
            String(reportPeople),
            String(r.prescribers),
            fixed(r.loadMs / 1000, 1),
            fixed(r.reportMs / 1000, 2),
            fixed(r.events / (r.reportMs / 1000), 0),
            fixed(r.rssGrowthMb, 0),
          ],
        ],
        [true, true, true, true, true, true, true],
      ),
    );
    report.prescriberReport = { people: reportPeople, ...r };
  }
  log(
    `\nload average during the run (1, 5, 15 min): ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}
