import { referralEventLabels, referralStateLabels, type ReferralDetail } from '@continuum/contracts';
import { formatDateTime } from '../../ui/format.ts';
import { reasonLabel } from './referral-format.ts';

/** The referral's history: every change of state, who made it and why, oldest first. */
export function History({ referral }: { referral: ReferralDetail }) {
  return (
    <section aria-labelledby="referral-history">
      <h2 id="referral-history">History</h2>
      <ol className="referral-history" aria-label="Referral history">
        {referral.history.map((entry) => (
          <li key={entry.id} className="referral-history-entry">
            <p className="muted">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {entry.byName ?? 'System'}
              {entry.byOrganizationName ? `, ${entry.byOrganizationName}` : ''}
            </p>
            <p className="referral-history-title">
              {entry.event === 'create' ? 'Sent' : `${referralEventLabels[entry.event]} → ${referralStateLabels[entry.toState]}`}
            </p>
            {entry.reason ? <p>Reason: {reasonLabel(entry.reason)}</p> : null}
            {entry.appointmentAt ? <p>Appointment: {formatDateTime(entry.appointmentAt)}</p> : null}
            {entry.outcome ? <p>Outcome: {entry.outcome}</p> : null}
            {entry.note ? <p className="referral-note">{entry.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
