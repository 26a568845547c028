import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

/** A stored scenario run: its input, progress and, once done, the community, calibration, ensemble, tornado and summary. */
export interface ScenarioRunsTable {
  id: Generated<string>;
  name: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress_done: number;
  progress_total: number;
  input: Json<Record<string, unknown>>;
  community: Json<Record<string, unknown>> | null;
  calibration: Json<Record<string, unknown>> | null;
  result: Json<Record<string, unknown>> | null;
  tornado: Json<unknown[]> | null;
  summary: Json<string[]> | null;
  error: string | null;
  created_at: Timestamp;
  created_by_user_id: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface ScenariosTables {
  scenario_runs: ScenarioRunsTable;
}
