import { taxonomyCodes } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import type { DirectoryCapacityRow } from './directory.table.ts';
import { sortHours, toPeriods, type Period, type WeeklyHours } from './hours.ts';
import { loadAreas, type Area } from './places.ts';

/** One active service at one location, as the locator filters and shows it. */
export interface LocatorEntry {
  serviceId: string;
  locationId: string;
  organizationId: string;
  serviceName: string;
  organizationName: string;
  locationName: string;
  description: string | null;
  latitude: number;
  longitude: number;
  /** cos(latitude), kept for the distance computation. */
  cosLatitude: number;
  address: { address1: string; address2: string | null; city: string; region: string; postalCode: string };
  phone: string | null;
  codes: ReadonlySet<string>;
  /** The codes as bits (`codeMask`), for filtering thousands of entries per search. */
  maskLo: number;
  maskHi: number;
  languages: string[];
  hours: WeeklyHours[];
  periods: Period[];
  hoursNote: string | null;
  timeZone: string | null;
  verifiedAt: string | null;
}

/** A grid cell: its entries and the union of their code masks, to skip cells no entry of which matches. */
export interface GridCell {
  entries: LocatorEntry[];
  maskLo: number;
  maskHi: number;
}

export interface LocatorSnapshot {
  entries: LocatorEntry[];
  /** Entries by grid cell (`cellKey`), so a search visits only the cells its radius covers. */
  grid: Map<number, GridCell>;
  capacities: Map<string, DirectoryCapacityRow[]>;
  areas: Area[];
}

// Thirty bits per word keeps each mask a small integer in V8.
const BIT = new Map<string, number>(taxonomyCodes.map((c, i) => [c, i]));

/** Taxonomy codes as two 30-bit words; codes outside the Continuum taxonomy have no bit. */
export function codeMask(codes: Iterable<string>): { maskLo: number; maskHi: number } {
  let maskLo = 0;
  let maskHi = 0;
  for (const c of codes) {
    const bit = BIT.get(c);
    if (bit === undefined) continue;
    if (bit < 30) maskLo |= 1 << bit;
    else maskHi |= 1 << (bit - 30);
  }
  return { maskLo, maskHi };
}

/** Grid cells of 0.1° (about 7 by 5 miles at 45° N). */
export const CELL_DEGREES = 0.1;
export const cellOf = (degrees: number) => Math.floor(degrees / CELL_DEGREES);
export const cellKey = (latCell: number, lonCell: number) => (latCell + 1000) * 10_000 + (lonCell + 2000);

/**
 * The public locator's directory, held in memory. On PGlite (one connection, and query planning
 * that costs milliseconds in WebAssembly) a search that joined four tables per request could not
 * serve 32 concurrent searches within 50 ms; a scan of 25,000 entries in memory takes about a
 * millisecond. The directory's revision numbers are read (one small query) at most every
 * `recheckMs`, so a change is visible within that time plus one reload; the listings are reloaded
 * only after they changed, and capacity alone after a capacity update. Triggers keep the revisions
 * (migration `2026-11-23T1100-create-directory-revisions`), so changes made by any process are seen.
 *
 * With `recheckMs` above 0 a search never waits for the database once a snapshot exists: the
 * recheck and any reload run in the background (one at a time; searches meanwhile share it) and
 * searches are served the previous snapshot until the new one is ready. On PGlite the recheck
 * queues on the single connection behind write transactions; under a stream of directory writes a
 * search that waited for it starved (docs/performance.md, load). With `recheckMs` 0 every search
 * waits for the recheck, so it sees every change committed before it (tests, one-off calls).
 */
export class LocatorIndex {
  private snapshot: LocatorSnapshot | null = null;
  private revisions = { listings: '', capacity: '' };
  private refreshing: Promise<LocatorSnapshot> | null = null;
  private checkedAt = -Infinity;

  /**
   * `recheckMs`: how long a snapshot is served before the revisions are read again (0: every
   * search, and searches wait for it). `now`: a monotonic clock in milliseconds — this is cache
   * freshness, not domain time.
   */
  constructor(
    private readonly recheckMs = 0,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The directory to search: the current snapshot, starting a background recheck when it is due. */
  async current(db: DbOrTrx): Promise<LocatorSnapshot> {
    const snapshot = this.snapshot;
    if (snapshot && this.now() - this.checkedAt < this.recheckMs) return snapshot;
    const refresh = this.refresh(db);
    if (!snapshot || this.recheckMs === 0) return refresh;
    // A failed recheck leaves the previous snapshot in service; the next one due tries again.
    refresh.catch(() => undefined);
    return snapshot;
  }

  /** Settles when no recheck or reload is in flight (for tests and orderly shutdown). */
  async settled(): Promise<void> {
    await this.refreshing?.catch(() => undefined);
  }

  /** One recheck at a time; callers while it runs share it. */
  private refresh(db: DbOrTrx): Promise<LocatorSnapshot> {
    if (!this.refreshing) {
      this.checkedAt = this.now();
      this.refreshing = this.reload(db).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async reload(db: DbOrTrx): Promise<LocatorSnapshot> {
    const rows = await db.selectFrom('directory_revisions').select(['part', 'revision']).execute();
    const revisions = { listings: '', capacity: '' };
    for (const r of rows) revisions[r.part] = String(r.revision);
    const previous = this.snapshot;
    if (previous && revisions.listings === this.revisions.listings && revisions.capacity === this.revisions.capacity) return previous;
    const listingsChanged = !previous || revisions.listings !== this.revisions.listings;
    const capacities = await loadCapacities(db);
    const snapshot = listingsChanged ? { ...(await loadListings(db)), capacities } : { ...previous, capacities };
    this.snapshot = snapshot;
    this.revisions = revisions;
    return snapshot;
  }
}

async function loadCapacities(db: DbOrTrx): Promise<Map<string, DirectoryCapacityRow[]>> {
  const rows = await db.selectFrom('directory_capacities').selectAll().execute();
  const byService = new Map<string, DirectoryCapacityRow[]>();
  for (const r of rows) byService.set(r.service_id, [...(byService.get(r.service_id) ?? []), r]);
  return byService;
}

async function loadListings(db: DbOrTrx): Promise<Omit<LocatorSnapshot, 'capacities'>> {
  const [rows, schedules, areas] = await Promise.all([
    db
      .selectFrom('directory_service_at_locations as sal')
      .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
      .innerJoin('directory_services as s', 's.id', 'sal.service_id')
      .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
      .select([
        's.id as service_id',
        's.name as service_name',
        's.description',
        's.phone as service_phone',
        's.codes',
        's.languages',
        's.schedule_note',
        's.verified_at',
        'o.id as organization_id',
        'o.name as organization_name',
        'o.phone as organization_phone',
        'l.id as location_id',
        'l.name as location_name',
        'l.address1',
        'l.address2',
        'l.city',
        'l.region',
        'l.postal_code',
        'l.latitude',
        'l.longitude',
        'l.phone as location_phone',
        'l.time_zone',
      ])
      .where('s.status', '=', 'active')
      .execute(),
    db.selectFrom('directory_schedules').select(['service_id', 'location_id', 'day_of_week', 'opens_at', 'closes_at']).execute(),
    loadAreas(db),
  ]);
  const hoursByService = new Map<string, { location_id: string | null; hours: WeeklyHours }[]>();
  for (const h of schedules) {
    hoursByService.set(h.service_id, [
      ...(hoursByService.get(h.service_id) ?? []),
      { location_id: h.location_id, hours: { dayOfWeek: h.day_of_week, opensAt: h.opens_at, closesAt: h.closes_at } },
    ]);
  }
  const entries: LocatorEntry[] = rows.map((r) => ({
    serviceId: r.service_id,
    locationId: r.location_id,
    organizationId: r.organization_id,
    serviceName: r.service_name,
    organizationName: r.organization_name,
    locationName: r.location_name,
    description: r.description,
    latitude: r.latitude,
    longitude: r.longitude,
    cosLatitude: Math.cos((r.latitude * Math.PI) / 180),
    address: { address1: r.address1, address2: r.address2, city: r.city, region: r.region, postalCode: r.postal_code },
    phone: r.location_phone ?? r.service_phone ?? r.organization_phone,
    codes: new Set(r.codes),
    ...codeMask(r.codes),
    languages: r.languages,
    hours: sortHours(
      (hoursByService.get(r.service_id) ?? []).filter((h) => h.location_id === null || h.location_id === r.location_id).map((h) => h.hours),
    ),
    periods: [],
    hoursNote: r.schedule_note,
    timeZone: r.time_zone,
    verifiedAt: r.verified_at ? r.verified_at.toISOString() : null,
  }));
  const grid = new Map<number, GridCell>();
  for (const e of entries) {
    e.periods = toPeriods(e.hours);
    const key = cellKey(cellOf(e.latitude), cellOf(e.longitude));
    const cell = grid.get(key) ?? { entries: [], maskLo: 0, maskHi: 0 };
    cell.entries.push(e);
    cell.maskLo |= e.maskLo;
    cell.maskHi |= e.maskHi;
    grid.set(key, cell);
  }
  return { entries, grid, areas };
}
