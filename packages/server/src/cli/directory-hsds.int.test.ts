import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { HSDS_EXAMPLES_DIR } from '../modules/directory/hsds/hsds-schemas.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import type { CliIo } from './cli-io.ts';
import { directoryExportHsds, directoryImportHsds } from './directory-hsds.ts';

let opened: OpenedDatabase;
const clock = manualClock();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hsds-cli-'));

async function run(command: typeof directoryImportHsds, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    openDb: async () => ({ db: opened.db, close: async () => {} }),
    clock,
  };
  const code = await command(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
const services = async () =>
  Number(
    (
      await opened.db
        .selectFrom('directory_services')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(() => opened.close());

describe('continuum directory import-hsds / export-hsds', () => {
  it.each([[[]], [['a', 'b']], [['--bogus', 'x']]])('import answers %j with the usage and exit code 2', async (argv) => {
    const result = await run(directoryImportHsds, ...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: continuum directory import-hsds');
  });

  it.each([[[]], [['--out', tmp, '--format', 'xml']]])('export answers %j with the usage and exit code 2', async (argv) => {
    expect((await run(directoryExportHsds, ...argv)).code).toBe(2);
  });

  it('reports invalid records with path and reason, exits 1 and changes nothing', async () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify([{ id: 'nope', name: 'x', status: 'active' }]));
    const result = await run(directoryImportHsds, bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad.json/0/id: should match format "uuid"');
    expect(await services()).toBe(0);
  });

  it('checks without changing anything on --dry-run, then imports', async () => {
    const file = path.join(HSDS_EXAMPLES_DIR, 'organization_full.json');
    const dry = await run(directoryImportHsds, file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run');
    expect(await services()).toBe(0);
    const real = await run(directoryImportHsds, file, '--json');
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ ok: true, counts: { organizations: 1 } });
    expect(await services()).toBeGreaterThan(0);
  });

  it('exports JSON and CSV that import again', async () => {
    const jsonDir = path.join(tmp, 'json');
    const csvDir = path.join(tmp, 'csv');
    expect((await run(directoryExportHsds, '--out', jsonDir)).code).toBe(0);
    expect((await run(directoryExportHsds, '--out', csvDir, '--format', 'csv')).code).toBe(0);
    expect(fs.readdirSync(jsonDir).sort()).toEqual(['organizations.json', 'services.json', 'taxonomies.json', 'taxonomy_terms.json']);
    expect(fs.existsSync(path.join(csvDir, 'datapackage.json'))).toBe(true);
    expect((await run(directoryImportHsds, jsonDir)).code).toBe(0);
    expect((await run(directoryImportHsds, csvDir)).code).toBe(0);
  });
});
