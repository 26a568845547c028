import { sql, type Kysely } from 'kysely';

/**
 * Person-level access an administrator grants to themselves — a clinical role on their own
 * membership, or an API token with a person-level role — waits for a second administrator
 * (docs/privacy.md, "Administrators granting themselves access"). The grant's roles are not in
 * effect, and the token does not authenticate, until approved; a membership may so hold no role yet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table access_grants (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('membership', 'api_token')),
      organization_id uuid not null references organizations(id),
      user_id uuid references users(id),
      membership_id uuid references memberships(id) on delete cascade,
      api_token_id uuid references api_tokens(id) on delete cascade,
      roles text[] not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      requested_by_user_id uuid not null references users(id),
      requested_at timestamptz not null,
      decided_by_user_id uuid references users(id),
      decided_at timestamptz,
      -- When the privacy officers were told (notifications.announce-access-grants).
      announced_at timestamptz,
      check ((kind = 'membership') = (membership_id is not null)),
      check ((kind = 'api_token') = (api_token_id is not null))
    );
    create index access_grants_pending_idx on access_grants (organization_id) where status = 'pending';
    create index access_grants_membership_idx on access_grants (membership_id);
    alter table api_tokens add column awaiting_approval boolean not null default false;
    -- A membership an administrator gave themselves with only person-level roles has none in effect until approved.
    alter table memberships drop constraint memberships_roles_check;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table access_grants;
    alter table api_tokens drop column awaiting_approval;
    alter table memberships add constraint memberships_roles_check check (cardinality(roles) > 0);
  `.execute(db);
}
