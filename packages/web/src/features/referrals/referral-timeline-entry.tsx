import { referralStates, type ReferralState, type TimelineEntry } from '@continuum/contracts';
import { Link } from 'react-router-dom';
import { Badge } from '../../ui/badge.tsx';
import { statusLabel, statusTone } from './referral-format.ts';

const serviceKindLabels: Record<string, string> = {
  moud: 'Medication for OUD',
  withdrawal_management: 'Withdrawal management',
  behavioral_health: 'Behavioral health',
  peer_support: 'Peer support',
  recovery_housing: 'Recovery housing',
  harm_reduction: 'Harm reduction',
  other: 'Other service',
};

const isState = (value: unknown): value is ReferralState =>
  typeof value === 'string' && (referralStates as readonly string[]).includes(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/**
 * What a referral entry on the person's timeline says beyond its title: the status, the service
 * and its kind, and a link to the referral. Appointment entries from a referral say whether the
 * person attended. Other entries render nothing here.
 */
export function ReferralEntryDetail({ entry }: { entry: Pick<TimelineEntry, 'type' | 'data'> }) {
  const referralId = text(entry.data.referralId);
  const kind = text(entry.data.serviceKind);
  if (entry.type === 'referral') {
    const status = entry.data.status;
    const service = text(entry.data.service);
    return (
      <p className="timeline-referral">
        {isState(status) ? <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge> : null} {service ? <span>{service}</span> : null}
        {kind ? <span className="muted"> · {serviceKindLabels[kind] ?? kind}</span> : null}
        {referralId ? (
          <>
            {' '}
            · <Link to={`/referrals/${referralId}`}>Open the referral</Link>
          </>
        ) : null}
      </p>
    );
  }
  if (entry.type === 'appointment_attended' || entry.type === 'appointment_missed') {
    return (
      <p className="timeline-referral">
        {entry.type === 'appointment_attended' ? <Badge tone="positive">Attended</Badge> : <Badge tone="negative">Did not attend</Badge>}
        {kind ? <span className="muted"> · {serviceKindLabels[kind] ?? kind}</span> : null}
        {referralId ? (
          <>
            {' '}
            · <Link to={`/referrals/${referralId}`}>Open the referral</Link>
          </>
        ) : null}
      </p>
    );
  }
  return null;
}
