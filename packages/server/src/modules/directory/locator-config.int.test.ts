import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { createFixtureService, setFixtureCapacity } from './directory.fixtures.ts';
import { addHours } from '@continuum/contracts';

let t: TestApp;
let serviceId: string;

beforeAll(async () => {
  // Capacity goes stale after 2 hours; the network keeps New York time.
  t = await buildTestApp({ CONTINUUM_CAPACITY_STALE_HOURS: '2', CONTINUUM_TIME_ZONE: 'America/New_York' });
  t.clock.set(new Date('2026-01-15T14:30:00Z')); // Thursday 09:30 in New York, 06:30 in Los Angeles
  ({
    service: { id: serviceId },
  } = await createFixtureService(t.db, t.clock, {
    name: 'Morning clinic',
    at: { latitude: 44.41, longitude: -123.05 },
    hours: [{ dayOfWeek: 4, opensAt: '09:00', closesAt: '12:00' }],
  }));
  await setFixtureCapacity(t.db, t.clock, serviceId, { status: 'accepting', available: 2 }, addHours(t.clock.now(), -3));
});
afterAll(() => t.close());

describe('directory settings', () => {
  it('uses the configured staleness and time zone', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/public/locator/search?lat=44.41&lon=-123.05&radius=5' });
    const [item] = response.json().items;
    expect(item).toMatchObject({ openNow: true, timeZone: 'America/New_York', capacity: { stale: true, ageMinutes: 180 } });
  });

  it.each([
    [{ CONTINUUM_TIME_ZONE: 'Mars/Olympus' }, 'CONTINUUM_TIME_ZONE'],
    [{ CONTINUUM_CAPACITY_STALE_HOURS: '0' }, 'CONTINUUM_CAPACITY_STALE_HOURS'],
  ])('refuses %o at startup, naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('defaults to 24 hours and America/Los_Angeles', () => {
    const config = loadConfig({});
    expect(config.directory.capacityStaleHours).toBe(24);
    expect(config.timeZone).toBe('America/Los_Angeles');
  });
});
