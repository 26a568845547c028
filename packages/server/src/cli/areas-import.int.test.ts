import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { areasImport, areasImportCounties } from './areas-import.ts';
import type { CliIo } from './cli-io.ts';

let opened: OpenedDatabase;
const clock = manualClock();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'areas-cli-'));

async function run(command: typeof areasImport, ...argv: string[]) {
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

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(async () => {
  await opened.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('continuum areas import / import-counties', () => {
  it('imports a GeoJSON file of service areas with populations from a CSV, and names a broken feature', async () => {
    const square = [
      [
        [-70, 41],
        [-69.9, 41],
        [-69.9, 41.1],
        [-70, 41.1],
        [-70, 41],
      ],
    ];
    const file = path.join(tmp, 'areas.geojson');
    const write = (coordinates: unknown) =>
      fs.writeFileSync(
        file,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: { code: 'N1', label: 'North' }, geometry: { type: 'Polygon', coordinates } }],
        }),
      );
    fs.writeFileSync(path.join(tmp, 'pop.csv'), 'id,population\nN1,1200\n');
    write([square[0]!.slice(0, 4)]);
    const bad = await run(
      areasImport,
      file,
      '--kind',
      'service_area',
      '--source',
      'network',
      '--id',
      'code',
      '--name',
      'label',
      '--populations',
      path.join(tmp, 'pop.csv'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('features[0] (id "N1"): a ring is not closed');
    write(square);
    const good = await run(
      areasImport,
      file,
      '--kind',
      'service_area',
      '--source',
      'network',
      '--id',
      'code',
      '--name',
      'label',
      '--populations',
      path.join(tmp, 'pop.csv'),
    );
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain('Imported 1 service_area areas (1 new, 0 updated)');
    expect(
      await opened.db.selectFrom('areas').select(['name', 'population']).where('id', '=', 'service_area-N1').executeTakeFirst(),
    ).toEqual({ name: 'North', population: 1200 });
  });

  it('imports the shipped counties of a state', async () => {
    fs.writeFileSync(path.join(tmp, 'de.csv'), 'id,population\n10001,190000\n10003,575000\n10005,250000\n');
    const result = await run(areasImportCounties, '--states', '10', '--populations', path.join(tmp, 'de.csv'), '--json');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'county', imported: 3, created: 3 });
  });
});
