import { CSRF_HEADER, MINUTE_MS, PORTAL_SESSION_COOKIE, type PortalSession } from '@continuum/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { SignedIn, TestApp } from './test-app.ts';

/** Portal helpers for tests: invite a person, sign them in with the code from the outbox, call portal routes. */

export interface Portal {
  cookie: string;
  csrf: string;
}

async function latestCode(t: TestApp, to: string): Promise<string> {
  const messages = await t.db.selectFrom('email_outbox').selectAll().where('to_address', '=', to).orderBy('created_at', 'desc').execute();
  const code = messages.map((m) => /\b(\d{6})\b/.exec(m.text_body)?.[1]).find(Boolean);
  if (!code) throw new Error('no code in the outbox');
  return code;
}

function portalFrom(response: LightMyRequestResponse): Portal {
  const cookie = response.cookies.find((c) => c.name === PORTAL_SESSION_COOKIE);
  if (!cookie) throw new Error(`no portal cookie: ${response.statusCode} ${response.body}`);
  return { cookie: `${PORTAL_SESSION_COOKIE}=${cookie.value}`, csrf: (response.json() as PortalSession).csrfToken };
}

/** Invites the person at an email address (as `staff`) and signs them in with the code sent there. */
export async function invitedAndSignedIn(t: TestApp, staff: SignedIn, personId: string, email: string): Promise<Portal> {
  const invited = await t.app.inject({
    method: 'POST',
    url: `/api/people/${personId}/portal-invitation`,
    headers: staff.headers,
    payload: { channel: 'email', address: email },
  });
  expect(invited.statusCode).toBe(201);
  return signInToPortal(t, email);
}

/** Signs in to the portal with a code sent to an email address. */
export async function signInToPortal(t: TestApp, email: string, url = '/api/portal/auth'): Promise<Portal> {
  t.clock.advance(MINUTE_MS); // so the new code is the newest message
  expect((await t.app.inject({ method: 'POST', url: `${url}/code`, payload: { address: email } })).statusCode).toBe(202);
  const code = await latestCode(t, email.toLowerCase());
  return portalFrom(await t.app.inject({ method: 'POST', url: `${url}/verify`, payload: { address: email, code } }));
}

export const portalGet = (t: TestApp, who: Portal, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

export const portalSend = (t: TestApp, who: Portal, method: 'POST' | 'PUT', url: string, payload: object = {}, csrf = true) =>
  t.app.inject({ method, url, headers: { cookie: who.cookie, ...(csrf ? { [CSRF_HEADER]: who.csrf } : {}) }, payload });
