// Longer than 300 lines because the job page is one flow: files, column map, start, progress, summary and the 90-day report.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import {
  linkageMapFields,
  linkageSourceKinds,
  linkageSourceLabels,
  LINKAGE_RETENTION_DAYS,
  type LinkageColumnMap,
  type LinkageJob,
  type LinkageMapField,
  type LinkageSourceKind,
  type LinkageSummary,
} from '@continuum/contracts';
import { ApiError, describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { analyticFilePath, readColumns, reportCsvPath } from './api.ts';
import { LinkageApiProvider, useLinkageApi } from './api-context.tsx';

/** The record linkage pages at /linkage (analysts and privacy officers; docs/linkage.md, "Analyst jobs"). */
export function LinkageRoutes() {
  return (
    <LinkageApiProvider>
      <Routes>
        <Route index element={<JobListPage />} />
        <Route path=":id" element={<JobPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </LinkageApiProvider>
  );
}

function JobListPage() {
  const api = useLinkageApi();
  const navigate = useNavigate();
  const jobs = useApiData(() => api.listJobs(), []);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const job = await api.createJob(name.trim());
      navigate(`/linkage/${job.id}`);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <main>
      <PageHeading
        title="Record linkage"
        description={`Link source files (PDMP, EMS, jail, death records, hospital discharges) into people and download a de-identified analytic file. Uploaded files are deleted with the job, and at the latest ${LINKAGE_RETENTION_DAYS} days after it was created.`}
      />
      <form onSubmit={create} className="linkage-new">
        <label htmlFor="linkage-job-name">Job name</label>
        <input id="linkage-job-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        <Button type="submit" disabled={name.trim() === ''}>
          New linkage job
        </Button>
      </form>
      {error && <Alert tone="error">{error}</Alert>}
      {jobs.error !== undefined && jobs.error !== null && <Alert tone="error">{describeError(jobs.error)}</Alert>}
      {jobs.data && jobs.data.length > 0 && (
        <table>
          <caption>Your linkage jobs</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Status</th>
              <th scope="col">Deleted on</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((j) => (
              <tr key={j.id}>
                <td>
                  <Link to={`/linkage/${j.id}`}>{j.name}</Link>
                </td>
                <td>{j.status === 'running' ? `running (${j.percent}%)` : j.status}</td>
                <td>{j.expiresAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

function JobPage() {
  const { id = '' } = useParams();
  const api = useLinkageApi();
  const navigate = useNavigate();
  const [job, setJob] = useState<LinkageJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Polling restarts when the job is started (queued); it stops when the job is done or failed.
  const queued = job?.status === 'queued';

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await api.getJob(id);
        if (cancelled) return;
        setJob(j);
        if (j.status === 'queued' || j.status === 'running') timer = setTimeout(() => void poll(), 1000);
      } catch (e) {
        if (!cancelled) setError(describeError(e));
      }
    };
    void poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, id, queued]);

  if (error && !job) return <Alert tone="error">{error}</Alert>;
  if (!job) return <p role="status">Loading the job…</p>;
  const start = async () => {
    setError(null);
    try {
      setJob(await api.startJob(id));
    } catch (e) {
      setError(describeError(e));
    }
  };
  const remove = async () => {
    try {
      await api.deleteJob(id);
      navigate('/linkage');
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <main>
      <PageHeading title={job.name} description={`Status: ${job.status}. Deleted with its files on ${job.expiresAt.slice(0, 10)}.`} />
      {error && <Alert tone="error">{error}</Alert>}
      <FileTable job={job} />
      {job.status === 'draft' && <UploadForm jobId={id} onAdded={setJob} />}
      {job.status === 'draft' && (
        <Button onClick={() => void start()} disabled={job.files.length === 0}>
          Start linkage
        </Button>
      )}
      {(job.status === 'queued' || job.status === 'running') && (
        <div>
          <label htmlFor="linkage-progress">Linking: {job.stage ?? 'queued'}</label>{' '}
          <progress id="linkage-progress" max={100} value={job.percent}>
            {job.percent}%
          </progress>{' '}
          {job.percent}%
        </div>
      )}
      {job.status === 'failed' && <Alert tone="error">{job.error ?? 'The job failed.'}</Alert>}
      {job.status === 'done' && job.summary && (
        <>
          <Summary summary={job.summary} />
          <section aria-labelledby="linkage-downloads">
            <h2 id="linkage-downloads">Downloads</h2>
            <ul>
              <li>
                <a href={analyticFilePath(id)} download>
                  De-identified linked analytic file (CSV)
                </a>
              </li>
              <li>
                <a href={reportCsvPath(id)} download>
                  90-day report (CSV)
                </a>
              </li>
            </ul>
          </section>
          <DeathReportSection jobId={id} />
        </>
      )}
      {job.status !== 'running' && (
        <Button variant="danger" onClick={() => void remove()}>
          Delete job and its files
        </Button>
      )}
    </main>
  );
}

function FileTable({ job }: { job: LinkageJob }) {
  if (job.files.length === 0) return <p>No source files yet.</p>;
  return (
    <table>
      <caption>Source files</caption>
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col">File</th>
          <th scope="col">Records</th>
        </tr>
      </thead>
      <tbody>
        {job.files.map((f) => (
          <tr key={f.id}>
            <td>{linkageSourceLabels[f.source]}</td>
            <td>{f.fileName}</td>
            <td>{f.rows}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UploadForm({ jobId, onAdded }: { jobId: string; onAdded: (job: LinkageJob) => void }) {
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
        <table>
          <caption>Map columns (recognized names filled in; a given name, a family name and an event date are required)</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Field</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c}>
                <td>{c}</td>
                <td>
                  <select aria-label={`Field for ${c}`} value={map[c] ?? ''} onChange={(e) => setField(c, e.target.value)}>
                    <option value="">(not used)</option>
                    {linkageMapFields.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={!file || busy}>
        Add file
      </Button>
    </form>
  );
}

const count = (c: { value: number | null; suppressed: boolean }) => (c.suppressed ? '<11' : String(c.value ?? 0));
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function Summary({ summary }: { summary: LinkageSummary }) {
  const shown = summary.histogram.map((h) => h.pairs.value ?? 0);
  const max = Math.max(1, ...shown);
  const barWidth = 16;
  return (
    <section aria-labelledby="linkage-summary">
      <h2 id="linkage-summary">Summary</h2>
      <p>
        {summary.records} records, {count(summary.people)} people. Estimated precision {pct(summary.estimatedPrecision)}, estimated recall{' '}
        {pct(summary.estimatedRecall)} (expected from the model's match probabilities).
      </p>
      <table>
        <caption>People by number of records</caption>
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">People</th>
          </tr>
        </thead>
        <tbody>
          {summary.clusterSizes.map((c) => (
            <tr key={c.size}>
              <td>{c.size}</td>
              <td>{count(c.people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figure>
        <svg role="img" aria-label="Match-weight histogram" width={summary.histogram.length * barWidth} height={120}>
          {summary.histogram.map((h, i) => {
            const height = ((h.pairs.value ?? 0) / max) * 100;
            return (
              <rect
                key={h.from}
                x={i * barWidth}
                y={110 - height}
                width={barWidth - 2}
                height={height}
                fill={h.pairs.suppressed ? '#bbb' : '#2b6cb0'}
              >
                <title>{`weight ${h.from} to ${h.to}: ${count(h.pairs)} pairs`}</title>
              </rect>
            );
          })}
        </svg>
        <figcaption>Match weight of scored pairs (grey: fewer than 11, not shown)</figcaption>
      </figure>
      <table>
        <caption>Estimated m and u per comparison level</caption>
        <thead>
          <tr>
            <th scope="col">Comparison</th>
            <th scope="col">Level</th>
            <th scope="col">m</th>
            <th scope="col">u</th>
          </tr>
        </thead>
        <tbody>
          {summary.comparisons.flatMap((c) =>
            c.levels.map((l) => (
              <tr key={`${c.name}-${l.level}`}>
                <td>{c.name}</td>
                <td>{l.level}</td>
                <td>{l.m.toPrecision(3)}</td>
                <td>{l.u.toPrecision(3)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

function DeathReportSection({ jobId }: { jobId: string }) {
  const api = useLinkageApi();
  const report = useApiData(() => api.getReport(jobId), [jobId]);
  const r = report.data;
  return (
    <section aria-labelledby="linkage-report">
      <h2 id="linkage-report">Where people who died touched care in the 90 days before death</h2>
      {report.error !== undefined && report.error !== null && <Alert tone="error">{describeError(report.error)}</Alert>}
      {r && (
        <>
          <p>People in the death records: {count(r.decedents)}. Counts of 1–10 are not shown (&lt;11).</p>
          <table>
            <caption>By source</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">People</th>
                <th scope="col">Percent</th>
              </tr>
            </thead>
            <tbody>
              {r.bySource.map((s) => (
                <tr key={s.source}>
                  <td>{linkageSourceLabels[s.source]}</td>
                  <td>{s.suppressed ? '<11' : s.people}</td>
                  <td>{s.percent === null ? '—' : `${s.percent}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>By combination of sources</caption>
            <thead>
              <tr>
                <th scope="col">Sources</th>
                <th scope="col">People</th>
                <th scope="col">Percent</th>
              </tr>
            </thead>
            <tbody>
              {r.combinations.map((c) => (
                <tr key={c.sources.join('+') || 'none'}>
                  <td>{c.sources.length === 0 ? 'None' : c.sources.map((s) => linkageSourceLabels[s]).join(' + ')}</td>
                  <td>{c.suppressed ? 'suppressed' : c.people}</td>
                  <td>{c.percent === null ? '—' : `${c.percent}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
