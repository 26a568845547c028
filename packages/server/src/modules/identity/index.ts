export { identityAdminRoutes } from './admin.routes.ts';
export { grantsToAnnounce, markGrantsAnnounced } from './access-grants.ts';
export { resolveApiToken } from './api-tokens.ts';
export { authRoutes } from './auth.routes.ts';
export { purgeExpiredSessionsJob } from './identity.jobs.ts';
export { type SessionRow } from './identity.table.ts';
export { hashPassword } from './passwords.ts';
export { hashToken, newToken, safeEqual } from './secrets.ts';
export { findSessionByToken, sessionState, touchSession } from './session.ts';
export { assertPasswordPolicy } from './users.ts';
export { bootstrapNetworkAdministrator, type BootstrapInput } from './bootstrap.ts';
export {
  activeMemberships,
  anyoneHoldsRole,
  isActiveUser,
  membersAmong,
  membershipRoles,
  organizationsWithRole,
  userDisplayName,
  userDisplayNameOf,
  userDisplayNames,
  userEmails,
  type ActiveMembership,
} from './user-lookups.ts';
export { setSessionCookie } from './auth.routes.ts';
export { openLaunchSession } from './launch-session.ts';
