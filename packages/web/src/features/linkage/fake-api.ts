import type { DeathReport, LinkageColumnMap, LinkageJob, LinkageJobList, LinkageSourceKind, LinkageSummary } from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import type { LinkageApi } from './api.ts';

const RECOGNIZED: Record<string, LinkageColumnMap[string]> = {
  rec_id: 'record_id',
  record_id: 'record_id',
  first_name: 'given_name',
  given_name: 'given_name',
  last_name: 'family_name',
  surname: 'family_name',
  family_name: 'family_name',
  dob: 'birth_date',
  date_of_birth: 'birth_date',
  run_date: 'event_date',
  event_date: 'event_date',
  date_of_death: 'event_date',
};

export const fakeSummary: LinkageSummary = {
  records: 340,
  pairsScored: 1200,
  pairsAccepted: 140,
  threshold: 0.5,
  lambda: 0.0004,
  comparisons: [
    {
      name: 'given',
      levels: [
        { level: 'exact', m: 0.82, u: 0.004 },
        { level: 'else', m: 0.05, u: 0.9 },
      ],
    },
  ],
  histogram: [
    { from: -10, to: -8, pairs: { value: 900, suppressed: false } },
    { from: -8, to: -6, pairs: { value: null, suppressed: true } },
    { from: 10, to: 12, pairs: { value: 140, suppressed: false } },
  ],
  clusterSizes: [
    { size: '1', people: { value: 80, suppressed: false } },
    { size: '2', people: { value: 100, suppressed: false } },
    { size: '3', people: { value: 20, suppressed: false } },
    { size: '4', people: { value: null, suppressed: true } },
    { size: '5+', people: { value: 0, suppressed: false } },
  ],
  people: { value: 204, suppressed: false },
  estimatedPrecision: 0.97,
  estimatedRecall: 0.93,
};

export const fakeReport: DeathReport = {
  windowDays: 90,
  decedents: { value: 40, suppressed: false },
  bySource: [
    { source: 'ems', people: 25, percent: 62.5, suppressed: false },
    { source: 'pdmp', people: null, percent: null, suppressed: true },
  ],
  combinations: [
    { sources: ['ems'], people: 22, percent: 55, suppressed: false },
    { sources: [], people: null, percent: null, suppressed: true },
    { sources: ['pdmp'], people: null, percent: null, suppressed: true },
  ],
};

/** An in-memory linkage API for component tests: refuses a file without a mapped name or event date, like the server; a started job finishes after three polls. */
export class FakeLinkageApi implements LinkageApi {
  jobs: LinkageJob[] = [];
  private polls = new Map<string, number>();

  async listJobs(): Promise<LinkageJobList['items']> {
    return this.jobs.map(({ id, name, status, percent, createdAt, expiresAt }) => ({ id, name, status, percent, createdAt, expiresAt }));
  }
  async createJob(name: string): Promise<LinkageJob> {
    const job: LinkageJob = {
      id: `00000000-0000-4000-8000-${String(this.jobs.length + 1).padStart(12, '0')}`,
      name,
      status: 'draft',
      stage: null,
      percent: 0,
      createdAt: '2026-01-15T12:00:00.000Z',
      expiresAt: '2026-02-14T12:00:00.000Z',
      finishedAt: null,
      error: null,
      files: [],
      summary: null,
    };
    this.jobs.push(job);
    return job;
  }
  private find(id: string): LinkageJob {
    const job = this.jobs.find((j) => j.id === id);
    if (!job) throw new ApiError('NOT_FOUND', 'No such linkage job, or you may not see it.', { status: 404 });
    return job;
  }
  async getJob(id: string): Promise<LinkageJob> {
    const job = this.find(id);
    if (job.status === 'queued' || job.status === 'running') {
      const n = (this.polls.get(id) ?? 0) + 1;
      this.polls.set(id, n);
      if (n >= 3)
        Object.assign(job, { status: 'done', stage: 'done', percent: 100, summary: fakeSummary, finishedAt: '2026-01-15T12:01:00.000Z' });
      else Object.assign(job, { status: 'running', stage: 'compare', percent: 30 * n });
    }
    return structuredClone(job);
  }
  async deleteJob(id: string): Promise<void> {
    this.find(id);
    this.jobs = this.jobs.filter((j) => j.id !== id);
  }
  async suggestMap(columns: string[]): Promise<LinkageColumnMap> {
    const map: LinkageColumnMap = {};
    for (const c of columns) {
      const field = RECOGNIZED[c.trim().toLowerCase()];
      if (field && !Object.values(map).includes(field)) map[c] = field;
    }
    return map;
  }
  async uploadFile(id: string, file: File, source: LinkageSourceKind, map: LinkageColumnMap): Promise<LinkageJob> {
    const job = this.find(id);
    for (const field of ['given_name', 'family_name', 'event_date'] as const) {
      if (!Object.values(map).includes(field)) {
        const message = `${file.name}: missing required column ${field} (map a column to it)`;
        throw new ApiError('VALIDATION_FAILED', message, { status: 400, fields: [{ path: 'body.file', message }] });
      }
    }
    const rows =
      (
        await new Promise<string>((resolve) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.readAsText(file);
        })
      )
        .split('\n')
        .filter((l) => l.trim() !== '').length - 1;
    job.files.push({ id: `f${job.files.length + 1}`, source, fileName: file.name, format: 'csv', size: file.size, rows, map });
    return structuredClone(job);
  }
  async startJob(id: string): Promise<LinkageJob> {
    const job = this.find(id);
    Object.assign(job, { status: 'queued', stage: 'queued', percent: 0 });
    return structuredClone(job);
  }
  async getReport(id: string): Promise<DeathReport> {
    const job = this.find(id);
    if (job.status !== 'done') throw new ApiError('CONFLICT', 'The job has not finished.', { status: 409 });
    return fakeReport;
  }
}
