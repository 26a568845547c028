import { LinkBuilder, type CatchmentLinks } from './e2sfca.ts';

/**
 * Straight-line catchment links: every area–service pair within `maxMiles` (great-circle, haversine
 * on a sphere of the IUGG mean Earth radius, as the directory's locator measures), found through a
 * uniform latitude/longitude grid of the services so that each area looks only at the 3 × 3 cells
 * around it instead of every service. Cells are `maxMiles` tall and wide enough at the highest
 * latitude present, so no pair within reach is missed.
 */
export const EARTH_RADIUS_MILES = 3958.7613;
const RAD = Math.PI / 180;
/** Miles per degree of latitude on that sphere. */
const MILES_PER_DEGREE = EARTH_RADIUS_MILES * RAD;

export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
}

export function haversineMiles(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLon = (b.longitude - a.longitude) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A grid of points for radius queries. Each point is also kept as a unit vector, so the test of a
 * candidate is a squared chord length (three multiply-adds, no trigonometry): the chord c and the
 * great-circle distance d = 2R·asin(c/2) rise together, and c²/4 is the haversine term itself.
 */
export class PointGrid {
  private readonly cellLat: number;
  private readonly cellLon: number;
  private readonly cells = new Map<number, Int32Array>();
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly z: Float64Array;
  /** The squared chord at the radius, a hair generous; the exact distance decides. */
  private readonly chord2Max: number;

  constructor(
    points: readonly GeoPoint[],
    readonly radiusMiles: number,
  ) {
    this.x = Float64Array.from(points, (p) => Math.cos(p.latitude * RAD) * Math.cos(p.longitude * RAD));
    this.y = Float64Array.from(points, (p) => Math.cos(p.latitude * RAD) * Math.sin(p.longitude * RAD));
    this.z = Float64Array.from(points, (p) => Math.sin(p.latitude * RAD));
    this.chord2Max = 4 * Math.sin(Math.min(Math.PI, radiusMiles / EARTH_RADIUS_MILES) / 2) ** 2 * (1 + 1e-9);
    const maxAbsLat = points.reduce((m, p) => Math.max(m, Math.abs(p.latitude)), 0);
    // One cell spans at least the radius both ways, at the most poleward latitude a query can reach.
    this.cellLat = Math.max(radiusMiles / MILES_PER_DEGREE, 1e-9);
    const reachLat = Math.min(89.999, maxAbsLat + this.cellLat);
    this.cellLon = Math.min(360, this.cellLat / Math.cos(reachLat * RAD));
    const lists = new Map<number, number[]>();
    points.forEach((p, idx) => {
      const key = this.key(this.row(p.latitude), this.col(p.longitude));
      const cell = lists.get(key);
      if (cell) cell.push(idx);
      else lists.set(key, [idx]);
    });
    for (const [key, list] of lists) this.cells.set(key, Int32Array.from(list));
  }

  private row(latitude: number) {
    return Math.floor((latitude + 90) / this.cellLat);
  }
  private col(longitude: number) {
    return Math.floor((longitude + 180) / this.cellLon);
  }
  private key(row: number, col: number) {
    return row * 1_000_003 + col;
  }

  /** Calls `visit(index, miles)` for every point within the radius of `from`, nearest cells first by row. */
  within(from: GeoPoint, visit: (index: number, miles: number) => void): void {
    const r0 = this.row(from.latitude);
    const c0 = this.col(from.longitude);
    const cosLat = Math.cos(from.latitude * RAD);
    const fx = cosLat * Math.cos(from.longitude * RAD);
    const fy = cosLat * Math.sin(from.longitude * RAD);
    const fz = Math.sin(from.latitude * RAD);
    const { x, y, z, chord2Max, radiusMiles } = this;
    for (let r = r0 - 1; r <= r0 + 1; r++) {
      for (let c = c0 - 1; c <= c0 + 1; c++) {
        const cell = this.cells.get(this.key(r, c));
        if (!cell) continue;
        for (let k = 0; k < cell.length; k++) {
          const idx = cell[k]!;
          const dx = x[idx]! - fx;
          const dy = y[idx]! - fy;
          const dz = z[idx]! - fz;
          const chord2 = dx * dx + dy * dy + dz * dz;
          if (chord2 > chord2Max) continue;
          const miles = 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(chord2) / 2));
          if (miles <= radiusMiles) visit(idx, miles);
        }
      }
    }
  }
}

/** Links between every area and every service within `maxMiles` straight-line, cost in miles. */
export function straightLineLinks(areas: readonly GeoPoint[], services: readonly GeoPoint[], maxMiles: number): CatchmentLinks {
  const grid = new PointGrid(services, maxMiles);
  const links = new LinkBuilder();
  for (let i = 0; i < areas.length; i++) grid.within(areas[i]!, (j, miles) => links.add(i, j, miles));
  return links.build();
}
