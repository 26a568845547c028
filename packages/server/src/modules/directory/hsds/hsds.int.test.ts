import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../clock.ts';
import { createTestDatabase } from '../../../test-support/test-database.ts';
import { systemAccess } from '../../../core/access-context.ts';
import { writeDemoDirectory } from '../../../demo/demo-directory-seed.ts';
import { generateOrganizations, generateRegion } from '../../../demo/synthetic-community.ts';
import { loadHsdsRows, organizationsFull, servicesFull, taxonomiesToHsds } from './hsds-export.ts';
import { importHsds } from './hsds-import.ts';
import { searchLocator } from '../locator.ts';
import { locatorSearchQuerySchema } from '@continuum/contracts';
import { HSDS_EXAMPLES_DIR, validateHsds } from './hsds-schemas.ts';
import { readTabular, writeTabular } from './hsds-tabular.ts';
import os from 'node:os';

let opened: Awaited<ReturnType<typeof createTestDatabase>>;
const clock = manualClock(new Date('2026-01-15T20:00:00Z'));
const access = systemAccess('HSDS import test');
const example = (file: string) => ({
  name: file,
  value: JSON.parse(fs.readFileSync(path.join(HSDS_EXAMPLES_DIR, file), 'utf8')) as unknown,
});

beforeEach(async () => {
  opened = await createTestDatabase();
});
afterEach(() => opened.close());

async function seedDemo() {
  const region = generateRegion(7);
  await opened.db.transaction().execute((trx) =>
    writeDemoDirectory(trx, clock, access, {
      seed: 7,
      region,
      organizations: generateOrganizations(7, region),
      organizationIds: new Map(),
    }),
  );
}

async function exportAll() {
  const rows = await loadHsdsRows(opened.db);
  return { organizations: organizationsFull(rows), services: servicesFull(rows) };
}

describe('HSDS export', () => {
  it('validates every exported object against the official schemas', async () => {
    await seedDemo();
    const { organizations, services } = await exportAll();
    expect(services.length).toBeGreaterThan(40);
    const issues = [
      ...organizations.flatMap((o, i) => validateHsds('organization', o, `organizations/${i}`)),
      ...organizations.flatMap((o, i) =>
        (o.locations as object[]).flatMap((l, j) => validateHsds('location', l, `organizations/${i}/locations/${j}`)),
      ),
      ...organizations.flatMap((o, i) =>
        (o.services as object[]).flatMap((s, j) => validateHsds('service', s, `organizations/${i}/services/${j}`)),
      ),
      ...services.flatMap((s, i) => validateHsds('service', s, `services/${i}`)),
    ];
    const { taxonomies, terms } = await taxonomiesToHsds(opened.db);
    issues.push(
      ...taxonomies.flatMap((t, i) => validateHsds('taxonomy', t, `taxonomies/${i}`)),
      ...terms.flatMap((t, i) => validateHsds('taxonomy_term', t, `terms/${i}`)),
    );
    expect(issues).toEqual([]);
  });

  it('round-trips import → export → import without loss', async () => {
    await seedDemo();
    const first = await exportAll();
    await opened.close();
    opened = await createTestDatabase();
    const report = await importHsds(opened.db, clock, access, [{ name: 'organizations.json', value: first.organizations }]);
    expect(report.issues).toEqual([]);
    const second = await exportAll();
    expect(second.organizations).toEqual(first.organizations);
    expect(second.services).toEqual(first.services);
  });
});

describe('HSDS JSON keeps Continuum fields HSDS has no place for', () => {
  it('round-trips a location time zone', async () => {
    await seedDemo();
    const location = await opened.db.selectFrom('directory_locations').select('id').limit(1).executeTakeFirstOrThrow();
    await opened.db.updateTable('directory_locations').set({ time_zone: 'America/New_York' }).where('id', '=', location.id).execute();
    const first = await exportAll();
    await opened.close();
    opened = await createTestDatabase();
    expect((await importHsds(opened.db, clock, access, [{ name: 'organizations.json', value: first.organizations }])).issues).toEqual([]);
    const after = await opened.db
      .selectFrom('directory_locations')
      .select('time_zone')
      .where('id', '=', location.id)
      .executeTakeFirstOrThrow();
    expect(after.time_zone).toBe('America/New_York');
  });

  it('refuses an unknown time zone, naming the field', async () => {
    const org = JSON.parse(fs.readFileSync(path.join(HSDS_EXAMPLES_DIR, 'organization_full.json'), 'utf8')) as {
      locations: Record<string, unknown>[];
    };
    org.locations[0]!.time_zone = 'Mars/Olympus';
    const report = await importHsds(opened.db, clock, access, [{ name: 'org.json', value: org }]);
    expect(report.issues).toEqual([
      { path: 'org.json/locations/0/time_zone', reason: 'Expected an IANA time zone, e.g. America/Los_Angeles' },
    ]);
  });
});

describe('HSDS import', () => {
  it.each([
    'organization_full.json',
    'service_full.json',
    'service_at_location_full.json',
    'service_list.json',
    'organization_list.json',
    'service_at_location_list.json',
  ])('imports the official example %s', async (file) => {
    const report = await importHsds(opened.db, clock, access, [example(file)]);
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    const { services } = await exportAll();
    expect(services.flatMap((s, i) => validateHsds('service', s, `services/${i}`))).toEqual([]);
  });

  it('keeps every field of the official service example', async () => {
    const original = example('service_full.json').value as Record<string, unknown>;
    await importHsds(opened.db, clock, access, [example('service_full.json')]);
    const { services } = await exportAll();
    const exported = services.find((s) => s.id === original.id)!;
    // Export adds the links HSDS leaves optional (organization_id, service_id, location_id); nothing is lost.
    expect(exported).toMatchObject(original);
  });

  it('reports each invalid record with its path and reason, and changes nothing', async () => {
    const good = example('service_full.json').value as Record<string, unknown>;
    const bad = [good, { ...good, id: 'not-a-uuid' }, { ...good, id: '3b8d0c2e-3c3e-4c59-9d0c-7d1b1c1e0a01', minimum_age: 'twelve' }];
    const report = await importHsds(opened.db, clock, access, [{ name: 'services.json', value: bad }]);
    expect(report.ok).toBe(false);
    expect(report.issues).toEqual(
      expect.arrayContaining([
        { path: 'services.json/1/id', reason: 'should match format "uuid"' },
        { path: 'services.json/2/minimum_age', reason: 'should be number' },
      ]),
    );
    const count = await opened.db
      .selectFrom('directory_services')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('holds imported text to the limits of the API: a 5 MB description and a javascript: website are refused', async () => {
    const org = example('organization_full.json').value as Record<string, unknown> & { services: Record<string, unknown>[] };
    const big = { ...org, description: 'x'.repeat(5_000_000), website: 'javascript:alert(1)' };
    big.services = [{ ...org.services[0], url: 'data:text/html,hi', fees_description: 'y'.repeat(2001) }];
    const report = await importHsds(opened.db, clock, access, [{ name: 'org.json', value: big }]);
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'org.json/description',
        'org.json/website',
        'org.json/services/0/url',
        'org.json/services/0/fees_description',
      ]),
    );
    const count = await opened.db
      .selectFrom('directory_organizations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('changes nothing on a dry run, or when a record refers to a missing organization', async () => {
    const dry = await importHsds(opened.db, clock, access, [example('organization_full.json')], { dryRun: true });
    expect(dry).toMatchObject({ ok: true, dryRun: true });
    expect(dry.counts.services).toBeGreaterThan(0);
    const orphan = {
      id: '3b8d0c2e-3c3e-4c59-9d0c-7d1b1c1e0a02',
      name: 'Orphan',
      status: 'active',
      organization_id: '3b8d0c2e-3c3e-4c59-9d0c-7d1b1c1e0a03',
    };
    const failed = await importHsds(opened.db, clock, access, [example('organization_full.json'), { name: 'orphan.json', value: orphan }]);
    expect(failed.ok).toBe(false);
    expect(failed.issues[0]?.reason).toMatch(/No such organization/);
    for (const table of ['directory_organizations', 'directory_services', 'directory_locations'] as const) {
      const count = await opened.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n), table).toBe(0);
    }
  });
});

describe('HSDS tabular data package', () => {
  const readAll = (dir: string) =>
    Object.fromEntries(
      fs
        .readdirSync(dir)
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
    );

  it('round-trips CSV export → import → export without loss', async () => {
    await seedDemo();
    const first = fs.mkdtempSync(path.join(os.tmpdir(), 'hsds-csv-'));
    writeTabular(first, (await exportAll()).organizations);
    expect(fs.readdirSync(first)).toEqual(
      expect.arrayContaining([
        'organizations.csv',
        'services.csv',
        'locations.csv',
        'service_at_location.csv',
        'schedules.csv',
        'attributes.csv',
        'service_capacity.csv',
        'datapackage.json',
      ]),
    );
    await opened.close();
    opened = await createTestDatabase();
    const report = await importHsds(opened.db, clock, access, [{ name: 'csv', value: readTabular(first) }]);
    expect(report.issues).toEqual([]);
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'hsds-csv-'));
    writeTabular(second, (await exportAll()).organizations);
    expect(readAll(second)).toEqual(readAll(first));
  });

  it('imports the official CSV examples', async () => {
    const report = await importHsds(opened.db, clock, access, [{ name: 'csv', value: readTabular(path.join(HSDS_EXAMPLES_DIR, 'csv')) }]);
    expect(report.issues).toEqual([]);
    expect(report.counts).toMatchObject({ organizations: 1, services: 1, locations: 1 });
  });
});

describe('FindTreatment.gov export import', () => {
  it('imports listings so the locator finds them by the same filters', async () => {
    const row = {
      frid: 'x9',
      name1: 'Riverbend Recovery Clinic',
      street1: '12 River Rd',
      city: 'Salem',
      state: 'OR',
      zip: '97301',
      latitude: '44.9429',
      longitude: '-123.0351',
      services: [
        { f2: 'PHR', f3: 'Buprenorphine with naloxone (Suboxone®)' },
        { f2: 'PAY', f3: 'Medicaid; Cash or self-payment' },
        { f2: 'SL', f3: 'Spanish' },
      ],
    };
    const report = await importHsds(opened.db, clock, access, [
      { name: 'findtreatment.json', value: { page: 1, totalPages: 1, recordCount: 1, rows: [row] } },
    ]);
    expect(report.issues).toEqual([]);
    const result = await searchLocator(
      opened.db,
      { now: clock.now(), staleHours: 24, timeZone: 'America/Los_Angeles' },
      locatorSearchQuerySchema.parse({ zip: '97301', radius: '5', medication: 'BU', payment: 'MD', language: 'es' }),
    );
    expect(result.items.map((i) => [i.organizationName, i.capacity])).toEqual([['Riverbend Recovery Clinic', null]]);
  });
});
