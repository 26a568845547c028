import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { BoundaryKind } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { mostHeld, queryBoundaries } from './boundary-read.ts';
import type { BodyEncoding } from './content-encoding.ts';

/*
 * The maps' GeoJSON, served from memory: building it (every shape from the database, checked against
 * the contract, written out) costs seconds at 5,000 areas, and boundaries change only when they are
 * imported. So the written body is kept per database, kind and audience, stamped with the boundaries'
 * count and newest import time (the areas' names and populations change only with an import too),
 * rebuilt when the stamp moves, and answered with an ETag so a browser that has it gets 304.
 * Beside the JSON it keeps the same bytes compressed with gzip and Brotli, made once per build (off
 * the event loop, in zlib's thread pool): 5,000 areas are about 9 MB of JSON and a fraction of that
 * compressed, and sending the bytes is most of a kept request.
 */

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
/** Brotli quality 5: near quality 11's size on coordinates at a small part of its time (the build runs after every import). */
const BROTLI_QUALITY = 5;

/** Coordinates to 5 decimals (about a metre): more is noise on a map, and it halves the body. */
const round = (value: unknown): unknown =>
  typeof value === 'number' ? Math.round(value * 1e5) / 1e5 : Array.isArray(value) ? value.map(round) : value;

export interface ServedBoundaries {
  /** The JSON's UTF-8 bytes (kept as bytes: a 9 MB string would be encoded again on every send). */
  body: Buffer;
  etag: string;
  /** The body's UTF-8 bytes compressed, one per content coding. */
  compressed: Readonly<Record<BodyEncoding, Buffer>>;
}

const cache = new WeakMap<object, Map<string, ServedBoundaries & { stamp: string }>>();

/**
 * The kept body for one kind (`undefined`: every kind; `'primary'`: the kind the network holds most
 * boundaries of, as `primaryBoundaryKind` picks it). One query per request, grouped by kind, gives both
 * the stamp and the primary kind.
 */
export async function servedBoundaries(
  db: DbOrTrx,
  asked: BoundaryKind | 'primary' | undefined,
  withAttributes: boolean,
): Promise<ServedBoundaries> {
  const rows = await db
    .selectFrom('area_boundaries')
    .select(['kind', sql<string>`count(*)`.as('n'), sql<Date | string | null>`max(imported_at)`.as('newest')])
    .groupBy('kind')
    .execute();
  const kinds = rows.map((r) => ({ kind: r.kind, areas: Number(r.n), newest: r.newest === null ? 0 : new Date(r.newest).getTime() }));
  const kind = asked === 'primary' ? (mostHeld(kinds) ?? undefined) : asked;
  const counted = kind ? kinds.filter((h) => h.kind === kind) : kinds;
  const n = counted.reduce((sum, h) => sum + h.areas, 0);
  const newestMs = Math.max(0, ...counted.map((h) => h.newest));
  const stamp = `${n}-${newestMs === 0 ? 'none' : new Date(newestMs).toISOString()}`;
  const key = `${kind ?? 'all'}:${withAttributes ? 'full' : 'public'}`;
  const kept = cache.get(db) ?? new Map();
  cache.set(db, kept);
  const hit = kept.get(key);
  if (hit && hit.stamp === stamp) return hit;
  const collection = await queryBoundaries(db, kind, withAttributes);
  const json = JSON.stringify({
    ...collection,
    features: collection.features.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: round(f.geometry.coordinates) } })),
  });
  const bytes = Buffer.from(json, 'utf8');
  const [gz, br] = await Promise.all([
    gzip(bytes, { level: 6 }),
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  ]);
  const entry = { stamp, body: bytes, etag: `W/"${key}-${stamp}"`, compressed: { gzip: gz, br } };
  kept.set(key, entry);
  return entry;
}
