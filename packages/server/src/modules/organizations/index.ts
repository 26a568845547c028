export { organizationRoutes } from './organization.routes.ts';
export { changedFields, getOrganization, insertOrganization } from './organizations.ts';
export {
  findOrganization,
  firstLocatedPoint,
  organizationIdsByNameOrId,
  knownOrganizationIds,
  organizationContacts,
  organizationIsActive,
  organizationNameOf,
  organizationNames,
  organizationTypeOf,
  organizationTypes,
  requireOrganization,
  type OrganizationSummary,
} from './organization-lookups.ts';
