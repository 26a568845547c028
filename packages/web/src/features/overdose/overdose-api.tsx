import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  CSRF_HEADER,
  areaSeriesSchema,
  nearbyServicesSchema,
  overdoseAlertListSchema,
  overdoseAlertSchema,
  overdoseEventListSchema,
  overdoseEventSchema,
  overdoseImportResultSchema,
  overdoseMapSchema,
  overdoseRecordedSchema,
  naloxoneDistributionListSchema,
  naloxoneDistributionSchema,
  alertSubscriptionSchema,
  areaThresholdListSchema,
  areaThresholdSchema,
  overdoseSettingsSchema,
  type AreaSeries,
  type OverdoseSettings,
  type NaloxoneDistribution,
  type NearbyServices,
  type OverdoseAlert,
  type OverdoseEvent,
  type OverdoseImportResult,
  type OverdoseMap,
  type OverdoseRecorded,
  type RecordNaloxone,
  type RecordOverdose,
} from '@continuum/contracts';
import { ApiError, apiErrorFromBody } from '../../api/api-error.ts';
import { useSession } from '../../app/session-provider.tsx';

/** The overdose-response endpoints (`contracts/src/overdose.ts`), typed and parsed with the contract schemas. */
export interface OverdoseApi {
  recordOverdose(body: RecordOverdose): Promise<OverdoseRecorded>;
  importOverdoses(body: { csv: string; dryRun?: boolean }): Promise<OverdoseImportResult>;
  listEvents(days: number): Promise<OverdoseEvent[]>;
  getEvent(id: string): Promise<OverdoseEvent>;
  nearbyServices(id: string): Promise<NearbyServices>;
  examinerReport(id: string, body: { note: string }): Promise<OverdoseEvent>;
  recordNaloxone(body: RecordNaloxone): Promise<NaloxoneDistribution>;
  listNaloxone(days: number): Promise<{ items: NaloxoneDistribution[]; totalKits: number }>;
  listAlerts(status: 'open' | 'acknowledged' | 'all'): Promise<OverdoseAlert[]>;
  acknowledgeAlert(id: string, annotation?: string): Promise<OverdoseAlert>;
  getSubscription(): Promise<boolean>;
  setSubscription(subscribed: boolean): Promise<boolean>;
  getMap(days: 7 | 30): Promise<OverdoseMap>;
  listThresholds(): Promise<{ items: { areaId: string; areaName: string; threshold: number }[]; defaultThreshold: number | null }>;
  setThreshold(areaId: string, threshold: number): Promise<{ areaId: string; areaName: string; threshold: number }>;
  getSettings(): Promise<OverdoseSettings>;
  saveSettings(body: OverdoseSettings): Promise<OverdoseSettings>;
  getAreaSeries(areaId: string, days: number): Promise<AreaSeries>;
}

interface Parser<T> {
  parse(data: unknown): T;
}

/** Same-origin JSON over fetch with the session cookie, and the CSRF header on writes. */
export function createOverdoseHttpApi(
  csrfToken: () => string | null,
  doFetch: typeof fetch = (i, init) => globalThis.fetch(i, init),
): OverdoseApi {
  async function request<T>(method: 'GET' | 'POST' | 'PUT', path: string, parser: Parser<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      const token = csrfToken();
      if (token) headers[CSRF_HEADER] = token;
    }
    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
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
  return {
    recordOverdose: (body) => request('POST', '/api/overdose/events', overdoseRecordedSchema, body),
    importOverdoses: (body) => request('POST', '/api/overdose/events/import', overdoseImportResultSchema, body),
    listEvents: async (days) => (await request('GET', `/api/overdose/events?days=${days}`, overdoseEventListSchema)).items,
    getEvent: (eventId) => request('GET', `/api/overdose/events/${id(eventId)}`, overdoseEventSchema),
    nearbyServices: (eventId) => request('GET', `/api/overdose/events/${id(eventId)}/nearby-services`, nearbyServicesSchema),
    examinerReport: (eventId, body) => request('POST', `/api/overdose/events/${id(eventId)}/examiner-report`, overdoseEventSchema, body),
    recordNaloxone: (body) => request('POST', '/api/overdose/naloxone', naloxoneDistributionSchema, body),
    listNaloxone: (days) => request('GET', `/api/overdose/naloxone?days=${days}`, naloxoneDistributionListSchema),
    listAlerts: async (status) => (await request('GET', `/api/overdose/alerts?status=${status}`, overdoseAlertListSchema)).items,
    acknowledgeAlert: (alertId, annotation) =>
      request('POST', `/api/overdose/alerts/${id(alertId)}/acknowledge`, overdoseAlertSchema, annotation ? { annotation } : {}),
    getSubscription: async () => (await request('GET', '/api/overdose/alerts/subscription', alertSubscriptionSchema)).subscribed,
    setSubscription: async (subscribed) =>
      (await request('PUT', '/api/overdose/alerts/subscription', alertSubscriptionSchema, { subscribed })).subscribed,
    getMap: (days) => request('GET', `/api/overdose/map?days=${days}`, overdoseMapSchema),
    listThresholds: () => request('GET', '/api/overdose/thresholds', areaThresholdListSchema),
    setThreshold: (areaId, threshold) => request('PUT', `/api/overdose/thresholds/${id(areaId)}`, areaThresholdSchema, { threshold }),
    getSettings: () => request('GET', '/api/overdose/settings', overdoseSettingsSchema),
    saveSettings: (body) => request('PUT', '/api/overdose/settings', overdoseSettingsSchema, body),
    getAreaSeries: (areaId, days) => request('GET', `/api/overdose/areas/${id(areaId)}/series?days=${days}`, areaSeriesSchema),
  };
}

const OverdoseApiContext = createContext<OverdoseApi | null>(null);

/** Provides the overdose API; without `api`, the HTTP one over the signed-in session. */
export function OverdoseApiProvider({ api, children }: { api?: OverdoseApi; children: ReactNode }) {
  const session = useSession();
  const csrf = session.csrfToken;
  const value = useMemo(() => api ?? createOverdoseHttpApi(() => csrf), [api, csrf]);
  return <OverdoseApiContext.Provider value={value}>{children}</OverdoseApiContext.Provider>;
}

export function useOverdoseApi(): OverdoseApi {
  const api = useContext(OverdoseApiContext);
  if (!api) throw new Error('useOverdoseApi must be used inside <OverdoseApiProvider>');
  return api;
}
