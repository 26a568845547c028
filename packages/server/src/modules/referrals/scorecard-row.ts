import type { ReferralState } from '@continuum/contracts';

/** One referral as the partner scorecards read it: no person, only the organizations, timings and outcome. */
export interface ScorecardReferralRow {
  pathwayId: string;
  senderOrganizationId: string;
  receiverOrganizationId: string;
  sentAt: Date;
  ackDueAt: Date;
  acknowledgedAt: Date | null;
  acceptedAt: Date | null;
  /** The first appointment scheduled (the earliest `schedule` transition's appointment). */
  firstAppointmentAt: Date | null;
  attended: boolean;
  status: ReferralState;
  statusReason: string | null;
}
