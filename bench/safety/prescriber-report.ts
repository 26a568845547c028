import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../packages/server/src/clock.ts';
import { openKeyedDatabase } from '../lib/keyed-database.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { systemAccess } from '../../packages/server/src/core/access-context.ts';
import { generateDispensings } from '../../packages/server/src/modules/safety/dispensing-extract.ts';
import { drugKnowledge } from '../../packages/server/src/modules/safety/drug-knowledge.ts';
import { prescriberReport } from '../../packages/server/src/modules/safety/prescriber-report.ts';
import { resolveDrug } from '../../packages/server/src/modules/safety/screening-rows.ts';
import { createTestOrganization } from '../../packages/server/src/test-support/factories.ts';
import { fixed } from '../lib/stats.ts';

/*
 * The prescriber report over generated dispensing care events in a fresh PGlite database.
 */

/** Loads `people` × 5 generated dispensings as care events into a fresh PGlite database and times `prescriberReport`. */
export async function timeReport(people: number, log: (l: string) => void) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-bench-report-db-'));
  const opened = await openKeyedDatabase({ kind: 'pglite', dataDir });
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
