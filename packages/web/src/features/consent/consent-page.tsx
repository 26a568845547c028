import { registryActionRoles } from '@continuum/contracts';
import type { Consent } from '@continuum/contracts';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { ConsentDocument } from './consent-document.tsx';
import { ConsentExpiryForm } from './consent-expiry-form.tsx';
import { ConsentForm } from './consent-form.tsx';
import { safeReturnPath } from './consent-new-page.tsx';
import { consentStatusLabels } from './consent-format.ts';
import { ConsentRevokeForm } from './consent-revoke-form.tsx';
import { ConsentSignForm } from './consent-sign-form.tsx';
import { careTeamSuggestions } from './consent-suggestions.ts';
import './consent.css';

type Mode = 'view' | 'edit' | 'revoke' | 'expire';

function History({ consent }: { consent: Consent }) {
  return (
    <section className="no-print" aria-labelledby="consent-history">
      <h2 id="consent-history">History</h2>
      <ol className="plain-list consent-history">
        {consent.history.map((item, index) => (
          <li key={`${item.at}-${index}`}>
            <time dateTime={item.at}>{formatDateTime(item.at)}</time> — {consentStatusLabels[item.toStatus].label}
            {item.byName ? ` by ${item.byName}` : ''}
            {item.note ? `: ${item.note}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * One consent: the form as the person reads it (printable in its language), signing while it is a
 * draft, revoking once signed, and its history.
 */
export function ConsentPage() {
  const { consentId = '' } = useParams();
  const client = useApi();
  const session = useSession();
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const returnTo = safeReturnPath((location.state as { returnTo?: string | null } | null)?.returnTo ?? null);
  const [mode, setMode] = useState<Mode>('view');
  const [generation, setGeneration] = useState(0);
  const { data: consent, error } = useApiData(() => client.getConsent(consentId), [consentId, generation]);
  const { data: person } = useApiData(() => (consent ? client.getPerson(consent.personId) : Promise.resolve(null)), [consent?.personId]);
  const mayWrite = hasRole(session, ...registryActionRoles['consent.write']);

  function changed(text: string) {
    setNotice(text);
    setMode('view');
    setGeneration((value) => value + 1);
  }

  if (error && !consent) {
    const isMissing = isApiError(error, 'CONSENT_NOT_FOUND') || isApiError(error, 'PERSON_NOT_FOUND');
    return (
      <>
        <PageHeading title={isMissing ? 'Consent not found' : 'Consent'} />
        <Alert tone={isMissing ? 'warning' : 'error'}>
          {isMissing ? 'This consent does not exist, or it is not shared with your organization.' : describeError(error)}
        </Alert>
      </>
    );
  }
  if (!consent || consent.id !== consentId) {
    return (
      <p className="page-status" role="status">
        Loading consent…
      </p>
    );
  }
  const status = consentStatusLabels[consent.status];

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to={`/people/${consent.personId}`}>{consent.personName}</Link>
      </p>
      <div className="no-print">
        <PageHeading
          eyebrow="Consent"
          title={`Consent of ${consent.personName}`}
          description={<Badge tone={status.tone}>{status.label}</Badge>}
          actions={
            <>
              <Button onClick={() => window.print()}>Print form</Button>
              {mayWrite && consent.status === 'draft' && mode === 'view' ? (
                <Button onClick={() => setMode('edit')}>Edit draft</Button>
              ) : null}
              {mayWrite && consent.status === 'signed' && consent.expiryEvent && mode === 'view' ? (
                <Button onClick={() => setMode('expire')}>Record the end event</Button>
              ) : null}
              {mayWrite && consent.status === 'signed' && mode === 'view' ? (
                <Button variant="danger" onClick={() => setMode('revoke')}>
                  Revoke consent
                </Button>
              ) : null}
            </>
          }
        />
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {returnTo && consent.status === 'signed' ? (
          <Alert tone="info" title="Back to the referral">
            <Link to={returnTo}>Continue the referral</Link>
          </Alert>
        ) : null}
      </div>
      {mode === 'edit' ? (
        <section className="card form-card no-print" aria-label="Edit draft">
          <ConsentForm
            personName={consent.personName}
            suggestions={person ? careTeamSuggestions(person, session) : []}
            consent={consent}
            onSave={(body) => client.updateConsent(consent.id, body)}
            onSaved={() => changed('Draft saved.')}
            onCancel={() => setMode('view')}
          />
        </section>
      ) : null}
      {mode === 'revoke' ? (
        <section className="card form-card no-print" aria-labelledby="revoke-heading">
          <h2 id="revoke-heading">Revoke this consent</h2>
          <ConsentRevokeForm
            consent={consent}
            onRevoked={() => changed('Consent revoked. Nothing more is shared under it.')}
            onCancel={() => setMode('view')}
          />
        </section>
      ) : null}
      {mode === 'expire' ? (
        <section className="card form-card no-print" aria-labelledby="expire-heading">
          <h2 id="expire-heading">Record the end event</h2>
          <ConsentExpiryForm
            consent={consent}
            onExpired={() => changed('Consent ended. Nothing more is shared under it.')}
            onCancel={() => setMode('view')}
          />
        </section>
      ) : null}
      <div className="card consent-sheet">
        <ConsentDocument consent={consent} />
      </div>
      {consent.status === 'draft' && mayWrite && mode === 'view' ? (
        <section className="card form-card no-print" aria-labelledby="sign-heading">
          <h2 id="sign-heading">Sign</h2>
          <ConsentSignForm consent={consent} onSigned={() => changed('Consent signed. Print a copy for the person.')} />
        </section>
      ) : null}
      <History consent={consent} />
    </>
  );
}
