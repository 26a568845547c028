import { sql, type Kysely } from 'kysely';

/**
 * EHR connections (docs/integration.md, "Connecting an EHR"): one row per EHR that calls the CDS
 * Hooks services with a signed JWT (its `iss`, JWK Set URL or registered public keys, tenants) and/or
 * launches Continuum as a SMART app (its FHIR base URL, client id and secret). Each acts for one
 * organization with the roles granted. `ehr_user_links` maps the EHR's `fhirUser` to a Continuum
 * user; `cds_jwt_ids` holds each accepted JWT's `jti` until it expires (replay refused);
 * `cds_feedback` stores what clinicians did with the cards; `smart_launches` holds a launch's
 * state, PKCE verifier and nonce for the few minutes between redirect and callback.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ehr_connections (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      organization_id uuid not null references organizations(id),
      roles text[] not null,
      cds_issuer text unique,
      cds_jwks_url text,
      cds_public_keys jsonb,
      cds_tenants text[],
      smart_fhir_base_url text unique,
      smart_client_id text,
      smart_client_secret text,
      smart_scopes text,
      identifier_system text,
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );

    create table ehr_user_links (
      id uuid primary key default gen_random_uuid(),
      connection_id uuid not null references ehr_connections(id),
      fhir_user text not null,
      user_id uuid not null references users(id),
      created_at timestamptz not null,
      unique (connection_id, fhir_user)
    );

    create table cds_jwt_ids (
      issuer text not null,
      jti text not null,
      expires_at timestamptz not null,
      primary key (issuer, jti)
    );
    create index cds_jwt_ids_expires_idx on cds_jwt_ids (expires_at);

    create table cds_feedback (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id),
      connection_id uuid references ehr_connections(id),
      service_id text not null,
      card_uuid text not null,
      outcome text not null check (outcome in ('accepted', 'overridden')),
      accepted_suggestions text[] not null default '{}',
      override_reason_code text,
      override_reason_system text,
      override_comment text,
      outcome_at timestamptz not null,
      received_at timestamptz not null
    );
    create index cds_feedback_service_idx on cds_feedback (service_id, received_at desc);

    create table smart_launches (
      id uuid primary key default gen_random_uuid(),
      state_hash text not null unique,
      connection_id uuid not null references ehr_connections(id),
      code_verifier text not null,
      nonce text not null,
      target text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
  `.execute(db);
}
