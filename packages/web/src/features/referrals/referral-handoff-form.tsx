import { handoffModeLabels, handoffModes, type HandoffInput, type ReferralDetail } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { useSession } from '../../app/session-provider.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { LanguageHints } from './language-hints.tsx';
import { localInputToIso } from './referral-format.ts';
import { useReferralsApi } from './api-context.tsx';

/** Field labels of the warm handoff, for the error summary. */
export const handoffLabels = {
  mode: 'How',
  at: 'When',
  senderStaffName: 'Staff handing off',
  receiverStaffName: 'Staff receiving',
  note: 'Note',
};

/** Records the warm handoff (how, when, who handed off and who received) on the referral. */
export function HandoffForm({
  referral,
  onSaved,
  onCancel,
}: {
  referral: ReferralDetail;
  onSaved: (next: ReferralDetail) => void;
  onCancel: () => void;
}) {
  const api = useReferralsApi();
  const session = useSession();
  const submission = useSubmission();
  const existing = referral.handoff;
  const [values, setValues] = useState({
    mode: (existing?.mode ?? 'phone') as HandoffInput['mode'],
    at: '',
    senderStaffName: existing?.senderStaffName ?? (referral.side === 'sender' ? session.user.displayName : ''),
    receiverStaffName: existing?.receiverStaffName ?? (referral.side === 'receiver' ? session.user.displayName : ''),
    note: existing?.note ?? '',
  });
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const at = localInputToIso(values.at);
    const fields: Record<string, string> = {};
    if (!at) fields.at = 'Give the date and time.';
    if (!values.senderStaffName.trim()) fields.senderStaffName = 'Name the staff member.';
    if (!values.receiverStaffName.trim()) fields.receiverStaffName = 'Name the staff member.';
    if (Object.keys(fields).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields });
      return;
    }
    const result = await submission.run(() =>
      api.recordHandoff(referral.id, {
        mode: values.mode,
        at: at!,
        senderStaffName: values.senderStaffName.trim(),
        receiverStaffName: values.receiverStaffName.trim(),
        note: values.note.trim() || null,
      }),
    );
    if (result.ok) onSaved(result.value);
  }
  return (
    <form className="form card form-card" noValidate aria-label="Record the warm handoff" onSubmit={(event) => void submit(event)}>
      <FormErrorSummary errors={submission.errors} labels={handoffLabels} idPrefix="handoff" />
      <SelectField
        id="handoff-mode"
        label={handoffLabels.mode}
        value={values.mode}
        options={handoffModes.map((m) => ({ value: m, label: handoffModeLabels[m] }))}
        onChange={(e) => setValues({ ...values, mode: e.currentTarget.value as HandoffInput['mode'] })}
      />
      <TextField
        id="handoff-at"
        label={handoffLabels.at}
        type="datetime-local"
        value={values.at}
        error={submission.errors?.fields.at}
        onChange={(e) => setValues({ ...values, at: e.currentTarget.value })}
      />
      <TextField
        id="handoff-senderStaffName"
        label={handoffLabels.senderStaffName}
        value={values.senderStaffName}
        error={submission.errors?.fields.senderStaffName}
        onChange={(e) => setValues({ ...values, senderStaffName: e.currentTarget.value })}
      />
      <TextField
        id="handoff-receiverStaffName"
        label={handoffLabels.receiverStaffName}
        value={values.receiverStaffName}
        error={submission.errors?.fields.receiverStaffName}
        onChange={(e) => setValues({ ...values, receiverStaffName: e.currentTarget.value })}
      />
      <TextAreaField
        id="handoff-note"
        label={handoffLabels.note}
        isOptional
        value={values.note}
        onChange={(e) => setValues({ ...values, note: e.currentTarget.value })}
      />
      <LanguageHints id="handoff-note-language" text={values.note} />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          Save handoff
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
