import { useState, type FormEvent } from 'react';
import type { OverdoseImportResult } from '@continuum/contracts';
import { ApiError, describeError } from '../../api/api-error.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField } from '../../ui/field.tsx';
import { useOverdoseApi } from './api-context.tsx';

/** "rows.4.areaId" → "Line 4, areaId". */
export function describeRowPath(path: string): string {
  const m = /^rows\.(\d+)\.(.+)$/.exec(path);
  return m ? `Line ${m[1]}, ${m[2]}` : path === 'csv' ? 'File' : path;
}

/** The file's text (FileReader: works in every browser and in the test DOM). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsText(file);
  });
}

/** Upload a CSV of overdoses: every row is checked first; one problem anywhere and nothing is stored. */
export function ImportOverdosesForm({ onImported }: { onImported: () => void }) {
  const api = useOverdoseApi();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<OverdoseImportResult | null>(null);
  const [problems, setProblems] = useState<{ title: string; items: string[] } | null>(null);

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
      const r = await api.importOverdoses({ csv: await readText(file), dryRun });
      setResult(r);
      if (!r.dryRun) onImported();
    } catch (error) {
      setProblems({
        title: describeError(error),
        items: error instanceof ApiError ? error.fields.map((f) => `${describeRowPath(f.path)}: ${f.message}`) : [],
      });
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="import-heading" className="overdose-import">
      <h2 id="import-heading">Import from CSV</h2>
      <p className="field-hint">
        Columns: occurred_at, area, latitude, longitude, fatal, naloxone_doses, naloxone_by, substances, disposition, person_id,
        external_id, leave_behind_kits (lists separated by “;”). All rows or none are stored; rows with an external id already imported are
        skipped.
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
          {result.dryRun
            ? `All ${result.imported} rows are valid. Nothing was stored yet.`
            : `${result.imported} overdoses imported${result.alreadyPresent > 0 ? `, ${result.alreadyPresent} already present` : ''}.`}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label className="field-label" htmlFor="overdose-import-file">
            CSV file
          </label>
          <input
            id="overdose-import-file"
            type="file"
            accept=".csv,text/csv"
            className="input"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <CheckboxField
          id="overdose-import-dry-run"
          label="Check only (store nothing)"
          checked={dryRun}
          onChange={(e) => setDryRun(e.target.checked)}
        />
        <Button type="submit" isPending={pending} pendingLabel="Checking…">
          {dryRun ? 'Check file' : 'Import'}
        </Button>
      </form>
    </section>
  );
}
