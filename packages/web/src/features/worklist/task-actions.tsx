import './worklist.css';
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  worklistContactMethodLabels,
  worklistContactMethods,
  worklistContactResultLabels,
  worklistContactResults,
  worklistOutcomeLabels,
  worklistTaskOutcomes,
  type WorklistChangeResult,
  type WorklistContactMethod,
  type WorklistContactResult,
  type WorklistTaskDetail,
  type WorklistTaskOutcome,
  addDays,
} from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { LanguageSuggestions } from './language-suggestions.tsx';
import { fromLocalInput, toLocalInput } from './worklist-format.ts';

/* The task page's actions, one small form each: assign, log a contact attempt, snooze, complete. */
interface FormProps {
  task: WorklistTaskDetail;
  onDone: (result: WorklistChangeResult) => void;
}

/** One action of the task, as a titled card. */
export function ActionCard({
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

/** Assigns the task to a navigator of the organization (or to nobody). */
export function AssignForm({ task, onDone }: FormProps) {
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

/** Logs a contact attempt: how, the outcome and a note. */
export function AttemptForm({ task, onDone }: FormProps) {
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

/** Sets the task aside until a date (at most 30 days ahead). */
export function SnoozeForm({ task, onDone }: FormProps) {
  const client = useApi();
  const { run, isPending, errors, setErrors } = useSubmission();
  const [until, setUntil] = useState(() => toLocalInput(addDays(Date.now(), 1)));
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

/** Completes the task with its outcome. */
export function CompleteForm({ task, onDone }: FormProps) {
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
