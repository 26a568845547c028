import {
  deathReportSchema,
  linkageColumnSuggestionSchema,
  linkageJobListSchema,
  linkageJobSchema,
  type DeathReport,
  type LinkageColumnMap,
  type LinkageJob,
  type LinkageJobList,
  type LinkageSourceKind,
} from '@continuum/contracts';
import { segment, type ApiRequest } from '../../api/request.ts';

/** Analyst linkage jobs (`contracts/src/linkage-jobs.ts`), typed and parsed with the contract schemas. */
export interface LinkageApi {
  listJobs(): Promise<LinkageJobList['items']>;
  createJob(name: string): Promise<LinkageJob>;
  getJob(id: string): Promise<LinkageJob>;
  deleteJob(id: string): Promise<void>;
  suggestMap(columns: string[]): Promise<LinkageColumnMap>;
  uploadFile(id: string, file: File, source: LinkageSourceKind, map: LinkageColumnMap): Promise<LinkageJob>;
  startJob(id: string): Promise<LinkageJob>;
  getReport(id: string): Promise<DeathReport>;
}

/** Where the browser downloads the analytic file and the report's CSV (plain GETs with the session cookie). */
export const analyticFilePath = (id: string) => `/api/linkage/jobs/${segment(id)}/analytic-file.csv`;
export const reportCsvPath = (id: string) => `/api/linkage/jobs/${segment(id)}/report?format=csv`;

const noContent = { parse: () => undefined };

export function createLinkageHttpApi(request: ApiRequest): LinkageApi {
  const id = segment;
  return {
    listJobs: async () => (await request('GET', '/api/linkage/jobs', linkageJobListSchema)).items,
    createJob: (name) => request('POST', '/api/linkage/jobs', linkageJobSchema, { name }),
    getJob: (jobId) => request('GET', `/api/linkage/jobs/${id(jobId)}`, linkageJobSchema),
    deleteJob: async (jobId) => {
      await request('DELETE', `/api/linkage/jobs/${id(jobId)}`, noContent);
    },
    suggestMap: async (columns) => (await request('POST', '/api/linkage/columns', linkageColumnSuggestionSchema, { columns })).map,
    uploadFile: (jobId, file, source, map) => {
      const form = new FormData();
      form.append('source', source);
      form.append('map', JSON.stringify(map));
      form.append('file', file, file.name);
      return request('POST', `/api/linkage/jobs/${id(jobId)}/files`, linkageJobSchema, form);
    },
    startJob: (jobId) => request('POST', `/api/linkage/jobs/${id(jobId)}/start`, linkageJobSchema),
    getReport: (jobId) => request('GET', `/api/linkage/jobs/${id(jobId)}/report`, deathReportSchema),
  };
}

/** The columns of a file's first line (CSV header or the keys of the first NDJSON object), read in the browser. */
export async function readColumns(file: File): Promise<string[]> {
  const head = (await blobText(file.slice(0, 65536))).replace(/^\uFEFF/, '');
  const first = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (first.trimStart().startsWith('{')) {
    try {
      const obj = JSON.parse(first) as unknown;
      return obj && typeof obj === 'object' && !Array.isArray(obj) ? Object.keys(obj) : [];
    } catch {
      return [];
    }
  }
  return first.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
}

function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsText(blob);
  });
}
