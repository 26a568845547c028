import { z } from 'zod';

/**
 * Navigator worklists: outreach tasks made from drop-out signals (and by hand), each with a due
 * time and an owner. Tasks are person-level data and are read through the consent chokepoint.
 */
export const worklistTaskKinds = [
  'referral_not_acknowledged',
  'no_show',
  'custody_release_no_moud',
  'post_overdose',
  'moud_gap',
  'manual',
] as const;
export const worklistTaskKindSchema = z.enum(worklistTaskKinds);
export type WorklistTaskKind = z.infer<typeof worklistTaskKindSchema>;

export const worklistTaskKindLabels: Record<WorklistTaskKind, string> = {
  referral_not_acknowledged: 'Referral not acknowledged in time',
  no_show: 'Missed appointment',
  custody_release_no_moud: 'Released from custody, no MOUD contact',
  post_overdose: 'Post-overdose outreach',
  moud_gap: 'Gap in medication for OUD',
  manual: 'Outreach',
};

export const worklistTaskStatuses = ['open', 'snoozed', 'done'] as const;
export const worklistTaskStatusSchema = z.enum(worklistTaskStatuses);
export type WorklistTaskStatus = z.infer<typeof worklistTaskStatusSchema>;

/** How a task ended. Post-overdose outreach records reached / accepted naloxone / accepted referral / declined. */
export const worklistTaskOutcomes = [
  'reached',
  'accepted_naloxone',
  'accepted_referral',
  'reengaged_in_care',
  'declined',
  'unable_to_reach',
  'not_needed',
] as const;
export const worklistTaskOutcomeSchema = z.enum(worklistTaskOutcomes);
export type WorklistTaskOutcome = z.infer<typeof worklistTaskOutcomeSchema>;

/** What a task came from, so the worklist can link to it. */
export const worklistSourceTypes = ['referral', 'overdose_event', 'care_event', 'none'] as const;
export type WorklistSourceType = (typeof worklistSourceTypes)[number];
