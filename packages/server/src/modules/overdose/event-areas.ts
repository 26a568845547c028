import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';

/* Where an overdose happened: the network's areas and the nearest area to a point. */

export interface AreaPoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

export async function loadAreaPoints(db: DbOrTrx): Promise<AreaPoint[]> {
  return db.selectFrom('areas').select(['id', 'name', 'latitude', 'longitude']).orderBy('id').execute();
}

/** The area whose centre is nearest to a point (equirectangular distance; areas are small). */
export function nearestArea(areas: readonly AreaPoint[], latitude: number, longitude: number): AreaPoint | undefined {
  const cos = Math.cos((latitude * Math.PI) / 180);
  let best: AreaPoint | undefined;
  let bestD = Infinity;
  for (const a of areas) {
    const d = (a.latitude - latitude) ** 2 + ((a.longitude - longitude) * cos) ** 2;
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

/** Resolves the area of a report: the given id (must exist) or the nearest centre to the coordinates. */
export function areaOf(
  areas: readonly AreaPoint[],
  input: { areaId?: string | undefined; latitude?: number | undefined; longitude?: number | undefined },
  path: string,
): AreaPoint {
  if (input.areaId !== undefined) {
    const a = areas.find((x) => x.id === input.areaId);
    if (!a)
      throw new AppError('VALIDATION_FAILED', {
        message: 'Unknown area.',
        fields: [{ path: `${path}areaId`, message: 'No area with that id' }],
      });
    return a;
  }
  const a = nearestArea(areas, input.latitude!, input.longitude!);
  if (!a)
    throw new AppError('VALIDATION_FAILED', {
      message: 'No areas are set up.',
      fields: [{ path: `${path}latitude`, message: 'No area to place this in' }],
    });
  return a;
}
