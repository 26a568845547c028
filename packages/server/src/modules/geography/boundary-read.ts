import { boundaryCollectionSchema, boundaryKinds, type BoundaryCollection, type BoundaryKind } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';

/**
 * The areas' boundaries as one GeoJSON FeatureCollection for maps: reference geography, no person-level
 * data, for any signed-in user. Each feature's id is the area's id.
 */
export async function readBoundaries(db: DbOrTrx, access: AccessContext, kind?: BoundaryKind): Promise<BoundaryCollection> {
  if (access.actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED');
  return queryBoundaries(db, kind, true);
}

/**
 * The same shapes for the public locator's map, for anyone: names, populations and shapes are public
 * reference geography; the extra attributes a network imported (e.g. an index it licensed) are left out.
 */
export async function readPublicBoundaries(db: DbOrTrx, kind?: BoundaryKind): Promise<BoundaryCollection> {
  return queryBoundaries(db, kind, false);
}

/** Every boundary (of one kind) as the contract's collection; the served copy is in boundary-serve.ts. */
export async function queryBoundaries(db: DbOrTrx, kind: BoundaryKind | undefined, withAttributes: boolean): Promise<BoundaryCollection> {
  let query = db
    .selectFrom('area_boundaries as b')
    .innerJoin('areas as a', 'a.id', 'b.area_id')
    .select(['b.area_id', 'b.kind', 'b.geometry', 'b.attributes', 'a.name', 'a.population'])
    .orderBy('b.area_id');
  if (kind) query = query.where('b.kind', '=', kind);
  const rows = await query.execute();
  return boundaryCollectionSchema.parse({
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.area_id,
      properties: {
        areaId: r.area_id,
        name: r.name,
        kind: r.kind,
        population: Number(r.population),
        attributes: withAttributes ? r.attributes : {},
      },
      geometry: r.geometry,
    })),
  });
}

/** Which kinds of boundary the network holds, most areas first, ties in the contract's order (the gaps analysis picks one level). */
export async function boundaryKindsHeld(db: DbOrTrx): Promise<{ kind: BoundaryKind; areas: number }[]> {
  const rows = await db
    .selectFrom('area_boundaries')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('kind')
    .execute();
  return byMostHeld(rows.map((r) => ({ kind: r.kind, areas: Number(r.n) })));
}

const byMostHeld = <T extends { kind: BoundaryKind; areas: number }>(held: T[]): T[] =>
  [...held].sort((a, b) => b.areas - a.areas || boundaryKinds.indexOf(a.kind) - boundaryKinds.indexOf(b.kind));

/** The kind held most (ties in the contract's order); null when none is held. */
export const mostHeld = (held: { kind: BoundaryKind; areas: number }[]): BoundaryKind | null => byMostHeld(held)[0]?.kind ?? null;

/**
 * The network's map level: the kind it holds most boundaries of (ties in the contract's order), which the
 * public map draws when no kind is asked for, so that counties and the tracts inside them are never drawn
 * over each other, and which the hub-and-spoke view counts in. Null when the network holds no boundaries.
 */
export async function primaryBoundaryKind(db: DbOrTrx): Promise<BoundaryKind | null> {
  return mostHeld(await boundaryKindsHeld(db));
}

/** The ids of the areas with a boundary of this kind. */
export async function areaIdsOfKind(db: DbOrTrx, kind: BoundaryKind): Promise<string[]> {
  return (await db.selectFrom('area_boundaries').select('area_id').where('kind', '=', kind).execute()).map((r) => r.area_id);
}
