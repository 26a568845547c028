import './worklist.css';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  worklistContactMethodLabels,
  worklistContactMethods,
  worklistContactResultLabels,
  worklistContactResults,
  worklistOutcomeLabels,
  worklistStatusLabels,
  worklistTaskKindLabels,
  worklistTaskOutcomes,
  type WorklistChangeResult,
  type WorklistContactMethod,
  type WorklistContactResult,
  type WorklistTaskDetail,
  type WorklistTaskOutcome,
  DAY_MS,
} from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { OverdoseNearbyServices } from '../overdose/nearby-services.tsx';
import { LanguageSuggestions } from './language-suggestions.tsx';
import { formatDue, fromLocalInput, languageName, toLocalInput } from './worklist-format.ts';
import { personLabel } from './worklist-page.tsx';

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

interface FormProps {
  task: WorklistTaskDetail;
  onDone: (result: WorklistChangeResult) => void;
}

function ActionCard({
  id,
  title,
  children,
  onSubmit,
}: {
  id: string;
  title: string;
  children: ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </section>
  );
}

function AssignForm({ task, onDone }: FormProps) {
  const client = useApi();
  const { run, isPending, errors } = useSubmission();
  const [userId, setUserId] = useState(task.assignee?.id ?? '');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await run(() => client.assignWorklistTask(task.id, { userId: userId || null }));
    if (result.ok) onDone(result.value);
  }
  return (
    <ActionCard id="assign" title="Assign" onSubmit={submit}>
      <FormErrorSummary errors={errors} labels={{ userId: 'Assign to' }} idPrefix="assign" />
      <SelectField
        id="assign-userId"
        label="Assign to"
        value={userId}
        onChange={(e) => setUserId(e.currentTarget.value)}
        error={errors?.fields.userId}
        options={[
          { value: '', label: 'The team (nobody in particular)' },
          ...task.assignableUsers.map((u) => ({ value: u.id, label: u.name })),
        ]}
      />
      <Button type="submit" isPending={isPending} pendingLabel="Saving…">
        Save assignment
      </Button>
    </ActionCard>
  );
}

function AttemptForm({ task, onDone }: FormProps) {
  const client = useApi();
  const { run, isPending, errors } = useSubmission();
  const [method, setMethod] = useState<WorklistContactMethod>('phone');
  const [result, setResult] = useState<WorklistContactResult>('no_answer');
  const [when, setWhen] = useState(() => toLocalInput(new Date()));
  const [note, setNote] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const attemptedAt = fromLocalInput(when);
    const saved = await run(() =>
      client.logContactAttempt(task.id, { method, result, ...(note.trim() ? { note } : {}), ...(attemptedAt ? { attemptedAt } : {}) }),
    );
    if (saved.ok) {
      setNote('');
      onDone(saved.value);
    }
  }
  return (
    <ActionCard id="attempt" title="Log a contact attempt" onSubmit={submit}>
      <FormErrorSummary
        errors={errors}
        labels={{ method: 'How', result: 'Result', attemptedAt: 'When', note: 'Note' }}
        idPrefix="attempt"
      />
      <SelectField
        id="attempt-method"
        label="How"
        value={method}
        onChange={(e) => setMethod(e.currentTarget.value as WorklistContactMethod)}
        error={errors?.fields.method}
        options={worklistContactMethods.map((m) => ({ value: m, label: worklistContactMethodLabels[m] }))}
      />
      <SelectField
        id="attempt-result"
        label="Result"
        value={result}
        onChange={(e) => setResult(e.currentTarget.value as WorklistContactResult)}
        error={errors?.fields.result}
        options={worklistContactResults.map((r) => ({ value: r, label: worklistContactResultLabels[r] }))}
      />
      <TextField
        id="attempt-attemptedAt"
        type="datetime-local"
        label="When"
        value={when}
        onChange={(e) => setWhen(e.currentTarget.value)}
        error={errors?.fields.attemptedAt}
      />
      <TextAreaField
        id="attempt-note"
        label="Note"
        isOptional
        rows={3}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors?.fields.note}
      />
      <LanguageSuggestions text={note} id="attempt-note-suggestions" />
      <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
        Log attempt
      </Button>
    </ActionCard>
  );
}

function SnoozeForm({ task, onDone }: FormProps) {
  const client = useApi();
  const { run, isPending, errors, setErrors } = useSubmission();
  const [until, setUntil] = useState(() => toLocalInput(new Date(Date.now() + DAY_MS)));
  const [reason, setReason] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const at = fromLocalInput(until);
    if (!at) {
      setErrors({ message: 'The request has invalid fields.', fields: { until: 'Choose a date and time' }, code: 'VALIDATION_FAILED' });
      return;
    }
    const saved = await run(() => client.snoozeWorklistTask(task.id, { until: at, reason }));
    if (saved.ok) {
      setReason('');
      onDone(saved.value);
    }
  }
  return (
    <ActionCard id="snooze" title="Snooze" onSubmit={submit}>
      <FormErrorSummary errors={errors} labels={{ until: 'Until', reason: 'Reason' }} idPrefix="snooze" />
      <TextField
        id="snooze-until"
        type="datetime-local"
        label="Until"
        value={until}
        onChange={(e) => setUntil(e.currentTarget.value)}
        error={errors?.fields.until}
      />
      <TextAreaField
        id="snooze-reason"
        label="Reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors?.fields.reason}
        hint="For example: the person asked to be called after their appointment."
      />
      <LanguageSuggestions text={reason} />
      <Button type="submit" isPending={isPending} pendingLabel="Saving…">
        Snooze
      </Button>
    </ActionCard>
  );
}

function CompleteForm({ task, onDone }: FormProps) {
  const client = useApi();
  const { run, isPending, errors } = useSubmission();
  const [outcome, setOutcome] = useState<WorklistTaskOutcome | ''>('');
  const [note, setNote] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const saved = await run(() =>
      client.completeWorklistTask(task.id, { outcome: outcome as WorklistTaskOutcome, ...(note.trim() ? { note } : {}) }),
    );
    if (saved.ok) onDone(saved.value);
  }
  return (
    <ActionCard id="complete" title="Complete" onSubmit={submit}>
      <FormErrorSummary errors={errors} labels={{ outcome: 'Outcome', note: 'Note' }} idPrefix="complete" />
      <SelectField
        id="complete-outcome"
        label="Outcome"
        value={outcome}
        onChange={(e) => setOutcome(e.currentTarget.value as WorklistTaskOutcome)}
        error={errors?.fields.outcome}
        options={[
          { value: '', label: 'Choose an outcome' },
          ...worklistTaskOutcomes.map((o) => ({ value: o, label: worklistOutcomeLabels[o] })),
        ]}
      />
      <TextAreaField
        id="complete-note"
        label="Note"
        isOptional
        rows={3}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors?.fields.note}
      />
      <LanguageSuggestions text={note} id="complete-note-suggestions" />
      <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
        Complete task
      </Button>
    </ActionCard>
  );
}
