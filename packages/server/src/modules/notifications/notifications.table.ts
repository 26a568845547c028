import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { NotificationKind } from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  organization_id: string | null;
  kind: NotificationKind;
  title: string;
  body: string | null;
  link: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  notification_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  status: 'queued' | 'sent' | 'local' | 'skipped' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface WebhookSubscriptionsTable {
  id: Generated<string>;
  organization_id: string;
  url: string;
  kinds: NotificationKind[];
  secret: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  created_by_user_id: string | null;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  subscription_id: string;
  event_id: string;
  kind: NotificationKind;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  status: 'queued' | 'delivered' | 'failed';
  attempts: Generated<number>;
  response_status: number | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}
