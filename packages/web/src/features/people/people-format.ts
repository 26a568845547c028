import { careTeamRoleLabels, type DenyReason } from '@continuum/contracts';

export const sexLabels = { female: 'Female', male: 'Male', unknown: 'Not recorded' } as const;

export const careTeamRoleOptions = Object.entries(careTeamRoleLabels).map(([value, label]) => ({ value, label }));

/** Why something is restricted, in plain words (the marker also carries the server's own message). */
export const denyReasonLabels: Record<DenyReason, string> = {
  ROLE_NOT_PERMITTED: 'Your role does not include this information.',
  ANALYST_AGGREGATES_ONLY: 'Analysts see totals only.',
  NO_RELATIONSHIP: 'Your organization is not on this person’s care team.',
  NO_CONSENT: 'There is no consent that shares this with your organization.',
  CONSENT_NOT_SIGNED: 'The consent has not been signed yet.',
  CONSENT_EXPIRED: 'The consent that shared this has expired.',
  CONSENT_REVOKED: 'The person revoked the consent that shared this.',
  WRONG_DISCLOSER: 'The consent does not cover the organization that holds this.',
  WRONG_RECIPIENT: 'The consent does not name your organization.',
  NO_TREATING_RELATIONSHIP: 'The consent covers treating providers, and your organization is not one.',
  WRONG_PURPOSE: 'The consent does not cover this purpose.',
  KIND_NOT_COVERED: 'The consent does not cover this kind of information.',
  COUNSELING_NOTES_NEED_OWN_CONSENT: 'Counseling notes need a consent of their own.',
  PART2_TRAINING_REQUIRED: 'Your 42 CFR Part 2 privacy training is not current; the network requires it to see these records.',
};
