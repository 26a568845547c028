import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrescriberReport } from '@continuum/contracts';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { systemAccess } from '../core/access-context.ts';
import { writeCareEvents, type CareEventWrite } from '../modules/registry/care-events.ts';
import { createTestOrganization, createTestPerson } from '../test-support/factories.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import type { CliIo } from './cli-io.ts';
import { safetyReport } from './safety-report.ts';

let opened: OpenedDatabase;
let dir: string;
const clock = manualClock();

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let closed = 0;
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    openDb: async () => ({ db: opened.db, close: async () => void closed++ }),
    clock,
  };
  const code = await safetyReport(argv, io);
  return { code, stdout: out.join(''), stderr: err.join(''), closed };
}

beforeAll(async () => {
  opened = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-report-'));
  const ed = await createTestOrganization(opened.db, clock, { name: 'Harbor General ED', type: 'emergency_department' });
  const items: CareEventWrite[] = [];
  // Eleven people at 90 MME/day from one prescriber (shown), one at 30 MME/day from another (suppressed).
  for (let i = 0; i < 12; i++) {
    items.push({
      personId: (await createTestPerson(opened.db, clock, ed.id)).id,
      event: {
        type: 'opioid_dispense' as const,
        occurredAt: '2026-01-05T10:00:00.000Z',
        data: {
          rxnormCode: '1049621',
          quantity: i < 11 ? 360 : 120,
          daysSupply: 30,
          prescriber: i < 11 ? 'Dr. Stone' : 'Dr. Vale',
          pharmacy: 'Harbor Pharmacy',
        },
      },
    });
  }
  await opened.db
    .transaction()
    .execute((trx) =>
      writeCareEvents(
        trx,
        clock,
        { ...systemAccess('test fixture'), organizationId: ed.id },
        { organizationId: ed.id, source: 'test' },
        items,
      ),
    );
});
afterAll(async () => {
  await opened?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('continuum safety report', () => {
  it.each([[['--days', '10']], [['--days', 'many']], [['--bogus']]])('%j is a usage error', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: continuum safety report');
  });

  it('writes the report as CSV and JSON, with small cells suppressed, and audits the run', async () => {
    const r = await run('--out', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.closed).toBe(1);
    expect(r.stdout).toContain('12 dispensings, 12 people with opioids, 11 flagged, 2 prescribers');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'prescriber-report.json'), 'utf8')) as PrescriberReport;
    expect(report.prescribers.map((p) => [p.label, p.people])).toEqual([
      ['Dr. Stone', 11],
      ['Dr. Vale', null],
    ]);
    const csv = fs.readFileSync(path.join(dir, 'prescriber-report.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('prescriber,people_with_opioids,rule,people_flagged,rate,suppressed');
    expect(csv).toContain('Dr. Stone,11,MME_AT_LEAST_90,11,1,');
    expect(csv).toContain('Dr. Vale,,MME_AT_LEAST_90,,,fewer than 11');
    const audit = await opened.db
      .selectFrom('audit_events')
      .select(['actor_type', 'details'])
      .where('action', '=', 'safety.aggregate-read')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_type).toBe('system');
  });
});
