import { useEffect, useState } from 'react';
import { purposeLabels, recordKindLabels, type PortalConsent } from '@continuum/contracts';
import { usePortal } from './portal-context.tsx';
import { portalDate } from './portal-format.ts';

function ConsentCard({ consent, onRevoked }: { consent: PortalConsent; onRevoked: (c: PortalConsent) => void }) {
  const { api, lang, strings } = usePortal();
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const active = consent.status === 'signed' && (consent.expiresOn === null || consent.expiresOn >= new Date().toISOString().slice(0, 10));
  const state = consent.status === 'revoked' ? strings.consentStopped : active ? strings.consentActive : strings.consentEnded;
  async function revoke() {
    setFailed(false);
    try {
      onRevoked(await api.revokeConsent(consent.id));
    } catch {
      setFailed(true);
    }
    setConfirming(false);
  }
  return (
    <li className="portal-consent">
      <p className="portal-badge">{state}</p>
      <dl>
        <dt>{strings.consentFrom}</dt>
        <dd>{consent.fromOrganizations?.join(', ') ?? strings.anyHolder}</dd>
        <dt>{strings.consentTo}</dt>
        <dd>{consent.toOrganizations?.join(', ') ?? strings.treatingTeam}</dd>
        <dt>{strings.consentWhat}</dt>
        <dd>{consent.kinds.map((k) => recordKindLabels[k][lang]).join(', ')}</dd>
        <dt>{strings.consentWhy}</dt>
        <dd>{consent.purposes.map((p) => purposeLabels[p][lang]).join(', ')}</dd>
        <dt>{strings.consentUntil}</dt>
        <dd>{consent.expiresOn ? portalDate(consent.expiresOn, lang) : strings.untilEvent}</dd>
      </dl>
      {consent.revokedAt && <p>{strings.stoppedOn(portalDate(consent.revokedAt, lang))}</p>}
      {consent.status === 'expired' && consent.expiredAt && <p>{strings.endedOn(portalDate(consent.expiredAt, lang))}</p>}
      {active && !confirming && (
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
          {strings.stopSharing}
        </button>
      )}
      {confirming && (
        <div className="portal-confirm" role="group" aria-label={strings.stopSharing}>
          <p>{strings.stopConfirm}</p>
          <p>{strings.stopNote}</p>
          <button type="button" className="button button-primary" onClick={revoke}>
            {strings.stopYes}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
            {strings.stopNo}
          </button>
        </div>
      )}
      {failed && <p role="alert">{strings.stopFailed}</p>}
    </li>
  );
}

/** My consents, in plain words, each with when it ends; an active one can be stopped at once. */
export function PortalConsentsPage() {
  const { api, strings } = usePortal();
  const [items, setItems] = useState<PortalConsent[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    api.consents().then(setItems, () => setFailed(true));
  }, [api]);
  function revoked(updated: PortalConsent) {
    setItems((current) => current?.map((c) => (c.id === updated.id ? updated : c)) ?? null);
    setDone(true);
  }
  return (
    <section className="portal-card">
      <h1>{strings.consents}</h1>
      <p>{strings.consentsIntro}</p>
      <div role="status">
        {done && (
          <>
            <p>{strings.stopDone}</p>
            <p>{strings.stopNote}</p>
          </>
        )}
      </div>
      {failed && <p role="alert">{strings.loadFailed}</p>}
      {items === null && !failed && <p>{strings.loading}</p>}
      {items?.length === 0 && <p>{strings.noConsents}</p>}
      {items && items.length > 0 && (
        <ul className="portal-consents">
          {items.map((c) => (
            <ConsentCard key={c.id} consent={c} onRevoked={revoked} />
          ))}
        </ul>
      )}
    </section>
  );
}
