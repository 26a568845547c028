import { sql, type Kysely } from 'kysely';

/**
 * The register of agreements between members (docs/network.md): MOUs, business associate
 * agreements, qualified service organization agreements (42 CFR 2.11), data-sharing and referral
 * agreements, their parties, the pathways a referral agreement governs, and the renewal reminders
 * sent. A disclosure made under a QSOA names the agreement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table network_agreements (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('mou', 'baa', 'qsoa', 'data_sharing', 'referral')),
      title text not null,
      status text not null check (status in ('draft', 'active', 'terminated')),
      signatories jsonb not null default '[]',
      champions jsonb not null default '[]',
      data_kinds text[] not null default '{}',
      purposes text[] not null default '{}',
      scope_note text,
      effective_on date not null,
      ends_on date,
      document_ref text,
      notes text,
      terminated_on date,
      termination_reason text,
      created_at timestamptz not null,
      created_by_user_id uuid references users(id),
      updated_at timestamptz not null,
      check (ends_on is null or ends_on > effective_on)
    );
    create index network_agreements_ends_idx on network_agreements (ends_on) where status = 'active';

    create table network_agreement_parties (
      agreement_id uuid not null references network_agreements(id) on delete cascade,
      organization_id uuid not null references organizations(id),
      role text not null check (role in ('party', 'part2_program', 'service_organization', 'covered_entity', 'business_associate')),
      primary key (agreement_id, organization_id)
    );
    create index network_agreement_parties_org_idx on network_agreement_parties (organization_id);

    create table network_agreement_pathways (
      agreement_id uuid not null references network_agreements(id) on delete cascade,
      pathway_id uuid not null references referral_pathways(id),
      primary key (agreement_id, pathway_id)
    );

    create table network_agreement_reminders (
      agreement_id uuid not null references network_agreements(id) on delete cascade,
      ends_on date not null,
      days_before integer not null,
      sent_at timestamptz not null,
      primary key (agreement_id, ends_on, days_before)
    );

    alter table disclosures add column agreement_id uuid references network_agreements(id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table disclosures drop column agreement_id;
    drop table network_agreement_reminders;
    drop table network_agreement_pathways;
    drop table network_agreement_parties;
    drop table network_agreements;
  `.execute(db);
}
