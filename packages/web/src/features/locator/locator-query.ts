import {
  directoryLanguageCodes,
  locatorRadiusMiles,
  taxonomyCodesOf,
  type LocatorSearchParams,
  type TaxonomyCategory,
} from '@continuum/contracts';

/**
 * The locator keeps its whole search in the URL (place, distance, filters, language), so Back,
 * reload and a link sent to a friend show the same results. These pure functions move between the
 * URL, the form and the API query; anything unknown in the URL is dropped, never sent.
 */
export const listFilters = {
  medication: 'medication',
  levelOfCare: 'level_of_care',
  harmReduction: 'harm_reduction',
  payment: 'payment',
  population: 'population',
} as const satisfies Record<string, TaxonomyCategory>;
export type ListFilter = keyof typeof listFilters;
export const listFilterNames = Object.keys(listFilters) as ListFilter[];

export const flagFilters = ['walkIn', 'telehealth', 'openNow', 'hasCapacity'] as const;
export type FlagFilter = (typeof flagFilters)[number];

export const radiusChoices = [5, 10, 25, 50, 100] as const;

/** Results per page, and the most one page may hold (the API's `limit` maximum). */
export const resultPage = { size: 50, max: 200 } as const;

export interface LocatorFormValues {
  /** What the person typed: a 5-digit ZIP code or a town name. */
  place: string;
  /** Coordinates from the browser, used when `place` is empty. */
  coordinates: { lat: number; lon: number } | null;
  radius: number;
  lists: Record<ListFilter, string[]>;
  flags: Record<FlagFilter, boolean>;
  language: string;
  /** How many results to show; grows with "Show more results". */
  limit: number;
}

export function emptyFormValues(): LocatorFormValues {
  return {
    place: '',
    coordinates: null,
    radius: locatorRadiusMiles.default,
    lists: { medication: [], levelOfCare: [], harmReduction: [], payment: [], population: [] },
    flags: { walkIn: false, telehealth: false, openNow: false, hasCapacity: false },
    language: '',
    limit: resultPage.size,
  };
}

function codesFrom(value: string | null, allowed: readonly string[]): string[] {
  if (!value) return [];
  const given = new Set(value.split(',').map((code) => code.trim()));
  return allowed.filter((code) => given.has(code));
}

function numberFrom(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** The form as the URL describes it. */
export function formValuesFromUrl(search: URLSearchParams): LocatorFormValues {
  const values = emptyFormValues();
  values.place = (search.get('zip') ?? search.get('town') ?? '').trim();
  const lat = numberFrom(search.get('lat'));
  const lon = numberFrom(search.get('lon'));
  if (!values.place && lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    values.coordinates = { lat, lon };
  }
  const radius = numberFrom(search.get('radius'));
  if (radius !== null && radius >= locatorRadiusMiles.min && radius <= locatorRadiusMiles.max) values.radius = radius;
  for (const name of listFilterNames) values.lists[name] = codesFrom(search.get(name), taxonomyCodesOf(listFilters[name]));
  for (const name of flagFilters) values.flags[name] = search.get(name) === 'true';
  values.language = codesFrom(search.get('language'), directoryLanguageCodes)[0] ?? '';
  const limit = numberFrom(search.get('limit'));
  if (limit !== null && Number.isInteger(limit) && limit > resultPage.size && limit <= resultPage.max) values.limit = limit;
  return values;
}

export type PlaceProblem = 'missing' | 'zip' | 'town';

/** Why the typed place cannot be searched, or null when it can. */
export function placeProblem(values: Pick<LocatorFormValues, 'place' | 'coordinates'>): PlaceProblem | null {
  const place = values.place.trim();
  if (!place) return values.coordinates ? null : 'missing';
  if (/^\d+$/.test(place)) return /^\d{5}$/.test(place) ? null : 'zip';
  return place.length >= 2 ? null : 'town';
}

/**
 * The URL for a search. `lang` is carried along so the page stays in the person's language. A
 * typed place wins over coordinates; five digits are a ZIP code, anything else a town.
 */
export function urlFromFormValues(values: LocatorFormValues, lang?: string): URLSearchParams {
  const params = new URLSearchParams();
  const place = values.place.trim();
  if (place) params.set(/^\d{5}$/.test(place) ? 'zip' : 'town', place);
  else if (values.coordinates) {
    // About 100 m is plenty for a 1-mile search and keeps the exact position out of links and history.
    params.set('lat', values.coordinates.lat.toFixed(3));
    params.set('lon', values.coordinates.lon.toFixed(3));
  }
  params.set('radius', String(values.radius));
  for (const name of listFilterNames) if (values.lists[name].length > 0) params.set(name, values.lists[name].join(','));
  if (values.language) params.set('language', values.language);
  for (const name of flagFilters) if (values.flags[name]) params.set(name, 'true');
  if (values.limit > resultPage.size) params.set('limit', String(values.limit));
  if (lang) params.set('lang', lang);
  return params;
}

/** The API query for the URL, or null when the URL names no place yet (nothing to search). */
export function searchParamsFromUrl(search: URLSearchParams): LocatorSearchParams | null {
  const values = formValuesFromUrl(search);
  if (placeProblem(values) !== null) return null;
  const url = urlFromFormValues(values);
  const params: Record<string, string> = {};
  for (const [key, value] of url) params[key] = value;
  return params as LocatorSearchParams;
}

/** The one-tap harm-reduction search: every harm-reduction service, whatever else was chosen. */
export function harmReductionValues(values: LocatorFormValues): LocatorFormValues {
  const next = emptyFormValues();
  return {
    ...next,
    place: values.place,
    coordinates: values.coordinates,
    radius: values.radius,
    lists: { ...next.lists, harmReduction: taxonomyCodesOf('harm_reduction') },
  };
}

/** How many filters beyond place and distance are on, for the "Clear filters" button and the summary. */
export function activeFilterCount(values: LocatorFormValues): number {
  return (
    listFilterNames.reduce((sum, name) => sum + values.lists[name].length, 0) +
    flagFilters.filter((name) => values.flags[name]).length +
    (values.language ? 1 : 0)
  );
}
