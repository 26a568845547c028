import type { ColumnType, Generated } from 'kysely';
import type { DeathReport, LinkageColumnMap, LinkageSourceKind, LinkageSummary } from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface LinkageJobsTable {
  id: Generated<string>;
  name: string;
  /** `user:<id>` or `token:<id>`: who created the job (privacy officers see every job). */
  owner: string;
  organization_id: string | null;
  status: 'draft' | 'queued' | 'running' | 'done' | 'failed';
  stage: string | null;
  percent: ColumnType<number, number | undefined, number>;
  /** Hex; keys study ids and date shifts. Never sent to a client. */
  secret: string;
  summary: Json<LinkageSummary> | null;
  report: Json<DeathReport> | null;
  analytic_storage_name: string | null;
  error: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  expires_at: Timestamp;
}

export interface LinkageJobFilesTable {
  id: Generated<string>;
  job_id: string;
  position: number;
  source: LinkageSourceKind;
  file_name: string;
  format: 'csv' | 'ndjson';
  size: number;
  row_count: number;
  column_map: Json<LinkageColumnMap>;
  storage_name: string;
  created_at: Timestamp;
}

export interface LinkageJobTables {
  linkage_jobs: LinkageJobsTable;
  linkage_job_files: LinkageJobFilesTable;
}
