export { organizationRoutes } from './organization.routes.ts';
export { changedFields, getOrganization } from './organizations.ts';
