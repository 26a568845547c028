import {
  type BoundaryCollection,
  recordOverdoseSchema,
  type NearbyServices,
  type OverdoseAlert,
  type OverdoseSettings,
  type OverdoseEvent,
  type OverdoseMap,
  type RecordOverdose,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import type { OverdoseApi } from './api.ts';

/** An in-memory OverdoseApi for component tests: records calls and answers from what the test arranged. */
export class FakeOverdoseApi implements OverdoseApi {
  recorded: RecordOverdose[] = [];
  events: OverdoseEvent[] = [];
  alerts: OverdoseAlert[] = [];
  subscribed = false;
  map: OverdoseMap = {
    days: 7,
    from: '2026-11-13T00:00:00.000Z',
    to: '2026-11-20T00:00:00.000Z',
    suppressed: false,
    bounds: { minLatitude: 45.0, maxLatitude: 45.2, minLongitude: -122.8, maxLongitude: -122.4 },
    areas: [
      { id: 'A1', name: 'Harbor North', latitude: 45.15, longitude: -122.7, count: 14, openAlerts: 1 },
      { id: 'A2', name: 'Bayview', latitude: 45.05, longitude: -122.5, count: 3, openAlerts: 0 },
    ],
    total: 17,
  };

  recordOverdose = async (body: RecordOverdose) => {
    const parsed = recordOverdoseSchema.safeParse(body);
    if (!parsed.success)
      throw new ApiError('VALIDATION_FAILED', 'The request has invalid fields.', {
        status: 400,
        fields: parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })),
      });
    this.recorded.push(body);
    const id = `00000000-0000-4000-8000-${String(this.recorded.length).padStart(12, '0')}`;
    this.events.push(this.anEvent({ id, personRestricted: false, fatal: parsed.data.fatal }));
    return {
      id,
      areaId: parsed.data.areaId ?? 'A1',
      careEventId: body.personId ? id : null,
      outreachTaskId: body.personId ? id : null,
      notified: body.personId ? 2 : 0,
      alertIds: [],
    };
  };
  /** Problems the next import answers with (a 400 naming each row), or none. */
  importProblems: { path: string; message: string }[] = [];
  importOverdoses = async (body: { csv: string; dryRun?: boolean }) => {
    if (this.importProblems.length > 0)
      throw new ApiError('VALIDATION_FAILED', `${this.importProblems.length} problem(s) in the CSV; nothing was imported.`, {
        status: 400,
        fields: this.importProblems,
      });
    const rows = body.csv.trim().split('\n').length - 1;
    return { imported: rows, alreadyPresent: 0, dryRun: body.dryRun ?? false };
  };
  listEvents = async () => this.events;
  getEvent = async (id: string) => {
    const e = this.events.find((x) => x.id === id);
    if (!e) throw new ApiError('NOT_FOUND', 'No such overdose event.', { status: 404 });
    return e;
  };
  services: NearbyServices['items'] = [];
  nearbyServices = async () => ({ areaId: 'A1', areaName: 'Harbor North', items: this.services });
  examinerReport = async (id: string, body: { note: string }) => {
    const e = await this.getEvent(id);
    Object.assign(e, { fatal: true, disposition: 'deceased', examinerNote: body.note, examinerReportedAt: '2026-11-20T12:00:00.000Z' });
    return e;
  };
  recordNaloxone = async () => {
    throw new ApiError('FORBIDDEN', 'Not in this fake.', { status: 403 });
  };
  listNaloxone = async () => ({ items: [], totalKits: 0 });
  listAlerts = async (status: 'open' | 'acknowledged' | 'all') =>
    this.alerts.filter((a) => status === 'all' || (status === 'open') === (a.acknowledgedAt === null));
  acknowledgeAlert = async (id: string, annotation?: string) => {
    const a = this.alerts.find((x) => x.id === id)!;
    a.acknowledgedAt ??= '2026-11-20T12:00:00.000Z';
    if (annotation !== undefined) a.annotation = annotation;
    return a;
  };
  getSubscription = async () => this.subscribed;
  setSubscription = async (subscribed: boolean) => (this.subscribed = subscribed);
  getMap = async (days: 7 | 30) => ({ ...this.map, days });
  boundaries: BoundaryCollection = { type: 'FeatureCollection', features: [] };
  getBoundaries = async () => this.boundaries;
  getMapConfig = async () => ({ styleUrl: null });
  thresholds = new Map<string, number>();
  settings: OverdoseSettings = { outreachOrganizationId: null, outreachDueHours: 72, defaultThreshold: null, minSigma: 1 };
  listThresholds = async () => ({
    items: [...this.thresholds].map(([areaId, threshold]) => ({
      areaId,
      areaName: this.map.areas.find((a) => a.id === areaId)?.name ?? areaId,
      threshold,
    })),
    defaultThreshold: this.settings.defaultThreshold,
  });
  setThreshold = async (areaId: string, threshold: number) => {
    this.thresholds.set(areaId, threshold);
    return { areaId, areaName: this.map.areas.find((a) => a.id === areaId)?.name ?? areaId, threshold };
  };
  getSettings = async () => this.settings;
  saveSettings = async (body: OverdoseSettings) => (this.settings = body);
  getAreaSeries = async (areaId: string) => ({
    areaId,
    areaName: this.map.areas.find((a) => a.id === areaId)?.name ?? areaId,
    suppressed: false,
    points: [
      { date: '2026-11-18', count: 1 },
      { date: '2026-11-19', count: 6 },
      { date: '2026-11-20', count: 2 },
    ],
    alerts: [{ id: '00000000-0000-4000-8000-0000000000aa', date: '2026-11-19', detector: 'threshold' as const }],
  });

  anEvent(overrides: Partial<OverdoseEvent> = {}): OverdoseEvent {
    return {
      id: '00000000-0000-4000-8000-000000000001',
      occurredAt: '2026-11-20T09:30:00.000Z',
      areaId: 'A1',
      areaName: 'Harbor North',
      latitude: null,
      longitude: null,
      fatal: false,
      naloxoneDoses: 2,
      naloxoneBy: ['ems'],
      suspectedSubstances: ['fentanyl'],
      disposition: 'transported',
      sourceType: 'ems',
      reportingOrganizationId: '00000000-0000-4000-8000-0000000000ee',
      reportingOrganizationName: 'Harbor EMS',
      person: null,
      personRestricted: false,
      examinerNote: null,
      examinerReportedAt: null,
      createdAt: '2026-11-20T09:40:00.000Z',
      ...overrides,
    };
  }
}
