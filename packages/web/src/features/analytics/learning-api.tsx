import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  CSRF_HEADER,
  annotationSchema,
  annotationsResponseSchema,
  cascadeResponseSchema,
  learningRunSchema,
  learningRunsResponseSchema,
  chartResponseSchema,
  drillDownResponseSchema,
  measureDefinitionsResponseSchema,
  measureResultsResponseSchema,
  okSchema,
  strataOptionsResponseSchema,
  type Annotation,
  type AnnotationInput,
  type AnnotationKind,
  type CascadeResponse,
  type ChartQuery,
  type ChartResponse,
  type DrillDownResponse,
  type LearningRun,
  type LearningScopeQuery,
  type MeasureDefinition,
  type MeasureId,
  type MeasureResultsResponse,
  type StrataOptionsResponse,
} from '@continuum/contracts';
import { ApiError, apiErrorFromBody } from '../../api/api-error.ts';
import { useSession } from '../../app/session-provider.tsx';

export interface DrillDownQuery {
  month: string;
  organizationId?: string;
  group?: 'numerator' | 'not_met' | 'denominator';
  limit?: number;
}

export interface AnnotationUpdate {
  date?: string;
  kind?: AnnotationKind;
  text?: string;
}

/** The learning-system endpoints (`contracts/src/learning.ts`), typed and parsed with the contract schemas. */
export interface LearningApi {
  getDefinitions(): Promise<MeasureDefinition[]>;
  getCascade(query: LearningScopeQuery): Promise<CascadeResponse>;
  getResults(query: LearningScopeQuery): Promise<MeasureResultsResponse>;
  getChart(measureId: MeasureId, query: ChartQuery): Promise<ChartResponse>;
  getStrata(): Promise<StrataOptionsResponse>;
  drillDown(measureId: MeasureId, query: DrillDownQuery): Promise<DrillDownResponse>;
  listAnnotations(query: { measureId?: MeasureId; organizationId?: string }): Promise<Annotation[]>;
  createAnnotation(body: AnnotationInput): Promise<Annotation>;
  updateAnnotation(id: string, body: AnnotationUpdate): Promise<Annotation>;
  deleteAnnotation(id: string): Promise<void>;
  /** Starts a computation of the cascade and measures (network administrators and analysts); it runs as a job. */
  recompute(body: { from?: string; to?: string }): Promise<LearningRun>;
  listRuns(): Promise<LearningRun[]>;
  /** Where the browser downloads the printable report (a plain GET with the session cookie). */
  reportPdfPath(query: LearningScopeQuery): string;
}

interface Parser<T> {
  parse(data: unknown): T;
}

/** `?a=1&b=2` from the defined values, or '' when there are none. */
export function learningQueryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Same-origin JSON over fetch with the session cookie, and the CSRF header on writes. */
export function createLearningHttpApi(
  csrfToken: () => string | null,
  doFetch: typeof fetch = (i, init) => globalThis.fetch(i, init),
): LearningApi {
  async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, parser: Parser<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      const token = csrfToken();
      if (token) headers[CSRF_HEADER] = token;
    }
    let response: Response;
    try {
      const hasBody = method === 'POST' || method === 'PATCH';
      if (!hasBody) delete headers['content-type'];
      response = await doFetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(hasBody ? { body: JSON.stringify(body ?? {}) } : {}),
      });
    } catch {
      throw new ApiError('NETWORK_ERROR', 'Cannot reach the server.');
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw apiErrorFromBody(response.status, json, response.headers.get('retry-after'));
    try {
      return parser.parse(json);
    } catch {
      throw new ApiError('UNEXPECTED_RESPONSE', 'The server answered in an unexpected shape.', { status: response.status });
    }
  }
  const id = encodeURIComponent;
  const q = learningQueryString;
  return {
    getDefinitions: async () => (await request('GET', '/api/learning/measures', measureDefinitionsResponseSchema)).items,
    getCascade: (query) => request('GET', `/api/learning/cascade${q(query)}`, cascadeResponseSchema),
    getResults: (query) => request('GET', `/api/learning/results${q(query)}`, measureResultsResponseSchema),
    getChart: (measureId, query) => request('GET', `/api/learning/measures/${id(measureId)}/chart${q(query)}`, chartResponseSchema),
    getStrata: () => request('GET', '/api/learning/strata', strataOptionsResponseSchema),
    drillDown: (measureId, query) => request('GET', `/api/learning/measures/${id(measureId)}/people${q(query)}`, drillDownResponseSchema),
    listAnnotations: async (query) => (await request('GET', `/api/learning/annotations${q(query)}`, annotationsResponseSchema)).items,
    createAnnotation: (body) => request('POST', '/api/learning/annotations', annotationSchema, body),
    updateAnnotation: (annotationId, body) => request('PATCH', `/api/learning/annotations/${id(annotationId)}`, annotationSchema, body),
    deleteAnnotation: async (annotationId) => {
      await request('DELETE', `/api/learning/annotations/${id(annotationId)}`, okSchema);
    },
    recompute: (body) => request('POST', '/api/learning/recompute', learningRunSchema, body),
    listRuns: async () => (await request('GET', '/api/learning/runs', learningRunsResponseSchema)).items,
    reportPdfPath: (query) => `/api/learning/report.pdf${q(query)}`,
  };
}

const LearningApiContext = createContext<LearningApi | null>(null);

/** Provides the learning API; without `api`, the HTTP one over the signed-in session. */
export function LearningApiProvider({ api, children }: { api?: LearningApi | undefined; children: ReactNode }) {
  const session = useSession();
  const csrf = session.csrfToken;
  const value = useMemo(() => api ?? createLearningHttpApi(() => csrf), [api, csrf]);
  return <LearningApiContext.Provider value={value}>{children}</LearningApiContext.Provider>;
}

export function useLearningApi(): LearningApi {
  const api = useContext(LearningApiContext);
  if (!api) throw new Error('useLearningApi must be used inside <LearningApiProvider>');
  return api;
}
