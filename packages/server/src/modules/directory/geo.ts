/**
 * Great-circle geometry for the locator. Distances use the haversine formula on a sphere of the
 * IUGG mean Earth radius (6,371.0088 km = 3,958.7613 mi); on the scale of a county this agrees with
 * the ellipsoidal distance to well under 0.1 mile.
 */
export const EARTH_RADIUS_MILES = 3958.7613;
const rad = (deg: number) => (deg * Math.PI) / 180;

export interface Point {
  latitude: number;
  longitude: number;
}

export function distanceMiles(a: Point, b: Point): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** `distanceMiles` with both cosines of latitude given, for scans over many points from one place. */
export function haversineMiles(a: Point, cosA: number, b: Point & { cosLatitude: number }): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + cosA * b.cosLatitude * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Rounded to 0.1 mile, as shown to people. */
export function roundMiles(miles: number): number {
  return Math.round(miles * 10) / 10;
}

/**
 * A latitude/longitude box that contains every point within `miles` of `center`, for an index
 * scan before the exact distance check. Slightly generous; clamps at the poles.
 */
export function boundingBox(center: Point, miles: number) {
  const dLat = (miles / EARTH_RADIUS_MILES) * (180 / Math.PI);
  const cosLat = Math.cos(rad(Math.min(89.9, Math.abs(center.latitude) + dLat)));
  const dLon = Math.min(180, dLat / Math.max(cosLat, 1e-6));
  return {
    minLatitude: center.latitude - dLat * 1.001,
    maxLatitude: center.latitude + dLat * 1.001,
    minLongitude: center.longitude - dLon * 1.001,
    maxLongitude: center.longitude + dLon * 1.001,
  };
}

/** A link that opens directions to a point in the person's map app of choice (OpenStreetMap as the neutral default). */
export function directionsUrl(point: Point): string {
  const lat = point.latitude.toFixed(6);
  const lon = point.longitude.toFixed(6);
  return `https://www.openstreetmap.org/directions?route=%3B${lat}%2C${lon}#map=15/${lat}/${lon}`;
}
