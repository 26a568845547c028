import './worklist.css';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  worklistContactMethodLabels,
  worklistContactResultLabels,
  worklistOutcomeLabels,
  worklistStatusLabels,
  worklistTaskKindLabels,
  type WorklistChangeResult,
} from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { OverdoseNearbyServices } from '../overdose/index.ts';
import { formatDue, languageName } from './worklist-format.ts';
import { personLabel } from './worklist-page.tsx';
import { AssignForm, AttemptForm, SnoozeForm, CompleteForm } from './task-actions.tsx';

/** One outreach task: who, how to reach them, why, what was tried, and the actions. */
export function TaskPage() {
  const { taskId = '' } = useParams();
  const client = useApi();
  const [generation, setGeneration] = useState(0);
  const { data, error } = useApiData(() => client.getWorklistTask(taskId), [taskId, generation]);
  const [notice, setNotice] = useState<string | null>(null);
  const [now] = useState(() => new Date());

  function changed(result: WorklistChangeResult, text: string) {
    const flags = result.languageFlags.length;
    setNotice(
      flags > 0 ? `${text} The note has ${flags} person-first language suggestion${flags === 1 ? '' : 's'} you may want to act on.` : text,
    );
    setGeneration((g) => g + 1);
  }

  if (error && !data) {
    const missing = isApiError(error, 'WORKLIST_TASK_NOT_FOUND');
    return (
      <>
        <p className="breadcrumb">
          <Link to="/worklist">Worklist</Link>
        </p>
        <PageHeading title={missing ? 'Task not found' : 'Outreach task'} />
        <Alert tone={missing ? 'warning' : 'error'}>{missing ? 'There is no such task in your organization.' : describeError(error)}</Alert>
      </>
    );
  }
  if (!data || data.id !== taskId) {
    return (
      <p className="page-status" role="status">
        Loading task…
      </p>
    );
  }
  const isOpen = data.status !== 'done';

  return (
    <>
      <p className="breadcrumb">
        <Link to="/worklist">Worklist</Link>
      </p>
      <PageHeading
        eyebrow="Outreach task"
        title={worklistTaskKindLabels[data.kind]}
        description={
          <>
            {personLabel(data)} ·{' '}
            <Badge tone={data.status === 'done' ? 'positive' : data.overdue ? 'negative' : 'neutral'}>
              {data.overdue ? 'Overdue' : worklistStatusLabels[data.status]}
            </Badge>{' '}
            {isOpen ? (
              <span title={formatDateTime(data.dueAt)}>{formatDue(data.dueAt, now)}</span>
            ) : (
              `done ${formatDateTime(data.completedAt)}`
            )}
          </>
        }
      />
      {notice ? (
        <Alert tone="success" role="status">
          {notice}
        </Alert>
      ) : null}
      {data.redisclosureNotice ? (
        <Alert tone="warning" title="42 CFR Part 2 records">
          {data.redisclosureNotice}
        </Alert>
      ) : null}
      {data.restricted ? (
        <Alert tone="info" title="Restricted — consent needed">
          This task is about a person or a record your organization may not see without the person's consent. You can still assign it or set
          it aside.
        </Alert>
      ) : null}

      <section className="card" aria-labelledby="person-heading">
        <h2 id="person-heading">Person</h2>
        {data.person ? (
          <dl className="details">
            <div>
              <dt>Name</dt>
              <dd>
                <Link to={`/people/${data.person.id}`}>{personLabel(data)}</Link>
              </dd>
            </div>
            <div>
              <dt>Born</dt>
              <dd>{formatDate(`${data.person.birthDate}T12:00:00Z`)}</dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>{data.contact?.phone ? <a href={`tel:${data.contact.phone}`}>{data.contact.phone}</a> : '—'}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>{data.contact?.email ?? '—'}</dd>
            </div>
            <div>
              <dt>Language</dt>
              <dd>{languageName(data.contact?.language ?? null)}</dd>
            </div>
            <div>
              <dt>Address</dt>
              <dd>{data.contact?.address ?? '—'}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">Not shown: consent needed.</p>
        )}
      </section>

      <section className="card" aria-labelledby="why-heading">
        <h2 id="why-heading">Why</h2>
        {data.reason ? <p>{data.reason}</p> : null}
        <p className="muted">
          {data.kind === 'manual' ? `Made by hand at ${data.signal.organizationName}` : `From a record of ${data.signal.organizationName}`}
          {data.signal.occurredAt ? ` on ${formatDateTime(data.signal.occurredAt)}` : ''}. Assigned to {data.assignee?.name ?? 'the team'}.
          {data.snoozedUntil ? ` Set aside until ${formatDateTime(data.snoozedUntil)}: ${data.snoozeReason ?? ''}` : ''}
        </p>
        {data.outcome ? (
          <p>
            Outcome: <strong>{worklistOutcomeLabels[data.outcome]}</strong>
            {data.outcomeNote ? ` — ${data.outcomeNote}` : ''}
          </p>
        ) : null}
      </section>

      {data.kind === 'post_overdose' && data.signal.source.type === 'overdose_event' && data.signal.source.id && !data.restricted ? (
        <div className="card">
          <OverdoseNearbyServices eventId={data.signal.source.id} />
        </div>
      ) : null}

      {isOpen ? (
        <div className="worklist-actions">
          <AssignForm task={data} onDone={(r) => changed(r, 'Assignment saved.')} />
          {data.restricted ? null : <AttemptForm task={data} onDone={(r) => changed(r, 'Contact attempt logged.')} />}
          <SnoozeForm task={data} onDone={(r) => changed(r, 'Task set aside.')} />
          <CompleteForm task={data} onDone={(r) => changed(r, 'Task completed.')} />
        </div>
      ) : null}

      <section className="card" aria-labelledby="attempts-heading">
        <h2 id="attempts-heading">Contact attempts</h2>
        {data.attempts.length === 0 ? <p className="muted">No contact attempts yet.</p> : null}
        <ul className="plain-list attempt-list" aria-label="Contact attempts">
          {data.attempts.map((a) => (
            <li key={a.id}>
              <strong>
                {worklistContactMethodLabels[a.method]}: {worklistContactResultLabels[a.result].toLowerCase()}
              </strong>{' '}
              <span className="muted">
                {formatDateTime(a.attemptedAt)}
                {a.user ? ` · ${a.user.name}` : ''}
              </span>
              {a.note ? <p>{a.note}</p> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
