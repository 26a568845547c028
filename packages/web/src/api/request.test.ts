// @vitest-environment node
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { okSchema } from '@continuum/contracts';
import { describe, expect, it } from 'vitest';
import { json, startLocalServer, type ReceivedRequest } from '../test-support/local-server.ts';
import { ApiError } from './api-error.ts';
import { createHttpTransport, queryString, type Parser } from './request.ts';

const anything: Parser<unknown> = { parse: (data) => data };
const expired = () => json(401, { error: { code: 'SESSION_EXPIRED', message: 'Your session has ended. Sign in again.' } });

/** A server that records every request and answers `{ ok: true }` unless `answer` says otherwise. */
async function aServer(answer: (request: ReceivedRequest) => Response | undefined = () => undefined) {
  const received: ReceivedRequest[] = [];
  const baseUrl = await startLocalServer((request) => {
    received.push(request);
    return answer(request) ?? json(200, { ok: true });
  });
  return { received, transport: createHttpTransport({ baseUrl }) };
}

describe('request()', () => {
  it('sends reads without a body or CSRF header, and writes as JSON with the session’s CSRF token', async () => {
    const { received, transport } = await aServer();
    transport.setCsrfToken('csrf-123');
    await transport.request('GET', '/api/things?q=a', okSchema);
    await transport.request('POST', '/api/things', okSchema, { name: 'Harbor' });
    await transport.request('DELETE', '/api/things/1', okSchema);

    expect(received.map((r) => [r.method, r.path, r.headers.get('x-csrf-token'), r.headers.get('content-type'), r.body])).toEqual([
      ['GET', '/api/things?q=a', null, null, ''],
      ['POST', '/api/things', 'csrf-123', 'application/json', '{"name":"Harbor"}'],
      ['DELETE', '/api/things/1', 'csrf-123', 'application/json', '{}'],
    ]);
    expect(received[0]?.headers.get('accept')).toBe('application/json');
  });

  it('sends FormData as multipart (the browser sets the boundary), still with the CSRF token', async () => {
    const { received, transport } = await aServer();
    transport.setCsrfToken('csrf-123');
    const form = new FormData();
    form.append('documentKey', 'discharge');
    form.append('file', new File(['plain text'], 'note.txt', { type: 'text/plain' }));
    await transport.request('POST', '/api/referrals/1/attachments', okSchema, form);

    expect(received[0]?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(received[0]?.headers.get('x-csrf-token')).toBe('csrf-123');
    expect(received[0]?.body).toContain('name="file"; filename="note.txt"');
    expect(received[0]?.body).toContain('plain text');
  });

  it('sends a Blob as it is, with its own type (a CSV upload)', async () => {
    const { received, transport } = await aServer();
    transport.setCsrfToken('csrf-123');
    await transport.request(
      'POST',
      '/api/care-events/import/csv/preview',
      okSchema,
      new Blob(['type,occurred_at\n'], { type: 'text/csv' }),
    );
    expect(received[0]?.headers.get('content-type')).toBe('text/csv');
    expect(received[0]?.headers.get('x-csrf-token')).toBe('csrf-123');
    expect(received[0]?.body).toBe('type,occurred_at\n');
  });

  it('on a lost session forgets the CSRF token and signals sign-out once per listener', async () => {
    const { received, transport } = await aServer((r) => (r.path === '/api/referrals' ? expired() : undefined));
    transport.setCsrfToken('csrf-123');
    let signals = 0;
    const unsubscribe = transport.onSessionLost(() => signals++);

    const error = await transport.request('GET', '/api/referrals', anything).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });
    expect(signals).toBe(1);

    await transport.request('POST', '/api/auth/login', okSchema, {});
    expect(received.at(-1)?.headers.get('x-csrf-token')).toBeNull();

    unsubscribe();
    await transport.request('GET', '/api/referrals', anything).catch(() => undefined);
    expect(signals).toBe(1);
  });

  it('does not signal sign-out when the session check or sign-in itself answers 401', async () => {
    const { transport } = await aServer((r) =>
      r.path.startsWith('/api/auth/') ? json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } }) : undefined,
    );
    let signals = 0;
    transport.onSessionLost(() => signals++);
    await expect(transport.request('GET', '/api/auth/session', anything)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(signals).toBe(0);
  });

  it('parses the error body into an ApiError with its code, message, fields and request id', async () => {
    const { transport } = await aServer(() =>
      json(422, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Invalid body.',
          details: { fields: [{ path: 'body.name', message: 'Required' }], requestId: 'req-9' },
        },
      }),
    );
    const error = await transport.request('POST', '/api/admin/organizations', anything, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid body.',
      status: 422,
      fields: [{ path: 'body.name', message: 'Required' }],
      requestId: 'req-9',
    });
  });

  it('reads Retry-After when the error body does not carry it', async () => {
    const { transport } = await aServer(() =>
      json(429, { error: { code: 'RATE_LIMITED', message: 'Slow down.' } }, { 'retry-after': '30' }),
    );
    await expect(transport.request('GET', '/api/admin/users', anything)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
    });
  });

  it('reports an error body that is not the contract’s shape by its status', async () => {
    const { transport } = await aServer((r) =>
      r.path === '/broken' ? new Response('<html>Bad gateway</html>', { status: 502 }) : json(404, { message: 'nope' }),
    );
    await expect(transport.request('GET', '/broken', anything)).rejects.toMatchObject({ code: 'INTERNAL', status: 502 });
    await expect(transport.request('GET', '/missing', anything)).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 404 });
  });

  it('refuses a successful answer that does not match the contract', async () => {
    const { transport } = await aServer(() => json(200, { items: 'not a list' }));
    await expect(transport.request('GET', '/api/admin/audit', okSchema)).rejects.toMatchObject({
      code: 'UNEXPECTED_RESPONSE',
      status: 200,
    });
  });

  it('reports a server that cannot be reached as NETWORK_ERROR', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(transport.request('GET', '/api/auth/session', anything)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

describe('queryString', () => {
  it('keeps the defined, non-empty values, encoded', () => {
    expect(queryString({ q: 'Harbor House', limit: 10, empty: '', missing: undefined, none: null })).toBe('?q=Harbor+House&limit=10');
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });
});
