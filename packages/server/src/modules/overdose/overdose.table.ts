import type { ColumnType, Generated } from 'kysely';
import type {
  NaloxoneGiver,
  NaloxoneRecipientCategory,
  OverdoseDisposition,
  OverdoseSourceType,
  Sensitivity,
  SuspectedSubstance,
} from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Person-linked rows are read through the chokepoint's `authorizeRecords` (kind `overdose_events`). */
export interface OverdoseEventsTable {
  id: Generated<string>;
  occurred_at: Timestamp;
  latitude: number | null;
  longitude: number | null;
  area_id: string;
  fatal: boolean;
  naloxone_doses: number;
  naloxone_by: NaloxoneGiver[];
  suspected_substances: SuspectedSubstance[];
  disposition: OverdoseDisposition;
  reporting_organization_id: string;
  source_type: OverdoseSourceType;
  person_id: string | null;
  sensitivity: Sensitivity;
  care_event_id: string | null;
  examiner_note: string | null;
  examiner_organization_id: string | null;
  examiner_reported_at: Timestamp | null;
  external_id: string | null;
  created_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NaloxoneDistributionsTable {
  id: Generated<string>;
  distributed_at: Timestamp;
  organization_id: string;
  area_id: string;
  place: string;
  recipient_category: NaloxoneRecipientCategory;
  kits: number;
  leave_behind: boolean;
  overdose_event_id: string | null;
  person_id: string | null;
  care_event_id: string | null;
  created_by_user_id: string | null;
  created_at: Timestamp;
}

export interface OverdoseFeedbackNoticesTable {
  id: Generated<string>;
  overdose_event_id: string;
  user_id: string;
  organization_id: string;
  reasons: string[];
  trigger: 'reported' | 'fatal';
  notified_at: Timestamp;
}

export interface OverdoseAreaThresholdsTable {
  area_id: string;
  threshold: number;
  updated_by_user_id: string | null;
  updated_at: Timestamp;
}

export interface OverdoseAlertsTable {
  id: Generated<string>;
  episode_key: string;
  detector: 'threshold' | 'ears';
  area_id: string | null;
  started_at: Timestamp;
  last_day: string;
  count: number;
  threshold: number | null;
  statistics: ColumnType<{ c1: number | null; c2: number | null; c3: number | null } | null, string | null, string | null>;
  acknowledged_at: Timestamp | null;
  acknowledged_by_user_id: string | null;
  annotation: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OverdoseAlertSubscriptionsTable {
  user_id: string;
  organization_id: string | null;
  created_at: Timestamp;
}

/** A published reporting week (docs/privacy.md): its counts never change once written. */
export interface OverdosePublicWeeksTable {
  week_start: string;
  published_at: Timestamp;
}

export interface OverdosePublicWeekCountsTable {
  week_start: string;
  area_id: string;
  events: number;
}

export interface OverdoseTables {
  overdose_events: OverdoseEventsTable;
  naloxone_distributions: NaloxoneDistributionsTable;
  overdose_feedback_notices: OverdoseFeedbackNoticesTable;
  overdose_area_thresholds: OverdoseAreaThresholdsTable;
  overdose_alerts: OverdoseAlertsTable;
  overdose_alert_subscriptions: OverdoseAlertSubscriptionsTable;
  overdose_public_weeks: OverdosePublicWeeksTable;
  overdose_public_week_counts: OverdosePublicWeekCountsTable;
}
