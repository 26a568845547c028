export { insertPathway } from './pathways.ts';
export { referralDeadlinesJob } from './referral-deadlines.ts';
export { referralFhirRoutes } from './referral-fhir.routes.ts';
export { currentDeadline, referralDeadlines, serviceKindOf } from './referral-rules.ts';
export { referralRoutes } from './referrals.routes.ts';
export { listOwnReferrals, readOwnAppointment } from './referral-own.ts';
export { scorecardPathways, scorecardReferralRows } from './scorecard-source.ts';
export type { ScorecardReferralRow } from './scorecard-row.ts';
export { pathwayLinksInForce, referralFlowsBetween, type PathwayLinkRow } from './referral-links.ts';
