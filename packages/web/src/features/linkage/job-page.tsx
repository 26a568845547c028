import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { linkageSourceLabels, type LinkageJob } from '@continuum/contracts';
import { usePolledStatus } from '../../api/use-polled-status.ts';
import { describeError } from '../../api/api-error.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { analyticFilePath, reportCsvPath } from './api.ts';
import { useLinkageApi } from './api-context.tsx';
import { DeathReportSection } from './death-report.tsx';
import { Summary } from './linkage-summary.tsx';
import { SimpleTable } from './linkage-table.tsx';
import { UploadForm } from './upload-form.tsx';

/** One job as one flow: its files, adding a file, start, progress (polled), then the summary, downloads and the 90-day report. */
export function JobPage() {
  const { id = '' } = useParams();
  const api = useLinkageApi();
  const navigate = useNavigate();
  // Polling restarts when the job is started (the count of starts is in its key); it stops when the job is done or failed.
  const [starts, setStarts] = useState(0);
  const { value: job, setValue: setJob, error, setError } = usePolledStatus(() => api.getJob(id), [id, starts]);
  if (error && !job) return <Alert tone="error">{error}</Alert>;
  if (!job) return <p role="status">Loading the job…</p>;
  const start = async () => {
    setError(null);
    try {
      setJob(await api.startJob(id));
      setStarts((n) => n + 1);
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
    <div className="stack">
      <PageHeading title={job.name} description={`Status: ${job.status}. Deleted with its files on ${job.expiresAt.slice(0, 10)}.`} />
      {error && <Alert tone="error">{error}</Alert>}
      {job.files.length === 0 ? (
        <p>No source files yet.</p>
      ) : (
        <SimpleTable
          caption="Source files"
          columns={[
            { header: 'Source', cell: (f) => linkageSourceLabels[f.source] },
            { header: 'File', cell: (f) => f.fileName },
            { header: 'Records', cell: (f) => f.rows },
          ]}
          rows={job.files}
          rowKey={(f) => f.id}
        />
      )}
      {job.status === 'draft' && <UploadForm jobId={id} onAdded={setJob} />}
      {job.status === 'draft' && (
        <Button onClick={() => void start()} disabled={job.files.length === 0}>
          Start linkage
        </Button>
      )}
      {(job.status === 'queued' || job.status === 'running') && <Progress job={job} />}
      {job.status === 'failed' && <Alert tone="error">{job.error ?? 'The job failed.'}</Alert>}
      {job.status === 'done' && job.summary && (
        <>
          <Summary summary={job.summary} />
          <Downloads jobId={id} />
          <DeathReportSection jobId={id} />
        </>
      )}
      {job.status !== 'running' && (
        <Button variant="danger" onClick={() => void remove()}>
          Delete job and its files
        </Button>
      )}
    </div>
  );
}

function Progress({ job }: { job: LinkageJob }) {
  return (
    <div>
      <label htmlFor="linkage-progress">Linking: {job.stage ?? 'queued'}</label>{' '}
      <progress id="linkage-progress" max={100} value={job.percent}>
        {job.percent}%
      </progress>{' '}
      {job.percent}%
    </div>
  );
}

function Downloads({ jobId }: { jobId: string }) {
  return (
    <section aria-labelledby="linkage-downloads">
      <h2 id="linkage-downloads">Downloads</h2>
      <ul>
        <li>
          <a href={analyticFilePath(jobId)} download>
            De-identified linked analytic file (CSV)
          </a>
        </li>
        <li>
          <a href={reportCsvPath(jobId)} download>
            90-day report (CSV)
          </a>
        </li>
      </ul>
    </section>
  );
}
