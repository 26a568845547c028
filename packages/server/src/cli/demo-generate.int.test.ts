import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { createTestOrganization } from '../test-support/factories.ts';
import type { CliIo } from './cli-io.ts';
import { demoGenerate, type DemoGenerateResult } from './demo-generate.ts';

let opened: OpenedDatabase;
const clock = manualClock();

/** Runs the command against the shared test database (kept open between runs) and captures its output. */
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
  const code = await demoGenerate(argv, io);
  return { code, stdout: out.join(''), stderr: err.join(''), closed };
}

const peopleCount = async () =>
  Number(
    (
      await opened.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

describe('continuum demo generate', () => {
  it.each([
    [['--bogus']],
    [['--people', 'many']],
    [['--people', '-5']],
    [['--people', '1.5']],
    [['--seed', '99999999999']],
    [['extra-positional']],
  ])('answers %j with the usage and exit code 2, without opening the database', async (argv) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: continuum demo generate');
    expect(result.stdout).toBe('');
    expect(result.closed).toBe(0);
  });

  it('prints help to stdout with --help', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--people N');
  });

  it('refuses a database that holds organizations but no demo, and changes nothing', async () => {
    const org = await createTestOrganization(opened.db, clock);
    const result = await run('--people', '10');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not a demo database');
    expect(result.closed).toBe(1);
    expect(await peopleCount()).toBe(0);
    await opened.db.deleteFrom('organizations').where('id', '=', org.id).execute();
  });

  it('seeds an empty database, reports progress on stderr and a JSON summary on stdout', async () => {
    const result = await run('--seed', '3', '--people', '50', '--json');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as DemoGenerateResult;
    expect(summary).toMatchObject({ mode: 'created', seed: 3, people: 50, totalPeople: 50, elapsedMs: 0 });
    expect(summary.mode === 'created' && summary.organizations).toBeGreaterThanOrEqual(36);
    expect(result.stderr).toContain('people: 100% (50/50)');
    for (const step of ['people', 'overdose', 'safety', 'referrals', 'worklist', 'learning'])
      expect(result.stderr).toMatch(new RegExp(`^${step}: done in \\d+ ms$`, 'm'));
    expect(result.closed).toBe(1);
    expect(await peopleCount()).toBe(50);
  });

  it('adds people to the demo database, continuing its seed', async () => {
    const result = await run('--people', '25');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Added 25 people');
    expect(await peopleCount()).toBe(75);
  });

  it('refuses to add people without --people or with another seed', async () => {
    const missing = await run();
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Pass --people N');
    const otherSeed = await run('--seed', '4', '--people', '5');
    expect(otherSeed.code).toBe(1);
    expect(otherSeed.stderr).toContain('seed 3');
    expect(await peopleCount()).toBe(75);
  });
});
