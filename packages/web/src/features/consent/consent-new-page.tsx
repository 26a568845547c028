import { consentableKinds, purposes, type ConsentKind, type Purpose } from '@continuum/contracts';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { personName } from '../../ui/person-format.ts';
import { ConsentForm } from './consent-form.tsx';
import type { ConsentPrefill } from './consent-form-values.ts';
import { careTeamSuggestions } from './consent-suggestions.ts';

/** Only a path inside the app's referral pages is a place to come back to. */
export function safeReturnPath(value: string | null): string | null {
  return value && /^\/referrals\/[A-Za-z0-9/?=&%._-]*$/.test(value) && !value.startsWith('//') ? value : null;
}

/** `?recipient=&recipientName=&purpose=&kinds=a,b` as form values (unknown values are ignored). */
function prefillFrom(params: URLSearchParams): ConsentPrefill {
  const recipient = params.get('recipient');
  const purpose = params.get('purpose');
  const kinds = (params.get('kinds') ?? '')
    .split(',')
    .filter((kind): kind is ConsentKind => (consentableKinds as readonly string[]).includes(kind));
  return {
    ...(recipient ? { recipient: { id: recipient, name: params.get('recipientName') ?? 'The receiving organization' } } : {}),
    ...(purpose && (purposes as readonly string[]).includes(purpose) ? { purposes: [purpose as Purpose] } : {}),
    ...(kinds.length > 0 ? { kinds } : {}),
  };
}

/**
 * Starts a consent for a person: the draft form, then the signing page. Another page (the referral
 * composer) may prefill the recipient, purpose and kinds and ask to come back afterwards (`returnTo`).
 */
export function ConsentNewPage() {
  const { personId = '' } = useParams();
  const client = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('returnTo'));
  const { data: person, error } = useApiData(() => client.getPerson(personId), [personId]);

  if (error && !person) {
    return (
      <>
        <PageHeading title="New consent" />
        <Alert tone="error">{describeError(error)}</Alert>
      </>
    );
  }
  if (!person) {
    return (
      <p className="page-status" role="status">
        Loading…
      </p>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/people/${person.id}`}>{personName(person)}</Link>
      </p>
      <PageHeading title="New consent" description="Fill in the form with the person, then they read and sign it." />
      {returnTo ? (
        <Alert tone="info">This consent is for a referral. Once it is signed, you go back to the referral to send it.</Alert>
      ) : null}
      <div className="card form-card">
        <ConsentForm
          personName={personName(person)}
          suggestions={careTeamSuggestions(person, session)}
          prefill={prefillFrom(params)}
          onSave={(body) => client.createConsent(person.id, body)}
          onSaved={(consent) =>
            void navigate(`/consents/${consent.id}`, {
              state: { notice: 'Draft saved. Read the form with the person, then sign.', returnTo },
            })
          }
          onCancel={() => void navigate(`/people/${person.id}`)}
        />
      </div>
    </>
  );
}
