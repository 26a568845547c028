/**
 * @continuum/contracts — the single source of request, response and vocabulary schemas shared by the
 * server, the web app and the CLI. No Node and no DOM APIs here.
 */
// First: the browser's Zod setting, before any schema is built (strict-csp.ts).
import './strict-csp.ts';
export * from './errors.ts';
export * from './calendar.ts';
export * from './csv.ts';
export * from './roles.ts';
export * from './role-rules.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './admin.ts';
export * from './health.ts';
export * from './registry.ts';
export * from './care-team.ts';
export * from './consent.ts';
export * from './part2-notice.ts';
export * from './portal.ts';
export * from './portal-care.ts';
export * from './directory.ts';
export * from './safety.ts';
export * from './safety-report.ts';
export * from './notifications.ts';
export * from './screening-instruments.ts';
export * from './care-events.ts';
export * from './touchpoints.ts';
export * from './worklist.ts';
export * from './person-index.ts';
export * from './person-first-language.ts';
export * from './learning.ts';
export * from './expected-trajectory.ts';
export * from './referral-lifecycle.ts';
export * from './referrals.ts';
export * from './overdose.ts';
export * from './linkage-jobs.ts';
export * from './ehr.ts';
export * from './feeds.ts';
export * from './gaps.ts';
export * from './gaps-hubs.ts';
export * from './geography.ts';
export * from './scenarios.ts';
export * from './network.ts';
export * from './network-training.ts';
export * from './network-scorecards.ts';
