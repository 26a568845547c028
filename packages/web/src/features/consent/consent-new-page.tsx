import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { personName } from '../people/people-format.ts';
import { ConsentForm } from './consent-form.tsx';
import { careTeamSuggestions } from './consent-suggestions.ts';

/** Starts a consent for a person: the draft form, then the signing page. */
export function ConsentNewPage() {
  const { personId = '' } = useParams();
  const client = useApi();
  const session = useSession();
  const navigate = useNavigate();
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
      <div className="card form-card">
        <ConsentForm
          personName={personName(person)}
          suggestions={careTeamSuggestions(person, session)}
          onSave={(body) => client.createConsent(person.id, body)}
          onSaved={(consent) => void navigate(`/consents/${consent.id}`, { state: { notice: 'Draft saved. Read the form with the person, then sign.' } })}
          onCancel={() => void navigate(`/people/${person.id}`)}
        />
      </div>
    </>
  );
}
