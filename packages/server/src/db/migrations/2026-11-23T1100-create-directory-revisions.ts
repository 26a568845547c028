import { sql, type Kysely } from 'kysely';

/**
 * A revision number per part of the directory, bumped by statement-level triggers on every write,
 * so the public locator can keep the directory in memory and reload it only after a change — from
 * any process (the server, a job runner, `continuum directory import-hsds`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table directory_revisions (
      part text primary key,
      revision bigint not null
    );
    insert into directory_revisions (part, revision) values ('listings', 0), ('capacity', 0);

    create function directory_bump_revision() returns trigger language plpgsql as $$
    begin
      update directory_revisions set revision = revision + 1 where part = TG_ARGV[0];
      return null;
    end
    $$;

    create trigger directory_organizations_revision after insert or update or delete on directory_organizations
      for each statement execute function directory_bump_revision('listings');
    create trigger directory_locations_revision after insert or update or delete on directory_locations
      for each statement execute function directory_bump_revision('listings');
    create trigger directory_services_revision after insert or update or delete on directory_services
      for each statement execute function directory_bump_revision('listings');
    create trigger directory_service_at_locations_revision after insert or update or delete on directory_service_at_locations
      for each statement execute function directory_bump_revision('listings');
    create trigger directory_schedules_revision after insert or update or delete on directory_schedules
      for each statement execute function directory_bump_revision('listings');
    create trigger directory_capacities_revision after insert or update or delete on directory_capacities
      for each statement execute function directory_bump_revision('capacity');
  `.execute(db);
}
