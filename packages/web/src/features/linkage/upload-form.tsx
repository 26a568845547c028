import { useState, type FormEvent } from 'react';
import {
  linkageMapFields,
  linkageSourceKinds,
  linkageSourceLabels,
  type LinkageColumnMap,
  type LinkageJob,
  type LinkageMapField,
  type LinkageSourceKind,
} from '@continuum/contracts';
import { ApiError, describeError } from '../../api/api-error.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { readColumns } from './api.ts';
import { useLinkageApi } from './api-context.tsx';
import { SimpleTable } from './linkage-table.tsx';

/** Adds one source file to a draft job: its kind, the file, and the column map (recognized names filled in, editable). */
export function UploadForm({ jobId, onAdded }: { jobId: string; onAdded: (job: LinkageJob) => void }) {
  const api = useLinkageApi();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState<LinkageSourceKind>('ems');
  const [columns, setColumns] = useState<string[]>([]);
  const [map, setMap] = useState<LinkageColumnMap>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (f: File | null) => {
    setFile(f);
    setError(null);
    if (!f) return;
    const cols = await readColumns(f);
    setColumns(cols);
    setMap(cols.length > 0 ? await api.suggestMap(cols) : {});
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onAdded(await api.uploadFile(jobId, file, source, map));
      setFile(null);
      setColumns([]);
      setMap({});
      (event.target as HTMLFormElement).reset();
    } catch (e) {
      // Bad input: the server's message names the file, row and column (never a value).
      const fileProblem = e instanceof ApiError && ['VALIDATION_FAILED', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'].includes(e.code);
      setError(fileProblem ? e.message : describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const setField = (column: string, field: string) => {
    const next = { ...map };
    if (field === '') delete next[column];
    else next[column] = field as LinkageMapField;
    setMap(next);
  };
  return (
    <form onSubmit={submit} aria-labelledby="linkage-upload">
      <h2 id="linkage-upload">Add a source file</h2>
      <label htmlFor="linkage-source">Source</label>
      <select id="linkage-source" value={source} onChange={(e) => setSource(e.target.value as LinkageSourceKind)}>
        {linkageSourceKinds.map((k) => (
          <option key={k} value={k}>
            {linkageSourceLabels[k]}
          </option>
        ))}
      </select>
      <label htmlFor="linkage-file">File (CSV or NDJSON)</label>
      <input
        id="linkage-file"
        type="file"
        accept=".csv,.ndjson,.jsonl,text/csv"
        onChange={(e) => void choose(e.target.files?.[0] ?? null)}
      />
      {columns.length > 0 && (
        <SimpleTable
          caption="Map columns (recognized names filled in; a given name, a family name and an event date are required)"
          columns={[
            { header: 'Column', cell: (c) => c },
            {
              header: 'Field',
              cell: (c) => (
                <select aria-label={`Field for ${c}`} value={map[c] ?? ''} onChange={(e) => setField(c, e.target.value)}>
                  <option value="">(not used)</option>
                  {linkageMapFields.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              ),
            },
          ]}
          rows={columns}
          rowKey={(c) => c}
        />
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={!file || busy}>
        Add file
      </Button>
    </form>
  );
}
