export { auditRoutes } from './audit.routes.ts';
export { recordAudit, verifyAuditChain } from './audit.ts';
export { auditKeyring, keyringFromKey, keyringOf, withAuditKey, AuditKeyError, type AuditKeyring } from './audit-key.ts';
export { startAuditCheckpoints, writeAuditCheckpoint } from './audit-checkpoint.ts';
export { chainPendingAudit, drainAuditSequencer, startAuditSequencer, type AuditSequencer } from './audit-sequencer.ts';
