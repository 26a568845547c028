import type { ColumnType } from 'kysely';
import type { AuditEventsTable, AuditHeadTable } from '../modules/audit/audit.table.ts';
import type { ApiTokensTable, MembershipsTable, SessionsTable, UsersTable } from '../modules/identity/identity.table.ts';
import type { LocationsTable, OrganizationsTable } from '../modules/organizations/organization.table.ts';
import type { AreasTable, PeopleTable } from '../modules/registry/person.table.ts';
import type { JobsTable } from '../jobs/job.table.ts';
import type { DirectoryTables } from '../modules/directory/directory.table.ts';

/** The database, assembled from each module's table types. */
export interface Database extends DirectoryTables {
  organizations: OrganizationsTable;
  locations: LocationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  areas: AreasTable;
  people: PeopleTable;
  settings: { key: string; value: ColumnType<unknown, string, string> };
}
