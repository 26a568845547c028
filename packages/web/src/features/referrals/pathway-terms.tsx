import { organizationTypeLabels, type PathwayDetail } from '@continuum/contracts';
import { Badge } from '../../ui/badge.tsx';
import { formatDate } from '../../ui/format.ts';

/** Who may refer on a pathway, in words: organization types and named organizations. */
export function referrers(p: Pick<PathwayDetail, 'referrerOrganizationTypes' | 'referrerOrganizationNames'>): string {
  const parts = [...p.referrerOrganizationTypes.map((t) => organizationTypeLabels[t]), ...p.referrerOrganizationNames];
  return parts.length > 0 ? parts.join(', ') : 'Any network organization';
}

/** A pathway's terms: receiver, services, criteria, what a referral must carry, deadlines and contact. */
export function PathwayTerms({ pathway }: { pathway: PathwayDetail }) {
  return (
    <>
      <section className="card" aria-labelledby="pathway-terms">
        <h2 id="pathway-terms">Terms</h2>
        <dl className="details">
          <div>
            <dt>Receiver</dt>
            <dd>{pathway.receiverOrganizationName}</dd>
          </div>
          <div>
            <dt>Services</dt>
            <dd>{pathway.services.map((s) => s.name).join(', ')}</dd>
          </div>
          <div>
            <dt>Who may refer</dt>
            <dd>{referrers(pathway)}</dd>
          </div>
          <div>
            <dt>Acknowledge within</dt>
            <dd>{pathway.ackHours} hours</dd>
          </div>
          <div>
            <dt>First contact or appointment within</dt>
            <dd>{pathway.firstContactDays} days of sending</dd>
          </div>
          <div>
            <dt>Warm handoff</dt>
            <dd>{pathway.warmHandoffExpected ? 'Expected' : 'Not expected'}</dd>
          </div>
          <div>
            <dt>Contact at the receiver</dt>
            <dd>
              {[pathway.receiverContact.name, pathway.receiverContact.phone, pathway.receiverContact.email].filter(Boolean).join(' · ')}
            </dd>
          </div>
          <div>
            <dt>Active</dt>
            <dd>
              From {formatDate(`${pathway.activeFrom}T12:00:00Z`)}
              {pathway.activeUntil ? ` until ${formatDate(`${pathway.activeUntil}T12:00:00Z`)}` : ''}{' '}
              {pathway.active ? <Badge tone="positive">Active today</Badge> : <Badge>Not active today</Badge>}
            </dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="pathway-requirements">
        <h2 id="pathway-requirements">What a referral must carry</h2>
        <h3>Inclusion criteria</h3>
        {pathway.inclusionCriteria.length ? (
          <ul>
            {pathway.inclusionCriteria.map((c) => (
              <li key={c.key}>{c.text}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
        <h3>Exclusion criteria</h3>
        {pathway.exclusionCriteria.length ? (
          <ul>
            {pathway.exclusionCriteria.map((c) => (
              <li key={c.key}>{c.text}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
        <h3>Information</h3>
        {pathway.requiredFields.length ? (
          <ul>
            {pathway.requiredFields.map((f) => (
              <li key={f.key}>
                {f.label}{' '}
                <span className="muted">
                  ({f.type.replace('_', '/')}
                  {f.options?.length ? `: ${f.options.join(', ')}` : ''})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
        <h3>Documents</h3>
        {pathway.requiredDocuments.length ? (
          <ul>
            {pathway.requiredDocuments.map((d) => (
              <li key={d.key}>{d.label}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
      </section>
    </>
  );
}
