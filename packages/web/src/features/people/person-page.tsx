import {
  personFlagLabels,
  personFlags,
  type PersonDetail,
  type Purpose,
  personSafetyRoles,
  registryActionRoles,
} from '@continuum/contracts';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { ConsentsPanel } from '../consent/index.ts';
import { SafetyPanel } from '../safety/index.ts';
import { CareTeamPanel } from './care-team-panel.tsx';
import { EmergencyAccess } from './emergency-access.tsx';
import { IdentifiersPanel } from './identifiers-panel.tsx';
import { accessBasisLabels, personName } from '../../ui/person-format.ts';
import { sexLabels } from './people-format.ts';
import { MergePanel } from './merge-panel.tsx';
import { PersonDetailsForm } from './person-details-form.tsx';
import { PersonTimeline } from './person-timeline.tsx';
import { TouchpointPanel } from './touchpoints/touchpoint-panel.tsx';

function Details({ person, mayEdit, onSaved }: { person: PersonDetail; mayEdit: boolean; onSaved: () => void }) {
  const [isEditing, setEditing] = useState(false);
  if (isEditing) {
    return (
      <section className="card form-card" aria-labelledby="details-heading">
        <h2 id="details-heading">Edit details</h2>
        <PersonDetailsForm
          person={person}
          onSaved={() => {
            setEditing(false);
            onSaved();
          }}
          onCancel={() => setEditing(false)}
        />
      </section>
    );
  }
  const flags = personFlags.filter((flag) => person.flags[flag]);
  const previous = person.names.filter((name) => name.use !== 'official');
  const address = person.addresses.find((item) => item.current);
  return (
    <section className="card" aria-labelledby="details-heading">
      <div className="section-heading">
        <h2 id="details-heading">Details</h2>
        {mayEdit ? <Button onClick={() => setEditing(true)}>Edit details</Button> : null}
      </div>
      <dl className="details">
        <div>
          <dt>Date of birth</dt>
          <dd>{formatDate(`${person.birthDate}T12:00:00Z`)}</dd>
        </div>
        <div>
          <dt>Sex</dt>
          <dd>{sexLabels[person.sex]}</dd>
        </div>
        <div>
          <dt>Gender identity</dt>
          <dd>{person.genderIdentity ?? '—'}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{person.language ?? '—'}</dd>
        </div>
        <div>
          <dt>Race / ethnicity</dt>
          <dd>{[person.race, person.ethnicity].filter(Boolean).join(' / ') || '—'}</dd>
        </div>
        <div>
          <dt>Phone / email</dt>
          <dd>{[person.phone, person.email].filter(Boolean).join(' · ') || '—'}</dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd>
            {address
              ? [address.line1, address.line2, address.city, address.postalCode].filter(Boolean).join(', ')
              : [person.town, person.postalCode].filter(Boolean).join(' ') || '—'}
          </dd>
        </div>
        <div>
          <dt>Previous names</dt>
          <dd>{previous.length > 0 ? previous.map((name) => `${name.given} ${name.family}`).join('; ') : '—'}</dd>
        </div>
        <div>
          <dt>Circumstances</dt>
          <dd>
            {flags.length > 0 ? (
              <ul className="tag-list">
                {flags.map((flag) => (
                  <li key={flag} className="tag">
                    {personFlagLabels[flag]}
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** One person: details, identifiers, care team, timeline with restricted markers, consents. */
export function PersonPage() {
  const { personId = '' } = useParams();
  const client = useApi();
  const session = useSession();
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [generation, setGeneration] = useState(0);
  const person = useApiData(() => client.getPerson(personId), [personId, generation]);
  const [purpose, setPurpose] = useState<Purpose>('treatment');
  const timeline = useApiData(() => client.getTimeline(personId, purpose), [personId, generation, purpose]);
  const reloadAll = () => setGeneration((value) => value + 1);
  const mayStartBreakGlass = hasRole(session, ...registryActionRoles['break-glass.start']);
  const mayReadDisclosures = hasRole(session, ...registryActionRoles['disclosures.read']);

  if (person.error && !person.data) {
    const isMissing = isApiError(person.error, 'PERSON_NOT_FOUND');
    return (
      <>
        <p className="breadcrumb">
          <Link to="/people">People</Link>
        </p>
        <PageHeading title={isMissing ? 'Person not found' : 'Person'} />
        <Alert tone={isMissing ? 'warning' : 'error'}>
          {isMissing ? 'This person is not registered, or their record is not shared with your organization.' : describeError(person.error)}
        </Alert>
        {isMissing && mayStartBreakGlass ? (
          <EmergencyAccess
            personId={personId}
            intro="If you reached this person from a referral or another record and they need care now, you may open their record for a limited time."
            onStarted={(expiresAt) => {
              setNotice(`Emergency access started. It ends at ${formatDateTime(expiresAt)}.`);
              reloadAll();
            }}
          />
        ) : null}
      </>
    );
  }
  const data = person.data;
  if (!data || data.id !== personId) {
    return (
      <p className="page-status" role="status">
        Loading person…
      </p>
    );
  }

  const emergencyUntil = data.access.breakGlassUntil;
  const hasRestricted = (timeline.data?.restricted.length ?? 0) > 0;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/people">People</Link>
      </p>
      <PageHeading
        title={personName(data)}
        description={
          <>
            Born {formatDate(`${data.birthDate}T12:00:00Z`)} ·{' '}
            <Badge>{accessBasisLabels[data.access.basis as keyof typeof accessBasisLabels] ?? data.access.basis}</Badge>
          </>
        }
        actions={
          <>
            {hasRole(session, 'clinician', 'care_navigator', 'partner_staff') ? (
              <ButtonLink variant="primary" to={`/referrals/new?personId=${encodeURIComponent(data.id)}`}>
                Refer
              </ButtonLink>
            ) : null}
            {hasRole(session, 'clinician', 'care_navigator') ? (
              <ButtonLink to={`/worklist?personId=${encodeURIComponent(data.id)}&status=active`}>Outreach tasks</ButtonLink>
            ) : null}
            {mayReadDisclosures ? <ButtonLink to={`/people/${data.id}/disclosures`}>Accounting of disclosures</ButtonLink> : null}
          </>
        }
      />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {emergencyUntil ? (
        <Alert tone="warning" title={`Emergency access until ${formatDateTime(emergencyUntil)}`}>
          Everything you open is recorded and reviewed by the privacy officer. Access ends automatically.
        </Alert>
      ) : null}
      <Details
        person={data}
        mayEdit={hasRole(session, ...registryActionRoles['person.update'])}
        onSaved={() => {
          setNotice('Details saved.');
          reloadAll();
        }}
      />
      <IdentifiersPanel person={data} onChanged={reloadAll} />
      <CareTeamPanel person={data} onChanged={reloadAll} />
      {timeline.error ? <Alert tone="error">{describeError(timeline.error)}</Alert> : null}
      {mayStartBreakGlass && hasRestricted && !emergencyUntil ? (
        <EmergencyAccess
          personId={data.id}
          onStarted={(expiresAt) => {
            setNotice(`Emergency access started. It ends at ${formatDateTime(expiresAt)}.`);
            reloadAll();
          }}
        />
      ) : null}
      <TouchpointPanel personId={data.id} roles={session.roles} onRecorded={reloadAll} />
      {timeline.data ? (
        <PersonTimeline
          personId={data.id}
          timeline={timeline.data}
          purpose={purpose}
          onPurposeChange={setPurpose}
          mayAdd={hasRole(session, ...registryActionRoles['person.event.add'])}
          onAdded={reloadAll}
        />
      ) : (
        <p className="page-status" role="status">
          Loading timeline…
        </p>
      )}
      {hasRole(session, ...personSafetyRoles) ? <SafetyPanel key={`${data.id}:${generation}`} personId={data.id} /> : null}
      <ConsentsPanel personId={data.id} reloadKey={generation} />
      {hasRole(session, ...registryActionRoles['person.merge']) ? (
        <MergePanel
          person={data}
          onChanged={(text) => {
            setNotice(text);
            reloadAll();
          }}
        />
      ) : null}
    </>
  );
}
