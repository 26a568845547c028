import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

/** One area's boundary (docs/geography.md): shared reference geography beside `areas`, written only by the boundary import and the demo seed. */
export interface AreaBoundariesTable {
  area_id: string;
  kind: 'county' | 'tract' | 'zcta' | 'service_area' | 'demo';
  /** The id in the imported file (a FIPS or GEOID, a ZCTA, the network's own). */
  source_id: string;
  /** Simplified for display, RFC 7946 winding: a GeoJSON Polygon or MultiPolygon. */
  geometry: Json<{ type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] }>;
  vertices: number;
  source_vertices: number;
  attributes: Json<Record<string, number | string>>;
  source: string;
  imported_at: Timestamp;
}

export interface GeographyTables {
  area_boundaries: AreaBoundariesTable;
}
