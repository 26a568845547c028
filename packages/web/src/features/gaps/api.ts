import {
  boundaryCollectionSchema,
  gapsRunDetailSchema,
  gapsRunListSchema,
  gapsRunSchema,
  gapsSitingResultSchema,
  mapConfigSchema,
  type BoundaryCollection,
  type BoundaryKind,
  type GapCategory,
  type GapsRun,
  type GapsRunDetail,
  type GapsRunInput,
  type GapsSitingInput,
  type GapsSitingResult,
  type MapConfig,
} from '@continuum/contracts';
import { queryString, segment, type ApiRequest } from '../../api/request.ts';

/** Needs and gaps (`contracts/src/gaps.ts`, docs/gaps.md): runs, their per-area results, siting; and the areas' boundaries for the map. */
export interface GapsApi {
  listRuns(): Promise<GapsRun[]>;
  createRun(input: GapsRunInput): Promise<GapsRun>;
  getRun(id: string, category: GapCategory): Promise<GapsRunDetail>;
  site(id: string, input: GapsSitingInput): Promise<GapsSitingResult>;
  boundaries(kind?: BoundaryKind): Promise<BoundaryCollection>;
  mapConfig(): Promise<MapConfig>;
}

/** The CSV download of one category of a run (a plain link: the session cookie goes with it). */
export const gapsCsvHref = (id: string, category: GapCategory) => `/api/gaps/runs/${segment(id)}/export.csv${queryString({ category })}`;

/** The other downloads of one category of a run: GeoJSON, the printable map and the one-page brief (PDF). */
export const gapsExportHref = (id: string, category: GapCategory, file: 'export.geojson' | 'map.pdf' | 'brief.pdf') =>
  `/api/gaps/runs/${segment(id)}/${file}${queryString({ category })}`;

export function createGapsHttpApi(request: ApiRequest): GapsApi {
  return {
    listRuns: async () => (await request('GET', '/api/gaps/runs', gapsRunListSchema)).items,
    createRun: (input) => request('POST', '/api/gaps/runs', gapsRunSchema, input),
    getRun: (id, category) => request('GET', `/api/gaps/runs/${segment(id)}${queryString({ category })}`, gapsRunDetailSchema),
    site: (id, input) => request('POST', `/api/gaps/runs/${segment(id)}/siting`, gapsSitingResultSchema, input),
    boundaries: (kind) => request('GET', `/api/areas/boundaries${queryString({ kind })}`, boundaryCollectionSchema),
    mapConfig: () => request('GET', '/api/map/config', mapConfigSchema),
  };
}
