import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE, type Role, type Session } from '@continuum/contracts';
import { buildApp, type BuildAppOptions } from '../app.ts';
import { manualClock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createTestDatabase } from './test-database.ts';
import { createTestOrganization, createTestUser, TEST_PASSWORD } from './factories.ts';

/** A config for tests: in-memory database, no jobs, no demo seed, overridable. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    CONTINUUM_DEMO_SEED: 'off',
    CONTINUUM_JOBS: 'off',
    LOG_LEVEL: 'silent',
    CONTINUUM_WEB_DIR: '/nonexistent',
    ...env,
  });
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  close(): Promise<void>;
}

/** The whole HTTP app over a fresh migrated database and a manual clock; call with inject(). */
export async function buildTestApp(
  env: Record<string, string> = {},
  options: {
    beforeReady?: (app: FastifyInstance) => void;
    onRoute?: BuildAppOptions['onRoute'];
    /** Wraps the database handle the app uses (e.g. with a Kysely plugin that counts statements). */
    wrapDb?: (db: Db) => Db;
  } = {},
): Promise<TestApp> {
  const created = await createTestDatabase();
  const opened = options.wrapDb ? { ...created, db: options.wrapDb(created.db) } : created;
  const clock = manualClock();
  const config = testConfig(env);
  const app = await buildApp(
    { config, db: opened.db, engine: opened.engine, clock },
    { logger: false, ...(options.onRoute ? { onRoute: options.onRoute } : {}) },
  );
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    db: opened.db,
    clock,
    config,
    close: async () => {
      await app.close();
      await opened.close();
    },
  };
}

export interface SignedIn {
  cookie: string;
  csrf: string;
  session: Session;
  /** Headers for an authenticated write. */
  headers: Record<string, string>;
}

export function sessionCookieFrom(response: LightMyRequestResponse): string | undefined {
  const found = response.cookies.find((c) => c.name === SESSION_COOKIE);
  return found?.value;
}

export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const token = sessionCookieFrom(response);
  if (!token) throw new Error('no session cookie');
  const session = response.json() as Session;
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { cookie, csrf: session.csrfToken, session, headers: { cookie, [CSRF_HEADER]: session.csrfToken } };
}

/** Creates an organization and a user with the given roles in it, and signs them in. */
export async function signedInAs(t: TestApp, roles: Role[], options: { organizationId?: string } = {}) {
  const organizationId = options.organizationId ?? (await createTestOrganization(t.db, t.clock)).id;
  const user = await createTestUser(t.db, t.clock, { organizationId, roles });
  const signed = await signIn(t.app, user.email);
  return { ...signed, user, organizationId };
}
