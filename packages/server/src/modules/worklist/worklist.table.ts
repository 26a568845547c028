import type { ColumnType, Generated } from 'kysely';
import type { Sensitivity, WorklistSourceType, WorklistTaskKind, WorklistTaskOutcome, WorklistTaskStatus } from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface WorklistTasksTable {
  id: Generated<string>;
  person_id: string;
  /** The team that owns the task (its navigators see it). */
  organization_id: string;
  kind: WorklistTaskKind;
  status: WorklistTaskStatus;
  /** Why the task exists, in words a navigator acts on (no more person detail than the task needs). */
  reason: string;
  due_at: Timestamp;
  assignee_user_id: string | null;
  snoozed_until: Timestamp | null;
  snooze_reason: string | null;
  outcome: WorklistTaskOutcome | null;
  outcome_note: string | null;
  source_type: WorklistSourceType;
  source_id: string | null;
  /** One task per key, ever: a signal seen again does not make a second task. */
  dedupe_key: string | null;
  created_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
  completed_by_user_id: string | null;
  /** The organization that recorded the signal: the discloser the consent chokepoint checks. */
  signal_organization_id: string;
  signal_sensitivity: ColumnType<Sensitivity, Sensitivity | undefined, Sensitivity>;
  signal_at: Timestamp | null;
}

export interface WorklistContactAttemptsTable {
  id: Generated<string>;
  task_id: string;
  method: string;
  result: string;
  note: string | null;
  attempted_at: Timestamp;
  user_id: string | null;
  created_at: Timestamp;
}

export interface WorklistTables {
  worklist_tasks: WorklistTasksTable;
  worklist_contact_attempts: WorklistContactAttemptsTable;
}
