import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test-support/test-app.ts';

let t: TestApp;
let framed: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  framed = await buildTestApp({ CONTINUUM_FRAME_ANCESTORS: 'https://ehr.example.org https://portal.example.org:8443' });
});
afterAll(async () => {
  await t?.close();
  await framed?.close();
});

describe('security headers on every response', () => {
  it.each([
    ['a public JSON answer', 'GET', '/health', 200],
    ['an authenticated endpoint without a session', 'GET', '/api/people', 401],
    ['an unknown API path', 'GET', '/api/nothing-here', 404],
    ['a page of the web app', 'GET', '/find', 200],
    ['the API documentation', 'GET', '/api/docs/', 200],
    ['a validation error', 'POST', '/api/auth/login', 400],
  ] as const)('%s', async (_label, method, url, status) => {
    const r = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self'; /);
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
    // Not production: no HSTS for a development host.
    expect(r.headers['strict-transport-security']).toBeUndefined();
  });

  it('lets configured EHR origins frame the app', async () => {
    const r = await framed.app.inject({ method: 'GET', url: '/health' });
    expect(r.headers['content-security-policy']).toContain('frame-ancestors https://ehr.example.org https://portal.example.org:8443');
    expect(r.headers['x-frame-options']).toBeUndefined();
  });
});
