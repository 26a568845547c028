import { useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { useNetworkApi } from './api-context.tsx';

/**
 * The Part 2 training gate (network administrators): when on, a signed-in person without a current
 * 42 CFR Part 2 privacy completion sees no Part 2 record. Asked again before it changes.
 */
export function TrainingGatePanel() {
  const api = useNetworkApi();
  const settings = useApiData(() => api.getTrainingSettings(), []);
  const { run, isPending, errors } = useSubmission();
  const [asking, setAsking] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const on = settings.data?.part2TrainingRequired ?? false;
  async function change() {
    setAsking(false);
    const result = await run(() => api.saveTrainingSettings({ part2TrainingRequired: !on }));
    if (result.ok) {
      setSaved(result.value.part2TrainingRequired ? 'The Part 2 training requirement is on.' : 'The Part 2 training requirement is off.');
      settings.reload();
    }
  }
  return (
    <section className="network-panel" aria-labelledby="gate-heading">
      <h2 id="gate-heading">Require Part 2 privacy training</h2>
      <p>
        When this is on, anyone signed in who does not hold a <strong>current</strong> completion of a 42 CFR Part 2 privacy course sees no
        records from Part 2 programs (substance use disorder treatment records) — their own organization’s included — even where consent or
        a QSOA would allow it. They see every other record as before. Emergency access (break-glass) is not blocked. Staff whose training
        has expired lose Part 2 records on the day after it expires, so check “Expiring within 30 days” before turning it on.
      </p>
      {settings.error ? <Alert tone="error">{describeError(settings.error)}</Alert> : null}
      {errors ? <Alert tone="error">{errors.message}</Alert> : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {settings.data ? (
        <p>
          Now: <Badge tone={on ? 'positive' : 'neutral'}>{on ? 'Required' : 'Not required'}</Badge>
        </p>
      ) : null}
      {settings.data && !asking ? (
        <Button onClick={() => setAsking(true)} isPending={isPending} pendingLabel="Saving…">
          {on ? 'Stop requiring Part 2 training' : 'Require Part 2 training'}
        </Button>
      ) : null}
      {asking ? (
        <div className="confirm" role="group" aria-label="Confirm">
          <p className="confirm-question">
            {on
              ? 'Staff without current Part 2 privacy training will see Part 2 records again, where consent or a QSOA allows. Continue?'
              : 'Staff without current Part 2 privacy training will stop seeing Part 2 records at once. Continue?'}
          </p>
          <Button variant="danger" autoFocus onClick={() => void change()}>
            {on ? 'Yes, stop requiring it' : 'Yes, require it'}
          </Button>{' '}
          <Button variant="quiet" onClick={() => setAsking(false)}>
            Cancel
          </Button>
        </div>
      ) : null}
    </section>
  );
}
