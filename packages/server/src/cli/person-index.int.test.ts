import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestOrganization, createTestPerson } from '../test-support/factories.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import type { CliIo } from './cli-io.ts';
import { personIndexRebuild } from './person-index.ts';

let opened: OpenedDatabase;
const clock = manualClock(new Date('2026-11-20T12:00:00Z'));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    openDb: async () => ({ db: opened.db, close: async () => {} }),
    clock,
  };
  const code = await personIndexRebuild(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

beforeAll(async () => {
  opened = await createTestDatabase();
  const ed = await createTestOrganization(opened.db, clock, { type: 'emergency_department' });
  const clinic = await createTestOrganization(opened.db, clock, { type: 'primary_care' });
  const dana = { givenName: 'Dana', familyName: 'Whitfield', birthDate: '1985-07-30', sex: 'female' as const, phone: '541-555-0142' };
  await createTestPerson(opened.db, clock, ed.id, dana);
  await createTestPerson(opened.db, clock, clinic.id, dana);
  await createTestPerson(opened.db, clock, clinic.id, { givenName: 'Omar', familyName: 'Haddad', birthDate: '1970-01-15' });
});
afterAll(async () => {
  await opened.close();
});

describe('continuum person-index rebuild', () => {
  it('indexes every registry person with a progress line and links the duplicate', async () => {
    const { code, stdout, stderr } = await run();
    expect(code).toBe(0);
    expect(stderr).toMatch(/^model default-[0-9a-f]{8} \(default\)\n/);
    expect(stderr).toContain('indexed 3 people');
    expect(stdout).toBe('indexed 3 people: 1 linked automatically, 0 for review\n');
    const identities = await opened.db.selectFrom('source_records').select('identity_id').distinct().execute();
    expect(identities).toHaveLength(2);
  });

  it('refuses arguments with the usage (exit 2)', async () => {
    const { code, stderr } = await run('--everything');
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: continuum person-index rebuild');
  });
});
