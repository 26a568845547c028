import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Resource } from '@medplum/fhirtypes';
import { buildApp } from '../packages/server/src/app.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase } from '../packages/server/src/db/database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { systemAccess } from '../packages/server/src/core/access-context.ts';
import { createApiToken } from '../packages/server/src/modules/identity/api-tokens.ts';
import { toCards } from '../packages/server/src/modules/safety/cds-hooks.ts';
import { csvHeader, generateDispensings, toCsvLine } from '../packages/server/src/modules/safety/dispensing-extract.ts';
import { drugKnowledge } from '../packages/server/src/modules/safety/drug-knowledge.ts';
import {
  bundle,
  condition,
  daysBefore,
  medicationDispense,
  medicationRequest,
  observation,
  patient,
  procedure,
} from '../packages/server/src/modules/safety/fhir-fixtures.ts';
import { prescriberReport } from '../packages/server/src/modules/safety/prescriber-report.ts';
import { checkSafety } from '../packages/server/src/modules/safety/safety-check.ts';
import { resolveDrug } from '../packages/server/src/modules/safety/screening-rows.ts';
import { createTestOrganization } from '../packages/server/src/test-support/factories.ts';
import type { BenchContext } from './lib/context.ts';
import { runHttpLoad } from './lib/http-load.ts';
import { fixed, markdownTable, summarize, type Summary } from './lib/stats.ts';
import { epochDay } from '@continuum/contracts';

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

/** A realistic order-sign request: three active opioids, a benzodiazepine, dispenses, conditions, tests. */
export function orderSignRequest(): Record<string, unknown> {
  const today = new Date().toISOString().slice(0, 10);
  const record: Resource[] = [
    medicationRequest({
      id: 'oxy',
      rxcui: '1049621',
      dose: 1,
      doseHigh: 2,
      unit: 'TAB',
      frequency: 4,
      prn: true,
      supplyDays: 30,
      authoredOn: daysBefore(20, today),
    }),
    medicationRequest({
      id: 'er',
      rxcui: '1049593',
      dose: 10,
      unit: 'mg',
      frequency: 1,
      period: 12,
      periodUnit: 'h',
      supplyDays: 30,
      authoredOn: daysBefore(40, today),
    }),
    medicationRequest({
      id: 'patch',
      rxcui: '245134',
      dose: 1,
      unit: '{patch}',
      frequency: 1,
      period: 3,
      supplyDays: 30,
      authoredOn: daysBefore(10, today),
    }),
    medicationRequest({
      id: 'benzo',
      rxcui: '197321',
      dose: 1,
      unit: 'TAB',
      frequency: 2,
      supplyDays: 30,
      authoredOn: daysBefore(15, today),
    }),
    ...[0, 1, 2, 3, 4, 5].map((i) =>
      medicationDispense({
        id: `d${i}`,
        rxcui: '1049621',
        handedOver: daysBefore(i * 30 + 5, today),
        quantity: 120,
        daysSupply: 30,
        pharmacy: `Organization/ph${i}`,
      }),
    ),
    condition({ system: 'icd10', code: 'M54.5', status: 'active', recorded: daysBefore(200, today) }),
    condition({ system: 'icd10', code: 'F10.20', status: 'active', recorded: daysBefore(100, today) }),
    observation({ loinc: '3394-4', effective: daysBefore(100, today), result: 'NEG' }),
    observation({ loinc: '51954-6', effective: daysBefore(100, today), result: 'POS' }),
    procedure({ system: 'http://snomed.info/sct', code: '461621000124108', performed: daysBefore(120, today) }),
  ];
  return {
    hook: 'order-sign',
    hookInstance: 'bench',
    context: {
      userId: 'Practitioner/1',
      patientId: 'p1',
      draftOrders: bundle([
        medicationRequest({
          id: 'new',
          rxcui: '892582',
          dose: 2,
          unit: 'TAB',
          frequency: 2,
          supplyDays: 30,
          status: 'draft',
          authoredOn: today,
        }),
      ]),
    },
    prefetch: { patient: patient(), medications: bundle(record) },
  };
}

function inProcess(seconds: number, body: Record<string, unknown>): Summary {
  const k = drugKnowledge();
  const latencies: number[] = [];
  const asOf = epochDay(new Date());
  // Warm-up: let the JIT settle before measuring.
  for (let i = 0; i < 300; i++) toCards(checkSafety(k, body, asOf), 'w');
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < deadline) {
    const t0 = process.hrtime.bigint();
    toCards(checkSafety(k, body, asOf), 'bench');
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return summarize(latencies, Number(process.hrtime.bigint() - start) / 1e9);
}

async function overHttp(seconds: number, connections: number[], body: Record<string, unknown>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-bench-safety-db-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    CONTINUUM_JOBS: 'off',
    CONTINUUM_DEMO_SEED: 'off',
    LOG_LEVEL: 'silent',
    CONTINUUM_SECRET: randomBytes(20).toString('hex'),
    CONTINUUM_WEB_DIR: '/nonexistent',
    CONTINUUM_DATA_DIR: dataDir,
  });
  const opened = await openDatabase(config.database);
  try {
    await migrateToLatest(opened.db);
    const org = await createTestOrganization(opened.db, systemClock, { name: 'Bench EHR organization' });
    const { secret } = await createApiToken(
      opened.db,
      systemClock,
      systemAccess('bench'),
      org.id,
      {
        name: 'EHR',
        roles: ['clinician'],
      },
      config,
    );
    const app = await buildApp({ config, db: opened.db, engine: opened.engine, clock: systemClock }, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    const results = [];
    try {
      for (const c of connections) {
        const job = {
          method: 'POST' as const,
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          connections: c,
        };
        await runHttpLoad({ ...job, url: `http://127.0.0.1:${port}/cds-services/continuum-opioid-order-sign`, seconds: 2 });
        results.push({
          endpoint: 'POST /cds-services/continuum-opioid-order-sign',
          connections: c,
          ...(await runHttpLoad({ ...job, url: `http://127.0.0.1:${port}/cds-services/continuum-opioid-order-sign`, seconds })),
        });
        results.push({
          endpoint: 'POST /api/safety/check',
          connections: c,
          ...(await runHttpLoad({ ...job, url: `http://127.0.0.1:${port}/api/safety/check`, seconds })),
        });
      }
    } finally {
      await app.close();
    }
    return results;
  } finally {
    await opened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function writeExtract(file: string, people: number, rows: number): Promise<number> {
  const out = fs.createWriteStream(file, { highWaterMark: 4 << 20 });
  let buf = csvHeader;
  for (const r of generateDispensings({ people, rows, seed: 42 })) {
    buf += toCsvLine(r);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return (await fs.promises.stat(file)).size;
}

interface ScreenOutput {
  elapsedMs: number;
  rowsPerSecond: number;
  peakRssMb: number;
  cpuSeconds: number;
  rows: number;
  people: number;
  flaggedPeople: number;
  byRule: Record<string, number>;
}

async function runScreen(
  file: string,
  outDir: string,
  threads: number,
  log: (l: string) => void,
): Promise<{ wallMs: number; output: ScreenOutput }> {
  const bin = path.join(import.meta.dirname, '../packages/server/bin/continuum.js');
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [bin, 'safety', 'screen', file, '--out', outDir, '--json', '--progress', 'lines', '--threads', String(threads)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => log(`  ${d.toString().trimEnd()}`));
  const [code] = (await once(child, 'exit')) as [number];
  const wallMs = performance.now() - t0;
  if (code !== 0) throw new Error(`continuum safety screen exited with ${code}`);
  return { wallMs, output: JSON.parse(stdout) as ScreenOutput };
}

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

/** Loads `people` × 5 generated dispensings as care events into a fresh PGlite database and times `prescriberReport`. */
async function timeReport(people: number, log: (l: string) => void) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-bench-report-db-'));
  const opened = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await migrateToLatest(opened.db);
    const org = await createTestOrganization(opened.db, systemClock, { name: 'Bench pharmacy network' });
    const l0 = performance.now();
    const ids: string[] = [];
    const now = new Date();
    for (let i = 0; i < people; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, people - i) }, (_, j) => ({
        given_name: 'Bench',
        family_name: `Person${i + j}`,
        birth_date: '1980-01-01',
        sex: 'unknown' as const,
        gender_identity: null,
        race: null,
        ethnicity: null,
        language: null,
        phone: null,
        address1: null,
        area_id: null,
        registered_by_organization_id: org.id,
        created_at: now,
        updated_at: now,
      }));
      ids.push(...(await opened.db.insertInto('people').values(rows).returning('id').execute()).map((r) => r.id));
    }
    const k = drugKnowledge();
    const end = now.toISOString().slice(0, 10);
    let batch: Record<string, unknown>[] = [];
    let events = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await opened.db
        .insertInto('person_events')
        .values(batch as never)
        .execute();
      events += batch.length;
      batch = [];
    };
    for (const row of generateDispensings({ people, rows: people * 5, seed: 11, endDate: end })) {
      const person = ids[Number(row.personId.slice(1))]!;
      const data = {
        ...(row.rxcui ? { rxnormCode: row.rxcui } : {}),
        ...(row.drugName ? { drugName: row.drugName } : {}),
        ...(row.strength ? { strength: row.strength } : {}),
        quantity: row.quantity,
        daysSupply: row.daysSupply,
        prescriber: row.prescriberId,
        pharmacy: row.pharmacyId,
      };
      const kind = resolveDrug(k, row.rxcui, row.drugName, row.strength, row.otp === true).kind;
      const type =
        row.otp || kind === 2
          ? 'moud_dispense'
          : kind === 5
            ? 'naloxone'
            : kind === 3 || kind === 4
              ? 'medication_dispense'
              : 'opioid_dispense';
      const eventData =
        type === 'moud_dispense'
          ? {
              medication: row.otp ? 'methadone' : 'buprenorphine',
              formulation: row.otp ? 'oral_liquid' : 'sublingual',
              daysSupply: row.daysSupply,
              quantity: row.quantity,
            }
          : type === 'naloxone'
            ? { mode: 'kit_given', kits: 1 }
            : data;
      batch.push({
        person_id: person,
        organization_id: org.id,
        kind: 'medications',
        type,
        sensitivity: 'normal',
        occurred_at: new Date(`${row.fillDate}T12:00:00Z`),
        title: type,
        detail: null,
        data: JSON.stringify(eventData),
        source: 'bench',
        external_id: null,
        created_by_user_id: null,
        created_at: now,
      });
      if (batch.length === 2000) await flush();
    }
    await flush();
    const loadMs = performance.now() - l0;
    log(`loaded ${events} care events in ${fixed(loadMs / 1000, 1)} s`);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const result = await prescriberReport(opened.db, systemClock, systemAccess('bench'), k, { days: 365 });
    const reportMs = performance.now() - t0;
    return {
      events,
      prescribers: result.prescribers.length,
      loadMs,
      reportMs,
      rssGrowthMb: (process.memoryUsage().rss - rss0) / 1e6,
      rowsRead: result.rowsRead,
    };
  } finally {
    await opened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
