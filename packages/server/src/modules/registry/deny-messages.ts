import type { DenyReason } from '@continuum/contracts';

/** Words for a denied kind of record: what the UI shows in place of it. */
export const denyMessages: Record<DenyReason, string> = {
  ROLE_NOT_PERMITTED: 'Restricted — your role does not include person-level records.',
  ANALYST_AGGREGATES_ONLY: 'Restricted — analysts see aggregate figures only.',
  NO_RELATIONSHIP: 'Restricted — consent needed.',
  NO_CONSENT: 'Restricted — consent needed.',
  CONSENT_NOT_SIGNED: 'Restricted — consent needed (the consent is not signed yet).',
  CONSENT_EXPIRED: 'Restricted — consent needed (the consent has expired).',
  CONSENT_REVOKED: 'Restricted — consent needed (the consent was revoked).',
  WRONG_DISCLOSER: 'Restricted — consent needed (the consent does not cover this source).',
  WRONG_RECIPIENT: 'Restricted — consent needed (the consent does not name your organization).',
  NO_TREATING_RELATIONSHIP: 'Restricted — consent needed (a treating relationship is required).',
  WRONG_PURPOSE: 'Restricted — consent needed (the consent does not cover this purpose).',
  KIND_NOT_COVERED: 'Restricted — consent needed (the consent does not cover this kind of record).',
  COUNSELING_NOTES_NEED_OWN_CONSENT: 'Restricted — counseling notes need their own consent.',
  PART2_TRAINING_REQUIRED: 'Restricted — current 42 CFR Part 2 privacy training is required to see these records.',
};
