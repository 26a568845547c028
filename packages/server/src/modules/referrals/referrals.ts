import { referralStateLabels, type CareEventInput, type ReferralState, type Role } from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import { type AccessContext } from '../../core/access-context.ts';
import { type Side } from './referral-state.ts';
import type { ReferralRow } from './referrals.table.ts';

/*
 * The referral service: send (consent before send), read and list through the consent chokepoint,
 * transitions by the pure state machine, warm handoffs. Every change is audited, written to the
 * person's timeline as care events (source `referrals`) and notified to the other side without
 * personal data.
 */

/** Roles that send, receive and act on referrals. */
export const REFERRAL_ROLES: readonly Role[] = ['clinician', 'care_navigator', 'partner_staff'];
/** Who at the receiving organization hears about a new or overdue referral. */
export const RECEIVER_STAFF: Role[] = ['clinician', 'care_navigator', 'partner_staff'];

export const referralNotFound = () => new AppError('REFERRAL_NOT_FOUND', { message: 'No such referral, or you may not see it.' });

export function requireReferralRole(access: AccessContext): string {
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  if (!access.roles.some((r) => REFERRAL_ROLES.includes(r)))
    throw new AppError('FORBIDDEN', { message: 'Your role does not include referrals.' });
  return access.organizationId;
}

export function sideOf(
  row: Pick<ReferralRow, 'sender_organization_id' | 'receiver_organization_id'>,
  organizationId: string | null,
): Side | null {
  if (organizationId === null) return null;
  if (row.receiver_organization_id === organizationId) return 'receiver';
  if (row.sender_organization_id === organizationId) return 'sender';
  return null;
}

export function referralCareEvent(
  referralId: string,
  status: ReferralState,
  serviceName: string,
  serviceKind: string,
  at: Date,
  step: string,
): CareEventInput {
  return {
    type: 'referral',
    occurredAt: at.toISOString(),
    title: `Referral ${referralStateLabels[status].toLowerCase()}: ${serviceName}`.slice(0, 200),
    data: { referralId, status, service: serviceName.slice(0, 200), serviceKind },
    externalId: `referral:${referralId}:${step}`,
  };
}
