import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** What a test's server sees of one request: the path with its query, the method, headers and the body as text. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

export type Handler = (request: ReceivedRequest) => Response | Promise<Response>;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function readBody(message: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A real HTTP server on 127.0.0.1 for the client tests: the browser client sends real requests over
 * the network stack (headers, bodies, status codes) and `answer` replies as the Continuum server
 * would. Returns the base URL to give the client; the server closes after the test.
 */
export async function startLocalServer(answer: Handler): Promise<string> {
  const server = createServer((message, reply) => {
    void (async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(message.headers)) if (typeof value === 'string') headers.set(name, value);
      const response = await answer({ method: message.method ?? 'GET', path: message.url ?? '/', headers, body: await readBody(message) });
      reply.writeHead(response.status, Object.fromEntries(response.headers));
      reply.end(Buffer.from(await response.arrayBuffer()));
    })().catch(() => {
      reply.writeHead(500);
      reply.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A JSON answer. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
