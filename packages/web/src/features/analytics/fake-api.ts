import type {
  Annotation,
  AnnotationInput,
  CascadeResponse,
  ChartQuery,
  ChartResponse,
  DrillDownResponse,
  LearningRun,
  LearningScopeQuery,
  MeasureDefinition,
  MeasureId,
  MeasureResultsResponse,
  StrataOptionsResponse,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import type { AnnotationUpdate, DrillDownQuery, LearningApi } from './api.ts';
import { aCascade } from './fake-fixtures.ts';

/**
 * An in-memory learning API for component tests: it answers with the stored responses, keeps the
 * annotations (and puts them on the charts, as the server does) and records every query, so a
 * test can check what the page asked for.
 */
export class FakeLearningApi implements LearningApi {
  definitions: MeasureDefinition[] = [];
  results: MeasureResultsResponse | null = null;
  cascade: CascadeResponse = aCascade();
  charts = new Map<MeasureId, ChartResponse>();
  strata: StrataOptionsResponse = { dimensions: [] };
  drillDowns = new Map<MeasureId, DrillDownResponse>();
  annotations: Annotation[] = [];
  calls: { method: string; args: unknown[] }[] = [];
  private nextId = 1;

  private log(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  getDefinitions() {
    this.log('getDefinitions');
    return Promise.resolve(this.definitions);
  }

  getCascade(query: LearningScopeQuery) {
    this.log('getCascade', query);
    return Promise.resolve(this.cascade);
  }

  getResults(query: LearningScopeQuery) {
    this.log('getResults', query);
    if (!this.results) return Promise.reject(new ApiError('NETWORK_ERROR', 'Cannot reach the server.'));
    return Promise.resolve({ ...this.results, stratum: query.stratum ?? null });
  }

  getChart(measureId: MeasureId, query: ChartQuery) {
    this.log('getChart', measureId, query);
    const chart = this.charts.get(measureId);
    if (!chart) return Promise.reject(new ApiError('NOT_FOUND', 'Not found.', { status: 404 }));
    const annotations = this.annotations.filter(
      (a) =>
        (a.measureId === null || a.measureId === measureId) &&
        (a.organizationId === null || a.organizationId === (query.organizationId ?? null)),
    );
    return Promise.resolve({
      ...chart,
      annotations,
      ...(query.baselineFrom && query.baselineTo ? { baseline: { from: query.baselineFrom, to: query.baselineTo } } : {}),
    });
  }

  getStrata() {
    this.log('getStrata');
    return Promise.resolve(this.strata);
  }

  drillDown(measureId: MeasureId, query: DrillDownQuery) {
    this.log('drillDown', measureId, query);
    const found = this.drillDowns.get(measureId);
    if (!found)
      return Promise.reject(
        new ApiError('FORBIDDEN', 'Only clinicians and care navigators see the people behind a number.', { status: 403 }),
      );
    return Promise.resolve({ ...found, month: query.month });
  }

  listAnnotations(query: { measureId?: MeasureId; organizationId?: string }) {
    this.log('listAnnotations', query);
    return Promise.resolve(this.annotations.filter((a) => !query.measureId || a.measureId === null || a.measureId === query.measureId));
  }

  createAnnotation(body: AnnotationInput) {
    this.log('createAnnotation', body);
    if (!body.text.trim())
      return Promise.reject(
        new ApiError('VALIDATION_FAILED', 'Check the fields.', { status: 400, fields: [{ path: 'body.text', message: 'Too small' }] }),
      );
    const now = '2026-11-20T10:00:00.000Z';
    const annotation: Annotation = {
      id: `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`,
      measureId: body.measureId ?? null,
      organizationId: body.organizationId ?? null,
      date: body.date,
      kind: body.kind ?? 'change',
      text: body.text.trim(),
      createdAt: now,
      updatedAt: now,
    };
    this.annotations.push(annotation);
    return Promise.resolve(annotation);
  }

  updateAnnotation(id: string, body: AnnotationUpdate) {
    this.log('updateAnnotation', id, body);
    const found = this.annotations.find((a) => a.id === id);
    if (!found) return Promise.reject(new ApiError('NOT_FOUND', 'Not found.', { status: 404 }));
    Object.assign(found, body);
    return Promise.resolve({ ...found });
  }

  deleteAnnotation(id: string) {
    this.log('deleteAnnotation', id);
    this.annotations = this.annotations.filter((a) => a.id !== id);
    return Promise.resolve();
  }

  runs: LearningRun[] = [];

  recompute(body: { from?: string; to?: string }) {
    this.log('recompute', body);
    const run: LearningRun = {
      id: `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`,
      from: body.from ?? '2024-12',
      to: body.to ?? '2026-11',
      status: 'running',
      startedAt: '2026-11-20T10:00:00.000Z',
      finishedAt: null,
      durationMs: null,
      people: null,
      events: null,
    };
    this.runs.unshift(run);
    return Promise.resolve({ ...run });
  }

  listRuns() {
    this.log('listRuns');
    return Promise.resolve(this.runs.map((r) => ({ ...r })));
  }

  reportPdfPath(query: LearningScopeQuery) {
    const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][]).toString();
    return `/api/learning/report.pdf${search ? `?${search}` : ''}`;
  }
}
