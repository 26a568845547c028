import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  url: string;
  /** Every request received, in order (method, path with query, authorization header). */
  requests: { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and a free port, for tests of code that calls out (JWK Sets,
 * FHIR servers). `handle` answers each request; return undefined for 404.
 */
export async function startLocalServer(
  handle: (req: IncomingMessage, url: URL) => { status?: number; json: unknown } | undefined,
  raw?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, authorization: req.headers.authorization });
    if (raw?.(req, res)) return;
    const answer = handle(req, url);
    res.writeHead(answer?.status ?? (answer ? 200 : 404), { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer?.json ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
