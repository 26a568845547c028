/**
 * Partner scorecards' front door (docs/network.md, "Partner scorecards"): per partner and per
 * pathway, measures from referrals and the directory against the network's targets, per quarter
 * with monthly run charts. Reads referrals only through the referrals module's scorecard source.
 */
export { listScorecardPartners, readScorecard } from './scorecard.ts';
export { scorecardRoutes } from './scorecards.routes.ts';
export { listTargets, setTarget } from './scorecard-targets.ts';
