export { CdsJwtVerifier, looksLikeJwt, type CdsClient } from './cds-jwt.ts';
export { ehrAdminRoutes } from './ehr-admin.routes.ts';
export { connectionIdentifierSystem, recordCdsFeedback } from './cds-feedback.ts';
export { medicalRecordNumbers } from './patient-identifiers.ts';
export { smartRoutes } from './smart.routes.ts';
