import {
  areaSeriesSchema,
  boundaryCollectionSchema,
  mapConfigSchema,
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
  type BoundaryCollection,
  type MapConfig,
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
import { segment, type ApiRequest } from '../../api/request.ts';

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
  /** The areas' imported boundaries (reference geography) and the basemap, for the map. */
  getBoundaries(): Promise<BoundaryCollection>;
  getMapConfig(): Promise<MapConfig>;
  listThresholds(): Promise<{ items: { areaId: string; areaName: string; threshold: number }[]; defaultThreshold: number | null }>;
  setThreshold(areaId: string, threshold: number): Promise<{ areaId: string; areaName: string; threshold: number }>;
  getSettings(): Promise<OverdoseSettings>;
  saveSettings(body: OverdoseSettings): Promise<OverdoseSettings>;
  getAreaSeries(areaId: string, days: number): Promise<AreaSeries>;
}

/** The overdose client over the app's one `request()` (cookie, CSRF header, session-lost signal, errors). */
export function createOverdoseHttpApi(request: ApiRequest): OverdoseApi {
  const id = segment;
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
    getBoundaries: () => request('GET', '/api/areas/boundaries', boundaryCollectionSchema),
    getMapConfig: () => request('GET', '/api/map/config', mapConfigSchema),
    listThresholds: () => request('GET', '/api/overdose/thresholds', areaThresholdListSchema),
    setThreshold: (areaId, threshold) => request('PUT', `/api/overdose/thresholds/${id(areaId)}`, areaThresholdSchema, { threshold }),
    getSettings: () => request('GET', '/api/overdose/settings', overdoseSettingsSchema),
    saveSettings: (body) => request('PUT', '/api/overdose/settings', overdoseSettingsSchema, body),
    getAreaSeries: (areaId, days) => request('GET', `/api/overdose/areas/${id(areaId)}/series?days=${days}`, areaSeriesSchema),
  };
}
