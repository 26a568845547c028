import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { epochDay } from '@continuum/contracts';
import { buildApp } from '../../packages/server/src/app.ts';
import { systemClock } from '../../packages/server/src/clock.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { openKeyedDatabase } from '../lib/keyed-database.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { systemAccess } from '../../packages/server/src/core/access-context.ts';
import { createApiToken } from '../../packages/server/src/modules/identity/api-tokens.ts';
import { toCards } from '../../packages/server/src/modules/safety/cds-hooks.ts';
import { drugKnowledge } from '../../packages/server/src/modules/safety/drug-knowledge.ts';
import {
  bundle,
  condition,
  daysBefore,
  medicationDispense,
  medicationRequest,
  observation,
  patient,
  procedure,
} from '../../packages/server/src/modules/safety/fhir-fixtures.ts';
import { checkSafety } from '../../packages/server/src/modules/safety/safety-check.ts';
import { createTestOrganization } from '../../packages/server/src/test-support/factories.ts';
import { runHttpLoad } from '../lib/http-load.ts';
import { summarize, type Summary } from '../lib/stats.ts';

/*
 * The point-of-care check's latency: one realistic order-sign request, evaluated in process
 * (the engine alone) and over HTTP (CDS Hooks and the JSON API, an API token, autocannon).
 */

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

export function inProcess(seconds: number, body: Record<string, unknown>): Summary {
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

export async function overHttp(seconds: number, connections: number[], body: Record<string, unknown>) {
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
  const opened = await openKeyedDatabase(config.database);
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
