import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { testConfig } from '../test-support/test-app.ts';
import { createTestOrganization, createTestUser, TEST_PASSWORD } from '../test-support/factories.ts';

let opened: OpenedDatabase;
const lines: string[] = [];
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  opened = await createTestDatabase();
  const clock = manualClock();
  app = await buildApp(
    { config: testConfig({ LOG_LEVEL: 'info' }), db: opened.db, engine: opened.engine, clock },
    { logStream: { write: (l) => void lines.push(l) } },
  );
  app.get('/api/test/fail', async () => {
    throw new Error('insert failed: Key (email)=(river.stone@example.org) already exists');
  });
  await app.ready();
  const org = await createTestOrganization(opened.db, clock);
  await createTestUser(opened.db, clock, { organizationId: org.id, roles: ['network_admin'], email: 'river.stone@example.org' });
});
afterAll(async () => {
  await app.close();
  await opened.close();
});

describe('logs', () => {
  it('are JSON lines without credentials, emails, query strings or error messages', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'river.stone@example.org', password: TEST_PASSWORD },
    });
    const cookie = login.headers['set-cookie'] as string;
    await app.inject({
      method: 'GET',
      url: '/api/admin/users?q=River%20Stone',
      headers: { cookie, authorization: 'Bearer ctm_secret-token-value' },
    });
    await app.inject({ method: 'GET', url: '/api/admin/users?q=River%20Stone', headers: { cookie: cookie.split(';')[0]! } });
    const failed = await app.inject({ method: 'GET', url: '/api/test/fail', headers: { cookie: cookie.split(';')[0]! } });
    expect(failed.statusCode).toBe(500);

    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(all).toContain('/api/admin/users');
    expect(all).toContain('unhandled error');
    for (const secret of [
      'river.stone',
      'River',
      TEST_PASSWORD,
      'ctm_secret-token-value',
      login.json().csrfToken,
      cookie.split(';')[0]!.split('=')[1]!,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
