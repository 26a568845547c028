import { careEventImportRoles, careEventTypeLabels, type CareEventImportResult } from '@continuum/contracts';
import { useState, type ChangeEvent } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { activeMembership, hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextAreaField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { Table } from '../../ui/table.tsx';
import './people.css';

const example = [
  'identifier_kind,identifier_value,type,occurred_at,external_id,data.facility,data.milestone',
  'booking_number,BK-100,custody_release,2026-03-01T09:00:00Z,rel-100,County Jail,',
  'booking_number,BK-101,recovery_milestone,2026-03-02,ms-101,,peer_support',
].join('\n');

/**
 * /people/import: a care navigator, re-entry or other staff member imports their own organization's
 * care-event records from a CSV file. Preview first — every row checked, errors by row number and
 * column, nothing saved — then import, all or nothing.
 */
export function CareEventImportPage() {
  const client = useApi();
  const session = useSession();
  const organization = activeMembership(session)?.organizationName ?? 'your organization';
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<CareEventImportResult | null>(null);
  const [done, setDone] = useState<CareEventImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  if (!hasRole(session, ...careEventImportRoles)) {
    return (
      <>
        <PageHeading title="Import care events" />
        <Alert tone="warning">Your role does not import records.</Alert>
      </>
    );
  }

  function change(text: string) {
    setCsv(text);
    setPreview(null);
    setDone(null);
    setFailure(null);
  }

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (file) change(await file.text());
  }

  async function run(action: () => Promise<CareEventImportResult>, then: (result: CareEventImportResult) => void) {
    setPending(true);
    setFailure(null);
    try {
      then(await action());
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setPending(false);
    }
  }

  const ready = preview !== null && preview.errors.length === 0 && (preview.preview?.length ?? 0) > 0;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/people">People</Link>
      </p>
      <PageHeading
        title="Import care events"
        description={`Records are imported as ${organization}. People are matched by their Continuum id or by an identifier ${organization} holds for them.`}
      />
      <section className="card form-card" aria-labelledby="import-file-heading">
        <h2 id="import-file-heading">1. Choose the file</h2>
        <div className="field">
          <label className="field-label" htmlFor="import-file">
            CSV file
          </label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={(event) => void readFile(event)} />
        </div>
        <TextAreaField
          id="import-csv"
          label="Or paste the rows"
          hint={`One event per row: person_id, or identifier_kind and identifier_value; type, occurred_at, external_id, and data.<field> columns. For example:\n${example}`}
          rows={8}
          value={csv}
          onChange={(event) => change(event.currentTarget.value)}
        />
        <div className="form-actions">
          <Button
            variant="primary"
            disabled={csv.trim() === ''}
            isPending={isPending && preview === null}
            pendingLabel="Checking…"
            onClick={() => void run(() => client.previewCareEventImport(csv), setPreview)}
          >
            Preview
          </Button>
        </div>
      </section>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      {preview ? (
        <section className="card" aria-labelledby="import-preview-heading">
          <h2 id="import-preview-heading">2. Check the preview</h2>
          {preview.errors.length > 0 ? (
            <>
              <Alert
                tone="error"
                title={`${preview.errors.length} problem${preview.errors.length === 1 ? '' : 's'} found. Nothing has been saved.`}
              >
                Correct the file and preview it again. The import saves every row or none.
              </Alert>
              <Table caption="Problems by row">
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.map((e, i) => (
                    <tr key={`${e.row}:${e.field}:${i}`}>
                      <td data-label="Row">{e.row}</td>
                      <td data-label="Column">{e.field}</td>
                      <td data-label="Problem">{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          ) : (
            <Alert tone="info">{`${preview.received} row${preview.received === 1 ? '' : 's'} checked, no problems. Nothing has been saved yet.`}</Alert>
          )}
          {(preview.preview?.length ?? 0) > 0 ? (
            <Table caption="Rows ready to import">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Event</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {preview.preview!.map((r) => (
                  <tr key={r.row}>
                    <td data-label="Row">{r.row}</td>
                    <td data-label="Event">{careEventTypeLabels[r.type].en}</td>
                    <td data-label="When">{formatDateTime(r.occurredAt)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
          {ready && !done ? (
            <div className="form-actions">
              <Button
                variant="primary"
                isPending={isPending}
                pendingLabel="Importing…"
                onClick={() => void run(() => client.importCareEvents(csv), setDone)}
              >
                {`Import ${preview.preview!.length} event${preview.preview!.length === 1 ? '' : 's'}`}
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
      {done ? (
        <Alert tone="success" title="Imported">
          {`${done.written} event${done.written === 1 ? '' : 's'} saved${done.alreadyPresent > 0 ? `; ${done.alreadyPresent} already imported earlier` : ''}.`}
        </Alert>
      ) : null}
    </>
  );
}
