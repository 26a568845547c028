import { useState } from 'react';
import type { LearningRun } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useLearningApi } from './api-context.tsx';

/**
 * "Recompute now" for network administrators and analysts: starts the computation (a job on the
 * server, audited there) and checks on it; the dashboard reloads when it is done.
 */
export function RecomputePanel({ onDone }: { onDone: () => void }) {
  const api = useLearningApi();
  const [run, setRun] = useState<LearningRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const start = () =>
    act(async () => {
      setRun(await api.recompute({}));
    });
  const check = () =>
    act(async () => {
      const latest = (await api.listRuns()).find((r) => r.id === run?.id) ?? null;
      setRun(latest);
      if (latest?.status === 'done') onDone();
    });

  return (
    <div className="recompute" aria-live="polite">
      {run === null || run.status !== 'running' ? (
        <Button size="small" onClick={() => void start()} isPending={isBusy} pendingLabel="Starting…">
          Recompute now
        </Button>
      ) : (
        <>
          <span>Computing since {formatDateTime(run.startedAt)}…</span>{' '}
          <Button size="small" onClick={() => void check()} isPending={isBusy} pendingLabel="Checking…">
            Check again
          </Button>
        </>
      )}
      {run?.status === 'done' ? <span> Computed {formatDateTime(run.finishedAt)}; the page shows the new results.</span> : null}
      {run?.status === 'failed' ? (
        <Alert tone="error">The computation failed. Try again, or ask an administrator to look at the job log.</Alert>
      ) : null}
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
    </div>
  );
}
