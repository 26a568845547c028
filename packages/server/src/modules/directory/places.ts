import zipcodes from 'zipcodes';
import type { LocatorSearchQuery } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { Point } from './geo.ts';

/* Where a locator search starts: the network's own areas (ZIP codes and towns), then US ZIP codes. */

export interface Place extends Point {
  label: string;
  source: 'network' | 'us_zip' | 'coordinates';
}

export interface Area {
  town: string;
  postal_code: string;
  latitude: number;
  longitude: number;
}

/**
 * Resolves the search place: coordinates as given; a ZIP or town from the network's own areas
 * first (the demo county's postal codes overlap real ones), then the offline `zipcodes` data for
 * real US ZIP codes and "Town, ST" names. Unknown → 400 PLACE_NOT_FOUND naming the field.
 */
export function placeFromAreas(areas: readonly Area[], query: Pick<LocatorSearchQuery, 'zip' | 'town' | 'lat' | 'lon'>): Place {
  const given = [query.zip !== undefined, query.town !== undefined, query.lat !== undefined || query.lon !== undefined].filter(
    Boolean,
  ).length;
  if (given !== 1) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Give exactly one place: zip, town, or lat and lon.',
      fields: [{ path: 'querystring.zip', message: 'Give exactly one of zip, town, or lat and lon' }],
    });
  }
  if (query.lat !== undefined || query.lon !== undefined) {
    if (query.lat === undefined || query.lon === undefined) {
      const missing = query.lat === undefined ? 'lat' : 'lon';
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: `querystring.${missing}`, message: 'Give both lat and lon' }] });
    }
    return { label: 'Your location', latitude: query.lat, longitude: query.lon, source: 'coordinates' };
  }
  if (query.zip !== undefined) {
    const area = areas.find((a) => a.postal_code === query.zip);
    if (area) return { label: `${area.postal_code} · ${area.town}`, latitude: area.latitude, longitude: area.longitude, source: 'network' };
    const zip = zipcodes.lookup(query.zip);
    if (zip) return { label: `${zip.zip} · ${zip.city}, ${zip.state}`, latitude: zip.latitude, longitude: zip.longitude, source: 'us_zip' };
    throw new AppError('PLACE_NOT_FOUND', {
      message: 'Unknown ZIP code.',
      fields: [{ path: 'querystring.zip', message: 'Unknown ZIP code' }],
    });
  }
  const [name, state] = (query.town ?? '')
    .trim()
    .split(',')
    .map((s) => s.trim());
  const area = areas.find((a) => a.town.toLowerCase() === (name ?? '').toLowerCase());
  if (area) return { label: area.town, latitude: area.latitude, longitude: area.longitude, source: 'network' };
  if (name && state) {
    const found = zipcodes.lookupByName(name, state);
    if (found.length > 0) {
      const lat = found.reduce((s, z) => s + z.latitude, 0) / found.length;
      const lon = found.reduce((s, z) => s + z.longitude, 0) / found.length;
      return { label: `${found[0]!.city}, ${found[0]!.state}`, latitude: lat, longitude: lon, source: 'us_zip' };
    }
  }
  throw new AppError('PLACE_NOT_FOUND', {
    message: 'Unknown town.',
    fields: [{ path: 'querystring.town', message: 'Unknown town; try "Town, ST" or a ZIP code' }],
  });
}

/** The network's areas, town centres first (by postal code). */
export async function loadAreas(db: DbOrTrx): Promise<Area[]> {
  return db.selectFrom('areas').select(['town', 'postal_code', 'latitude', 'longitude']).orderBy('postal_code').orderBy('id').execute();
}

export async function resolvePlace(db: DbOrTrx, query: Pick<LocatorSearchQuery, 'zip' | 'town' | 'lat' | 'lon'>): Promise<Place> {
  return placeFromAreas(await loadAreas(db), query);
}
