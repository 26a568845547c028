import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { LINKAGE_RETENTION_DAYS } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useLinkageApi } from './api-context.tsx';
import { SimpleTable } from './linkage-table.tsx';

/** The analyst's linkage jobs and a new draft job. */
export function JobListPage() {
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
    <div className="stack">
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
        <SimpleTable
          caption="Your linkage jobs"
          columns={[
            { header: 'Job', cell: (j) => <Link to={`/linkage/${j.id}`}>{j.name}</Link> },
            { header: 'Status', cell: (j) => (j.status === 'running' ? `running (${j.percent}%)` : j.status) },
            { header: 'Deleted on', cell: (j) => j.expiresAt.slice(0, 10) },
          ]}
          rows={jobs.data}
          rowKey={(j) => j.id}
        />
      )}
    </div>
  );
}
