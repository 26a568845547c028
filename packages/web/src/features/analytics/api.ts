import {
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
import { queryString, segment, type ApiRequest } from '../../api/request.ts';

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

/** The learning client over the app's one `request()` (cookie, CSRF header, session-lost signal, errors). */
export function createLearningHttpApi(request: ApiRequest): LearningApi {
  const id = segment;
  const q = queryString;
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
