import { PointGrid, type GeoPoint } from './catchment-links.ts';
import { LinkBuilder, type CatchmentLinks } from './e2sfca.ts';

/**
 * Travel-time catchment links from an OSRM server's table service
 * (http://project-osrm.org/docs/v5.24.0/api/#table-service):
 *
 *   GET {base}/table/v1/{profile}/{lon,lat;lon,lat;…}?sources=…&destinations=…&annotations=duration
 *   → { "code": "Ok", "durations": [[seconds | null, …], …] }
 *
 * Only pairs a straight line could cover within the catchment at `maxSpeedMph` are asked for
 * (default 70 mph: no road trip of 30 minutes is longer than 35 miles as the crow flies at that
 * speed), and requests are batched so that sources + destinations stay within the server's
 * `--max-table-size` (osrm-routed's default is 100). Durations come back in seconds and leave here
 * in minutes; a pair with no route (null) is outside the catchment.
 */
export interface OsrmOptions {
  /** The server's base URL, e.g. http://localhost:5000 (CONTINUUM_ROUTING_URL). */
  readonly baseUrl: string;
  /** OSRM profile in the URL; osrm-routed serves whichever profile it was built with under any name. */
  readonly profile?: string;
  /** Largest sources + destinations per request (osrm-routed --max-table-size; default 100). */
  readonly maxTableSize?: number;
  /** Fastest straight-line speed assumed for the prefilter (default 70 mph). */
  readonly maxSpeedMph?: number;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Per-request timeout in milliseconds (default 30 s). */
  readonly timeoutMs?: number;
}

export class RoutingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoutingError';
  }
}

interface Batch {
  sources: number[];
  destinations: number[];
  /** For each source, the destinations it asked for (the prefiltered candidates). */
  wanted: Map<number, Set<number>>;
}

/** Plans the table requests: areas grouped by their grid neighbourhood, each request within the size limit. */
export function planTableBatches(candidates: readonly (readonly number[])[], maxTableSize: number): Batch[] {
  if (maxTableSize < 2) throw new RangeError('maxTableSize: must be at least 2');
  const batches: Batch[] = [];
  let current: Batch = { sources: [], destinations: [], wanted: new Map() };
  let destinationSet = new Set<number>();
  const flush = () => {
    if (current.sources.length > 0) batches.push(current);
    current = { sources: [], destinations: [], wanted: new Map() };
    destinationSet = new Set();
  };
  candidates.forEach((wanted, area) => {
    if (wanted.length === 0) return;
    if (wanted.length + 1 > maxTableSize) {
      flush();
      for (let start = 0; start < wanted.length; start += maxTableSize - 1) {
        const chunk = wanted.slice(start, start + maxTableSize - 1);
        batches.push({ sources: [area], destinations: chunk, wanted: new Map([[area, new Set(chunk)]]) });
      }
      return;
    }
    const added = wanted.filter((j) => !destinationSet.has(j)).length;
    if (current.sources.length + 1 + destinationSet.size + added > maxTableSize) flush();
    current.sources.push(area);
    current.wanted.set(area, new Set(wanted));
    for (const j of wanted) {
      if (!destinationSet.has(j)) {
        destinationSet.add(j);
        current.destinations.push(j);
      }
    }
  });
  flush();
  return batches;
}

const coordinate = (p: GeoPoint) => `${p.longitude.toFixed(6)},${p.latitude.toFixed(6)}`;

async function requestTable(
  options: OsrmOptions,
  areas: readonly GeoPoint[],
  services: readonly GeoPoint[],
  batch: Batch,
): Promise<(number | null)[][]> {
  const coords = [...batch.sources.map((i) => coordinate(areas[i]!)), ...batch.destinations.map((j) => coordinate(services[j]!))];
  const sources = batch.sources.map((_, k) => k).join(';');
  const destinations = batch.destinations.map((_, k) => batch.sources.length + k).join(';');
  const base = options.baseUrl.replace(/\/+$/, '');
  const url = `${base}/table/v1/${encodeURIComponent(options.profile ?? 'driving')}/${coords.join(';')}?sources=${sources}&destinations=${destinations}&annotations=duration`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  } catch (error) {
    throw new RoutingError(`routing server ${base} did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new RoutingError(`routing server ${base} answered ${response.status} without JSON`);
  }
  const parsed = body as { code?: unknown; message?: unknown; durations?: unknown };
  if (!response.ok || parsed.code !== 'Ok') {
    const code = typeof parsed.code === 'string' ? parsed.code : `HTTP ${response.status}`;
    const message = typeof parsed.message === 'string' ? `: ${parsed.message}` : '';
    throw new RoutingError(`routing server ${base} refused a table request (${code}${message})`);
  }
  const durations = parsed.durations;
  if (
    !Array.isArray(durations) ||
    durations.length !== batch.sources.length ||
    !durations.every((row) => Array.isArray(row) && row.length === batch.destinations.length)
  ) {
    throw new RoutingError(`routing server ${base} answered a table of the wrong shape`);
  }
  return durations as (number | null)[][];
}

/** Links between areas and services within `maxMinutes` of driving, cost in minutes. */
export async function travelTimeLinks(
  areas: readonly GeoPoint[],
  services: readonly GeoPoint[],
  maxMinutes: number,
  options: OsrmOptions,
): Promise<CatchmentLinks> {
  const prefilterMiles = (maxMinutes / 60) * (options.maxSpeedMph ?? 70);
  const grid = new PointGrid(services, prefilterMiles);
  const candidates = areas.map((area) => {
    const near: number[] = [];
    grid.within(area, (j) => near.push(j));
    return near.sort((a, b) => a - b);
  });
  const batches = planTableBatches(candidates, options.maxTableSize ?? 100);
  const tables: (number | null)[][][] = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const b = next++;
      tables[b] = await requestTable(options, areas, services, batches[b]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, batches.length) }, worker));

  // Collected in batch order, so the links (and the sums over them) do not depend on answer timing.
  const links = new LinkBuilder();
  batches.forEach((batch, b) => {
    batch.sources.forEach((area, s) => {
      const wanted = batch.wanted.get(area)!;
      batch.destinations.forEach((service, d) => {
        const seconds = tables[b]![s]![d];
        if (!wanted.has(service) || typeof seconds !== 'number' || !Number.isFinite(seconds)) return;
        const minutes = seconds / 60;
        if (minutes <= maxMinutes) links.add(area, service, minutes);
      });
    });
  });
  return links.build();
}
