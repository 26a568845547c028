export { organizationRoutes } from './organization.routes.ts';
export { changedFields, getOrganization, organizationNames } from './organizations.ts';
