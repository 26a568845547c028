import { useState, type FormEvent } from 'react';
import { annotationKinds, type Annotation, type AnnotationKind, type MeasureId } from '@continuum/contracts';
import { useSubmission } from '../../api/use-submission.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmButton } from '../../ui/confirm-button.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { useLearningApi } from './api-context.tsx';

export const annotationKindLabels: Record<AnnotationKind, string> = {
  change: 'Change tested',
  pdsa: 'PDSA cycle',
  note: 'Note',
};
const kindOptions = annotationKinds.map((k) => ({ value: k, label: annotationKindLabels[k] }));

function localValidate(values: { date: string; text: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) errors.date = 'Enter the date of the change.';
  if (!values.text.trim()) errors.text = 'Say what was changed or tested.';
  else if (values.text.trim().length > 500) errors.text = 'Keep it to 500 characters.';
  return errors;
}

interface AnnotationFormProps {
  idPrefix: string;
  initial?: Annotation;
  showScope: boolean;
  submitLabel: string;
  onSubmit: (values: { date: string; kind: AnnotationKind; text: string; everyMeasure: boolean }) => Promise<boolean>;
  onCancel?: () => void;
  serverErrors: Record<string, string>;
  isPending: boolean;
}

function AnnotationForm({ idPrefix, initial, showScope, submitLabel, onSubmit, onCancel, serverErrors, isPending }: AnnotationFormProps) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const values = {
      date: String(data.get('date') ?? ''),
      kind: String(data.get('kind') ?? 'change') as AnnotationKind,
      text: String(data.get('text') ?? ''),
      everyMeasure: data.get('everyMeasure') === 'on',
    };
    const found = localValidate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if ((await onSubmit(values)) && !initial) form.reset();
  }
  const shown = { ...serverErrors, ...errors };
  return (
    <form className="annotation-form" onSubmit={(e) => void submit(e)} noValidate aria-label={submitLabel}>
      <div className="form-row-3">
        <TextField id={`${idPrefix}-date`} label="Date" name="date" type="date" defaultValue={initial?.date ?? ''} error={shown.date} />
        <SelectField
          id={`${idPrefix}-kind`}
          label="Kind"
          name="kind"
          defaultValue={initial?.kind ?? 'change'}
          options={kindOptions}
          error={shown.kind}
        />
      </div>
      <TextAreaField
        id={`${idPrefix}-text`}
        label="What was changed or tested"
        name="text"
        rows={2}
        maxLength={500}
        defaultValue={initial?.text ?? ''}
        error={shown.text}
      />
      {showScope ? <CheckboxField id={`${idPrefix}-every`} label="Show on every measure's chart" name="everyMeasure" /> : null}
      <div className="form-actions">
        <Button type="submit" size="small" variant="primary" isPending={isPending} pendingLabel="Saving…">
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button size="small" variant="quiet" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

interface AnnotationsPanelProps {
  annotations: readonly Annotation[];
  measureId: MeasureId;
  organizationId: string | null;
  canAnnotate: boolean;
  onChanged: () => void;
}

/** The changes tested and PDSA cycles drawn on a chart: the list, and adding or editing one. */
export function AnnotationsPanel({ annotations, measureId, organizationId, canAnnotate, onChanged }: AnnotationsPanelProps) {
  const api = useLearningApi();
  const submission = useSubmission();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const prefix = `annotation-${measureId}`;

  return (
    <div className="annotations">
      <h4>Annotations</h4>
      {annotations.length === 0 ? <p className="muted">No changes or PDSA cycles noted on this chart.</p> : null}
      {annotations.length > 0 ? (
        <ul className="plain-list annotation-list" aria-label="Annotations">
          {annotations.map((a) => (
            <li key={a.id}>
              {editing === a.id ? (
                <AnnotationForm
                  idPrefix={`${prefix}-${a.id}`}
                  initial={a}
                  showScope={false}
                  submitLabel="Save the annotation"
                  isPending={submission.isPending}
                  serverErrors={submission.errors?.fields ?? {}}
                  onCancel={() => {
                    setEditing(null);
                    submission.clear();
                  }}
                  onSubmit={async (values) => {
                    const outcome = await submission.run(() =>
                      api.updateAnnotation(a.id, { date: values.date, kind: values.kind, text: values.text }),
                    );
                    if (outcome.ok) {
                      setEditing(null);
                      setSaved('Annotation saved.');
                      onChanged();
                    }
                    return outcome.ok;
                  }}
                />
              ) : (
                <>
                  <strong>{formatDate(`${a.date}T12:00:00`)}</strong> · {annotationKindLabels[a.kind]}
                  {a.measureId === null ? ' · every measure' : ''}: {a.text}{' '}
                  {canAnnotate ? (
                    <>
                      <Button size="small" variant="quiet" aria-label={`Edit the annotation of ${a.date}`} onClick={() => setEditing(a.id)}>
                        Edit
                      </Button>{' '}
                      <ConfirmButton
                        aria-label={`Remove the annotation of ${a.date}`}
                        question="Remove this annotation?"
                        confirmLabel="Remove"
                        onConfirm={() =>
                          void submission
                            .run(() => api.deleteAnnotation(a.id))
                            .then((outcome) => {
                              if (outcome.ok) {
                                setSaved('Annotation removed.');
                                onChanged();
                              }
                            })
                        }
                      >
                        Remove
                      </ConfirmButton>
                    </>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {submission.errors ? <Alert tone="error">{submission.errors.message}</Alert> : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {canAnnotate && editing === null ? (
        <details className="annotation-add">
          <summary>Add an annotation</summary>
          <AnnotationForm
            idPrefix={`${prefix}-new`}
            showScope
            submitLabel="Add the annotation"
            isPending={submission.isPending}
            serverErrors={submission.errors?.fields ?? {}}
            onSubmit={async (values) => {
              setSaved(null);
              const outcome = await submission.run(() =>
                api.createAnnotation({
                  measureId: values.everyMeasure ? null : measureId,
                  organizationId,
                  date: values.date,
                  kind: values.kind,
                  text: values.text,
                }),
              );
              if (outcome.ok) {
                setSaved('Annotation added.');
                onChanged();
              }
              return outcome.ok;
            }}
          />
        </details>
      ) : null}
    </div>
  );
}
