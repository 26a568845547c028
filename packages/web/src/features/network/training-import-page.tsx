import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../api/api-error.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useNetworkApi } from './api-context.tsx';
import { NetworkNav } from './network-nav.tsx';
import { describeImportPath } from './network-format.ts';

/** The file's text (FileReader: works in every browser and in the test DOM). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsText(file);
  });
}

/** Import completions from a learning-management system's CSV: all or nothing, every problem named by line and column. */
export function TrainingImportPage() {
  const api = useNetworkApi();
  const session = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ imported: number; alreadyPresent: number } | null>(null);
  const [problems, setProblems] = useState<{ title: string; items: string[] } | null>(null);
  if (!hasRole(session, 'network_admin', 'org_admin'))
    return <Alert tone="error">Network administrators and organization administrators import training records.</Alert>;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setResult(null);
    setProblems(null);
    if (!file) {
      setProblems({ title: 'Choose a CSV file first.', items: [] });
      return;
    }
    setPending(true);
    try {
      setResult(await api.importCompletions(await readText(file)));
    } catch (error) {
      setProblems({
        // The server's own sentence counts the problems and says nothing was imported.
        title: error instanceof ApiError && error.code === 'VALIDATION_FAILED' ? error.message : describeError(error),
        items: error instanceof ApiError ? error.fields.map((f) => `${describeImportPath(f.path)}: ${f.message}`) : [],
      });
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <PageHeading
        eyebrow="Training"
        title="Import training records"
        description="Completions exported from a learning-management system, as CSV."
        actions={<ButtonLink to="/network/training">Back to training</ButtonLink>}
      />
      <NetworkNav />
      <p>
        The first line names the columns: <code>email,course,completed_on</code> and, if the system gives it, <code>expires_on</code>. The
        course is its title or id; days are written <code>2026-11-30</code>. Every line is checked first: if any line has a problem, nothing
        is imported and each problem is listed below by line and column. A completion already recorded is counted, not added twice.
      </p>
      {problems ? (
        <Alert tone="error" title={problems.title}>
          {problems.items.length > 0 ? (
            <ul aria-label="Problems in the file">
              {problems.items.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {result ? (
        <Alert tone="success">
          {`${result.imported} ${result.imported === 1 ? 'completion' : 'completions'} imported`}
          {result.alreadyPresent > 0 ? `, ${result.alreadyPresent} already recorded` : ''}.
        </Alert>
      ) : null}
      <form className="form" onSubmit={submit} noValidate aria-label="Import training records">
        <div className="field">
          <label className="field-label" htmlFor="training-import-file">
            CSV file
          </label>
          <input
            id="training-import-file"
            type="file"
            accept=".csv,text/csv"
            className="input"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <Button type="submit" variant="primary" isPending={pending} pendingLabel="Importing…">
          Import
        </Button>
      </form>
    </>
  );
}
