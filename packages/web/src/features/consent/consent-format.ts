import type { Consent, ConsentStatus, ConsentType } from '@continuum/contracts';
import type { BadgeTone } from '../../ui/badge.tsx';

export const consentTypeLabels: Record<ConsentType, string> = {
  standard: 'Named recipients and purposes',
  tpo: 'Treatment, payment and health care operations (TPO)',
  counseling_notes: 'Counseling notes only',
};

export const consentStatusLabels: Record<ConsentStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft — not signed', tone: 'neutral' },
  signed: { label: 'Signed', tone: 'positive' },
  revoked: { label: 'Revoked', tone: 'negative' },
  expired: { label: 'Expired', tone: 'warning' },
};

/** "Anchor House, Harbor Clinic" or "My treating providers". */
export function recipientsText(consent: Pick<Consent, 'recipients' | 'organizationNames'>): string {
  return consent.recipients.type === 'treating_providers'
    ? 'My treating providers'
    : consent.recipients.organizationIds.map((id) => consent.organizationNames[id] ?? 'Unknown organization').join(', ');
}
