import {
  boundaryCollectionSchema,
  directoryPath,
  geographyPaths,
  mapConfigSchema,
  type BoundaryCollection,
  directoryPaths,
  locatorSearchResultSchema,
  locatorServiceDetailsSchema,
  locatorTownListSchema,
  type LocatorSearchParams,
  type LocatorSearchResult,
  type LocatorServiceDetails,
} from '@continuum/contracts';
import { queryString, type ApiRequest } from '../../api/request.ts';

export interface LocatorTown {
  town: string;
  postalCode: string;
  latitude: number;
  longitude: number;
}

/** The public treatment locator (`contracts/src/directory.ts`): no session needed. */
export interface LocatorApi {
  searchLocator(params: LocatorSearchParams): Promise<LocatorSearchResult>;
  getLocatorService(id: string): Promise<LocatorServiceDetails>;
  listLocatorTowns(): Promise<LocatorTown[]>;
  /** The results map's basemap and the network's area boundaries (public reference geography). */
  getLocatorMap(): Promise<LocatorMap>;
}

export interface LocatorMap {
  styleUrl: string | null;
  boundaries: BoundaryCollection;
}

export function createLocatorHttpApi(request: ApiRequest): LocatorApi {
  const p = directoryPaths;
  return {
    searchLocator: (params) => request('GET', `${p.locatorSearch}${queryString(params)}`, locatorSearchResultSchema),
    getLocatorService: (id) => request('GET', directoryPath(p.locatorService, id), locatorServiceDetailsSchema),
    listLocatorTowns: async () => (await request('GET', p.locatorTowns, locatorTownListSchema)).items,
    getLocatorMap: async () => {
      const [config, boundaries] = await Promise.all([
        request('GET', geographyPaths.publicMapConfig, mapConfigSchema),
        request('GET', geographyPaths.publicBoundaries, boundaryCollectionSchema),
      ]);
      return { styleUrl: config.styleUrl, boundaries };
    },
  };
}
