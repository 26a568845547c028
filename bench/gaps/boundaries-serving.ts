import http from 'node:http';
import zlib from 'node:zlib';
import { systemClock } from '../../packages/server/src/clock.ts';
import { Random } from '../../packages/server/src/demo/random.ts';
import { fixed, markdownTable } from '../lib/stats.ts';
import { benchConfig, openBenchDatabase, startBenchServer } from '../lib/server.ts';
import { Cleanups, pgliteTarget } from '../lib/targets.ts';

/*
 * Serving the map's GeoJSON: `areas` boundaries (a grid over the same state-sized region, each cell's
 * edges bent into `vertices` points, like simplified county or tract shapes) stored as the boundary
 * import stores them, then `GET /api/public/areas/boundaries` over loopback, the whole body read, as a
 * map page asks for it — cold (first request) and warm (median and slowest of `requests`), as a browser
 * asks (Brotli accepted), then gzip only and uncompressed; the bytes as sent (decoding is the client's).
 */

function jaggedCell(rng: Random, west: number, south: number, w: number, h: number, perEdge: number): [number, number][] {
  const ring: [number, number][] = [];
  const corners: [number, number][] = [
    [west, south],
    [west + w, south],
    [west + w, south + h],
    [west, south + h],
  ];
  for (let c = 0; c < 4; c++) {
    const [x0, y0] = corners[c]!;
    const [x1, y1] = corners[(c + 1) % 4]!;
    for (let k = 0; k < perEdge; k++) {
      const t = k / perEdge;
      const wobble = k === 0 ? 0 : rng.float(-0.08, 0.08);
      ring.push([x0 + (x1 - x0) * t + wobble * h * (y1 - y0 === 0 ? 0 : 1), y0 + (y1 - y0) * t + wobble * w * (x1 - x0 === 0 ? 0 : 1)]);
    }
  }
  ring.push(ring[0]!);
  return ring;
}

export interface ServingFigures {
  areas: number;
  vertices: number;
  bytes: number;
  coldMs: number;
  warmMedianMs: number;
  warmMaxMs: number;
  notModifiedMedianMs: number;
  /** Per content coding: bytes on the wire, median and slowest of `requests`. */
  codings: { coding: string; wireBytes: number; medianMs: number; maxMs: number }[];
}

export async function measureBoundaryServing(
  opts: { areas: number; vertices: number; requests: number },
  log: (line: string) => void,
): Promise<ServingFigures> {
  const cleanups = new Cleanups();
  try {
    const target = pgliteTarget('disk', cleanups);
    const config = benchConfig(target);
    const database = await openBenchDatabase(target, config, cleanups, log);
    const { db } = database;
    const rng = Random.fromSeed(17, 'gaps-boundaries');
    const columns = Math.ceil(Math.sqrt(opts.areas * 2));
    const rows = Math.ceil(opts.areas / columns);
    const [south, west, height, width] = [39.7, -80.5, 2.6, 5.8];
    const perEdge = Math.max(1, Math.round(opts.vertices / 4));
    const now = new Date();
    for (let start = 0; start < opts.areas; start += 500) {
      const batch = Array.from({ length: Math.min(500, opts.areas - start) }, (_, k) => start + k);
      const cells = batch.map((i) => {
        const w = width / columns;
        const h = height / rows;
        const x = west + (i % columns) * w;
        const y = south + Math.floor(i / columns) * h;
        return { id: `bench-${i}`, i, ring: jaggedCell(rng, x, y, w, h, perEdge), latitude: y + h / 2, longitude: x + w / 2 };
      });
      await db
        .insertInto('areas')
        .values(
          cells.map((c) => ({
            id: c.id,
            name: `Area ${c.i}`,
            town: 'Bench',
            postal_code: '00000',
            latitude: c.latitude,
            longitude: c.longitude,
            population: 5000,
          })),
        )
        .execute();
      await db
        .insertInto('area_boundaries')
        .values(
          cells.map((c) => ({
            area_id: c.id,
            kind: 'tract' as const,
            source_id: c.id,
            geometry: JSON.stringify({ type: 'Polygon', coordinates: [c.ring] }),
            vertices: c.ring.length,
            source_vertices: c.ring.length,
            attributes: JSON.stringify({}),
            source: 'benchmark grid',
            imported_at: now,
          })),
        )
        .execute();
    }
    const server = await startBenchServer(config, database, systemClock, cleanups);
    const url = `${server.baseUrl}/api/public/areas/boundaries`;
    // node:http, not fetch: the bytes as sent, not decoded, so the figure is the server's (fetch would
    // add this process's Brotli or gzip decoding, which on a network a browser does while bytes arrive).
    const once = (acceptEncoding: string, etag?: string) =>
      new Promise<{ ms: number; bytes: number; wireBytes: number; coding: string; etag: string }>((resolve, reject) => {
        const headers: Record<string, string> = { 'accept-encoding': acceptEncoding };
        if (etag) headers['if-none-match'] = etag;
        const t0 = performance.now();
        http
          .get(url, { headers }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('error', reject);
            response.on('end', () => {
              const ms = performance.now() - t0;
              if (response.statusCode !== (etag ? 304 : 200)) return reject(new Error(`boundaries answered ${response.statusCode}`));
              const raw = Buffer.concat(chunks);
              const coding = String(response.headers['content-encoding'] ?? 'identity');
              const bytes =
                coding === 'br' ? zlib.brotliDecompressSync(raw).length : coding === 'gzip' ? zlib.gunzipSync(raw).length : raw.length;
              resolve({ ms, bytes, wireBytes: raw.length, coding, etag: String(response.headers.etag ?? '') });
            });
          })
          .on('error', reject);
      });
    const cold = await once('br, gzip');
    const codings: ServingFigures['codings'] = [];
    for (const accept of ['br, gzip', 'gzip', 'identity']) {
      const runs = [];
      for (let r = 0; r < opts.requests; r++) runs.push(await once(accept));
      const ms = runs.map((x) => x.ms).sort((a, b) => a - b);
      codings.push({ coding: runs[0]!.coding, wireBytes: runs[0]!.wireBytes, medianMs: ms[Math.floor(ms.length / 2)]!, maxMs: ms.at(-1)! });
    }
    const revalidated: number[] = [];
    for (let r = 0; r < opts.requests; r++) revalidated.push((await once('br, gzip', cold.etag)).ms);
    revalidated.sort((a, b) => a - b);
    const figures: ServingFigures = {
      areas: opts.areas,
      vertices: perEdge * 4 + 1,
      bytes: cold.bytes,
      coldMs: cold.ms,
      warmMedianMs: codings[0]!.medianMs,
      warmMaxMs: codings[0]!.maxMs,
      notModifiedMedianMs: revalidated[Math.floor(revalidated.length / 2)]!,
      codings,
    };
    log(
      `\nServing the map's GeoJSON (PGlite on disk, loopback, whole body read as sent): ${opts.areas.toLocaleString('en-US')} areas of ${figures.vertices} points, ${fixed(cold.bytes / 1e6, 1)} MB of JSON.`,
    );
    log(
      markdownTable(
        ['request', 'on the wire', 'median ms', 'slowest ms'],
        [
          [
            'first (cold: builds and compresses the body)',
            `${fixed(cold.wireBytes / 1e6, 2)} MB ${cold.coding}`,
            fixed(figures.coldMs, 0),
            '—',
          ],
          ...codings.map((c) => [
            `${opts.requests} after, ${c.coding}`,
            `${fixed(c.wireBytes / 1e6, 2)} MB`,
            fixed(c.medianMs, 0),
            fixed(c.maxMs, 0),
          ]),
          [`${opts.requests} revalidations (If-None-Match → 304)`, '0', fixed(figures.notModifiedMedianMs, 1), '—'],
        ],
        [false, true, true, true],
      ),
    );
    return figures;
  } finally {
    await cleanups.run();
  }
}
