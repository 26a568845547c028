import type { ConsentStatus } from '@continuum/contracts';

/** What can happen to a consent. */
export const consentEvents = ['edit', 'sign', 'revoke', 'expire'] as const;
export type ConsentEvent = (typeof consentEvents)[number];

/**
 * The consent lifecycle: draft → signed → revoked or expired. Only a draft is edited; only a
 * signed consent is revoked (42 CFR 2.31(a)(6): the right to revoke) or expires (2.31(a)(7): a
 * date or an event). Revoked and expired are final: a new consent is a new record. Returns the new
 * status, or null when the event is not allowed in this state.
 */
export function nextConsentStatus(status: ConsentStatus, event: ConsentEvent): ConsentStatus | null {
  switch (event) {
    case 'edit':
      return status === 'draft' ? 'draft' : null;
    case 'sign':
      return status === 'draft' ? 'signed' : null;
    case 'revoke':
      return status === 'signed' ? 'revoked' : null;
    case 'expire':
      return status === 'signed' ? 'expired' : null;
  }
}
