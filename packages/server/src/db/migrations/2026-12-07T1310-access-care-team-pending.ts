import { sql, type Kysely } from 'kysely';

/**
 * Care-team links another organization adds wait for confirmation before they count for access
 * (docs/privacy.md, "Care-team links"): the person's consent naming the organization, an accepted
 * referral to it or a privacy officer's approval. Existing links stay active.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table care_team_members
      add column status text not null default 'active' check (status in ('active', 'pending')),
      add column added_by_organization_id uuid references organizations(id),
      add column added_by_user_id uuid references users(id),
      add column confirmed_by text check (confirmed_by in ('consent', 'referral', 'privacy_officer')),
      add column confirmed_at timestamptz,
      add column confirmed_by_user_id uuid references users(id);
    create index care_team_members_pending_idx on care_team_members (added_by_organization_id) where status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index care_team_members_pending_idx;
    alter table care_team_members
      drop column status, drop column added_by_organization_id, drop column added_by_user_id,
      drop column confirmed_by, drop column confirmed_at, drop column confirmed_by_user_id;
  `.execute(db);
}
