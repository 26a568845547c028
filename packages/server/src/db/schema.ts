import type { ColumnType } from 'kysely';
import type { AuditEventsTable, AuditHeadTable } from '../modules/audit/audit.table.ts';
import type { AccessGrantsTable, ApiTokensTable, MembershipsTable, SessionsTable, UsersTable } from '../modules/identity/identity.table.ts';
import type { LocationsTable, OrganizationsTable } from '../modules/organizations/organization.table.ts';
import type {
  AreasTable,
  BreakGlassGrantsTable,
  CareTeamMembersTable,
  ConsentHistoryTable,
  ConsentsTable,
  DisclosuresTable,
  PeopleTable,
  PersonAddressesTable,
  PersonEventsTable,
  PersonIdentifiersTable,
  PersonMergesTable,
  PersonNamesTable,
} from '../modules/registry/person.table.ts';
import type { JobsTable } from '../jobs/job.table.ts';
import type {
  EmailOutboxTable,
  NotificationsTable,
  WebhookDeliveriesTable,
  WebhookSubscriptionsTable,
} from '../modules/notifications/notifications.table.ts';
import type { DirectoryTables } from '../modules/directory/directory.table.ts';
import type { LearningTables } from '../modules/learning/learning.table.ts';
import type { WorklistTables } from '../modules/worklist/worklist.table.ts';
import type { ReferralTables } from '../modules/referrals/referrals.table.ts';
import type { OverdoseTables } from '../modules/overdose/overdose.table.ts';
import type { PersonIndexTables } from '../modules/person-index/person-index.table.ts';
import type { FeedTables } from '../modules/feeds/feeds.table.ts';
import type { GapsTables } from '../modules/gaps/gaps.table.ts';
import type { GeographyTables } from '../modules/geography/geography.table.ts';
import type { NetworkTables } from '../modules/network/network.table.ts';
import type { ScenariosTables } from '../modules/scenarios/scenarios.table.ts';
import type { EhrTables } from '../modules/ehr/ehr.table.ts';
import type { LinkageJobTables } from '../modules/linkage/jobs/linkage-jobs.table.ts';
import type { PortalTables } from '../modules/portal/portal.table.ts';

/** The database, assembled from each module's table types. */
export interface Database
  extends
    DirectoryTables,
    WorklistTables,
    OverdoseTables,
    LearningTables,
    ReferralTables,
    LinkageJobTables,
    PersonIndexTables,
    EhrTables,
    FeedTables,
    GapsTables,
    GeographyTables,
    NetworkTables,
    ScenariosTables,
    PortalTables {
  organizations: OrganizationsTable;
  locations: LocationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  access_grants: AccessGrantsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  areas: AreasTable;
  people: PeopleTable;
  person_names: PersonNamesTable;
  person_addresses: PersonAddressesTable;
  person_identifiers: PersonIdentifiersTable;
  care_team_members: CareTeamMembersTable;
  person_events: PersonEventsTable;
  person_merges: PersonMergesTable;
  consents: ConsentsTable;
  consent_history: ConsentHistoryTable;
  break_glass_grants: BreakGlassGrantsTable;
  disclosures: DisclosuresTable;
  notifications: NotificationsTable;
  email_outbox: EmailOutboxTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  settings: { key: string; value: ColumnType<unknown, string, string> };
}
