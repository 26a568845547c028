import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import {
  naloxoneGiverLabels,
  overdoseDispositionLabels,
  overdoseSourceTypeLabels,
  suspectedSubstanceLabels,
  type OverdoseEvent,
  type OverdoseRecorded,
} from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { activeMembership, useSession } from '../../app/session-provider.tsx';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextAreaField } from '../../ui/field.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { NearbyServicesSection } from './nearby-services.tsx';
import { useOverdoseApi } from './api-context.tsx';

function listOr(values: readonly string[], none = 'None recorded'): string {
  return values.length > 0 ? values.join(', ') : none;
}

/**
 * One overdose event: what the reader may see of it. The person and the medical examiner's note
 * appear only when the consent chokepoint allows; otherwise the page says a person is linked but
 * consent is needed. Nearby services help the outreach team; a medical examiner's office can file
 * its report here.
 */
export function OverdoseEventPage() {
  const { eventId = '' } = useParams();
  const api = useOverdoseApi();
  const session = useSession();
  const location = useLocation();
  const recorded = (location.state as { recorded?: OverdoseRecorded } | null)?.recorded;
  const event = useApiData(() => api.getEvent(eventId), [eventId]);
  const isExaminer = activeMembership(session)?.organizationType === 'medical_examiner';

  if (event.error) return <Alert tone="error">{describeError(event.error)}</Alert>;
  if (!event.data) return <p role="status">Loading…</p>;
  const e = event.data;
  return (
    <>
      <PageHeading
        title={e.fatal ? 'Fatal overdose' : 'Overdose'}
        eyebrow="Overdose response"
        description={`${formatDateTime(e.occurredAt)} · ${e.areaName}`}
      />
      {recorded ? (
        <Alert tone="success" title="Overdose recorded">
          {recorded.careEventId ? 'It is on the person’s timeline. ' : ''}
          {recorded.notified > 0 ? `${recorded.notified} linked provider${recorded.notified === 1 ? ' was' : 's were'} notified. ` : ''}
          {recorded.outreachTaskId ? 'A post-overdose outreach task was created for the navigator team.' : ''}
        </Alert>
      ) : null}
      <EventDetails event={e} />
      {isExaminer ? <ExaminerReportForm event={e} onDone={event.reload} /> : null}
      <NearbyServicesSection eventId={e.id} />
      <p>
        <Link to="/overdose-response">Back to overdose response</Link>
      </p>
    </>
  );
}

function EventDetails({ event: e }: { event: OverdoseEvent }) {
  return (
    <dl className="overdose-details">
      <dt>Person</dt>
      <dd>
        {e.person ? (
          <Link to={`/people/${e.person.id}`}>
            {e.person.givenName} {e.person.familyName}, born {formatDate(e.person.birthDate)}
          </Link>
        ) : e.personRestricted ? (
          'A person is linked — restricted, consent needed'
        ) : (
          'Not known'
        )}
      </dd>
      <dt>Reported by</dt>
      <dd>
        {e.reportingOrganizationName} ({overdoseSourceTypeLabels[e.sourceType]})
      </dd>
      <dt>Place</dt>
      <dd>
        {e.latitude !== null && e.longitude !== null ? `${e.areaName} (${e.latitude.toFixed(5)}, ${e.longitude.toFixed(5)})` : e.areaName}
      </dd>
      <dt>Naloxone</dt>
      <dd>
        {e.naloxoneDoses} dose{e.naloxoneDoses === 1 ? '' : 's'}
        {e.naloxoneBy.length > 0 ? ` by ${e.naloxoneBy.map((g) => naloxoneGiverLabels[g]).join(', ')}` : ''}
      </dd>
      <dt>Suspected substances</dt>
      <dd>{listOr(e.suspectedSubstances.map((s) => suspectedSubstanceLabels[s]))}</dd>
      <dt>Disposition</dt>
      <dd>{overdoseDispositionLabels[e.disposition]}</dd>
      {e.examinerReportedAt ? (
        <>
          <dt>Medical examiner’s note</dt>
          <dd>{e.examinerNote ?? 'Restricted — consent needed'}</dd>
        </>
      ) : null}
    </dl>
  );
}

function ExaminerReportForm({ event, onDone }: { event: OverdoseEvent; onDone: () => void }) {
  const api = useOverdoseApi();
  const { run, isPending, errors } = useSubmission();
  const [note, setNote] = useState(event.examinerNote ?? '');
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const result = await run(() => api.examinerReport(event.id, { note }));
    if (result.ok) onDone();
  }
  return (
    <section aria-labelledby="examiner-heading">
      <h2 id="examiner-heading">Medical examiner’s report</h2>
      <FormErrorSummary errors={errors} labels={{ note: 'Note' }} idPrefix="examiner" />
      <form onSubmit={submit} noValidate>
        <TextAreaField
          id="examiner-note"
          label="Note"
          hint="Cause and manner of death and substances found. Linked providers the person's consent allows will read it."
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors?.fields.note}
        />
        <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
          {event.fatal ? 'Save the report' : 'Record the death and the report'}
        </Button>
      </form>
    </section>
  );
}
