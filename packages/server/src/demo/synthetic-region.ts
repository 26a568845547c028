import { Random } from './random.ts';

export type AreaCharacter = 'urban' | 'suburban' | 'rural';

export interface SyntheticTown {
  key: string;
  name: string;
  latitude: number;
  longitude: number;
  character: AreaCharacter;
}

/** A ZIP-like area: the unit that gap analysis, spike detection and people's addresses use. */
export interface SyntheticArea {
  id: string;
  name: string;
  townKey: string;
  town: string;
  postalCode: string;
  latitude: number;
  longitude: number;
  population: number;
  character: AreaCharacter;
}

export interface SyntheticRegion {
  name: string;
  /** A two-letter code that is no US state, territory or Canadian province. */
  regionCode: string;
  regionName: string;
  towns: SyntheticTown[];
  areas: SyntheticArea[];
}

interface TownPlan {
  key: string;
  name: string;
  latitude: number;
  longitude: number;
  population: number;
  character: AreaCharacter;
  /** One entry per postal area; the first is the town centre. */
  neighborhoods: readonly { name: string | null; character?: AreaCharacter }[];
}

// A fictional coastal county: the geography is fixed so organization names can name towns; the
// seed varies populations and exact coordinates.
const TOWNS: readonly TownPlan[] = [
  {
    key: 'harbor-city',
    name: 'Harbor City',
    latitude: 44.41,
    longitude: -123.05,
    population: 152_000,
    character: 'urban',
    neighborhoods: [
      { name: 'Downtown' },
      { name: 'Old Harbor' },
      { name: 'Eastside' },
      { name: 'Northgate' },
      { name: 'Riverside' },
      { name: 'University District' },
      { name: 'Southport' },
      { name: 'West Hills', character: 'suburban' },
    ],
  },
  {
    key: 'port-alder',
    name: 'Port Alder',
    latitude: 44.63,
    longitude: -123.44,
    population: 48_000,
    character: 'urban',
    neighborhoods: [
      { name: 'Waterfront' },
      { name: 'Bayview' },
      { name: 'North Port Alder', character: 'suburban' },
      { name: 'Alder Heights', character: 'suburban' },
    ],
  },
  {
    key: 'cedar-crossing',
    name: 'Cedar Crossing',
    latitude: 44.16,
    longitude: -122.86,
    population: 31_000,
    character: 'suburban',
    neighborhoods: [{ name: 'Town Center' }, { name: 'Cedar Park' }, { name: 'East Cedar Crossing', character: 'rural' }],
  },
  {
    key: 'millbrook',
    name: 'Millbrook',
    latitude: 44.29,
    longitude: -123.26,
    population: 21_000,
    character: 'suburban',
    neighborhoods: [{ name: null }, { name: 'Millbrook Valley', character: 'rural' }],
  },
  {
    key: 'fern-hollow',
    name: 'Fern Hollow',
    latitude: 44.52,
    longitude: -122.81,
    population: 16_000,
    character: 'suburban',
    neighborhoods: [{ name: null }, { name: 'Upper Fern Hollow', character: 'rural' }],
  },
  {
    key: 'brightwater',
    name: 'Brightwater',
    latitude: 44.71,
    longitude: -123.09,
    population: 11_000,
    character: 'rural',
    neighborhoods: [{ name: null }],
  },
  {
    key: 'elk-prairie',
    name: 'Elk Prairie',
    latitude: 44.08,
    longitude: -123.38,
    population: 9_000,
    character: 'rural',
    neighborhoods: [{ name: null }, { name: 'Prairie Valley' }],
  },
  {
    key: 'stillwater',
    name: 'Stillwater',
    latitude: 44.45,
    longitude: -123.52,
    population: 7_000,
    character: 'rural',
    neighborhoods: [{ name: null }],
  },
  {
    key: 'juniper-flats',
    name: 'Juniper Flats',
    latitude: 44.27,
    longitude: -122.69,
    population: 6_000,
    character: 'rural',
    neighborhoods: [{ name: null }],
  },
  {
    key: 'kestrel-point',
    name: 'Kestrel Point',
    latitude: 44.75,
    longitude: -123.51,
    population: 5_000,
    character: 'rural',
    neighborhoods: [{ name: null }],
  },
  {
    key: 'saltgrass',
    name: 'Saltgrass',
    latitude: 44.62,
    longitude: -122.72,
    population: 4_000,
    character: 'rural',
    neighborhoods: [{ name: null }],
  },
  {
    key: 'marlow',
    name: 'Marlow',
    latitude: 44.05,
    longitude: -123.12,
    population: 3_000,
    character: 'rural',
    neighborhoods: [{ name: null }],
  },
];

export const REGION_BOUNDS = { minLatitude: 44.0, maxLatitude: 44.8, minLongitude: -123.6, maxLongitude: -122.6 } as const;

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Harbor County, in the fictional region "XS": 12 towns and 27 postal areas (97101-97127) in a
 * compact box around 44.0-44.8 N, 123.6-122.6 W, about 300,000 residents.
 */
export function generateRegion(seed: number): SyntheticRegion {
  const rng = Random.fromSeed(seed, 'region');
  const towns: SyntheticTown[] = [];
  const areas: SyntheticArea[] = [];
  let zip = 97101;
  for (const plan of TOWNS) {
    towns.push({ key: plan.key, name: plan.name, latitude: plan.latitude, longitude: plan.longitude, character: plan.character });
    const townPopulation = plan.population * rng.float(0.88, 1.12);
    // Split the town among its areas; the centre gets a larger share.
    const shares = plan.neighborhoods.map((_, i) => (i === 0 ? 1.4 : 1) * rng.float(0.7, 1.3));
    const shareTotal = shares.reduce((a, b) => a + b, 0);
    const spread = plan.character === 'urban' ? 0.035 : 0.06;
    plan.neighborhoods.forEach((n, i) => {
      const postalCode = String(zip++);
      const latitude = i === 0 ? plan.latitude + rng.float(-0.004, 0.004) : plan.latitude + rng.float(-spread, spread);
      const longitude = i === 0 ? plan.longitude + rng.float(-0.004, 0.004) : plan.longitude + rng.float(-spread, spread) * 1.4;
      areas.push({
        id: `hc-${postalCode}`,
        name: n.name ? `${plan.name} – ${n.name}` : plan.name,
        townKey: plan.key,
        town: plan.name,
        postalCode,
        latitude: round(clamp(latitude, REGION_BOUNDS.minLatitude + 0.01, REGION_BOUNDS.maxLatitude - 0.01), 5),
        longitude: round(clamp(longitude, REGION_BOUNDS.minLongitude + 0.01, REGION_BOUNDS.maxLongitude - 0.01), 5),
        population: Math.round((townPopulation * (shares[i] as number)) / shareTotal / 10) * 10,
        character: n.character ?? plan.character,
      });
    });
  }
  return { name: 'Harbor County', regionCode: 'XS', regionName: 'Example State', towns, areas };
}
