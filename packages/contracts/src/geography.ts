import { z } from 'zod';

/**
 * Area boundaries (docs/geography.md): the shapes of the network's areas, imported from GeoJSON or
 * TopoJSON (census tracts, ZCTAs, counties, the network's own service areas) or the US counties
 * shipped with the server, checked, wound per RFC 7946 and simplified for display.
 */

export const geographyPaths = {
  boundaries: '/api/areas/boundaries',
  counties: '/api/areas/boundaries/us-counties',
  mapConfig: '/api/map/config',
  /** Public (the locator's map): the basemap, and the boundaries without their extra attributes. */
  publicMapConfig: '/api/public/map/config',
  publicBoundaries: '/api/public/areas/boundaries',
} as const;

/** The maps' basemap: a MapLibre style URL (CONTINUUM_MAP_STYLE_URL), or null for boundaries and points only. */
export const mapConfigSchema = z.object({ styleUrl: z.string().nullable() });
export type MapConfig = z.infer<typeof mapConfigSchema>;

export const boundaryKinds = ['county', 'tract', 'zcta', 'service_area', 'demo'] as const;
export const boundaryKindSchema = z.enum(boundaryKinds);
export type BoundaryKind = z.infer<typeof boundaryKindSchema>;

const propertyName = z.string().trim().min(1).max(100);
/** People per area id (the file's own id), beside or instead of a population property. */
const populationsSchema = z.record(z.string().max(100), z.number().int().min(0).max(100_000_000));
/** Smallest triangle kept when simplifying, in square degrees (0 keeps every vertex). */
const simplifySchema = z.number().min(0).max(0.01).optional();

export const boundaryImportSchema = z.strictObject({
  kind: boundaryKindSchema.exclude(['demo']),
  /** A GeoJSON FeatureCollection or a TopoJSON Topology, as parsed JSON. */
  data: z.record(z.string(), z.unknown()),
  /** For TopoJSON: the object to read (the only one when omitted). */
  object: z.string().max(100).optional(),
  idProperty: propertyName.default('id'),
  nameProperty: propertyName.default('name'),
  populationProperty: propertyName.default('population'),
  postalCodeProperty: propertyName.optional(),
  /** Further properties kept with the area, e.g. a social vulnerability index. */
  attributes: z.array(propertyName).max(20).default([]),
  populations: populationsSchema.optional(),
  simplify: simplifySchema,
  /** Where the file came from, for the record (e.g. "Census TIGER/Line 2024 tracts"). */
  source: z.string().trim().min(1).max(200),
});
export type BoundaryImportInput = z.input<typeof boundaryImportSchema>;

export const countiesImportSchema = z.strictObject({
  /** Two-digit state FIPS codes, e.g. "41" for Oregon. */
  states: z
    .array(z.string().regex(/^\d{2}$/, 'A two-digit state FIPS code'))
    .min(1)
    .max(56),
  /** People per five-digit county FIPS code (e.g. the Census county population estimates). */
  populations: populationsSchema,
  simplify: simplifySchema,
});
export type CountiesImportInput = z.input<typeof countiesImportSchema>;

export const boundaryImportResultSchema = z.object({
  kind: boundaryKindSchema,
  imported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rewoundRings: z.number().int(),
  verticesBefore: z.number().int(),
  verticesAfter: z.number().int(),
});
export type BoundaryImportResult = z.infer<typeof boundaryImportResultSchema>;

export const boundariesQuerySchema = z.strictObject({ kind: boundaryKindSchema.optional() });

/** The boundaries as a GeoJSON FeatureCollection, each feature's id the area's id. */
export const boundaryCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: z.object({
        areaId: z.string(),
        name: z.string(),
        kind: boundaryKindSchema,
        population: z.number().int(),
        attributes: z.record(z.string(), z.union([z.number(), z.string()])),
      }),
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.array(z.unknown())),
      }),
    }),
  ),
});
export type BoundaryCollection = z.infer<typeof boundaryCollectionSchema>;
