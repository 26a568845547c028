import type { Migration } from 'kysely';
import * as createPlatform from './2026-11-23T0900-create-platform.ts';
import * as createAreasAndPeople from './2026-11-23T0910-create-areas-and-people.ts';
import * as createRegistryAndConsent from './2026-11-23T1000-create-registry-and-consent.ts';
import * as createNotifications from './2026-11-23T1300-create-notifications.ts';
import * as indexPeopleMergedInto from './2026-11-23T1400-index-people-merged-into.ts';
import * as careEvents from './2026-11-23T1450-care-events.ts';
import * as createWorklist from './2026-11-23T1460-create-worklist.ts';
import * as worklistSignalSource from './2026-11-23T1600-worklist-signal-source.ts';
import * as createReferrals from './2026-11-23T1500-create-referrals.ts';
import * as referralTransitionOrder from './2026-11-23T1510-referral-transition-order.ts';
import * as referralNextDeadline from './2026-11-23T1520-referral-next-deadline.ts';
import * as createDirectory from './2026-11-23T1100-create-directory.ts';
import * as createDirectoryRevisions from './2026-11-23T1100-create-directory-revisions.ts';
import * as createOverdose from './2026-11-23T1800-create-overdose.ts';
import * as createLearning from './2026-11-23T1700-create-learning.ts';
import * as createLinkageJobs from './2026-12-07T0100-create-linkage-jobs.ts';
import * as createPersonIndex from './2026-12-07T0130-create-person-index.ts';
import * as createEhrConnections from './2026-12-07T0300-create-ehr-connections.ts';
import * as createFeeds from './2026-12-07T0300-create-feeds.ts';
import * as indexSourceRecordNames from './2026-12-07T0400-index-source-record-names.ts';
import * as feedKindPdmp from './2026-12-07T0500-feed-kind-pdmp.ts';
import * as smartLaunchPrefill from './2026-12-07T0600-smart-launch-prefill.ts';
import * as overdosePublicWeeks from './2026-12-07T0610-overdose-public-weeks.ts';
import * as accessGrants from './2026-12-07T1400-access-grants.ts';
import * as gapsAreaBoundaries from './2026-12-07T1351-gaps-area-boundaries.ts';
import * as accessCareTeamPending from './2026-12-07T1310-access-care-team-pending.ts';
import * as createGaps from './2026-12-07T0700-create-gaps.ts';
import * as scenariosCreateRuns from './2026-12-07T1300-scenarios-create-runs.ts';
import * as networkAgreements from './2026-12-07T1610-network-agreements.ts';
import * as networkTraining from './2026-12-07T1700-network-training.ts';
import * as trajectoryExpectedTrajectories from './2026-12-07T1900-trajectory-expected-trajectories.ts';
import * as datainFeedTimeZone from './2026-12-07T1320-datain-feed-time-zone.ts';
import * as auditKeyedChain from './2026-12-07T1410-audit-keyed-chain.ts';
import * as sequencerAuditChainSequencer from './2026-12-07T1600-sequencer-audit-chain-sequencer.ts';
import * as portalAccounts from './2026-12-07T1620-portal-accounts.ts';

/**
 * Every migration, in order. Forward-only: a migration is never edited once merged; a change is a
 * new file. Names sort by their timestamp.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23T0900-create-platform': createPlatform,
  '2026-11-23T0910-create-areas-and-people': createAreasAndPeople,
  '2026-11-23T1000-create-registry-and-consent': createRegistryAndConsent,
  '2026-11-23T1100-create-directory': createDirectory,
  '2026-11-23T1100-create-directory-revisions': createDirectoryRevisions,
  '2026-11-23T1300-create-notifications': createNotifications,
  '2026-11-23T1400-index-people-merged-into': indexPeopleMergedInto,
  '2026-11-23T1450-care-events': careEvents,
  '2026-11-23T1460-create-worklist': createWorklist,
  '2026-11-23T1500-create-referrals': createReferrals,
  '2026-11-23T1510-referral-transition-order': referralTransitionOrder,
  '2026-11-23T1520-referral-next-deadline': referralNextDeadline,
  '2026-11-23T1600-worklist-signal-source': worklistSignalSource,
  '2026-11-23T1700-create-learning': createLearning,
  '2026-11-23T1800-create-overdose': createOverdose,
  '2026-12-07T0100-create-linkage-jobs': createLinkageJobs,
  '2026-12-07T0130-create-person-index': createPersonIndex,
  '2026-12-07T0300-create-ehr-connections': createEhrConnections,
  '2026-12-07T0300-create-feeds': createFeeds,
  '2026-12-07T0400-index-source-record-names': indexSourceRecordNames,
  '2026-12-07T0500-feed-kind-pdmp': feedKindPdmp,
  '2026-12-07T0600-smart-launch-prefill': smartLaunchPrefill,
  '2026-12-07T0610-overdose-public-weeks': overdosePublicWeeks,
  '2026-12-07T0700-create-gaps': createGaps,
  '2026-12-07T1300-scenarios-create-runs': scenariosCreateRuns,
  '2026-12-07T1310-access-care-team-pending': accessCareTeamPending,
  '2026-12-07T1320-datain-feed-time-zone': datainFeedTimeZone,
  '2026-12-07T1351-gaps-area-boundaries': gapsAreaBoundaries,
  '2026-12-07T1400-access-grants': accessGrants,
  '2026-12-07T1410-audit-keyed-chain': auditKeyedChain,
  '2026-12-07T1600-sequencer-audit-chain-sequencer': sequencerAuditChainSequencer,
  '2026-12-07T1610-network-agreements': networkAgreements,
  '2026-12-07T1620-portal-accounts': portalAccounts,
  '2026-12-07T1700-network-training': networkTraining,
  '2026-12-07T1900-trajectory-expected-trajectories': trajectoryExpectedTrajectories,
};
