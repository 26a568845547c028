import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface LearningRunsTable {
  id: Generated<string>;
  period_from: string;
  period_to: string;
  as_of: ColumnType<string, string, string>;
  status: 'running' | 'done' | 'failed';
  started_at: Timestamp;
  finished_at: Timestamp | null;
  duration_ms: number | null;
  people: number | null;
  events: number | null;
  requested_by_user_id: string | null;
}

/** One stored cell: (run, scope `network` or an organization id, measure, month, dimension `all` or a stratum dimension, stratum value). */
export interface LearningResultsTable {
  run_id: string;
  scope: string;
  measure_id: string;
  month: string;
  dimension: string;
  stratum: string;
  numerator: number;
  denominator: number;
  days_sum: ColumnType<number, number | undefined, number>;
}

export interface LearningCascadeTable {
  run_id: string;
  scope: string;
  period_from: string;
  period_to: string;
  dimension: string;
  stratum: string;
  stage: string;
  count: number;
  not_yet_evaluable: ColumnType<number, number | undefined, number>;
}

export interface LearningOudEstimatesTable {
  area_id: string;
  method: 'prevalence' | 'count';
  prevalence: number | null;
  count: number | null;
  low: number | null;
  high: number | null;
  source: string | null;
  updated_at: Timestamp;
  updated_by_user_id: string | null;
}

export interface LearningMeasureTargetsTable {
  measure_id: string;
  target: number | null;
  updated_at: Timestamp;
  updated_by_user_id: string | null;
}

export interface LearningAnnotationsTable {
  id: Generated<string>;
  measure_id: string | null;
  organization_id: string | null;
  date: ColumnType<string, string, string>;
  kind: 'change' | 'pdsa' | 'note';
  text: string;
  created_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LearningExpectedTrajectoriesTable {
  id: Generated<string>;
  measure_id: 'overdose_deaths' | 'nonfatal_overdoses' | 'people_in_moud';
  scenario_run_id: string;
  run_name: string;
  scenario: string;
  start_month: string;
  scale: number;
  scale_note: string;
  /** ExpectedPoint[] (month, median, low, high), scaled. */
  points: ColumnType<unknown, string, string>;
  created_by_user_id: string | null;
  created_at: Timestamp;
}

export interface LearningTables {
  learning_runs: LearningRunsTable;
  learning_results: LearningResultsTable;
  learning_cascade: LearningCascadeTable;
  learning_oud_estimates: LearningOudEstimatesTable;
  learning_measure_targets: LearningMeasureTargetsTable;
  learning_annotations: LearningAnnotationsTable;
  learning_expected_trajectories: LearningExpectedTrajectoriesTable;
}
