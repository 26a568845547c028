import { useState } from 'react';
import type { Agreement } from '@continuum/contracts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { ConfirmButton } from '../../ui/confirm-button.tsx';
import { TextAreaField, TextField } from '../../ui/field.tsx';
import { useNetworkApi } from './api-context.tsx';
import { formatDay, todayIso } from './network-format.ts';

/** Early termination: from the chosen day the agreement gives no access and sends no reminders; it is kept as it was. */
export function TerminateForm({ agreement, onTerminated }: { agreement: Agreement; onTerminated: (message: string) => void }) {
  const api = useNetworkApi();
  const { run, isPending, errors } = useSubmission();
  const [terminatedOn, setTerminatedOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  async function terminate() {
    const result = await run(() => api.terminateAgreement(agreement.id, { terminatedOn, reason: reason.trim() || null }));
    if (result.ok) onTerminated(`Terminated: the agreement stops on ${formatDay(result.value.terminatedOn)}.`);
  }
  return (
    <section className="form network-panel" aria-labelledby="terminate-heading">
      <h2 id="terminate-heading">Terminate early</h2>
      <FormErrorSummary errors={errors} labels={{ terminatedOn: 'Stops on', reason: 'Reason' }} idPrefix="terminate" />
      <TextField
        id="terminate-terminatedOn"
        label="Stops on"
        hint="From this day the agreement gives no access and no reminders"
        type="date"
        value={terminatedOn}
        onChange={(e) => setTerminatedOn(e.target.value)}
        error={errors?.fields.terminatedOn}
      />
      <TextAreaField
        id="terminate-reason"
        label="Reason"
        isOptional
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors?.fields.reason}
      />
      <ConfirmButton
        question={`Terminate “${agreement.title}” from ${formatDay(terminatedOn)}? This cannot be undone.`}
        confirmLabel="Yes, terminate"
        onConfirm={() => void terminate()}
        isPending={isPending}
      >
        Terminate agreement
      </ConfirmButton>
    </section>
  );
}
