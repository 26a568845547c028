export { portalRoutes } from './portal.routes.ts';
export { portalCareRoutes } from './portal-care.routes.ts';
export { findPortalSession, touchPortalSession } from './portal-session.ts';
export { type PortalAccountRow, type PortalSessionRow } from './portal.table.ts';
