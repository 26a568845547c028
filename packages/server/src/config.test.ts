import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DEV_SECRET, loadConfig } from './config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('has working defaults for a newcomer', () => {
    const config = loadConfig({}, '/srv/continuum');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/continuum/data' });
    expect(config.demoSeed).toBe('auto');
    expect(config.session.cookieSecure).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.session)).toBe(true);
  });

  it('uses a server when DATABASE_URL is set, and the data directory otherwise', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/c' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@localhost:5432/c',
    });
    expect(loadConfig({ CONTINUUM_DATA_DIR: '/var/lib/continuum' }).database).toEqual({ kind: 'pglite', dataDir: '/var/lib/continuum' });
  });

  it('reads CONTINUUM_ROUTING_URL for the gaps analysis, straight-line when unset', () => {
    expect(loadConfig({}).gaps.routingUrl).toBeNull();
    expect(loadConfig({ CONTINUUM_ROUTING_URL: 'http://osrm.internal:5000/' }).gaps.routingUrl).toBe('http://osrm.internal:5000');
    expect(problems({ CONTINUUM_ROUTING_URL: 'not a url' })[0]).toMatch(/^CONTINUUM_ROUTING_URL:/);
  });

  it('reads CONTINUUM_FRAME_ANCESTORS as https origins, none when unset', () => {
    expect(loadConfig({}).frameAncestors).toEqual([]);
    expect(loadConfig({ CONTINUUM_FRAME_ANCESTORS: 'https://ehr.example.org https://portal.example.org:8443' }).frameAncestors).toEqual([
      'https://ehr.example.org',
      'https://portal.example.org:8443',
    ]);
    for (const bad of ['*', "'self'", 'http://ehr.example.org', 'https://ehr.example.org/path', 'https://a.org;script-src *'])
      expect(problems({ CONTINUUM_FRAME_ANCESTORS: bad })[0]).toMatch(/^CONTINUUM_FRAME_ANCESTORS:/);
  });

  it('reads CONTINUUM_FEEDS_PICKUP_DIR for the feeds folder pickup, off when unset', () => {
    expect(loadConfig({}).feeds.pickupDir).toBeNull();
    expect(loadConfig({ CONTINUUM_FEEDS_PICKUP_DIR: '/srv/continuum/inbound' }).feeds.pickupDir).toBe('/srv/continuum/inbound');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ CONTINUUM_SECRET: 'short' }, 'CONTINUUM_SECRET'],
    [{ CONTINUUM_DEMO_SEED: 'yes' }, 'CONTINUUM_DEMO_SEED'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CONTINUUM_COOKIE_SECURE: 'maybe' }, 'CONTINUUM_COOKIE_SECURE'],
  ])('names the variable of a bad value: %o', (env, variable) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${variable}:`));
  });

  it('names every bad variable at once', () => {
    expect(
      problems({ PORT: 'x', LOG_LEVEL: 'y' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['LOG_LEVEL', 'PORT']);
  });

  it('refuses the development secret and demo data in production', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual(['CONTINUUM_SECRET: must be set to a unique secret in production']);
    expect(problems({ NODE_ENV: 'production', CONTINUUM_SECRET: DEFAULT_DEV_SECRET })[0]).toMatch(/^CONTINUUM_SECRET/);
    const secret = 'x'.repeat(40);
    expect(problems({ NODE_ENV: 'production', CONTINUUM_SECRET: secret, CONTINUUM_DEMO_SEED: 'auto' })).toEqual([
      'CONTINUUM_DEMO_SEED: demo data is not allowed in production',
    ]);
    const prod = loadConfig({ NODE_ENV: 'production', CONTINUUM_SECRET: secret });
    expect(prod.demoSeed).toBe('off');
    expect(prod.session.cookieSecure).toBe(true);
  });
});
