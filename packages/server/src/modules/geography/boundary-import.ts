import {
  boundaryImportSchema,
  countiesImportSchema,
  type BoundaryImportInput,
  type BoundaryImportResult,
  type BoundaryKind,
  type CountiesImportInput,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import { hasRole, type AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { centroidOf, DEFAULT_SIMPLIFY, simplifyTogether, vertexCount } from './boundary-shape.ts';
import { BoundaryError, parseBoundaries, type BoundaryFeature, type BoundaryMapping } from './boundary-validate.ts';
import { usCounties } from './us-counties.ts';

/** Area ids carry their kind, so a county's FIPS and a ZCTA never meet: `county-41003`, `zcta-97330`. */
export const areaIdOf = (kind: BoundaryKind, sourceId: string): string => `${kind}-${sourceId}`;

/** Network administrators, and the operator at the CLI (a system actor). */
function requireBoundaryAdmin(access: AccessContext): void {
  if (access.actor.type !== 'system' && !hasRole(access, 'network_admin')) throw new AppError('FORBIDDEN');
}

function invalid(problems: readonly string[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    message: 'The boundary file has problems; nothing was imported.',
    fields: problems.map((message) => ({ path: 'body.data', message })),
  });
}

interface ImportPlan {
  readonly kind: BoundaryKind;
  readonly data: unknown;
  readonly mapping: BoundaryMapping;
  readonly populations: Readonly<Record<string, number>> | undefined;
  readonly simplify: number;
  readonly source: string;
}

/**
 * Writes the areas and their boundaries in one transaction, audited: a new area is created with its
 * centroid and population; an existing one (same kind and id) takes the new name, centroid and, when
 * given, population. Areas are never deleted (people and events point at them).
 */
async function importPlan(db: Db, clock: Clock, access: AccessContext, plan: ImportPlan): Promise<BoundaryImportResult> {
  let features: BoundaryFeature[];
  let rewoundRings: number;
  try {
    ({ features, rewoundRings } = parseBoundaries(plan.data, plan.mapping));
  } catch (error) {
    if (error instanceof BoundaryError) throw invalid(error.problems);
    throw error;
  }
  const ids = features.map((f) => areaIdOf(plan.kind, f.sourceId));
  const existing = new Set(ids.length ? (await db.selectFrom('areas').select('id').where('id', 'in', ids).execute()).map((r) => r.id) : []);
  const populationOf = (f: BoundaryFeature) => plan.populations?.[f.sourceId] ?? f.population;
  const missing = features.filter((f, i) => populationOf(f) === null && !existing.has(ids[i]!));
  if (missing.length > 0) {
    throw invalid(missing.slice(0, 20).map((f) => `id "${f.sourceId}": no population for a new area (property or populations)`));
  }
  const simplified = simplifyTogether(
    features.map((f) => f.geometry),
    plan.simplify,
  );
  const now = clock.now();
  const verticesBefore = features.reduce((s, f) => s + vertexCount(f.geometry), 0);
  const verticesAfter = simplified.reduce((s, g) => s + vertexCount(g), 0);

  await db.transaction().execute(async (trx) => {
    for (const [i, f] of features.entries()) {
      const id = ids[i]!;
      const { latitude, longitude } = centroidOf(f.geometry);
      const population = populationOf(f);
      const postalCode = f.postalCode ?? (plan.kind === 'zcta' ? f.sourceId : '');
      await trx
        .insertInto('areas')
        .values({ id, name: f.name, town: f.name, postal_code: postalCode, latitude, longitude, population: population ?? 0 })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            name: f.name,
            town: f.name,
            latitude,
            longitude,
            ...(population === null ? {} : { population }),
            ...(f.postalCode ? { postal_code: f.postalCode } : {}),
          }),
        )
        .execute();
      const boundary = {
        kind: plan.kind,
        source_id: f.sourceId,
        geometry: JSON.stringify(simplified[i]),
        vertices: vertexCount(simplified[i]!),
        source_vertices: vertexCount(f.geometry),
        attributes: JSON.stringify(f.attributes),
        source: plan.source,
        imported_at: now,
      };
      await trx
        .insertInto('area_boundaries')
        .values({ area_id: id, ...boundary })
        .onConflict((oc) => oc.column('area_id').doUpdateSet(boundary))
        .execute();
    }
    await recordAudit(trx, clock, access, {
      action: 'area.boundaries.import',
      entityType: 'area',
      details: { kind: plan.kind, imported: features.length, created: features.length - existing.size },
    });
  });
  return {
    kind: plan.kind,
    imported: features.length,
    created: features.length - existing.size,
    updated: existing.size,
    rewoundRings,
    verticesBefore,
    verticesAfter,
  };
}

/** Imports a GeoJSON or TopoJSON file of areas (network administrators); all or nothing. */
export async function importAreaBoundaries(
  db: Db,
  clock: Clock,
  access: AccessContext,
  body: BoundaryImportInput,
): Promise<BoundaryImportResult> {
  requireBoundaryAdmin(access);
  const input = boundaryImportSchema.parse(body);
  return importPlan(db, clock, access, {
    kind: input.kind,
    data: input.data,
    mapping: {
      idProperty: input.idProperty,
      nameProperty: input.nameProperty,
      populationProperty: input.populationProperty,
      postalCodeProperty: input.postalCodeProperty,
      attributes: input.attributes,
      object: input.object,
    },
    populations: input.populations,
    simplify: input.simplify ?? DEFAULT_SIMPLIFY,
    source: input.source,
  });
}

/** Imports the counties of the given states from the shipped US atlas, with their populations (network administrators). */
export async function importUsCounties(
  db: Db,
  clock: Clock,
  access: AccessContext,
  body: CountiesImportInput,
): Promise<BoundaryImportResult> {
  requireBoundaryAdmin(access);
  const input = countiesImportSchema.parse(body);
  const data = usCounties(input.states);
  if (data.features.length === 0)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.states', message: 'No counties in these states' }] });
  return importPlan(db, clock, access, {
    kind: 'county',
    data,
    mapping: { idProperty: 'id', nameProperty: 'name', populationProperty: 'population', attributes: [] },
    populations: input.populations,
    simplify: input.simplify ?? 0,
    source: 'us-atlas counties-10m (US Census Bureau cartographic boundaries, 1:10,000,000)',
  });
}
