export { auditRoutes } from './audit.routes.ts';
export { recordAudit, verifyAuditChain } from './audit.ts';
