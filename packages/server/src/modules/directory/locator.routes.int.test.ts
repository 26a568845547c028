import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locatorSearchResultSchema, type LocatorSearchResult, addHours } from '@continuum/contracts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { createFixtureService, northOf, setFixtureCapacity } from './directory.fixtures.ts';

// The network's own area 97101 overlaps a real Oregon ZIP (Amity); the network's comes first.
const HARBOR = { latitude: 44.41, longitude: -123.05 };
let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  // Thursday 2026-01-15 12:00 in America/Los_Angeles.
  t.clock.set(new Date('2026-01-15T20:00:00Z'));
  await t.db
    .insertInto('areas')
    .values([
      {
        id: 'a-97101',
        name: 'Downtown',
        town: 'Harbor City',
        postal_code: '97101',
        latitude: HARBOR.latitude,
        longitude: HARBOR.longitude,
        population: 1000,
      },
      { id: 'a-97127', name: 'Marlow', town: 'Marlow', postal_code: '97127', latitude: 44.05, longitude: -123.12, population: 100 },
    ])
    .execute();
  const weekdays = [1, 2, 3, 4, 5].map((d) => ({ dayOfWeek: d, opensAt: '09:00', closesAt: '19:00' }));
  const fixtures = {
    walkIn: await createFixtureService(t.db, t.clock, {
      name: 'Walk-in bridge clinic',
      at: northOf(HARBOR, 1),
      codes: ['BU', 'MOUD_SAME_DAY', 'WALKIN', 'OP', 'PEER', 'MD', 'SS'],
      languages: ['en', 'es'],
      hours: weekdays,
    }),
    otp: await createFixtureService(t.db, t.clock, {
      name: 'Treatment program',
      at: northOf(HARBOR, 5),
      codes: ['METH', 'BU', 'OTP', 'PI'],
    }),
    harmReduction: await createFixtureService(t.db, t.clock, {
      name: 'Syringe services',
      at: northOf(HARBOR, 8),
      codes: ['NALOXONE', 'SSP', 'NP'],
      hours: [{ dayOfWeek: 2, opensAt: '10:00', closesAt: '16:00' }],
    }),
    telehealth: await createFixtureService(t.db, t.clock, {
      name: 'Telehealth practice',
      at: northOf(HARBOR, 12),
      codes: ['BU', 'TELE', 'VET', 'PI'],
      languages: ['ru'],
    }),
    inactive: await createFixtureService(t.db, t.clock, {
      name: 'Closed clinic',
      at: northOf(HARBOR, 0.5),
      codes: ['BU', 'WALKIN', 'MD'],
      status: 'inactive',
    }),
    far: await createFixtureService(t.db, t.clock, { name: 'Distant clinic', at: northOf(HARBOR, 30), codes: ['BU', 'MD'] }),
  };
  for (const [k, v] of Object.entries(fixtures)) ids[k] = v.service.id;
  await setFixtureCapacity(t.db, t.clock, ids.walkIn!, { status: 'accepting', available: 3 }, addHours(t.clock.now(), -2));
  await setFixtureCapacity(t.db, t.clock, ids.otp!, { status: 'accepting', available: 4 }, addHours(t.clock.now(), -30));
});
afterAll(() => t.close());

async function search(query: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/public/locator/search?${query}` });
  return {
    status: response.statusCode,
    body: response.json() as LocatorSearchResult & { error?: { code: string; details?: { fields?: { path: string }[] } } },
  };
}
const names = (r: LocatorSearchResult) => r.items.map((i) => i.serviceName);

describe('public locator search', () => {
  it('needs no sign-in and sorts by great-circle distance, to 0.1 mile', async () => {
    const { status, body } = await search('zip=97101&radius=10');
    expect(status).toBe(200);
    expect(body.place).toMatchObject({ source: 'network', latitude: HARBOR.latitude });
    expect(names(body)).toEqual(['Walk-in bridge clinic', 'Treatment program', 'Syringe services']);
    expect(body.items.map((i) => i.distanceMiles)).toEqual([1, 5, 8]);
    expect(body.total).toBe(3);
    // Written as JSON directly (no serializer pass): exactly the declared fields, all valid.
    expect(locatorSearchResultSchema.parse(body)).toEqual(body);
  });

  it.each([
    ['radius=25', ['Walk-in bridge clinic', 'Treatment program', 'Syringe services', 'Telehealth practice']],
    ['radius=100', ['Walk-in bridge clinic', 'Treatment program', 'Syringe services', 'Telehealth practice', 'Distant clinic']],
    ['radius=25&medication=METH', ['Treatment program']],
    ['radius=25&medication=BU,METH', ['Walk-in bridge clinic', 'Treatment program', 'Telehealth practice']],
    ['radius=25&levelOfCare=OTP', ['Treatment program']],
    ['radius=25&harmReduction=NALOXONE,SSP', ['Syringe services']],
    ['radius=25&support=PEER', ['Walk-in bridge clinic']],
    ['radius=25&payment=MD', ['Walk-in bridge clinic']],
    ['radius=25&payment=PI', ['Treatment program', 'Telehealth practice']],
    ['radius=25&population=VET', ['Telehealth practice']],
    ['radius=25&language=es', ['Walk-in bridge clinic']],
    ['radius=25&language=ru', ['Telehealth practice']],
    ['radius=25&walkIn=true', ['Walk-in bridge clinic']],
    ['radius=25&telehealth=true', ['Telehealth practice']],
    ['radius=25&openNow=true', ['Walk-in bridge clinic']],
    ['radius=25&hasCapacity=true', ['Walk-in bridge clinic']],
    ['radius=25&medication=BU&walkIn=true&payment=MD&language=es', ['Walk-in bridge clinic']],
    ['radius=25&medication=NU', []],
  ])('filters %s', async (query, expected) => {
    const { status, body } = await search(`zip=97101&${query}`);
    expect(status).toBe(200);
    expect(names(body)).toEqual(expected);
  });

  it('never lists an inactive service', async () => {
    const { body } = await search('zip=97101&radius=100');
    expect(body.items.map((i) => i.serviceId)).not.toContain(ids.inactive);
  });

  it('shows capacity with its age and marks capacity older than 24 hours as not confirmed recently', async () => {
    const { body } = await search('zip=97101&radius=10');
    const [walkIn, otp, harm] = body.items;
    expect(walkIn?.capacity).toMatchObject({ status: 'accepting', available: 3, ageMinutes: 120, stale: false });
    expect(otp?.capacity).toMatchObject({ status: 'accepting', available: 4, ageMinutes: 1800, stale: true });
    expect(harm?.capacity).toBeNull();
  });

  it('returns hours, open now, phone and a directions link', async () => {
    const { body } = await search('zip=97101&radius=10');
    const [walkIn, otp, harm] = body.items;
    expect(walkIn?.hours).toHaveLength(5);
    expect(walkIn?.openNow).toBe(true);
    expect(walkIn?.walkIn).toBe(true);
    expect(walkIn?.timeZone).toBe('America/Los_Angeles');
    expect(harm?.openNow).toBe(false);
    expect(otp?.openNow).toBeNull();
    expect(walkIn?.directions.url).toMatch(/^https:\/\/www\.openstreetmap\.org\/directions/);
    expect(walkIn?.directions.address).toBe('1 Main St, Harbor City, XS 97101');
  });

  it('pages through results', async () => {
    const { body } = await search('zip=97101&radius=100&limit=2&offset=2');
    expect(body.total).toBe(5);
    expect(names(body)).toEqual(['Syringe services', 'Telehealth practice']);
  });

  it.each([
    ['town=Harbor City', 'network'],
    ['town=harbor%20city', 'network'],
    ['lat=44.41&lon=-123.05', 'coordinates'],
  ])('finds the place from %s', async (query, source) => {
    const { status, body } = await search(`${query}&radius=10`);
    expect(status).toBe(200);
    expect(body.place.source).toBe(source);
    expect(names(body)[0]).toBe('Walk-in bridge clinic');
  });

  it('resolves real US ZIP codes and towns offline when they are not the network’s', async () => {
    const zip = await search('zip=97301&radius=5');
    expect(zip.status).toBe(200);
    expect(zip.body.place).toMatchObject({ source: 'us_zip' });
    expect(zip.body.place.label).toContain('Salem');
    const town = await search(`town=${encodeURIComponent('Salem, OR')}&radius=5`);
    expect(town.body.place.source).toBe('us_zip');
  });

  it.each([
    ['zip=00000', 'PLACE_NOT_FOUND', 'querystring.zip'],
    ['town=Nowhereville', 'PLACE_NOT_FOUND', 'querystring.town'],
    ['zip=97101&radius=0', 'VALIDATION_FAILED', 'querystring.radius'],
    ['zip=97101&radius=101', 'VALIDATION_FAILED', 'querystring.radius'],
    ['zip=97101&medication=XX', 'VALIDATION_FAILED', 'querystring.medication.0'],
    ['radius=10', 'VALIDATION_FAILED', 'querystring.zip'],
    ['zip=97101&town=Marlow', 'VALIDATION_FAILED', 'querystring.zip'],
    ['lat=44.4', 'VALIDATION_FAILED', 'querystring.lon'],
  ])('refuses %s with a 400 naming the field', async (query, code, path) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(body.error?.code).toBe(code);
    expect(body.error?.details?.fields?.[0]?.path).toBe(path);
  });
});

describe('public service details', () => {
  it('shows an active service with its locations, hours and capacity', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/public/locator/services/${ids.walkIn}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ serviceName: 'Walk-in bridge clinic', walkIn: true, languages: ['en', 'es'] });
    expect(body.locations[0]).toMatchObject({ openNow: true });
    expect(body.capacities[0]).toMatchObject({ stale: false });
  });

  it('does not show an inactive service', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/public/locator/services/${ids.inactive}` });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('DIRECTORY_SERVICE_NOT_FOUND');
  });

  it('lists the network towns', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/public/locator/towns' });
    expect(response.json().items.map((i: { town: string }) => i.town)).toEqual(['Harbor City', 'Marlow']);
  });
});

describe('the in-memory directory behind the search', () => {
  // Searches re-read the directory's revisions at most every 250 ms, in the background: the first
  // search after that starts the reload and is answered from the previous snapshot meanwhile.
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** The names a query answers once the recheck due after the change has reloaded (the first search starts it). */
  async function namesAfterReload(query: string, expected: string[]) {
    await sleep(300);
    let found = names((await search(query)).body);
    for (let i = 0; i < 40 && JSON.stringify(found) !== JSON.stringify(expected); i++) {
      await sleep(25);
      found = names((await search(query)).body);
    }
    return found;
  }

  it('sees new listings and capacity updates once the quarter-second recheck has reloaded', async () => {
    const before = await search('zip=97101&radius=25&hasCapacity=true');
    expect(names(before.body)).toEqual(['Walk-in bridge clinic']);
    await setFixtureCapacity(t.db, t.clock, ids.telehealth!, { status: 'accepting', available: 1 }, t.clock.now());
    const capacityExpected = ['Walk-in bridge clinic', 'Telehealth practice'];
    expect(await namesAfterReload('zip=97101&radius=25&hasCapacity=true', capacityExpected)).toEqual(capacityExpected);
    await createFixtureService(t.db, t.clock, { name: 'New naloxone site', at: northOf(HARBOR, 2), codes: ['NALOXONE'] });
    const listingExpected = ['New naloxone site', 'Syringe services'];
    expect(await namesAfterReload('zip=97101&radius=25&harmReduction=NALOXONE', listingExpected)).toEqual(listingExpected);
  });
});
