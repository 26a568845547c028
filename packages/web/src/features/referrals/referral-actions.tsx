import {
  referralEventLabels,
  referralFailReasons,
  referralReasonLabels,
  referralRejectReasons,
  type ReferralDetail,
  type ReferralEvent,
  type ReferralTransition,
} from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { LanguageHints } from './language-hints.tsx';
import { localInputToIso } from './referral-format.ts';
import { useReferralsApi } from './api-context.tsx';

/** Events that need more than a click, and what they ask for. */
const needs: Partial<Record<ReferralEvent, 'rejectReason' | 'failReason' | 'freeReason' | 'appointment' | 'outcome'>> = {
  reject: 'rejectReason',
  fail: 'failReason',
  cancel: 'freeReason',
  hold: 'freeReason',
  schedule: 'appointment',
  complete: 'outcome',
};

const labels = { reason: 'Reason', appointmentAt: 'Appointment time', outcome: 'Outcome', note: 'Note' };

function EventForm({
  referral,
  event,
  onDone,
  onCancel,
}: {
  referral: ReferralDetail;
  event: ReferralEvent;
  onDone: (next: ReferralDetail) => void;
  onCancel: () => void;
}) {
  const api = useReferralsApi();
  const submission = useSubmission();
  const need = needs[event];
  const [reason, setReason] = useState('');
  const [appointmentAt, setAppointmentAt] = useState('');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const idPrefix = `action-${referral.id}`;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if ((need === 'rejectReason' || need === 'failReason' || need === 'freeReason') && !reason.trim()) fields.reason = 'Give a reason.';
    if (need === 'appointment' && !localInputToIso(appointmentAt)) fields.appointmentAt = 'Give the appointment date and time.';
    if (need === 'outcome' && !outcome.trim()) fields.outcome = 'Say what the outcome was.';
    if (Object.keys(fields).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields });
      return;
    }
    const body: ReferralTransition = {
      event,
      ...(need === 'rejectReason' || need === 'failReason' || need === 'freeReason' ? { reason: reason.trim() } : {}),
      ...(need === 'appointment' ? { appointmentAt: localInputToIso(appointmentAt) } : {}),
      ...(need === 'outcome' ? { outcome: outcome.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const result = await submission.run(() => api.transition(referral.id, body));
    if (result.ok) onDone(result.value);
  }

  const reasonOptions = need === 'rejectReason' ? referralRejectReasons : need === 'failReason' ? referralFailReasons : null;
  return (
    <form
      className="form card form-card referral-action-form"
      noValidate
      aria-label={referralEventLabels[event]}
      onSubmit={(e) => void submit(e)}
    >
      <FormErrorSummary errors={submission.errors} labels={labels} idPrefix={idPrefix} />
      {reasonOptions ? (
        <SelectField
          id={`${idPrefix}-reason`}
          label={labels.reason}
          value={reason}
          error={submission.errors?.fields.reason}
          options={[{ value: '', label: 'Choose…' }, ...reasonOptions.map((value) => ({ value, label: referralReasonLabels[value] }))]}
          onChange={(ev) => setReason(ev.currentTarget.value)}
        />
      ) : null}
      {need === 'freeReason' ? (
        <TextField
          id={`${idPrefix}-reason`}
          label={labels.reason}
          value={reason}
          error={submission.errors?.fields.reason}
          onChange={(ev) => setReason(ev.currentTarget.value)}
        />
      ) : null}
      {need === 'appointment' ? (
        <TextField
          id={`${idPrefix}-appointmentAt`}
          label={labels.appointmentAt}
          type="datetime-local"
          value={appointmentAt}
          error={submission.errors?.fields.appointmentAt}
          onChange={(ev) => setAppointmentAt(ev.currentTarget.value)}
        />
      ) : null}
      {need === 'outcome' ? (
        <>
          <TextAreaField
            id={`${idPrefix}-outcome`}
            label={labels.outcome}
            hint="For example: started buprenorphine, next visit booked."
            value={outcome}
            error={submission.errors?.fields.outcome}
            onChange={(ev) => setOutcome(ev.currentTarget.value)}
          />
          <LanguageHints id={`${idPrefix}-outcome-language`} text={outcome} />
        </>
      ) : null}
      <TextAreaField
        id={`${idPrefix}-note`}
        label={labels.note}
        isOptional
        value={note}
        onChange={(ev) => setNote(ev.currentTarget.value)}
      />
      <LanguageHints id={`${idPrefix}-note-language`} text={note} />
      <div className="form-actions">
        <Button
          type="submit"
          variant={event === 'reject' || event === 'fail' || event === 'cancel' ? 'danger' : 'primary'}
          isPending={submission.isPending}
          pendingLabel="Saving…"
        >
          {referralEventLabels[event]}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * The actions the caller may take now: exactly the referral's `allowedEvents` (the server decides
 * from the state machine and the caller's side). Actions that need a reason, a time or an outcome
 * open a small form; the others still ask for an optional note.
 */
export function ReferralActions({
  referral,
  onChanged,
}: {
  referral: ReferralDetail;
  onChanged: (next: ReferralDetail, event: ReferralEvent) => void;
}) {
  const [open, setOpen] = useState<ReferralEvent | null>(null);
  if (referral.allowedEvents.length === 0) return <p className="muted">No actions are open to you on this referral.</p>;
  return (
    <div className="referral-actions">
      <div className="button-row" role="group" aria-label="Actions">
        {referral.allowedEvents.map((event) => (
          <Button
            key={event}
            size="small"
            variant={open === event ? 'primary' : 'secondary'}
            aria-pressed={open === event}
            onClick={() => setOpen(open === event ? null : event)}
          >
            {referralEventLabels[event]}
          </Button>
        ))}
      </div>
      {open ? (
        <EventForm
          key={open}
          referral={referral}
          event={open}
          onCancel={() => setOpen(null)}
          onDone={(next) => {
            setOpen(null);
            onChanged(next, open);
          }}
        />
      ) : null}
    </div>
  );
}
