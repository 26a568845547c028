import type { JobDefinition } from './job-queue.ts';
import type { ScheduledJob } from './schedule.ts';
import { purgeExpiredSessionsJob } from '../modules/identity/index.ts';
import { LISTING_VERIFICATION_DAYS, remindUnverifiedListingsJob } from '../modules/directory/index.ts';
import { expireConsentsJob } from '../modules/registry/index.ts';
import { announceAccessGrantsJob, deliverWebhookJob, sendEmailJob } from '../modules/notifications/index.ts';
import { overdoseEarsJob } from '../modules/overdose/index.ts';
import { evaluateWorklistRulesJob } from '../modules/worklist/index.ts';
import { computeMeasuresJob } from '../modules/learning/index.ts';
import { referralDeadlinesJob } from '../modules/referrals/index.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@continuum/contracts';
import { purgeExpiredLinkageJobs, runLinkageJob } from '../modules/linkage/index.ts';
import { indexPeopleJob } from '../modules/person-index/index.ts';
import { pickUpFeedFilesJob, quietFeedsJob } from '../modules/feeds/index.ts';
import { runScenarioJob } from '../modules/scenarios/index.ts';
import { remindEndingAgreementsJob, remindExpiringTrainingJob } from '../modules/network/index.ts';

/** Every job the runner knows. Modules add their definitions here. */
export const jobRegistry: ReadonlyMap<string, JobDefinition> = new Map(
  [
    purgeExpiredSessionsJob as JobDefinition,
    remindUnverifiedListingsJob as JobDefinition,
    expireConsentsJob as JobDefinition,
    sendEmailJob as JobDefinition,
    deliverWebhookJob as JobDefinition,
    announceAccessGrantsJob as JobDefinition,
    overdoseEarsJob as JobDefinition,
    evaluateWorklistRulesJob as JobDefinition,
    referralDeadlinesJob as JobDefinition,
    computeMeasuresJob as JobDefinition,
    runLinkageJob as JobDefinition,
    purgeExpiredLinkageJobs as JobDefinition,
    indexPeopleJob as JobDefinition,
    quietFeedsJob as JobDefinition,
    pickUpFeedFilesJob as JobDefinition,
    runScenarioJob as JobDefinition,
    remindEndingAgreementsJob as JobDefinition,
    remindExpiringTrainingJob as JobDefinition,
  ].map((j) => [j.name, j]),
);

/** Periodic jobs; each slot runs once, whichever process enqueues it first. */
export const jobSchedules: readonly ScheduledJob[] = [
  { job: purgeExpiredSessionsJob as JobDefinition, everyMs: HOUR_MS, payload: { olderThanDays: 30 } },
  // Listings not verified for 90 days get a reminder, checked daily.
  { job: remindUnverifiedListingsJob as JobDefinition, everyMs: DAY_MS, payload: { days: LISTING_VERIFICATION_DAYS } },
  // Consents past their expiry date are marked expired (reads already treat them so), hourly.
  { job: expireConsentsJob as JobDefinition, everyMs: HOUR_MS, payload: {} },
  // EARS C1/C2/C3 on daily overdose counts per area and region, hourly (the threshold rule runs on every event).
  { job: overdoseEarsJob as JobDefinition, everyMs: HOUR_MS, payload: { evaluateDays: 2 } },
  // Drop-out signals (custody release without MOUD, overdose, MOUD gap, missed appointment) → outreach tasks, every 15 minutes.
  { job: evaluateWorklistRulesJob as JobDefinition, everyMs: 15 * MINUTE_MS, payload: {} },
  // Referrals past their acknowledgment, first-contact or appointment deadline: remind the receiver, escalate, every 15 minutes.
  { job: referralDeadlinesJob as JobDefinition, everyMs: 15 * MINUTE_MS, payload: {} },
  // The cascade and every measure for the last 24 months, stored for the dashboard, daily (recompute on demand: POST /api/learning/recompute).
  { job: computeMeasuresJob as JobDefinition, everyMs: DAY_MS, payload: {} },
  // Analyst linkage jobs and their uploaded files past LINKAGE_RETENTION_DAYS (30) are deleted, daily.
  { job: purgeExpiredLinkageJobs as JobDefinition, everyMs: DAY_MS, payload: {} },
  // New and changed registry people scored against the network person index, every 5 minutes.
  { job: indexPeopleJob as JobDefinition, everyMs: 5 * MINUTE_MS, payload: {} },
  // Feeds with no message within their window (default 4 hours): an alert to the organization's administrators, every 5 minutes.
  { job: quietFeedsJob as JobDefinition, everyMs: 5 * MINUTE_MS, payload: {} },
  // Roster, PDMP and death-record files dropped in CONTINUUM_FEEDS_PICKUP_DIR/<feed id>/ (when set), every minute.
  { job: pickUpFeedFilesJob as JobDefinition, everyMs: MINUTE_MS, payload: {} },
  // Administrators' self-grants waiting for a second administrator: told to the privacy officers, every minute.
  { job: announceAccessGrantsJob as JobDefinition, everyMs: MINUTE_MS, payload: {} },
  // Agreements ending in 60, 30 or 7 days: their parties' administrators and the network administrators are reminded, daily.
  { job: remindEndingAgreementsJob as JobDefinition, everyMs: DAY_MS, payload: {} },
  // Training completions expiring within 30 days and not renewed: the staff member is told once, daily.
  { job: remindExpiringTrainingJob as JobDefinition, everyMs: DAY_MS, payload: {} },
];
