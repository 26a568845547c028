import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

export interface GapsRunsTable {
  id: Generated<string>;
  created_at: Timestamp;
  created_by_user_id: string | null;
  /** Categories, zones, desert distance, overdose window, cost unit and routing. */
  parameters: Json<Record<string, unknown>>;
  /** The inputs' dates and sizes. */
  inputs: Json<Record<string, unknown>>;
  /** Per category: regional access, supply points, deserts. */
  summary: Json<Record<string, unknown>>;
  /** The inputs themselves (areas' need, supply points per category), so a run can be recomputed or sited against. */
  snapshot: Json<Record<string, unknown>>;
}

export interface GapsResultsTable {
  run_id: string;
  category: string;
  area_id: string;
  population: number;
  oud_estimate: number | null;
  demand: number;
  demand_basis: 'oud_estimate' | 'imputed_prevalence' | 'population';
  /** Shown overdoses only: null when suppressed or unknown. */
  overdoses: number | null;
  overdoses_suppressed: boolean;
  overdose_rate: number | null;
  accessibility: number;
  relative_access: number | null;
  shortfall: number;
  unmet_need: number | null;
  services_in_reach: number;
  nearest: number | null;
  distance_desert: boolean;
  capacity_desert: boolean;
  reasons: string[];
}

export type GapsRunRow = Selectable<GapsRunsTable>;

export interface GapsTables {
  gaps_runs: GapsRunsTable;
  gaps_results: GapsResultsTable;
}
