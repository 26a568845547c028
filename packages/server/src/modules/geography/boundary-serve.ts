import { sql } from 'kysely';
import type { BoundaryKind } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { queryBoundaries } from './boundary-read.ts';

/*
 * The maps' GeoJSON, served from memory: building it (every shape from the database, checked against
 * the contract, written out) costs seconds at 5,000 areas, and boundaries change only when they are
 * imported. So the written body is kept per database, kind and audience, stamped with the boundaries'
 * count and newest import time (the areas' names and populations change only with an import too),
 * rebuilt when the stamp moves, and answered with an ETag so a browser that has it gets 304.
 */

/** Coordinates to 5 decimals (about a metre): more is noise on a map, and it halves the body. */
const round = (value: unknown): unknown =>
  typeof value === 'number' ? Math.round(value * 1e5) / 1e5 : Array.isArray(value) ? value.map(round) : value;

export interface ServedBoundaries {
  body: string;
  etag: string;
}

const cache = new WeakMap<object, Map<string, ServedBoundaries & { stamp: string }>>();

export async function servedBoundaries(db: DbOrTrx, kind: BoundaryKind | undefined, withAttributes: boolean): Promise<ServedBoundaries> {
  let stampQuery = db
    .selectFrom('area_boundaries')
    .select([sql<string>`count(*)`.as('n'), sql<Date | string | null>`max(imported_at)`.as('newest')]);
  if (kind) stampQuery = stampQuery.where('kind', '=', kind);
  const row = await stampQuery.executeTakeFirstOrThrow();
  const newest = row.newest === null ? 'none' : new Date(row.newest).toISOString();
  const stamp = `${row.n}-${newest}`;
  const key = `${kind ?? 'all'}:${withAttributes ? 'full' : 'public'}`;
  const held = cache.get(db) ?? new Map();
  cache.set(db, held);
  const hit = held.get(key);
  if (hit && hit.stamp === stamp) return hit;
  const collection = await queryBoundaries(db, kind, withAttributes);
  const body = JSON.stringify({
    ...collection,
    features: collection.features.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: round(f.geometry.coordinates) } })),
  });
  const entry = { stamp, body, etag: `W/"${key}-${stamp}"` };
  held.set(key, entry);
  return entry;
}
