export { CdsJwtVerifier, looksLikeJwt, type CdsClient } from './cds-jwt.ts';
export { ehrAdminRoutes } from './ehr-admin.routes.ts';
export { connectionIdentifierSystem, recordCdsFeedback } from './cds-feedback.ts';
export { medicalRecordNumbers } from './patient-identifiers.ts';
export { patientPrefill } from './patient-prefill.ts';
export { smartRoutes } from './smart.routes.ts';
export { sealStoredEhrSecrets } from './connections.ts';
