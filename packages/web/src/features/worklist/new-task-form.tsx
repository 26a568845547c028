import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { TextAreaField, TextField } from '../../ui/field.tsx';
import { LanguageSuggestions } from './language-suggestions.tsx';
import { fromLocalInput, toLocalInput } from './worklist-format.ts';

/** Tomorrow at 9:00 in the browser's time zone: a sensible default for outreach. */
function tomorrowMorning(): Date {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d;
}

/** An outreach task made by hand for one person, assigned to the one making it. */
export function NewTaskForm({ personId }: { personId: string }) {
  const client = useApi();
  const navigate = useNavigate();
  const { run, isPending, errors, setErrors } = useSubmission();
  const [dueAt, setDueAt] = useState(() => toLocalInput(tomorrowMorning()));
  const [reason, setReason] = useState('');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const due = fromLocalInput(dueAt);
    if (!due) {
      setErrors({ message: 'The request has invalid fields.', fields: { dueAt: 'Choose a date and time' }, code: 'VALIDATION_FAILED' });
      return;
    }
    const result = await run(() => client.createWorklistTask({ personId, dueAt: due, reason }));
    if (result.ok) navigate(`/worklist/${result.value.task.id}`);
  }

  return (
    <section className="card" aria-labelledby="new-task-heading">
      <h2 id="new-task-heading">New outreach task</h2>
      <form className="form" onSubmit={submit} noValidate>
        <FormErrorSummary errors={errors} labels={{ dueAt: 'Due', reason: 'What for' }} idPrefix="new-task" />
        <TextField
          id="new-task-dueAt"
          type="datetime-local"
          label="Due"
          value={dueAt}
          onChange={(e) => setDueAt(e.currentTarget.value)}
          error={errors?.fields.dueAt}
        />
        <TextAreaField
          id="new-task-reason"
          label="What for"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors?.fields.reason}
          hint="For example: check in after the court hearing and offer a ride to the clinic."
        />
        <LanguageSuggestions text={reason} />
        <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
          Create task
        </Button>
      </form>
    </section>
  );
}
