export { CdsJwtVerifier, looksLikeJwt, type CdsClient } from './cds-jwt.ts';
export { ehrAdminRoutes } from './ehr-admin.routes.ts';
export { connectionIdentifierSystem, recordCdsFeedback } from './cds-feedback.ts';
