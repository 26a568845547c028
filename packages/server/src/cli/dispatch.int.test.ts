import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { runContinuum } from '../test-support/server-process.ts';
import { testConfig } from '../test-support/test-app.ts';
import { runCli } from './dispatch.ts';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(() => opened.close());

async function cli(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    openDb: async () => ({ db: opened.db, close: async () => {} }),
    clock: manualClock(),
    config: testConfig(),
    readStdin: async () => stdin,
  });
  return { code, out, err };
}

describe('continuum CLI', () => {
  it('lists the commands with --help (exit 0) and without arguments (exit 2)', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['db migrate', 'audit verify', 'demo generate', 'jobs run', 'admin bootstrap'])
      expect(help.out).toContain(command);
    expect((await cli([])).code).toBe(2);
  });

  it('exits 2 on an unknown command or bad options', async () => {
    expect((await cli(['db', 'explode'])).code).toBe(2);
    expect((await cli(['db', 'migrate', '--force'])).code).toBe(2);
    expect((await cli(['admin', 'bootstrap', '--email', 'not-an-email'])).code).toBe(2);
  });

  it('migrates an up-to-date database and reports no pending migrations', async () => {
    expect(await cli(['db', 'migrate'])).toMatchObject({ code: 0, out: 'Database is up to date.\n' });
    expect(await cli(['db', 'status', '--json'])).toMatchObject({ code: 0, out: '{"pending":[]}\n' });
  });

  it('bootstraps the first network administrator once, refusing a weak password', async () => {
    const args = [
      'admin',
      'bootstrap',
      '--organization',
      'Lead Agency',
      '--type',
      'public_health',
      '--email',
      'lead@agency.example',
      '--name',
      'Lead Person',
      '--password-stdin',
    ];
    expect((await cli(args, 'short\n')).code).toBe(2);
    expect((await cli(args, 'a long enough passphrase\n')).code).toBe(0);
    const membership = await opened.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('roles')
      .where('users.email', '=', 'lead@agency.example')
      .executeTakeFirstOrThrow();
    expect(membership.roles).toContain('network_admin');
    expect((await cli(args, 'a long enough passphrase\n')).code).toBe(1);
  });

  it('drains due jobs with jobs run --once', async () => {
    const run = await cli(['jobs', 'run', '--once']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Ran \d+ job\(s\); 0 did not succeed\.\n$/);
  });

  it('runs as a real command (smoke test of the bin)', async () => {
    const result = await runContinuum(['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: continuum <noun> <verb>');
    const config = await runContinuum(['db', 'status'], { PORT: 'not-a-port' });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('PORT');
  });
});
