import {
  asianSurnames,
  femaleGivenNames,
  hispanicFemaleGivenNames,
  hispanicMaleGivenNames,
  hispanicSurnames,
  maleGivenNames,
  ruralRoads,
  streetNames,
  streetSuffixes,
  surnames,
} from './demo-names.ts';
import { Random, weightedPicker } from './random.ts';
import type { SyntheticArea, SyntheticRegion } from './synthetic-region.ts';

/** OMB 1997 race categories (two-question format), as codes; null means not recorded. */
export const raceCodes = [
  'american-indian-or-alaska-native',
  'asian',
  'black-or-african-american',
  'native-hawaiian-or-other-pacific-islander',
  'white',
  'two-or-more-races',
] as const;
export type RaceCode = (typeof raceCodes)[number];

export const ethnicityCodes = ['hispanic-or-latino', 'not-hispanic-or-latino'] as const;
export type EthnicityCode = (typeof ethnicityCodes)[number];

/** Codes from the HL7 gender identity value set. */
export const genderIdentityCodes = ['female', 'male', 'transgender-female', 'transgender-male', 'non-binary', 'non-disclose'] as const;
export type GenderIdentityCode = (typeof genderIdentityCodes)[number];

/** BCP 47 language tags. */
export const languageCodes = ['en', 'es', 'vi', 'zh', 'tl', 'ko', 'ru', 'ar'] as const;
export type LanguageCode = (typeof languageCodes)[number];

/** Ages are drawn as of this date, so a seed gives the same birth dates whenever it runs. */
export const DEMO_REFERENCE_DATE = '2026-01-01';

export interface SyntheticPerson {
  /** The person's position in the seed's stream; people are a pure function of (seed, index). */
  index: number;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'female' | 'male' | 'unknown';
  genderIdentity: GenderIdentityCode | null;
  race: RaceCode | null;
  ethnicity: EthnicityCode | null;
  language: LanguageCode;
  phone: string | null;
  /** Null for a person with no fixed address. */
  address1: string | null;
  areaId: string;
}

// Age bands weighted toward 20-60: the ages at which people with OUD most often meet the care
// network; a few adolescents and older adults.
const ageBand = weightedPicker<readonly [number, number]>([
  [[12, 17], 4],
  [[18, 24], 12],
  [[25, 34], 25],
  [[35, 44], 23],
  [[45, 54], 16],
  [[55, 64], 12],
  [[65, 74], 5.5],
  [[75, 90], 2.5],
]);

const sexPick = weightedPicker<SyntheticPerson['sex']>([
  ['female', 49.6],
  ['male', 50.2],
  ['unknown', 0.2],
]);

const ethnicityPick = weightedPicker<EthnicityCode | null>([
  ['hispanic-or-latino', 16],
  ['not-hispanic-or-latino', 79],
  [null, 5],
]);

const racePick = weightedPicker<RaceCode | null>([
  ['white', 75],
  ['black-or-african-american', 2.8],
  ['asian', 5],
  ['american-indian-or-alaska-native', 2.2],
  ['native-hawaiian-or-other-pacific-islander', 0.6],
  ['two-or-more-races', 6.4],
  [null, 8],
]);

// Many people recorded as Hispanic or Latino leave race unrecorded or choose white or two or more.
const hispanicRacePick = weightedPicker<RaceCode | null>([
  ['white', 52],
  ['two-or-more-races', 16],
  ['american-indian-or-alaska-native', 4],
  ['black-or-african-american', 2],
  [null, 26],
]);

const hispanicLanguagePick = weightedPicker<LanguageCode>([
  ['es', 60],
  ['en', 40],
]);
const asianLanguagePick = weightedPicker<LanguageCode>([
  ['en', 62],
  ['vi', 14],
  ['zh', 11],
  ['tl', 7],
  ['ko', 6],
]);
const otherLanguagePick = weightedPicker<LanguageCode>([
  ['en', 985],
  ['ru', 7],
  ['ar', 5],
  ['es', 3],
]);

const AREA_CODES = ['541', '458'] as const;
const REFERENCE_YEAR = Number(DEMO_REFERENCE_DATE.slice(0, 4));

function genderIdentity(rng: Random, sex: SyntheticPerson['sex']): GenderIdentityCode | null {
  if (sex === 'unknown') return rng.chance(0.5) ? 'non-disclose' : null;
  const r = rng.next();
  if (r < 0.975) return sex;
  if (r < 0.981) return sex === 'male' ? 'transgender-female' : 'transgender-male';
  if (r < 0.989) return 'non-binary';
  return 'non-disclose';
}

function address(rng: Random, area: SyntheticArea): string | null {
  if (rng.chance(0.015)) return null;
  if (area.character === 'rural' && rng.chance(0.45)) return `${rng.int(100, 4999) * 10 + rng.int(0, 9)} ${rng.pick(ruralRoads)}`;
  const street = `${rng.int(100, 9999)} ${rng.pick(streetNames)} ${rng.pick(streetSuffixes)}`;
  const apartmentShare = area.character === 'urban' ? 0.35 : 0.12;
  return rng.chance(apartmentShare) ? `${street} Apt ${rng.int(1, 4)}${rng.pick(['A', 'B', 'C', 'D', '0', '1', '2'])}` : street;
}

/**
 * Returns a function from index to person for one seed and region. Each person has its own
 * generator derived from (seed, index), so any range is generated independently of the others.
 */
export function createPersonGenerator(seed: number, region: SyntheticRegion): (index: number) => SyntheticPerson {
  if (region.areas.length === 0) throw new RangeError('the region has no areas');
  const areaPick = weightedPicker(region.areas.map((a) => [a, a.population] as const));
  return (index) => {
    const rng = Random.forIndex(seed, 'people', index);
    const sex = sexPick(rng);
    const ethnicity = ethnicityPick(rng);
    const isHispanic = ethnicity === 'hispanic-or-latino';
    const race = isHispanic ? hispanicRacePick(rng) : racePick(rng);
    const isFemale = sex === 'female' || (sex === 'unknown' && rng.chance(0.5));
    const givenName =
      isHispanic && rng.chance(0.65)
        ? rng.pick(isFemale ? hispanicFemaleGivenNames : hispanicMaleGivenNames)
        : rng.pick(isFemale ? femaleGivenNames : maleGivenNames);
    const s = rng.next();
    const familyName = isHispanic
      ? s < 0.8
        ? rng.pick(hispanicSurnames)
        : rng.pick(surnames)
      : race === 'asian'
        ? s < 0.75
          ? rng.pick(asianSurnames)
          : rng.pick(surnames)
        : s < 0.03
          ? rng.pick(hispanicSurnames)
          : s < 0.04
            ? rng.pick(asianSurnames)
            : rng.pick(surnames);
    const language = isHispanic ? hispanicLanguagePick(rng) : race === 'asian' ? asianLanguagePick(rng) : otherLanguagePick(rng);

    // Age a on the reference date (1 January) means born between 2 January of year (ref - a - 1)
    // and 1 January of year (ref - a); Date.UTC rolls day 366 over into the next year.
    const [minAge, maxAge] = ageBand(rng);
    const birthYear = REFERENCE_YEAR - 1 - rng.int(minAge, maxAge);
    const daysInYear = (birthYear % 4 === 0 && birthYear % 100 !== 0) || birthYear % 400 === 0 ? 366 : 365;
    const birthDate = new Date(Date.UTC(birthYear, 0, 2 + rng.int(0, daysInYear - 1))).toISOString().slice(0, 10);

    const area = areaPick(rng);
    // 555-0100 to 555-0199 are reserved for fictional use in every North American area code.
    const phone = rng.chance(0.12) ? null : `(${rng.pick(AREA_CODES)}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`;
    return {
      index,
      givenName,
      familyName,
      birthDate,
      sex,
      genderIdentity: genderIdentity(rng, sex),
      race,
      ethnicity,
      language,
      phone,
      address1: address(rng, area),
      areaId: area.id,
    };
  };
}

/**
 * Lazily yields `count` synthetic people starting at `startIndex`. Memory stays flat however many
 * are asked for; person K is identical for any count above K.
 */
export function* generatePeople(
  seed: number,
  count: number,
  region: SyntheticRegion,
  startIndex = 0,
): Generator<SyntheticPerson, void, undefined> {
  const personAt = createPersonGenerator(seed, region);
  for (let i = 0; i < count; i++) yield personAt(startIndex + i);
}
