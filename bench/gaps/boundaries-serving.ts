import { systemClock } from '../../packages/server/src/clock.ts';
import { Random } from '../../packages/server/src/demo/random.ts';
import { fixed, markdownTable } from '../lib/stats.ts';
import { benchConfig, openBenchDatabase, startBenchServer } from '../lib/server.ts';
import { Cleanups, pgliteTarget } from '../lib/targets.ts';

/*
 * Serving the map's GeoJSON: `areas` boundaries (a grid over the same state-sized region, each cell's
 * edges bent into `vertices` points, like simplified county or tract shapes) stored as the boundary
 * import stores them, then `GET /api/public/areas/boundaries` over loopback, the whole body read, as a
 * map page asks for it — cold (first request) and warm (median and slowest of `requests`).
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
    const once = async (etag?: string) => {
      const t0 = performance.now();
      const response = await fetch(url, etag ? { headers: { 'if-none-match': etag } } : {});
      const body = await response.arrayBuffer();
      if (response.status !== (etag ? 304 : 200)) throw new Error(`boundaries answered ${response.status}`);
      return { ms: performance.now() - t0, bytes: body.byteLength, etag: response.headers.get('etag') ?? '' };
    };
    const cold = await once();
    const warm: number[] = [];
    for (let r = 0; r < opts.requests; r++) warm.push((await once()).ms);
    warm.sort((a, b) => a - b);
    const revalidated: number[] = [];
    for (let r = 0; r < opts.requests; r++) revalidated.push((await once(cold.etag)).ms);
    revalidated.sort((a, b) => a - b);
    const figures = {
      areas: opts.areas,
      vertices: perEdge * 4 + 1,
      bytes: cold.bytes,
      coldMs: cold.ms,
      warmMedianMs: warm[Math.floor(warm.length / 2)]!,
      warmMaxMs: warm.at(-1)!,
      notModifiedMedianMs: revalidated[Math.floor(revalidated.length / 2)]!,
    };
    log(
      `\nServing the map's GeoJSON (PGlite on disk, loopback, whole body read): ${opts.areas.toLocaleString('en-US')} areas of ${figures.vertices} points, ${fixed(cold.bytes / 1e6, 1)} MB.`,
    );
    log(
      markdownTable(
        ['request', 'ms'],
        [
          ['first (cold)', fixed(figures.coldMs, 0)],
          [`median of ${opts.requests} after`, fixed(figures.warmMedianMs, 0)],
          [`slowest of ${opts.requests} after`, fixed(figures.warmMaxMs, 0)],
          [`median of ${opts.requests} revalidations (If-None-Match → 304)`, fixed(figures.notModifiedMedianMs, 1)],
        ],
        [false, true],
      ),
    );
    return figures;
  } finally {
    await cleanups.run();
  }
}
