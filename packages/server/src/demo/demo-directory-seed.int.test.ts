import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locatorSearchQuerySchema, DAY_MS } from '@continuum/contracts';
import { manualClock } from '../clock.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { systemAccess } from '../core/access-context.ts';
import { searchLocator } from '../modules/directory/locator.ts';
import { writeDemoDirectory } from './demo-directory-seed.ts';
import { generateOrganizations, generateRegion } from './synthetic-community.ts';

let opened: Awaited<ReturnType<typeof createTestDatabase>>;
const clock = manualClock(new Date('2026-01-15T20:00:00Z'));
const region = generateRegion(42);

beforeAll(async () => {
  opened = await createTestDatabase();
  await opened.db
    .insertInto('areas')
    .values(
      region.areas.map((a) => ({
        id: a.id,
        name: a.name,
        town: a.town,
        postal_code: a.postalCode,
        latitude: a.latitude,
        longitude: a.longitude,
        population: a.population,
      })),
    )
    .execute();
  await opened.db.transaction().execute((trx) =>
    writeDemoDirectory(trx, clock, systemAccess('demo seed'), {
      seed: 42,
      region,
      organizations: generateOrganizations(42, region),
      organizationIds: new Map(),
    }),
  );
});
afterAll(() => opened.close());

describe('demo directory in the database', () => {
  it('lets a member of the public find a walk-in buprenorphine clinic within 10 miles that takes Medicaid and speaks Spanish', async () => {
    const query = locatorSearchQuerySchema.parse({
      zip: region.areas[0]!.postalCode,
      radius: '10',
      medication: 'BU',
      walkIn: 'true',
      payment: 'MD',
      language: 'es',
    });
    const result = await searchLocator(opened.db, { now: clock.now(), staleHours: 24, timeZone: 'America/Los_Angeles' }, query);
    expect(result.items.map((i) => i.serviceName)).toContain('Same-day buprenorphine, walk in');
  });

  it('keeps capacity history and shows some capacity as not confirmed recently', async () => {
    const history = await opened.db
      .selectFrom('directory_capacity_history')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const current = await opened.db.selectFrom('directory_capacities').select('updated_at').execute();
    expect(Number(history.n)).toBeGreaterThan(current.length * 5);
    const stale = current.filter((c) => clock.now().getTime() - c.updated_at.getTime() > DAY_MS);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.length).toBeLessThan(current.length);
  });
});
