import type { BoundaryCollection, GapCategory, GapsAreaResult, GapsRunDetail } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { readPublicBoundaries } from '../geography/index.ts';
import { readGapsRun } from './run-read.ts';

/** One category of a run with the boundaries of its areas: what the GeoJSON export, the PDF map and the brief draw. */
export interface GapsRunMapData {
  run: GapsRunDetail;
  category: GapCategory;
  boundaries: BoundaryCollection;
}

/** The run's results for one category (the run's first when none is asked for), and its areas' shapes. */
export async function gapsRunMapData(
  db: DbOrTrx,
  access: AccessContext,
  id: string,
  query: { category?: GapCategory },
): Promise<GapsRunMapData> {
  const all = await readGapsRun(db, access, id, query);
  const category = query.category ?? all.categories[0]!;
  const run = { ...all, results: all.results.filter((r) => r.category === category) };
  const boundaries = await readPublicBoundaries(db, run.areaKind ?? undefined);
  const ids = new Set(run.results.map((r) => r.areaId));
  return { run, category, boundaries: { ...boundaries, features: boundaries.features.filter((f) => ids.has(f.id)) } };
}

export interface GapsGeoJson {
  type: 'FeatureCollection';
  /** Where the figures came from, for whoever opens the file in a GIS. */
  metadata: {
    runId: string;
    createdAt: string;
    category: GapCategory;
    unit: 'miles' | 'minutes';
    desertDistance: number;
    suppression: string;
    inputs: GapsRunDetail['inputs'];
  };
  features: {
    type: 'Feature';
    id: string;
    properties: Omit<GapsAreaResult, 'reasons'> & { reasons: string };
    geometry: BoundaryCollection['features'][number]['geometry'] | null;
  }[];
}

/**
 * The areas with one category's results as a GeoJSON FeatureCollection (RFC 7946; an area without an
 * imported boundary has a null geometry). Built from the stored results, so the same small-cell rule
 * applies: a suppressed overdose count (and its rate) is null, as on the page and in the CSV.
 */
export function gapsGeoJson({ run, category, boundaries }: GapsRunMapData): GapsGeoJson {
  const shapes = new Map(boundaries.features.map((f) => [f.id, f.geometry]));
  return {
    type: 'FeatureCollection',
    metadata: {
      runId: run.id,
      createdAt: run.createdAt,
      category,
      unit: run.unit,
      desertDistance: run.desertDistance,
      suppression: 'Overdose counts of 1–10, and any that would reveal one, are null (overdosesSuppressed true).',
      inputs: run.inputs,
    },
    features: run.results.map((r) => ({
      type: 'Feature',
      id: r.areaId,
      properties: { ...r, reasons: r.reasons.join(';') },
      geometry: shapes.get(r.areaId) ?? null,
    })),
  };
}
