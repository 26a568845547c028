import { sql, type Kysely } from 'kysely';

/** The in-app inbox, the email outbox (and development mailbox), and webhook subscriptions with their deliveries. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      organization_id uuid references organizations(id),
      kind text not null,
      title text not null,
      body text,
      link text,
      dedupe_key text,
      created_at timestamptz not null,
      read_at timestamptz,
      unique (user_id, dedupe_key)
    );
    create index notifications_user_idx on notifications (user_id, created_at desc);

    create table email_outbox (
      id uuid primary key default gen_random_uuid(),
      notification_id uuid references notifications(id),
      to_address text not null,
      subject text not null,
      text_body text not null,
      status text not null check (status in ('queued', 'sent', 'local', 'skipped', 'failed')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null,
      sent_at timestamptz
    );
    create index email_outbox_created_idx on email_outbox (created_at desc);

    create table webhook_subscriptions (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id),
      url text not null,
      kinds text[] not null,
      secret text not null,
      active boolean not null default true,
      created_at timestamptz not null,
      created_by_user_id uuid references users(id)
    );
    create index webhook_subscriptions_org_idx on webhook_subscriptions (organization_id);

    create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      subscription_id uuid not null references webhook_subscriptions(id),
      event_id uuid not null,
      kind text not null,
      payload jsonb not null,
      status text not null check (status in ('queued', 'delivered', 'failed')),
      attempts integer not null default 0,
      response_status integer,
      created_at timestamptz not null,
      delivered_at timestamptz
    );
    create index webhook_deliveries_subscription_idx on webhook_deliveries (subscription_id, created_at desc);
  `.execute(db);
}
